"""Protected spans: text that must come through translation byte for byte.

URLs, e-mail addresses, @handles, prices, order numbers / SKUs (configurable patterns) and a
shop's glossary terms are replaced by numbered placeholders ``[1]``, ``[2]``… before the model
sees the text and put back afterwards. Placeholders of this shape are copied by Argos models
(digits and brackets are almost never translated), and the restorer also accepts the variants a
model produces (``[ 1 ]``, full-width ``［1］``). Text that already looks like a placeholder is
itself protected, so restoration is never ambiguous. A placeholder the model dropped is appended
to its segment, so a URL or an order number is never lost; the caller lowers its confidence.

Restoration is exact: the model output is never passed through Argos's decoder, which turns
``_`` into spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from translation.glossary import Glossary

_CURRENCY_CODES = "USD|JPY|EUR|GBP|CNY|RMB|TWD|NTD|HKD|KRW|SGD|AUD|CAD|THB|VND|IDR|MYR|PHP|CHF"
_AMOUNT = r"\d{1,3}(?:[,.\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"

URL = r"(?:https?://|www\.)[^\s<>\"'「」（）()\[\]]+[^\s<>\"'「」（）()\[\].,;:!?。、，！？]"
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
HANDLE = r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
PRICE = (
    rf"(?:(?:US|NT|HK|S|A|C)?\$|[¥￥€£₩฿]|(?:{_CURRENCY_CODES})\s?)\s?(?:{_AMOUNT})"
    rf"|(?:{_AMOUNT})\s?(?:円|元|원|圓|塊|€|(?:{_CURRENCY_CODES})\b|yen\b|dollars?\b|euros?\b)"
)
#: Default order number / SKU / tracking number shapes; a shop can pass its own.
ORDER_NUMBERS: tuple[str, ...] = (
    r"#\s?[A-Za-z0-9][A-Za-z0-9_-]{2,}",  # #12345, #A-1001
    r"\b(?=[A-Z0-9_-]*\d)(?=[A-Z0-9_-]*[A-Z])[A-Z0-9]+(?:[-_][A-Z0-9]+)+\b",  # KH-2024-0042
    r"\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Z])[A-Z][A-Za-z0-9]{4,}\b",  # SKU88421, AB12345CD
    r"\b\d{6,}\b",  # tracking and long order numbers
    r"\b\d{2,}-\d{2,}(?:-\d+)*\b",  # 123-4567-890
)
PLACEHOLDER = re.compile(r"\[(\d{1,4})\]")
# What models make of a placeholder: spaces inside, full-width brackets or digits.
_PLACEHOLDER_VARIANTS = re.compile(r"[\[［]\s?([0-9０-９]{1,4})\s?[\]］]")


@dataclass(frozen=True)
class SpanPatterns:
    """Which spans to protect. ``order_numbers`` is the shop-configurable part."""

    order_numbers: Sequence[str] = ORDER_NUMBERS
    urls: bool = True
    emails: bool = True
    handles: bool = True
    prices: bool = True
    extra: Sequence[str] = field(default_factory=tuple)

    def compile(self) -> re.Pattern[str]:
        parts = [PLACEHOLDER.pattern]
        if self.urls:
            parts.append(URL)
        if self.emails:
            parts.append(EMAIL)
        if self.handles:
            parts.append(HANDLE)
        if self.prices:
            parts.append(PRICE)
        parts.extend(self.order_numbers)
        parts.extend(self.extra)
        return re.compile("|".join(f"(?:{p})" for p in parts))


@dataclass(frozen=True)
class ProtectedText:
    """``text`` with spans replaced by ``[n]``; ``originals[n]`` is what goes back in."""

    text: str
    originals: Mapping[int, str]


class SpanProtector:
    """Replaces protected spans with placeholders and puts them back."""

    def __init__(self, patterns: SpanPatterns | None = None) -> None:
        self.patterns = patterns or SpanPatterns()
        self._pattern = self.patterns.compile()

    def protect(
        self, text: str, *, glossary: Glossary | None = None, target: str | None = None
    ) -> ProtectedText:
        """Protect spans in ``text``. Glossary renderings are chosen for ``target``."""
        spans: list[tuple[int, int, str]] = []
        if glossary and glossary.pattern is not None:
            for match in glossary.pattern.finditer(text):
                term = glossary.term_for(match)
                rendering = term.rendering(target) if target else None
                spans.append((match.start(), match.end(), rendering or match.group()))
        taken = [(s, e) for s, e, _ in spans]
        for match in self._pattern.finditer(text):
            start, end = match.span()
            if start == end or any(s < end and start < e for s, e in taken):
                continue
            spans.append((start, end, match.group()))
        spans.sort()
        pieces: list[str] = []
        originals: dict[int, str] = {}
        cursor = 0
        for number, (start, end, original) in enumerate(spans, start=1):
            pieces.append(text[cursor:start])
            pieces.append(f"[{number}]")
            originals[number] = original
            cursor = end
        pieces.append(text[cursor:])
        return ProtectedText("".join(pieces), originals)

    @staticmethod
    def numbers_in(text: str) -> list[int]:
        """Placeholder numbers in a (protected) text, in order."""
        return [int(m.group(1)) for m in PLACEHOLDER.finditer(text)]

    @staticmethod
    def repair(translated: str, expected: Iterable[int]) -> tuple[str, int]:
        """Canonicalise placeholders in a model output and re-add the ones it dropped.

        Returns the repaired text and how many placeholders were missing. Placeholders the
        model invented (numbers not in ``expected``) are removed.
        """
        wanted = list(expected)
        allowed = set(wanted)

        def canonical(match: re.Match[str]) -> str:
            number = int(match.group(1).translate(_FULL_WIDTH_DIGITS))
            return f"[{number}]" if number in allowed else ""

        text = _PLACEHOLDER_VARIANTS.sub(canonical, translated)
        present = set(SpanProtector.numbers_in(text))
        missing = [n for n in wanted if n not in present]
        if missing:
            text = text.rstrip() + " " + " ".join(f"[{n}]" for n in missing)
        return text, len(missing)

    @staticmethod
    def restore(text: str, originals: Mapping[int, str]) -> str:
        """Put the original spans back in place of their placeholders."""

        def original(match: re.Match[str]) -> str:
            number = int(match.group(1))
            return originals.get(number, match.group())

        return PLACEHOLDER.sub(original, text)


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
