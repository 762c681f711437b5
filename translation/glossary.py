"""A shop's glossary: brand and product names to keep as they are or to render a fixed way.

The gateway builds one per shop from its rows::

    Glossary([GlossaryTerm("Kakehashi Tea"), GlossaryTerm("抹茶", {"en": "matcha"})])

A term with no rendering for the target language comes through exactly as written; a term with a
rendering for the target language (a BCP 47 tag) is replaced by it. Either way the model never sees
the term: it is a protected span (see :mod:`translation.spans`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class GlossaryTerm:
    """One glossary entry: ``term`` as it appears in source texts, renderings by target tag."""

    term: str
    renderings: Mapping[str, str] = field(default_factory=dict)
    case_sensitive: bool = False

    def __post_init__(self) -> None:
        if not self.term.strip():
            raise ValueError("a glossary term cannot be empty")

    def rendering(self, target: str) -> str | None:
        """The forced rendering in ``target``, or ``None`` to keep the matched text as is."""
        return self.renderings.get(target)


class Glossary:
    """Terms matched longest first; Latin-script terms only match whole words."""

    def __init__(self, terms: Iterable[GlossaryTerm] = ()) -> None:
        self.terms: tuple[GlossaryTerm, ...] = tuple(
            sorted(terms, key=lambda t: (-len(t.term), t.term))
        )

    def __bool__(self) -> bool:
        return bool(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """One regex whose group ``g<i>`` matches ``terms[i]``."""
        if not self.terms:
            return None
        parts = []
        for i, term in enumerate(self.terms):
            body = re.escape(term.term)
            if not term.case_sensitive:
                body = f"(?i:{body})"
            # Word boundaries only where the term starts/ends with a word character, so
            # "Tea" does not match inside "Steam", while CJK terms match anywhere.
            if term.term[0].isascii() and term.term[0].isalnum():
                body = rf"(?<![\w]){body}"
            if term.term[-1].isascii() and term.term[-1].isalnum():
                body = rf"{body}(?![\w])"
            parts.append(f"(?P<g{i}>{body})")
        return re.compile("|".join(parts))

    def term_for(self, match: re.Match[str]) -> GlossaryTerm:
        """The term a match of :attr:`pattern` found."""
        name = match.lastgroup
        if name is None:
            raise ValueError("not a glossary match")
        return self.terms[int(name[1:])]
