"""Agent passwords, hashed with argon2id."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 10


class WeakPasswordError(ValueError):
    """A password the gateway refuses; the message says what to choose instead."""


def check_password(password: str) -> None:
    """Raise :class:`WeakPasswordError` for a password an agent must not use.

    Every place that sets a password (CLI, admin pages, reset) calls this one function.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
