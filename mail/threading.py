"""Threading: which conversation an inbound mail belongs to.

Three clues, most reliable first: In-Reply-To / References naming one of our outbound
Message-IDs or a stored inbound one (RFC 5322 §3.6.4), then a subject token such as
``[#KH-7Q2M4XKD9A]`` that survives clients which drop those headers.

Neither clue is a secret a stranger cannot learn: Message-IDs leak through forwarding and
CCs, and a token is printed in every subject. So a clue only attaches a mail to a conversation
when the sender already takes part in it. A stranger who guesses or copies a clue gets a new
conversation of their own and learns nothing about the one they aimed at (their mail is
treated exactly like mail with no clue at all).

Tokens are derived with HMAC-SHA256 from the conversation id and a server secret, so they
cannot be enumerated from sequential ids; the gateway stores each conversation's token (or
recomputes it) and looks conversations up by it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

TOKEN_PREFIX = "KH-"  # noqa: S105 - a subject marker, not a password
TOKEN_LENGTH = 10  # base32 characters: 50 bits, far beyond guessing by trial mail
_TOKEN = re.compile(r"\[#KH-([A-Z2-7]{10})\]", re.IGNORECASE)

Via = Literal["in-reply-to", "references", "token"]


def conversation_token(conversation_id: str | int, secret: bytes) -> str:
    """The subject token of a conversation, e.g. ``KH-7Q2M4XKD9A`` (without brackets)."""
    if len(secret) < 16:
        raise ValueError("the threading secret must be at least 16 bytes; generate a random one")
    digest = hmac.new(secret, f"conversation:{conversation_id}".encode(), hashlib.sha256)
    return TOKEN_PREFIX + base64.b32encode(digest.digest()).decode("ascii")[:TOKEN_LENGTH]


def subject_tag(token: str) -> str:
    """How a token appears in a subject: ``[#KH-7Q2M4XKD9A]``."""
    return f"[#{token}]"


def verify_token(token: str, conversation_id: str | int, secret: bytes) -> bool:
    """Constant-time check that ``token`` belongs to ``conversation_id``."""
    return hmac.compare_digest(token.upper(), conversation_token(conversation_id, secret))


def find_tokens(subject: str) -> tuple[str, ...]:
    """Tokens present in a subject, normalised to upper case (``KH-…``), first one first."""
    found = (TOKEN_PREFIX + match.group(1).upper() for match in _TOKEN.finditer(subject))
    return tuple(dict.fromkeys(found))


def strip_tokens(subject: str) -> str:
    """The subject without our tokens (for display and for "Re:" lines)."""
    return " ".join(_TOKEN.sub(" ", subject).split())


@dataclass(frozen=True)
class Candidate:
    """A conversation one clue points at, with the addresses taking part in it (the buyer and
    anyone who wrote to it or was written to from it)."""

    conversation_id: str
    via: Via
    participants: frozenset[str]


@dataclass(frozen=True)
class ThreadDecision:
    """Where an inbound mail goes. ``conversation_id`` None means: open a new conversation.
    ``ignored`` lists clues refused because the sender is not a participant (for the log only:
    never show them to the sender)."""

    conversation_id: str | None
    via: Via | None
    ignored: tuple[Candidate, ...] = ()


_RANK: Mapping[str, int] = {"in-reply-to": 0, "references": 1, "token": 2}


def decide_thread(candidates: Iterable[Candidate], *, sender: str) -> ThreadDecision:
    """Pick the conversation for a mail from ``sender`` among the clues found.

    Candidates are considered by reliability (In-Reply-To, References, token, in the order
    given within each kind); the first whose participants include the sender wins.
    """
    who = sender.strip().lower()
    ordered = sorted(enumerate(candidates), key=lambda item: (_RANK[item[1].via], item[0]))
    ignored: list[Candidate] = []
    for _, candidate in ordered:
        members = {address.lower() for address in candidate.participants}
        if who and who in members:
            return ThreadDecision(candidate.conversation_id, candidate.via, tuple(ignored))
        ignored.append(candidate)
    return ThreadDecision(None, None, tuple(ignored))
