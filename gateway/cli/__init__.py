"""The ``kakehashi`` command line (also ``python -m gateway``)."""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="kakehashi")
def main() -> None:
    """Kakehashi: a cross-border support gateway for Japanese shops."""


def _register() -> None:
    # Subcommands live one domain per module; importing them here keeps `main` the single entry.
    from gateway.cli import commands  # noqa: F401


_register()
