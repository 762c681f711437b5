"""Tokenisation for FAQ search, one rule per writing system.

Buyers mix scripts freely ("PayPal付款失败", "EMS로 보내면"), so text is cut into runs of one
script and each run is tokenised by the rule for that script; the locale only picks the stop
words and stemming used for Latin/Cyrillic words.

- Latin/Cyrillic: NFKC, case folding, accents removed (buyers often type without them), stop
  words dropped, light suffix stemming for English and plural stripping for es/fr/pt/de/id.
- Chinese and Japanese (Han + kana runs): character bigrams plus Han unigrams; katakana words
  are kept whole; Han characters are folded to Simplified (Traditional and Japanese shinjitai
  variants alike, from OpenCC's dictionaries) so 發貨/发货 and 関税/关税 meet.
- Korean: syllable bigrams inside each eojeol plus the eojeol with trailing particles trimmed.
- Thai (written without spaces): character bigrams and trigrams.

All functions are pure; the folding table is loaded once on first use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path

__all__ = [
    "fold_han",
    "locale_language",
    "normalize",
    "tokenize",
    "tokenize_normalized",
    "trim_korean_particles",
]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = "\u3040-\u309f\u30a0-\u30ff"
_HANGUL = "\uac00-\ud7a3"
_THAI = "\u0e00-\u0e7f"

_CJK_RUN = re.compile(f"[{_HAN}{_KANA}]+")
_HANGUL_RUN = re.compile(f"[{_HANGUL}]+")
_THAI_RUN = re.compile(f"[{_THAI}]+")
_WORD = re.compile(f"[^\\W_{_HAN}{_KANA}{_HANGUL}{_THAI}]+")
_ANY_CJK = re.compile(f"[{_HAN}{_KANA}]")
_KATAKANA_WORD = re.compile("[\u30a1-\u30fa\u30fc]{2,}")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_KANA_CHAR = re.compile(f"[{_KANA}]")

# Long digit strings are order numbers, phone numbers or years: never FAQ vocabulary.
_MAX_NUMBER_DIGITS = 3

_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "a an the and or but if of to in on at by for from with about into over after before "
        "is are was were be been being am do does did doing have has had having i me my mine we "
        "us our you your he him his she her it its they them their this that these those there "
        "here what which who whom when where why how can could would should will shall may might "
        "must not no so too very just also than then as up out any some all each other please "
        "hi hello hey thanks thank regards dear sir madam don doesn didn isn aren wasn weren "
        "won wouldn couldn shouldn haven hasn hadn ll ve re get got getting want wanted need "
        "needed like one thing anything something yet already now guys".split()
    ),
    "es": frozenset(
        "el la los las un una unos unas y o de del al a en por para con sin que es son fue ser "
        "mi mis tu su sus yo me te se lo le les nos hola gracias por favor como cuando "
        "donde".split()
    ),
    "fr": frozenset(
        "le la les un une des et ou de du au aux a à en par pour avec sans que qui est sont "
        "je me mon ma mes tu te ton il elle nous vous ils se ce cette bonjour merci".split()
    ),
    "de": frozenset(
        "der die das den dem des ein eine einen einem und oder zu im in am an auf für mit von "
        "ist sind ich mich mein meine du sie wir es nicht hallo danke bitte".split()
    ),
    "pt": frozenset(
        "o a os as um uma e ou de do da dos das em no na por para com sem que é são eu me meu "
        "minha você se olá obrigado obrigada".split()
    ),
    "id": frozenset(
        "yang dan di ke dari untuk dengan ini itu saya aku anda kami kita apa apakah bisa "
        "tidak ada halo terima kasih tolong".split()
    ),
    "vi": frozenset(
        "va cua la cho toi ban co khong duoc voi nhung cac mot xin chao cam on".split()
    ),
}

# Korean particles that follow a noun inside an eojeol ("배송비는" -> "배송비").
_KOREAN_PARTICLES = frozenset(
    (
        "에서는 에서도 으로는 으로도 에게서 한테서 이라도 이에요 예요 입니다 인가요 "
        "에서 으로 에게 한테 까지 부터 처럼 보다 이나 이랑 하고 은 는 이 가 을 를 에 로 "
        "와 과 도 만 의 나 요"
    ).split()
)
_AFTER_CONSONANT = frozenset("이은을과으")
_AFTER_VOWEL = frozenset("가 는 를 와 나 로".split())
# Predicate endings ("배송되나요" -> "배송", "반품하고" -> "반품"): they say nothing about the topic
# but are shared by most FAQ questions, so left in place they outweigh the nouns.
_KOREAN_ENDINGS = tuple(
    sorted(
        (
            "하려는데 려는데 되나요 하나요 한가요 인가요 을까요 할까요 될까요 했어요 됐어요 "
            "었어요 았어요 였어요 싶어요 싶은데 싶습니다 주세요 해주세요 줘요 드려요 드립니다 "
            "했는데 었는데 았는데 됐는데 습니다 합니다 됩니다 입니다 해요 돼요 되요 어요 아요 "
            "여요 세요 네요 나요 가요 까요 니다 는데 은데 인데 한데 지만 으면 하면 해서 어서 "
            "아서 하고 해도 해 된 될 할 됐 했 죠"
        ).split(),
        key=len,
        reverse=True,
    )
)
_KOREAN_STOP_WORDS = frozenset(
    "수 것 좀 더 잘 안 못 또 이 그 저 제 네 왜 꼭 다 한 두 몇 있 없 할 해 돼".split()
)
# Thai polite particles and question tags, cut out before n-grams are taken.
_THAI_PARTICLES = re.compile("นะครับ|นะคะ|ครับ|ค่ะ|คะ|ค่า|จ้า|ไหม|มั้ย|หรือเปล่า|หรือไม่|บ้าง")


def locale_language(locale: str) -> str:
    """The primary language subtag of a BCP 47 tag, lower-cased ("zh-Hant-TW" -> "zh")."""
    return locale.replace("_", "-").split("-", 1)[0].lower()


@cache
def _han_fold_table() -> dict[int, str]:
    """Map Traditional and Japanese-variant Han characters to Simplified, one character each.

    OpenCC's character tables are used directly because converting phrase by phrase with its
    converter costs milliseconds per document; search only needs a character fold.
    """
    import opencc  # the package ships the dictionaries we read

    dictionaries = Path(opencc.__file__).parent / "dictionary"

    def pairs(name: str) -> list[tuple[str, str]]:
        result = []
        for line in (dictionaries / name).read_text(encoding="utf-8").splitlines():
            source, _, targets = line.partition("\t")
            target = targets.split(" ", 1)[0]
            if len(source) == 1 and len(target) == 1:
                result.append((source, target))
        return result

    to_simplified = dict(pairs("TSCharacters.txt"))
    table: dict[str, str] = {}
    # Taiwan and Japanese variants first become OpenCC's standard Traditional form.
    for name, reverse in (("TWVariantsRev.txt", False), ("JPVariants.txt", True)):
        for left, right in pairs(name):
            variant, standard = (right, left) if reverse else (left, right)
            table[variant] = to_simplified.get(standard, standard)
    table.update(to_simplified)
    return {ord(char): target for char, target in table.items() if char != target}


def fold_han(text: str) -> str:
    """Fold Traditional Chinese and Japanese kanji variants to Simplified Chinese characters."""
    return text.translate(_han_fold_table())


def normalize(text: str) -> str:
    """NFKC (full-width and half-width forms), case folding and Han folding."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return fold_han(folded) if _HAN_CHAR.search(folded) else folded


