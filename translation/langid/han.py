"""Tell Japanese, Simplified Chinese and Traditional Chinese apart in East Asian text.

Kana settles Japanese; Han-only text needs the characters themselves:

* Simplified versus Traditional comes from OpenCC's character tables (``STCharacters`` and
  ``TSCharacters``, maintained with OpenCC): a character that only one of the two standards
  writes that way points to it.
* Japanese shinjitai (``発``, ``収``, ``様``) come from OpenCC's ``JPVariants`` table, and a
  character's place in the national character sets that Python ships as codecs (JIS X 0208
  level 1/2 for Japanese, GB 2312 level 1/2 for Simplified, Big5 level 1/2 for Traditional) tells
  how common it is in each written standard: ``这`` is no Japanese character, ``們`` no
  Simplified one.
* A handful of usage markers covers what characters cannot: Chinese grammar words (``吗``,
  ``請問``) and Japanese shop vocabulary written in shared characters (``返品``, ``注文``).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Final

from translation.langid import scripts

JA: Final = "ja"
ZH_HANS: Final = "zh-Hans"
ZH_HANT: Final = "zh-Hant"
LANGUAGES: Final = (JA, ZH_HANS, ZH_HANT)

# log-weights of a character by its place in a national character set
_LEVEL1: Final = 0.0
_LEVEL2: Final = -2.0
_ABSENT: Final = -5.0
# extra weight against a standard that writes the character differently (OpenCC tables)
_OTHER_STANDARD: Final = -3.0
# kana: hiragana is Japanese grammar; katakana also appears in product names that Chinese
# buyers paste, so it counts less and is capped
_HIRAGANA: Final = 3.0
_KATAKANA: Final = 1.0
_KATAKANA_CAP: Final = 6.0
_BOPOMOFO: Final = 5.0
_ZH_MARKER: Final = 1.5
_JA_MARKER: Final = 2.5

# Chinese grammar and politeness words. Each is common in buyers' Chinese and rare in Japanese
# written without kana; the Simplified/Traditional pairs are both listed, the character tables
# decide between them.
_ZH_MARKERS: Final = frozenset(
    {
        "吗",
        "嗎",
        "呢",
        "吧",
        "啊",
        "呀",
        "的",
        "了",
        "我",
        "你",
        "您",
        "他",
        "她",
        "们",
        "們",
        "这",
        "這",
        "那",
        "么",
        "麼",
        "没",
        "沒",
        "很",
        "还",
        "還",
        "给",
        "給",
        "是",
        "请问",
        "請問",
        "谢谢",
        "謝謝",
        "可以",
        "怎么",
        "怎麼",
        "什么",
        "什麼",
        "多少",
        "哪",
        "为什么",
        "為什麼",
        "已经",
        "已經",
        "亲",
        "親",
        "麻烦",
        "麻煩",
        "收到",
        "包邮",
        "包郵",
        "客服",
        "老板",
        "老闆",
        "退货",
        "退貨",
        "退款",
        "发货",
        "發貨",
        "出货",
        "出貨",
        "订单",
        "訂單",
        "快递",
        "快遞",
    }
)
# Japanese shop vocabulary that Chinese writes otherwise (Chinese: 退货, 订单, 发货, 库存 …).
_JA_MARKERS: Final = frozenset(
    {
        "返品",
        "返金",
        "注文",
        "発送",
        "領収書",
        "領収",
        "在庫",
        "入荷",
        "再入荷",
        "送料",
        "配達",
        "税込",
        "振込",
        "代引",
        "品切",
        "予約",
        "御中",
        "様",
        "宜",
        "致",
        "頂",
        "承知",
        "了解",
        "確認済",
        "済",
        "希望",
        "至急",
        "梱包",
        "交換希望",
        "問合",
        "問い合",
    }
)
# one vocabulary, matched longest first, so that 了解 and 在庫 are not read as 了 and 在
_MARKERS: Final = {**dict.fromkeys(_ZH_MARKERS, ZH_HANS), **dict.fromkeys(_JA_MARKERS, JA)}
_MAX_MARKER_LEN: Final = max(len(w) for w in _MARKERS)


def _level(ch: str, codec: str, level1: tuple[int, int]) -> float:
    try:
        raw = ch.encode(codec)
    except UnicodeEncodeError:
        return _ABSENT
    if len(raw) != 2:
        return _ABSENT
    code = int.from_bytes(raw, "big")
    return _LEVEL1 if level1[0] <= code <= level1[1] else _LEVEL2


# level-1 ranges in each encoding: JIS X 0208 rows 16-47 (Shift_JIS), GB 2312 rows 16-55
# (EUC-CN), Big5 frequently used characters
_JIS_LEVEL1: Final = (0x889F, 0x9872)
_GB_LEVEL1: Final = (0xB0A1, 0xD7F9)
_BIG5_LEVEL1: Final = (0xA440, 0xC67E)


@dataclass(frozen=True)
class _Tables:
    simplified_only: frozenset[str]
    traditional_only: frozenset[str]
    japanese_replaced: frozenset[str]  # forms Japanese writes as a shinjitai (發 → 発)
    japanese_only: frozenset[str]  # shinjitai neither Chinese standard writes (発, 収)


def _read_table(name: str) -> dict[str, list[str]]:
    text = resources.files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            table[key] = values.split()
    return table


def _load_tables() -> _Tables:
    to_traditional = _read_table("STCharacters.txt")
    to_simplified = _read_table("TSCharacters.txt")
    jp = _read_table("JPVariants.txt")
    simplified_only = {k for k, v in to_traditional.items() if k not in v and len(k) == 1}
    traditional_only = {k for k, v in to_simplified.items() if k not in v and len(k) == 1}
    chinese = set(to_traditional) | set(to_simplified)
    for values in (*to_traditional.values(), *to_simplified.values()):
        chinese.update(values)
    japanese_replaced = {k for k, v in jp.items() if k not in v and len(k) == 1}
    japanese_only = {c for v in jp.values() for c in v if c not in chinese and len(c) == 1}
    return _Tables(
        simplified_only=frozenset(simplified_only),
        traditional_only=frozenset(traditional_only),
        japanese_replaced=frozenset(japanese_replaced),
        japanese_only=frozenset(japanese_only),
    )


_tables: _Tables | None = None
_lock = threading.Lock()
_char_cache: dict[str, tuple[float, float, float]] = {}


def _get_tables() -> _Tables:
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                _tables = _load_tables()
    return _tables


def _char_scores(ch: str) -> tuple[float, float, float]:
    """log-weights of one Han character for (ja, zh-Hans, zh-Hant)."""
    cached = _char_cache.get(ch)
    if cached is not None:
        return cached
    tables = _get_tables()
    ja = _level(ch, "shift_jis", _JIS_LEVEL1)
    hans = _level(ch, "gb2312", _GB_LEVEL1)
    hant = _level(ch, "big5", _BIG5_LEVEL1)
    if ch in tables.traditional_only:
        hans += _OTHER_STANDARD
    if ch in tables.simplified_only:
        hant += _OTHER_STANDARD
    if ch in tables.japanese_replaced:
        ja += _OTHER_STANDARD
    if ch in tables.japanese_only:
        hans += _OTHER_STANDARD
        hant += _OTHER_STANDARD
    scores = (ja, hans, hant)
    _char_cache[ch] = scores  # a plain dict: concurrent writers store the same value
    return scores


def _markers(text: str) -> tuple[int, int]:
    """How many Japanese and Chinese usage markers ``text`` holds (longest match first)."""
    japanese = chinese = 0
    i = 0
    while i < len(text):
        for size in range(min(_MAX_MARKER_LEN, len(text) - i), 0, -1):
            language = _MARKERS.get(text[i : i + size])
            if language is not None:
                if language == JA:
                    japanese += 1
                else:
                    chinese += 1
                i += size
                break
        else:
            i += 1
    return japanese, chinese


@dataclass(frozen=True)
class HanEvidence:
    """Log-scores for ja / zh-Hans / zh-Hant and how much the text said."""

    scores: dict[str, float]
    characters: int
    hiragana: int
    foreign_to_japanese: int  # Han characters that no Japanese character set holds


def score(text: str) -> HanEvidence:
    """Score East Asian ``text`` (Han, kana, Bopomofo; other letters are ignored)."""
    ja = hans = hant = 0.0
    hiragana = katakana = bopomofo = han = foreign = 0
    for ch in text:
        script = scripts.script_of(ch)
        if script == scripts.HAN:
            han += 1
            s_ja, s_hans, s_hant = _char_scores(ch)
            ja += s_ja
            hans += s_hans
            hant += s_hant
            if s_ja <= _ABSENT:
                foreign += 1
        elif script == scripts.HIRAGANA:
            hiragana += 1
        elif script == scripts.KATAKANA:
            katakana += 1
        elif script == scripts.BOPOMOFO:
            bopomofo += 1
    ja += _HIRAGANA * hiragana + min(_KATAKANA_CAP, _KATAKANA * katakana)
    japanese, chinese = _markers(text)
    ja += _JA_MARKER * japanese
    zh_markers = _ZH_MARKER * chinese
    hans += zh_markers
    hant += zh_markers + _BOPOMOFO * bopomofo
    return HanEvidence(
        scores={JA: ja, ZH_HANS: hans, ZH_HANT: hant},
        characters=han + hiragana + katakana + bopomofo,
        hiragana=hiragana,
        foreign_to_japanese=foreign,
    )


def softmax(scores: dict[str, float]) -> dict[str, float]:
    """Normalise log-scores to probabilities."""
    top = max(scores.values())
    exp = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}
