"""Signed survey links: the survey id and an HMAC over its random nonce and the action.

The nonce is stored on the survey; the secret is ``KAKEHASHI_SECRET_KEY``. A link cannot be
forged for another survey or turned into the other answer, and it works once (the survey keeps
the first answer).
"""

from __future__ import annotations

import hashlib
import hmac
from contextvars import ContextVar

from gateway.models import CsatSurvey

#: The origin of the request being served, for links when ``KAKEHASHI_PUBLIC_URL`` is unset.
request_origin: ContextVar[str | None] = ContextVar("kakehashi_request_origin", default=None)
FALLBACK_ORIGIN = "http://localhost:8000"
ACTIONS = ("satisfied", "unsatisfied", "comment")


def signature(survey: CsatSurvey, action: str, *, secret: str) -> str:
    message = f"csat:{survey.id}:{survey.nonce}:{action}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:40]


def verify(survey: CsatSurvey, action: str, given: str, *, secret: str) -> bool:
    return action in ACTIONS and hmac.compare_digest(
        signature(survey, action, secret=secret), given
    )


def origin(public_url: str | None) -> str:
    return (public_url or request_origin.get() or FALLBACK_ORIGIN).rstrip("/")


def answer_url(survey: CsatSurvey, action: str, *, secret: str, public_url: str | None) -> str:
    sig = signature(survey, action, secret=secret)
    return f"{origin(public_url)}/csat/{survey.id}/{action}?s={sig}"
