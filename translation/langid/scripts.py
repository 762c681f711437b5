"""Which writing system each letter belongs to, and what a script says about the language.

Kana is Japanese, Hangul Korean, Thai script Thai: for those a detector has nothing to guess.
Latin, Cyrillic, Arabic and Han are shared by several languages and need a closer look.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

LATIN: Final = "Latn"
CYRILLIC: Final = "Cyrl"
GREEK: Final = "Grek"
ARMENIAN: Final = "Armn"
HEBREW: Final = "Hebr"
ARABIC: Final = "Arab"
DEVANAGARI: Final = "Deva"
BENGALI: Final = "Beng"
GURMUKHI: Final = "Guru"
GUJARATI: Final = "Gujr"
TAMIL: Final = "Taml"
TELUGU: Final = "Telu"
KANNADA: Final = "Knda"
MALAYALAM: Final = "Mlym"
SINHALA: Final = "Sinh"
THAI: Final = "Thai"
LAO: Final = "Laoo"
MYANMAR: Final = "Mymr"
GEORGIAN: Final = "Geor"
ETHIOPIC: Final = "Ethi"
KHMER: Final = "Khmr"
HANGUL: Final = "Hang"
HIRAGANA: Final = "Hira"
KATAKANA: Final = "Kana"
BOPOMOFO: Final = "Bopo"
HAN: Final = "Hani"

# (first, last, script), sorted; letters outside every range are not counted.
_RANGES: Final[tuple[tuple[int, int, str], ...]] = (
    (0x0041, 0x005A, LATIN),
    (0x0061, 0x007A, LATIN),
    (0x00C0, 0x024F, LATIN),
    (0x0370, 0x03FF, GREEK),
    (0x0400, 0x052F, CYRILLIC),
    (0x0530, 0x058F, ARMENIAN),
    (0x0590, 0x05FF, HEBREW),
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x0900, 0x097F, DEVANAGARI),
    (0x0980, 0x09FF, BENGALI),
    (0x0A00, 0x0A7F, GURMUKHI),
    (0x0A80, 0x0AFF, GUJARATI),
    (0x0B80, 0x0BFF, TAMIL),
    (0x0C00, 0x0C7F, TELUGU),
    (0x0C80, 0x0CFF, KANNADA),
    (0x0D00, 0x0D7F, MALAYALAM),
    (0x0D80, 0x0DFF, SINHALA),
    (0x0E00, 0x0E7F, THAI),
    (0x0E80, 0x0EFF, LAO),
    (0x1000, 0x109F, MYANMAR),
    (0x10A0, 0x10FF, GEORGIAN),
    (0x1100, 0x11FF, HANGUL),
    (0x1200, 0x139F, ETHIOPIC),
    (0x1780, 0x17FF, KHMER),
    (0x1E00, 0x1EFF, LATIN),
    (0x3040, 0x309F, HIRAGANA),
    (0x30A0, 0x30FF, KATAKANA),
    (0x3100, 0x312F, BOPOMOFO),
    (0x3130, 0x318F, HANGUL),
    (0x31A0, 0x31BF, BOPOMOFO),
    (0x31F0, 0x31FF, KATAKANA),
    (0x3400, 0x4DBF, HAN),
    (0x4E00, 0x9FFF, HAN),
    (0xA960, 0xA97F, HANGUL),
    (0xAC00, 0xD7AF, HANGUL),
    (0xF900, 0xFAFF, HAN),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE70, 0xFEFF, ARABIC),
    (0xFF66, 0xFF9F, KATAKANA),
    (0x20000, 0x3134F, HAN),
)

#: Languages written in each script other than Latin and Han (which nearly everyone shares).
SCRIPT_LANGUAGES: Final[dict[str, tuple[str, ...]]] = {
    CYRILLIC: ("ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "mn", "tg"),
    GREEK: ("el",),
    ARMENIAN: ("hy",),
    HEBREW: ("he", "yi"),
    ARABIC: ("ar", "fa", "ur", "ps", "ug", "sd"),
    DEVANAGARI: ("hi", "mr", "ne", "sa"),
    BENGALI: ("bn", "as"),
    GURMUKHI: ("pa",),
    GUJARATI: ("gu",),
    TAMIL: ("ta",),
    TELUGU: ("te",),
    KANNADA: ("kn",),
    MALAYALAM: ("ml",),
    SINHALA: ("si",),
    THAI: ("th",),
    LAO: ("lo",),
    MYANMAR: ("my",),
    GEORGIAN: ("ka",),
    ETHIOPIC: ("am", "ti"),
    KHMER: ("km",),
    HANGUL: ("ko",),
    HIRAGANA: ("ja",),
    KATAKANA: ("ja",),
    BOPOMOFO: ("zh-Hant",),
}

#: Scripts of East Asian text, where one character carries about a word's worth of meaning.
CJK_SCRIPTS: Final = frozenset({HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO})
# Weight of one character when scripts compete for a mixed message ("iPhone 15のケース"):
# an alphabetic letter counts 1, a CJK character about as much as a short Latin word part.
_CJK_WEIGHT: Final = 2.5


@lru_cache(maxsize=16_384)
def script_of(ch: str) -> str | None:
    """ISO 15924 code of the script of one letter; ``None`` for digits, spaces, punctuation."""
    code = ord(ch)
    lo, hi = 0, len(_RANGES) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        first, last, script = _RANGES[mid]
        if code < first:
            hi = mid - 1
        elif code > last:
            lo = mid + 1
        else:
            if script == LATIN and not ch.isalpha():
                return None  # × and ÷ sit among the Latin-1 letters
            return script
    return None


@dataclass(frozen=True)
class ScriptProfile:
    """How many letters of each script a text holds, and which script family leads."""

    counts: Counter[str]

    @property
    def letters(self) -> int:
        return sum(self.counts.values())

    @property
    def cjk_weight(self) -> float:
        return _CJK_WEIGHT * sum(self.counts[s] for s in CJK_SCRIPTS)

    def dominant(self, *, latin_discount: float = 0.0) -> str | None:
        """The script family with the most weight: ``"CJK"`` or a script code, or ``None``.

        ``latin_discount`` is subtracted from the Latin count: letters of brand names and
        acronyms (``EMS``, ``PayPal``) that say little about the writer's language.
        """
        weights: dict[str, float] = {}
        for script, count in self.counts.items():
            if script not in CJK_SCRIPTS:
                weights[script] = float(count)
        if LATIN in weights:
            weights[LATIN] = max(0.0, weights[LATIN] - latin_discount)
        cjk = self.cjk_weight
        if cjk:
            weights["CJK"] = cjk
        best = max(sorted(weights), key=lambda s: weights[s], default=None)
        if best is None or weights[best] <= 0:
            return None
        return best


def profile(text: str) -> ScriptProfile:
    """Count the letters of ``text`` per script."""
    counts: Counter[str] = Counter()
    for ch in text:
        script = script_of(ch)
        if script is not None:
            counts[script] += 1
    return ScriptProfile(counts)