def _strip_accents(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem_english(word: str) -> str:
    """A light suffix stripper: plurals, -ing, -ed, -ly and a final e, so that "arrive",
    "arrived" and "arrives" meet. Stems need not be words, only agree with each other."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes")) or (word.endswith("es") and word[-3] in "xz"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # shipped -> ship, stopped -> stop
            break
    else:
        if word.endswith("ly") and len(word) > 5:
            word = word[:-2]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _stem_plural(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _stem(word: str, language: str) -> str:
    if language == "en":
        return _stem_english(word)
    if language in ("es", "fr", "pt", "de", "it"):
        return _stem_plural(word)
    return word


@lru_cache(maxsize=1 << 16)
def _latin_token(word: str, language: str) -> str:
    """The token for one Latin/Cyrillic word, or "" when it carries no meaning for search."""
    if word.isdigit():
        return word if len(word) <= _MAX_NUMBER_DIGITS else ""
    word = _strip_accents(word)
    if word in _STOP_WORDS.get(language, _STOP_WORDS["en"]) or len(word) < 2:
        return ""
    return _stem(word, language)


def _cjk_tokens(run: str) -> list[str]:
    tokens = [run[i : i + 2] for i in range(len(run) - 1)]
    if _KANA_CHAR.search(run) is None:
        tokens.extend(run)  # Chinese, or kanji only: every character is also a unigram
    else:
        tokens.extend(_HAN_CHAR.findall(run))
        tokens.extend(_KATAKANA_WORD.findall(run))
        if len(run) == 1:
            tokens.append(run)
    return tokens


def _has_final_consonant(syllable: str) -> bool:
    code = ord(syllable) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def trim_korean_particles(eojeol: str) -> str:
    """Drop one trailing particle from an eojeol ("배송비는" -> "배송비", "국가" stays).

    Particles come in pairs chosen by the syllable before them (이/가, 은/는, 을/를, 과/와,
    으로/로, 이나/나): a particle is only cut where that syllable fits it.
    """
    for size in (3, 2, 1):
        if len(eojeol) > size and eojeol[-size:] in _KOREAN_PARTICLES:
            particle, before = eojeol[-size:], eojeol[-size - 1]
            if particle[0] in _AFTER_CONSONANT and not _has_final_consonant(before):
                continue
            if particle in _AFTER_VOWEL and _has_final_consonant(before):
                continue
            return eojeol[:-size]
    return eojeol


def _korean_core(eojeol: str) -> str:
    for ending in _KOREAN_ENDINGS:
        if eojeol.endswith(ending):
            return eojeol[: -len(ending)]
    return eojeol


@lru_cache(maxsize=1 << 16)
def _hangul_tokens(eojeol: str) -> tuple[str, ...]:
    core = _korean_core(eojeol)
    tokens = [core[i : i + 2] for i in range(len(core) - 1)]
    stem = trim_korean_particles(core)
    if stem and stem not in _KOREAN_STOP_WORDS and (len(stem) > 1 or core == eojeol):
        tokens.append(stem)
    return tuple(tokens)


def _thai_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for run in _THAI_PARTICLES.split(text):
        if len(run) < 3:
            if run:
                tokens.append(run)
            continue
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        tokens.extend(run[i : i + 3] for i in range(len(run) - 2))
    return tokens


def tokenize(text: str, locale: str = "und") -> list[str]:
    """Search tokens of ``text`` (with repeats), grouped by script: Latin words, then
    Chinese/Japanese, Korean and Thai tokens.

    ``locale`` is a BCP 47 tag; it selects stop words and stemming for Latin-script words.
    """
    return tokenize_normalized(normalize(text), locale)


def tokenize_normalized(normalized: str, locale: str = "und") -> list[str]:
    """:func:`tokenize` for text already passed through :func:`normalize`."""
    language = locale_language(locale)
    tokens = list(filter(None, map(_latin_token, _WORD.findall(normalized), repeat(language))))
    if normalized.isascii():
        return tokens
    if _ANY_CJK.search(normalized):
        for run in _CJK_RUN.findall(normalized):
            tokens.extend(_cjk_tokens(run))
    for eojeol in _HANGUL_RUN.findall(normalized):
        tokens.extend(_hangul_tokens(eojeol))
    for run in _THAI_RUN.findall(normalized):
        tokens.extend(_thai_tokens(run))
    return tokens
