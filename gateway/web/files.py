"""Files an agent opens: attachments (always downloaded), a mail's sanitised HTML (sandboxed),
and the UI's own static files."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session
from starlette.responses import FileResponse, HTMLResponse, Response

from gateway.auth.web import SignedInDep
from gateway.db import SessionDep
from gateway.i18n import _
from gateway.models import Attachment, InboundMail, Message
from gateway.web.rendering import STATIC_DIR, render_error, saved_filename
from gateway.web.routing import WebRoute
from mail.parse import parse_mail

router = APIRouter(route_class=WebRoute, include_in_schema=False)

# Types a browser shows inertly; anything else is served as opaque bytes.
SAFE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"}
)
STATIC_FILES = {
    "app.css": "text/css",
    "app.js": "text/javascript",
    "desk.css": "text/css",  # gateway/desk: tags, priority, escalation, orders, reports
}

# The mail's HTML may not run or load anything; the iframe's sandbox attribute says the same.
SANDBOX_CSP = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


def safe_content_type(attachment: Attachment) -> str:
    declared = attachment.declared_type.split(";")[0].strip().lower()
    sniffed = attachment.sniffed_type.split(";")[0].strip().lower()
    if sniffed in SAFE_TYPES and declared == sniffed:
        return "text/plain; charset=utf-8" if sniffed == "text/plain" else sniffed
    return "application/octet-stream"


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987)."""
    cleaned = saved_filename(filename)
    ascii_name = cleaned.encode("ascii", "replace").decode().replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(cleaned)}"


@router.get("/inbox/attachments/{attachment_id}")
def download_attachment(
    attachment_id: int, request: Request, session: SessionDep, _current: SignedInDep
) -> Response:
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.content is None:
        return render_error(
            request,
            404,
            _("File not available"),
            _("The file is missing or was too large to keep; ask the buyer to send it again."),
        )
    return Response(
        attachment.content,
        media_type=safe_content_type(attachment),
        headers={
            "Content-Disposition": content_disposition(attachment.filename),
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "X-Content-Type-Options": "nosniff",
        },
    )


def sanitized_html(session: Session, message: Message) -> str | None:
    if message.inbound_mail_id is None:
        return None
    mail = session.get(InboundMail, message.inbound_mail_id)
    if mail is None:
        return None
    return parse_mail(mail.raw).html_sanitized


@router.get("/inbox/messages/{message_id}/html")
def message_html(
    message_id: int, request: Request, session: SessionDep, _current: SignedInDep
) -> Response:
    message = session.get(Message, message_id)
    html = sanitized_html(session, message) if message is not None else None
    if html is None:
        return render_error(request, 404, _("No HTML version"), _("This message is plain text."))
    page = (
        '<!doctype html><html><head><meta charset="utf-8">'
        "<style>body{font-family:sans-serif;font-size:14px;line-height:1.6;color:#1f2933;"
        "margin:12px;word-break:break-word}img{max-width:100%}</style></head><body>"
        f"{html}</body></html>"
    )
    return HTMLResponse(
        page, headers={"Content-Security-Policy": SANDBOX_CSP, "X-Frame-Options": "SAMEORIGIN"}
    )


@router.get("/static/inbox/{name}")
def static_file(name: str) -> Response:
    media_type = STATIC_FILES.get(name)
    if media_type is None:
        return Response(status_code=404)
    return FileResponse(
        STATIC_DIR / name,
        media_type=media_type,
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )
