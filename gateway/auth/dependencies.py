"""FastAPI dependencies for API authentication."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from gateway.auth.tokens import find_token, needs_touch, record_use
from gateway.db import READ_METHODS, SessionDep, get_database
from gateway.errors import ApiError
from gateway.i18n import _
from gateway.models import ApiToken


def _credentials(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _sep, credentials = header.partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise ApiError(
            401,
            "unauthorized",
            headers={"WWW-Authenticate": "Bearer"},
            message=_(
                "Send an API token as 'Authorization: Bearer <token>' (create one with "
                "`kakehashi token create --name NAME`)."
            ),
        )
    return credentials.strip()


def _unknown_token() -> ApiError:
    return ApiError(
        401,
        "unauthorized",
        headers={"WWW-Authenticate": "Bearer"},
        message=_(
            "The API token is unknown or revoked: create a new one with "
            "`kakehashi token create --name NAME`."
        ),
    )


def _read_token(clear: str) -> ApiToken | None:
    with get_database().session(read_only=True) as reader:
        return find_token(reader, clear, touch=False)


def require_token(request: Request, session: SessionDep) -> ApiToken:
    clear = _credentials(request)
    if request.method in READ_METHODS or get_database().is_postgresql:
        token = find_token(session, clear, touch=request.method not in READ_METHODS)
    else:
        # On SQLite the request's session is a writer, and its first statement takes the write
        # lock: the check reads in a short read-only session of its own instead, so a request
        # with a wrong token never touches the lock. The use is noted in the request's own
        # transaction, at most once a minute.
        token = _read_token(clear)
        if token is not None and needs_touch(token):
            token = session.merge(token)
            record_use(session, token)
    if token is None:
        raise _unknown_token()
    return token


def require_token_alone(request: Request) -> ApiToken:
    """The token, checked in a read-only session of its own (detached; never the write lock).

    For endpoints that open their session only when their turn in the database line comes;
    they note the use themselves (:func:`gateway.auth.tokens.record_use`).
    """
    token = _read_token(_credentials(request))
    if token is None:
        raise _unknown_token()
    return token


TokenDep = Annotated[ApiToken, Depends(require_token)]
TokenAloneDep = Annotated[ApiToken, Depends(require_token_alone)]
