"""Chat access tokens: the widget's key to one conversation.

A token is 256 random bits, handed to the widget once when the conversation starts; the
database keeps only its SHA-256 (``conversations.chat_token_hash``), so a leaked database does
not open anyone's chat, and a lookup stays one indexed query.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.models import Channel, Conversation

TOKEN_PREFIX = "khc_"  # noqa: S105 - a label, not a secret


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def bind(conversation: Conversation) -> str:
    """A new token for ``conversation``; any earlier token stops working."""
    token = new_token()
    conversation.chat_token_hash = hash_token(token)
    return token


def conversation_for(session: Session, token: str | None) -> Conversation | None:
    """The chat conversation ``token`` opens, or ``None``."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    return session.scalar(
        select(Conversation).where(
            Conversation.chat_token_hash == hash_token(token),
            Conversation.channel == Channel.CHAT,
        )
    )


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer …`` header."""
    if not authorization:
        return None
    scheme, _sep, value = authorization.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None
