"""FastAPI dependencies for API authentication."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from gateway.auth.tokens import find_token
from gateway.db import READ_METHODS, SessionDep
from gateway.errors import ApiError
from gateway.i18n import _
from gateway.models import ApiToken


def require_token(request: Request, session: SessionDep) -> ApiToken:
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
    token = find_token(session, credentials.strip(), touch=request.method not in READ_METHODS)
    if token is None:
        raise ApiError(
            401,
            "unauthorized",
            headers={"WWW-Authenticate": "Bearer"},
            message=_(
                "The API token is unknown or revoked: create a new one with "
                "`kakehashi token create --name NAME`."
            ),
        )
    return token


TokenDep = Annotated[ApiToken, Depends(require_token)]
