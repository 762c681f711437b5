"""The API's one JSON error shape: ``{"error": {"code", "message", "details"?}}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from gateway.db import DatabaseBusyError
from gateway.i18n import _


class ApiError(Exception):
    """An error the client can fix; ``message`` says how."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        **details: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers
        self.code = code
        self.message = message
        self.details = details


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def _describe(error: dict[str, Any]) -> str:
    location = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
    kind = error.get("type", "")
    if kind == "json_invalid":
        return _("The request body is not valid JSON (UTF-8): check quoting and encoding.")
    if kind == "missing":
        return _("'%(field)s' is required.") % {"field": location}
    message = str(error.get("msg", "invalid value"))
    return f"{location}: {message}" if location else message


#: Seconds a client should wait before retrying while the database does not answer.
RETRY_AFTER_SECONDS = 5


_SQLITE_TRANSIENT = ("locked", "busy", "unable to open", "disk i/o")


def _database_unavailable(exc: DBAPIError) -> bool:
    """Connection lost, server restarting, SQLite busy: worth retrying, not the client's fault."""
    if exc.connection_invalidated:
        return True
    origin = type(exc.orig)
    if origin.__module__.startswith("sqlite3"):
        text = str(exc.orig).lower()
        return origin.__name__ == "OperationalError" and any(t in text for t in _SQLITE_TRANSIENT)
    return origin.__name__ in {"OperationalError", "InterfaceError"} or any(
        base.__name__ == "OperationalError" for base in origin.__mro__
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(DBAPIError)
    async def _database_error(_request: Request, exc: DBAPIError) -> JSONResponse:
        if not _database_unavailable(exc):
            raise exc  # a real bug: the server error handler logs it and answers 500
        return _unavailable()

    @app.exception_handler(PoolTimeoutError)
    @app.exception_handler(DatabaseBusyError)
    async def _database_busy(_request: Request, exc: Exception) -> JSONResponse:
        return _unavailable(retry_after=getattr(exc, "retry_after", RETRY_AFTER_SECONDS))

    def _unavailable(retry_after: int = RETRY_AFTER_SECONDS) -> JSONResponse:
        return JSONResponse(
            error_body(
                "database_unavailable",
                _(
                    "The database is not answering right now, so nothing was stored. "
                    "Send the same request again in a few seconds."
                ),
            ),
            status_code=503,
            headers={"Retry-After": str(retry_after)},
        )

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            error_body(exc.code, exc.message, exc.details or None),
            status_code=exc.status,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        status = 400 if any(e.get("type") == "json_invalid" for e in errors) else 422
        details = [
            {
                "field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                "problem": e.get("msg"),
            }
            for e in errors
        ]
        message = "; ".join(_describe(e) for e in errors[:3])
        return JSONResponse(error_body("invalid_request", message, details), status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):
            # FastAPI's words for a body that is not UTF-8 at all.
            return JSONResponse(
                error_body("invalid_request", _describe({"type": "json_invalid"})), 400
            )
        code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}.get(
            exc.status_code, "http_error"
        )
        return JSONResponse(
            error_body(code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers
        )
