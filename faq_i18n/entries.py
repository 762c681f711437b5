"""Plain data for FAQ entries: the Japanese source and its per-locale translations.

These dataclasses are what the import/export formats read and write and what the public pages
are rendered from; the database layer (``gateway.faq``) converts its rows to and from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from faq_i18n.hashing import source_hash


class Status(StrEnum):
    MACHINE = "machine"  # produced by the translation engine, not checked by a person
    REVIEWED = "reviewed"  # written or approved by a person
    STALE = "stale"  # the Japanese source changed after this was translated


@dataclass
class LocaleText:
    """One translation of an entry.

    ``source_hash`` is the hash of the Japanese question and answer it translates; ``model``
    names the engine model for machine translations and is ``None`` once a person approved it.
    """

    question: str
    answer: str
    status: Status = Status.REVIEWED
    source_hash: str = ""
    model: str | None = None


@dataclass
class FaqItem:
    """One question and answer, kept in Japanese, with its translations by locale."""

    slug: str
    category: str
    question: str
    answer: str
    position: int = 0
    published: bool = True
    translations: dict[str, LocaleText] = field(default_factory=dict)

    @property
    def source_hash(self) -> str:
        return source_hash(self.question, self.answer)
