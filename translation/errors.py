"""Errors of the translation domain, each with a message a person can act on."""

from __future__ import annotations

from collections.abc import Iterable


class TranslationError(Exception):
    """Base class for everything the translation package raises on purpose."""


class UnsupportedPairError(TranslationError):
    """No installed package (nor a pivot through English) translates ``source`` → ``target``.

    The gateway worker catches this to mark a message ``model_missing`` and retries once
    :meth:`translation.engine.TranslationEngine.supports` says the pair is available.
    """

    def __init__(self, source: str, target: str, installed: Iterable[tuple[str, str]]) -> None:
        self.source = source
        self.target = target
        self.installed = sorted(installed)
        listed = ", ".join(f"{s}→{t}" for s, t in self.installed) or "none"
        super().__init__(
            f"no translation model for {source}→{target} (installed pairs: {listed}); "
            f"install one with `kakehashi models install {source} {target}`"
        )


class PackageError(TranslationError):
    """An Argos package that cannot be installed or used; nothing was changed on disk."""


class IndexUnavailableError(TranslationError):
    """The Argos package index (or a package download) cannot be reached."""


class PackageNotFoundError(TranslationError):
    """The package asked for is not installed, or not offered by the index."""
