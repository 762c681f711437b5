"""Structured logs: one JSON object per line, with request and conversation ids, and every
e-mail address masked (``t***@example.com``) in the message, the extra fields and the traceback.

The ids live in context variables: :class:`RequestContextMiddleware` sets them for each HTTP
request (and answers with ``X-Request-ID``); background work sets the conversation with
:func:`log_context`. ``kakehashi serve`` and ``kakehashi worker`` call :func:`configure_logging`
so every line, uvicorn's included, goes through one formatter.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any, Literal

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LogFormat = Literal["auto", "json", "text"]

REQUEST_ID_HEADER = "X-Request-ID"

request_id_var: ContextVar[str | None] = ContextVar("kakehashi_request_id", default=None)
conversation_id_var: ContextVar[int | None] = ContextVar("kakehashi_conversation_id", default=None)

# Local part characters of RFC 5322 dot-atoms (plus Unicode letters, RFC 6531), "@" or its
# URL-encoded form (access logs print query strings encoded), then a dotted domain.
_LOCAL = r"[\w.!#$%'*+^`{|}~-]"  # not "=", "&", "?" or "/": query strings stay readable
# Bounded like RFC 5321's 64-character local part, so a long run of word characters costs
# linear time rather than quadratic.
_ADDRESS = re.compile(
    rf"(?P<first>{_LOCAL}){_LOCAL}{{0,63}}?(?P<at>@|%40)(?P<domain>[\w-]{{1,63}}(?:\.[\w-]{{1,63}})+)",
    re.IGNORECASE,
)

# An incoming request id is kept only if it is short and plain (it ends up in every log line).
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:=+/-]{0,127}")
_CONVERSATION_PATH = re.compile(r"/conversations/(\d{1,18})(?:/|$)")

# Attributes every LogRecord has; anything else was passed with ``extra=`` and is logged too.
_RECORD_FIELDS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
    "color_message",  # uvicorn's copy of the message with terminal colour codes
}
_MARK = "_kakehashi_handler"


def mask_addresses(text: str) -> str:
    """``taro@example.com`` → ``t***@example.com`` everywhere in ``text``."""
    if "@" not in text and "%40" not in text.lower():
        return text
    return _ADDRESS.sub(lambda m: f"{m['first']}***{m['at']}{m['domain']}", text)


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask_addresses(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    return mask_addresses(str(value))


def _utc_iso(created: float) -> str:
    moment = datetime.fromtimestamp(created, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _context_ids(record: logging.LogRecord) -> dict[str, Any]:
    ids: dict[str, Any] = {}
    request_id = getattr(record, "request_id", None) or request_id_var.get()
    if request_id:
        ids["request_id"] = request_id
    conversation_id = getattr(record, "conversation_id", None) or conversation_id_var.get()
    if conversation_id is not None:
        ids["conversation_id"] = conversation_id
    return ids


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, ids, extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": _utc_iso(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_addresses(record.getMessage()),
            "process": record.process,
        }
        entry.update(_context_ids(record))
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and key not in entry and not key.startswith("_"):
                entry[key] = _masked(value)
        if record.exc_info:
            entry["exception"] = mask_addresses(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exception"] = mask_addresses(record.exc_text)
        if record.stack_info:
            entry["stack"] = mask_addresses(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """A readable line for development, in UTC and masked the same way."""

    def format(self, record: logging.LogRecord) -> str:
        ids = "".join(f" [{key}={value}]" for key, value in _context_ids(record).items())
        line = f"{_utc_iso(record.created)} {record.levelname} {record.name}{ids}: "
        line += record.getMessage()
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return mask_addresses(line)


def configure_logging(
    log_format: LogFormat = "auto", level: str = "INFO", *, stream: IO[str] | None = None
) -> logging.Handler:
    """Send every log record (uvicorn's too) to one handler on ``stream`` (standard error).

    ``auto``: lines for reading by eye on a terminal, JSON when the output goes elsewhere (a
    container's log, a file, a pipe to a log shipper).
    """
    target = stream if stream is not None else sys.stderr
    if log_format == "auto":
        log_format = "text" if target.isatty() else "json"
    handler = logging.StreamHandler(target)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    setattr(handler, _MARK, True)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        # uvicorn is started with log_config=None; its records propagate to our handler.
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    return handler


@contextmanager
def log_context(*, conversation_id: int | None = None) -> Iterator[None]:
    """Tag the log lines written inside the block with ``conversation_id``."""
    token = conversation_id_var.set(conversation_id)
    try:
        yield
    finally:
        conversation_id_var.reset(token)


def incoming_request_id(value: str | None) -> str:
    """The caller's request id when it is sane, otherwise a new one."""
    if value and _SANE_REQUEST_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Sets the request id (and the conversation id of ``/conversations/{id}`` paths) for the
    request's log lines, and returns the request id as ``X-Request-ID``.

    Plain ASGI rather than ``BaseHTTPMiddleware``: streamed responses (SSE) pass untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = REQUEST_ID_HEADER.lower().encode()
        raw = next((v for k, v in scope.get("headers", []) if k == header), None)
        request_id = incoming_request_id(raw.decode("latin-1") if raw is not None else None)
        match = _CONVERSATION_PATH.search(scope.get("path", ""))
        request_token = request_id_var.set(request_id)
        conversation_token = conversation_id_var.set(int(match[1]) if match else None)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            conversation_id_var.reset(conversation_token)
            request_id_var.reset(request_token)
