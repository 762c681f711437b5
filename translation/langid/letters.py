"""Letters that tell close languages apart: what one writes and its neighbours never do.

Neighbours share most of their spelling, and an n-gram model trained on encyclopedias hesitates
between them on a short message. Their alphabets do not hesitate: ``ř`` is Czech and never
Slovak, ``ы`` Russian and never Ukrainian, ``ے`` Urdu and never Persian. Each table below is an
orthography fact, not a frequency: a language's *own* letters count for it (once per distinct
letter), letters its alphabet *lacks* count against it.
"""

from __future__ import annotations

from typing import Final

# log-odds of one distinct letter
_OWN: Final = 2.0
_LACKS: Final = -2.5

#: Letters that single a language out among the neighbours it is confused with.
OWN_LETTERS: Final[dict[str, str]] = {
    # West Slavic
    "cs": "řěů",
    "sk": "ôĺŕľ",
    "pl": "łśźż",
    # Scandinavian: Danish and Norwegian write æø (Swedish äö, but so do German and Finnish)
    "da": "æø",
    "nb": "æø",
    # Iberian
    "pt": "ãõ",
    "ca": "ŀ",
    # Spanish opens questions and exclamations upside down (Galician may; others never do)
    "es": "¿¡",
    # Cyrillic
    "ru": "ыэё",
    "be": "ўі",
    "uk": "іїєґ",
    "mk": "ѓќѕ",
    "sr": "ђћ",
    "bg": "ъ",
    "ky": "ңөү",
    # Arabic script: Urdu's retroflex letters, heh goal and yeh barree; Persian's own four
    "ur": "ٹڈڑںےہۓپچژگ",
    "fa": "پچژگ",
    "ar": "ةى",
    # Devanagari: Marathi's retroflex lateral
    "mr": "ळ",
    # Baltic, Romanian, Turkic, Hungarian, Icelandic-free Latin
    "lt": "ėįųū",
    "lv": "āēīūķļņģ",
    "ro": "țș",
    "tr": "ğış",
    "az": "əğış",
    "hu": "őű",
    "eo": "ĉĝĥĵŝŭ",
    "et": "õ",
    "sq": "ë",
    "vi": "ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
}

#: Letters a language's alphabet lacks although a close neighbour writes them.
LACKS_LETTERS: Final[dict[str, str]] = {
    "cs": "ôĺŕľäł",
    "sk": "řěůł",
    "sv": "æø",
    "da": "äö",
    "nb": "äö",
    "es": "ãõçàèòïŀ",
    "pt": "ñŀ¿¡",
    "gl": "ãõçàèòŀ",
    "ca": "ñãõ¿¡",
    "ru": "іїєґђћѓќѕјљњџ",
    "uk": "ыэъёђћѓќѕјљњџ",
    "bg": "ыэёіїєґђћѓќѕјљњџ",
    "mk": "ыэъёщіїєґђћй",
    "sr": "ыэъёщіїєґѓќѕй",
    "hr": "ȁ",
    "bs": "ȁ",
    "sl": "ćđ",
    "ur": "ةى",
    "fa": "ةىٹڈڑںےہ",
    "ar": "پچژگٹڈڑںےہ",
    "hi": "ळ",
    "fi": "õüß",
    "et": "ß",
}


def score(text: str, pool: tuple[str, ...]) -> dict[str, float]:
    """Log-odds per language of ``pool`` from the distinct letters ``text`` holds."""
    present = frozenset(text.lower())
    found: dict[str, float] = {}
    for lang in pool:
        value = 0.0
        own = OWN_LETTERS.get(lang)
        if own:
            value += _OWN * sum(1 for ch in own if ch in present)
        lacks = LACKS_LETTERS.get(lang)
        if lacks:
            value += _LACKS * sum(1 for ch in lacks if ch in present)
        if value:
            found[lang] = value
    return found
