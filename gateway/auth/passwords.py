"""Agent passwords, hashed with argon2id, and the one rule for choosing them.

The rule follows NIST SP 800-63B §5.1.1.2: a minimum length and no composition rules (no
"one digit, one capital"), but no password that is easy to guess: only whitespace, one
character repeated, or common and similar to common (a list of 30,000 leaked passwords,
dictionary words, names, keyboard walks, dates and repeats, as zxcvbn judges them).

zxcvbn (MIT, pure Python, 400 kB, typed through typeshed's ``types-zxcvbn``) is Dropbox's
estimator ported and still maintained; a list of our own would know the leaked passwords but
none of the variations ("Password1!", "qwertyuiop", "hunter2hunter2") that it catches.
"""

from __future__ import annotations

from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from gateway.i18n import _

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 10
#: zxcvbn's score: 0-1 fall to an online attack; 2 needs ~10^8 guesses, far beyond what the
#: login throttle lets anyone try.
MIN_SCORE = 2
#: zxcvbn's time grows with length; the first characters decide whether a password is weak.
_JUDGED_CHARACTERS = 64


class WeakPasswordError(ValueError):
    """A password the gateway refuses; the message says what to choose instead."""


def check_password(password: str, *, user_inputs: Iterable[str] = ()) -> None:
    """Raise :class:`WeakPasswordError` for a password an agent must not use.

    Every place that sets a password (CLI, admin pages, reset) calls this one function;
    ``user_inputs`` (the agent's e-mail and name) count as easy to guess too.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(
            _("The password must have at least %(count)d characters.")
            % {"count": MIN_PASSWORD_LENGTH}
        )
    if not password.strip():
        raise WeakPasswordError(_("The password must not be only spaces."))
    if len(set(password)) == 1:
        raise WeakPasswordError(_("The password must not be one character repeated."))
    inputs = [value for value in user_inputs if value]
    for value in list(inputs):
        inputs += value.replace("@", " ").replace(".", " ").split()
    result = zxcvbn(password[:_JUDGED_CHARACTERS], user_inputs=inputs)
    if result["score"] < MIN_SCORE:
        raise WeakPasswordError(
            _(
                "The password is too easy to guess (common, or close to a common password or "
                "your name). Use a few unrelated words, e.g. 'lantern kimono river 47'."
            )
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
