"""Clean a buyer's message before language detection.

URLs, e-mail addresses, order numbers and SKUs, prices, emoji and quoted reply blocks say
nothing about the language the buyer writes in; left in, they pull short messages towards
English (``Order #A-99812`` is not English). Cleaning keeps the buyer's own words only.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters of raw input looked at, at most: detection needs a few sentences, not a 1 MB paste.
MAX_INPUT_CHARS = 8_192
#: Characters of cleaned text returned, at most.
MAX_CLEAN_CHARS = 1_000

_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Order numbers, SKUs, tracking numbers, dates, quantities: any ASCII token holding a digit,
# with its letter-and-dash prefix (``JP-20240611-0042``, ``KMN-4471-BL``, ``#A-99812``, ``3rd``).
_CODE = re.compile(
    r"[#№]?(?:[A-Za-z]+[-_/])*[A-Za-z]*\d[A-Za-z0-9]*(?:[-_/.,:][A-Za-z0-9]+)*", re.ASCII
)
# Currency codes and words glued to amounts (the amount itself goes with _CODE).
_CURRENCY = re.compile(
    r"(?<![A-Za-z])(?:US\$|HK\$|NT\$|S\$|A\$|C\$|USD|JPY|EUR|GBP|RMB|CNY|TWD|HKD|SGD|MYR|"
    r"KRW|THB|IDR|PHP|VND|RM|Rp)(?=\s?\d)",
)
_MENTION = re.compile(r"(?<!\w)@\w+")
# Lines that open a quoted reply: RFC 3676 quote markers, and the attribution or separator a
# mail client writes above the quoted original.
_QUOTE_LINE = re.compile(r"^\s*(?:>|＞) ?")
_ATTRIBUTION = re.compile(
    r"(?:\bwrote:|schrieb:|a écrit\s?:|escribió:|escreveu:|ha scritto:|написал\S*:|"
    r"写道[:：]|寫道[:：]|のメッセージ[:：]|さんは書きました[:：]|님이 작성[:：]?|"
    r"-{2,}\s*(?:Original Message|Forwarded message|元のメッセージ|原始邮件|原始郵件)\s*-{2,})\s*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
# Unicode categories that never carry language: symbols (emoji are So), controls, private use,
# unassigned, surrogates, format characters (ZWJ, variation selectors are Mn though: see below).
_DROP_CATEGORIES = frozenset({"So", "Sk", "Sm", "Sc", "Cc", "Cf", "Co", "Cn", "Cs"})
_VARIATION_SELECTORS = frozenset(chr(c) for c in range(0xFE00, 0xFE10)) | {"\u20e3"}


# Control characters, unassigned and private-use code points, and the replacement character:
# what bytes decoded with the wrong codec look like.
_JUNK_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})
_JUNK_SAMPLE = 2_000
_JUNK_SHARE = 0.1


def looks_like_binary(text: str) -> bool:
    """Whether ``text`` looks like binary data or bytes decoded with the wrong codec."""
    sample = text[:_JUNK_SAMPLE]
    visible = junk = 0
    for ch in sample:
        if ch in "\n\r\t ":
            continue
        visible += 1
        if ch == "\ufffd" or unicodedata.category(ch) in _JUNK_CATEGORIES:
            junk += 1
    return visible > 0 and junk >= max(2, _JUNK_SHARE * visible)


def strip_quoted_reply(text: str) -> str:
    """The buyer's new text without the quoted original below (or above) it.

    A message that is nothing but a quote keeps the quoted text, markers removed: it is all
    there is to go on.
    """
    kept: list[str] = []
    quoted: list[str] = []
    in_old_thread = False
    for line in text.splitlines():
        if _QUOTE_LINE.match(line):
            quoted.append(_QUOTE_LINE.sub("", line, count=1))
        elif in_old_thread:
            quoted.append(line)
        elif _ATTRIBUTION.search(line):
            # Everything after "On … wrote:" / "-----Original Message-----" is the old thread.
            in_old_thread = True
        else:
            kept.append(line)
    own = "\n".join(kept).strip()
    if own:
        return own
    return "\n".join(quoted).strip()


def _drop_symbols(text: str) -> str:
    out = []
    for ch in text:
        if ch in _VARIATION_SELECTORS:
            continue
        if unicodedata.category(ch) in _DROP_CATEGORIES and ch not in "\n\t":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def clean_for_detection(text: str) -> str:
    """The words of ``text`` that tell its language, on one line.

    Looks at a bounded prefix (:data:`MAX_INPUT_CHARS`) of the input; normalises full-width
    and compatibility forms (NFKC); strips quoted replies, URLs, e-mail addresses, @mentions,
    order numbers and SKUs, prices, emoji and other symbols. Never raises for any ``str``.
    """
    head = text[:MAX_INPUT_CHARS]
    head = unicodedata.normalize("NFKC", head)
    head = strip_quoted_reply(head)
    head = _URL.sub(" ", head)
    head = _EMAIL.sub(" ", head)
    head = _MENTION.sub(" ", head)
    head = _CURRENCY.sub(" ", head)
    head = _CODE.sub(" ", head)
    head = _drop_symbols(head)
    return _SPACES.sub(" ", head).strip()[:MAX_CLEAN_CHARS]
