"""Decoding text whose charset is missing, wrong or spelled the way old mail clients spell it.

Mail in East Asia is full of labels that lie a little: ``Shift_JIS`` bodies use the Microsoft
extensions (CP932), ``GB2312`` bodies use GBK characters, ``ks_c_5601-1987`` means CP949 and
``Big5`` mail from Hong Kong and Taiwan carries HKSCS or CP950 characters. Each label is read as
the superset that mail clients actually write (the WHATWG Encoding Standard makes the same
choices for the web). Text with no label at all is sniffed: ISO-2022-JP announces itself with
escape sequences (RFC 1468), otherwise UTF-8 is tried and then the East Asian encodings, scored by
the script their result is written in.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Declared label (lowercased, "_" → "-") → codecs to try, in order.
_SUPERSETS: dict[str, tuple[str, ...]] = {
    "shift-jis": ("cp932", "shift_jis_2004"),
    "shift-jisx0213": ("shift_jisx0213", "cp932"),
    "sjis": ("cp932",),
    "x-sjis": ("cp932",),
    "ms-kanji": ("cp932",),
    "windows-31j": ("cp932",),
    "cp932": ("cp932",),
    "iso-2022-jp": ("iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_3"),
    "iso-2022-jp-2": ("iso2022_jp_2", "iso2022_jp_3"),
    "csiso2022jp": ("iso2022_jp_2", "iso2022_jp_ext"),
    "euc-jp": ("euc_jis_2004", "euc_jp"),
    "x-euc-jp": ("euc_jis_2004", "euc_jp"),
    "gb2312": ("gb18030",),
    "gb-2312": ("gb18030",),
    "gb2312-80": ("gb18030",),
    "euc-cn": ("gb18030",),
    "x-gbk": ("gb18030",),
    "gbk": ("gb18030",),
    "cp936": ("gb18030",),
    "gb18030": ("gb18030",),
    "hz-gb-2312": ("hz",),
    "big5": ("big5hkscs", "cp950"),
    "big-5": ("big5hkscs", "cp950"),
    "x-big5": ("big5hkscs", "cp950"),
    "cn-big5": ("big5hkscs", "cp950"),
    "big5-hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
    "ks-c-5601-1987": ("cp949",),
    "ks-c-5601": ("cp949",),
    "ksc5601": ("cp949",),
    "euc-kr": ("cp949",),
    "x-euc-kr": ("cp949",),
    "cp949": ("cp949",),
    "iso-2022-kr": ("iso2022_kr",),
    "tis-620": ("cp874",),
    "iso-8859-11": ("cp874",),
    "windows-874": ("cp874",),
    # WHATWG: Latin-1 and ASCII labels are read as windows-1252; clients mislabel both.
    "iso-8859-1": ("cp1252", "latin-1"),
    "latin1": ("cp1252", "latin-1"),
    "latin-1": ("cp1252", "latin-1"),
    "us-ascii": ("ascii", "utf-8", "cp1252"),
    "ascii": ("ascii", "utf-8", "cp1252"),
    "utf8": ("utf-8",),
    "utf-8": ("utf-8",),
    "unicode-1-1-utf-7": ("utf-7",),
}

# The codecs tried, in this order, when nothing is declared (or the declared one fails).
_GUESSES = ("utf-8", "cp932", "euc_jis_2004", "gb18030", "big5hkscs", "cp949")

_ISO2022JP_ESCAPE = re.compile(rb"\x1b(\$[@B]|\$\(D|\([BJI])")
_ISO2022KR_ESCAPE = b"\x1b$)C"


@dataclass(frozen=True)
class Decoded:
    """Text with the codec that produced it; ``lossy`` when some bytes had to be replaced."""

    text: str
    codec: str
    lossy: bool = False


def codecs_for(label: str | None) -> tuple[str, ...]:
    """Codecs to try for a declared charset label, supersets first (empty when unknown)."""
    if not label:
        return ()
    key = label.strip().strip("\"'").lower().replace("_", "-")
    if key in _SUPERSETS:
        return _SUPERSETS[key]
    try:
        return (codecs.lookup(key).name,)
    except LookupError:
        return ()


def decode_bytes(data: bytes, declared: str | None = None, *, hint: str | None = None) -> Decoded:
    """Decode ``data`` as well as possible; never raises.

    ``declared`` is the charset the message claims; ``hint`` another charset seen in the same
    message (a body charset for a raw 8-bit header) tried before blind guessing.
    """
    if not data:
        return Decoded("", "ascii")
    candidates: list[str] = []
    if _ISO2022JP_ESCAPE.search(data):
        # RFC 1468 text announces itself; old clients send it with no charset or as "us-ascii".
        candidates += _SUPERSETS["iso-2022-jp"]
    elif _ISO2022KR_ESCAPE in data:
        candidates.append("iso2022_kr")
    candidates += codecs_for(declared)
    if _is_ascii(data):
        return Decoded(data.decode("ascii"), "ascii")
    for name in candidates:
        text = _strict(data, name)
        if text is not None:
            return Decoded(text, name)
    guessed = _guess(data, codecs_for(hint))
    if guessed is not None:
        return guessed
    fallback = candidates[0] if candidates else "utf-8"
    return Decoded(data.decode(fallback, errors="replace"), fallback, lossy=True)


def _is_ascii(data: bytes) -> bool:
    return data.isascii() and b"\x1b" not in data


def _strict(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes, preferred: tuple[str, ...]) -> Decoded | None:
    """Try UTF-8, then the East Asian codecs; keep the one whose text reads most like a script."""
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        return Decoded(utf8, "utf-8")
    for name in preferred:
        text = _strict(data, name)
        if text is not None and _score(text) > 0:
            return Decoded(text, name)
    best: tuple[float, str, str] | None = None
    for name in _GUESSES[1:]:
        text = _strict(data, name)
        if text is None:
            continue
        score = _score(text)
        if best is None or score > best[0]:
            best = (score, name, text)
    if best is None or best[0] <= 0:
        # Nothing East Asian fits: Western mail without a label is windows-1252 in practice.
        text = _strict(data, "cp1252")
        if text is not None:
            return Decoded(text, "cp1252")
        return None if best is None else Decoded(best[2], best[1])
    return Decoded(best[2], best[1])


# Characters that run through everyday Chinese, Japanese and Korean writing, in both Chinese
# scripts. Text decoded with the wrong codec is made of ideographs too, but rarely of these.
_COMMON = frozenset(
    "的一是不了在人有我他这這个個们們中来來上大为為和国國到以说說时時要就出会會可也你对對生能"
    "子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現"
    "当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日者意无無力"
    "它与與长長把机機十民第公此已工使情明性知全三又关關点點正业業外将將两兩高间間由问問很最重并"
    "物手应應向头頭文体體新己制身果加月话話回代内內信表化老给給位次度门門任常先海通教儿兒原东東"
    "声聲提立及比员員解水名真论論处處走义義各入几幾口认認条條平系气氣题題活更别別打女变變四神总總"
    "何电電数數安少报報才结結反受目太量再感建务務做接必场場件计計管期市直资資请請谢謝订訂单單"
    "货貨款退换換收寄送商品购購买買价價钱錢客服帮幫您吗嗎呢吧啊"
    "です。ますのをにがはとでてしたいるかなっもこれそれあり"
    "다니습요는을를이가에서하고합감사주문배송환불확인부탁드립제품"
)


def _score(text: str) -> float:
    """How much ``text`` looks like real CJK writing rather than mojibake (per character)."""
    good = 0.0
    bad = 0.0
    for ch in text:
        cp = ord(ch)
        if cp < 0x80:
            continue
        if ch in _COMMON:
            good += 2.0
        elif 0x3040 <= cp <= 0x30FF:  # hiragana, katakana: only Japanese text has them
            good += 1.5
        elif 0xAC00 <= cp <= 0xD7A3:  # precomposed hangul
            good += 1.5
        elif 0x4E00 <= cp <= 0x9FFF:  # common CJK ideographs
            good += 1.0
        elif 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF5E:  # CJK punctuation, full-width
            good += 0.5
        elif 0xFF61 <= cp <= 0xFF9F:  # half-width katakana: mojibake from GBK/Big5 in CP932
            bad += 1.0
        elif 0xE000 <= cp <= 0xF8FF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp:
            bad += 1.0  # private use and rare extension blocks are what wrong guesses produce
        else:
            bad += 0.5
    n = max(1, sum(1 for ch in text if ord(ch) >= 0x80))
    return (good - bad) / n
