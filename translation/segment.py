"""Sentence segmentation for CJK, Thai and Latin scripts that keeps a message's layout.

Argos splits sentences with Stanza or MiniSBD, which download models at run time and pull in
torch. We split with rules instead: paragraphs and line breaks are kept, list markers
(``-``, ``*``, ``・``, ``1.``, ``(a)``, ``①``) and indentation are copied and not translated,
Latin sentences end at ``.!?…`` followed by a space (not after common abbreviations or before a
lower-case word), CJK sentences end at ``。！？!?`` (closing quotes stay with their sentence),
and Thai sentences end at spaces between Thai words. Overlong sentences are cut at a clause
boundary (comma, space) or, failing that, hard, so a 1 MB text never reaches the model as one
segment.

:func:`segment` returns a :class:`SegmentedText`; translate ``.sentences`` in order and call
``.join(translations)`` to rebuild the text with the original whitespace and markers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_MAX_CHARS = 400

_LIST_MARKER = re.compile(
    r"^[ \t\u3000]*(?:[-*•・●○■□◆◇▶►→>]+|\(?[0-9０-９]{1,3}[.)．）、]|\(?[a-zA-Z][.)]|"
    r"[①-⑳]|[（(][0-9a-zA-Z一二三四五六七八九十]{1,3}[)）])?[ \t\u3000]*"
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g i.e no nr approx inc ltd co corp dept fig "
    "jan feb mar apr jun jul aug sep sept oct nov dec tel p.s u.s".split()
)
# A Latin sentence end: terminal punctuation, optional closing quotes/brackets, then spaces.
_LATIN_END = re.compile(r"[.!?…]+[\"'”’)\]]*(\s+)")
# A CJK sentence end: full-width or ASCII terminal punctuation, optional closing quotes.
_CJK_END = re.compile(r"[。！？!?]+[」』）)】〕\"”’]*(\s*)")
_THAI_BREAK = re.compile(r"(?<=[\u0E00-\u0E7F])(\s+)(?=[\u0E00-\u0E7F])")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SOFT_BREAKS = ("。", "、", "，", ",", ";", "；", ":", " ", "\u3000")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class SegmentedText:
    """A text cut into translatable sentences and the layout around them."""

    layout: tuple[str, ...]
    """Separators: ``layout[i]`` comes before ``sentences[i]``; the last one ends the text."""
    sentences: tuple[str, ...]

    def join(self, translated: Sequence[str]) -> str:
        if len(translated) != len(self.sentences):
            raise ValueError("one translation per sentence is needed")
        parts = [self.layout[0]]
        for sentence, separator in zip(translated, self.layout[1:], strict=True):
            parts.append(sentence)
            parts.append(separator)
        return "".join(parts)


def segment(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> SegmentedText:
    """Cut ``text`` into sentences of at most ``max_chars`` characters, keeping its layout."""
    layout: list[str] = []
    sentences: list[str] = []
    pending = ""  # separator text accumulated since the last sentence
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        marker = _LIST_MARKER.match(body)
        prefix_end = marker.end() if marker else 0
        # A line that is only a marker (or a number) is layout, not a sentence.
        if not _LETTER.search(body[prefix_end:]):
            prefix_end = len(body)
        pending += body[:prefix_end]
        content = body[prefix_end:]
        for piece, trailing in _split_line(content, max_chars):
            layout.append(pending)
            sentences.append(piece)
            pending = trailing
        pending += ending
    layout.append(pending)
    return SegmentedText(tuple(layout), tuple(sentences))


def has_letters(text: str) -> bool:
    """Whether a sentence has anything for a model to translate (not just numbers/symbols)."""
    return bool(_LETTER.search(text))


def _split_line(line: str, max_chars: int) -> list[tuple[str, str]]:
    """Sentences of one line, each with the whitespace that follows it."""
    stripped = line.rstrip()
    trailing_space = line[len(stripped) :]
    if not stripped:
        return []
    result: list[tuple[str, str]] = []
    boundaries = _sentence_ends(stripped)
    start = 0
    for end, gap in boundaries:
        result.extend(_cap(stripped[start:end], gap, max_chars))
        start = end + len(gap)
    result.extend(_cap(stripped[start:], trailing_space, max_chars))
    return result


def _sentence_ends(line: str) -> list[tuple[int, str]]:
    """(end index, following whitespace) of each sentence in a line except the last."""
    ends: dict[int, str] = {}
    for match in _LATIN_END.finditer(line):
        end = match.start(1)
        if end >= len(line) or not _starts_sentence(line[match.end() :]):
            continue
        before = line[max(0, match.start() - 12) : match.start()].split()
        word = before[-1].lower() if before else ""
        if line[match.start()] == "." and (word.rstrip(".") in _ABBREVIATIONS or len(word) == 1):
            continue
        ends[end] = match.group(1)
    for match in _CJK_END.finditer(line):
        end = match.start(1)
        full_width = line[match.start()] in "。！？"
        if end < len(line) and (full_width or _CJK_CHAR.match(line, max(0, match.start() - 1))):
            ends.setdefault(end, match.group(1))
    for match in _THAI_BREAK.finditer(line):
        ends.setdefault(match.start(1), match.group(1))
    return sorted(ends.items())


def _starts_sentence(rest: str) -> bool:
    first = rest[:1]
    return bool(first) and not first.islower()


def _cap(sentence: str, gap: str, max_chars: int) -> list[tuple[str, str]]:
    """Cut a sentence longer than ``max_chars`` at a soft break, else hard."""
    if not sentence:
        return []
    pieces: list[tuple[str, str]] = []
    while len(sentence) > max_chars:
        window = sentence[:max_chars]
        cut = max(window.rfind(b) for b in _SOFT_BREAKS)
        if cut < max_chars // 3:
            cut = max_chars - 1
        cut = _outside_placeholder(sentence, cut + 1)
        head = sentence[:cut]
        body = head.rstrip()
        pieces.append((body, head[len(body) :]))
        sentence = sentence[cut:]
    pieces.append((sentence, gap))
    return pieces


def _outside_placeholder(text: str, cut: int) -> int:
    """Move a cut so it does not fall inside a ``[n]`` placeholder."""
    opening = text.rfind("[", max(0, cut - 6), cut)
    if opening != -1 and "]" in text[opening : cut + 6] and "]" not in text[opening:cut]:
        return opening if opening > 0 else text.index("]", opening) + 1
    return cut
