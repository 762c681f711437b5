"""Hash of an entry's Japanese source: translations record the hash of the text they translate."""

from __future__ import annotations

import hashlib
import unicodedata

_SEPARATOR = "\x1f"


def normalize_source(text: str) -> str:
    """NFC, unified newlines, no trailing spaces: edits that change nothing visible keep the
    hash (and so the translations) as they are."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def source_hash(question_ja: str, answer_ja: str) -> str:
    """SHA-256 (hex) of the Japanese question and answer, normalised."""
    joined = normalize_source(question_ja) + _SEPARATOR + normalize_source(answer_ja)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()
