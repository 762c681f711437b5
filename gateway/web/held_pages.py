"""自動送信・保留メール: automatic mail held out of the queues, for administrators to review.

Each row says why the mail was held; one click (a form with the CSRF token) restores it into a
conversation an agent can answer, and the raw mail can be downloaded as received.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from gateway.auth.web import AdminDep, AdminRequired, SignedInDep, is_admin
from gateway.db import SessionDep
from gateway.i18n import _
from gateway.inbox import repository as inbox
from gateway.mailbox import held as held_mail
from gateway.mailbox.restore import HeldMailError, restore
from gateway.models import HeldMail, InboundMail, utcnow
from gateway.settings import get_settings
from gateway.web import views
from gateway.web.files import content_disposition
from gateway.web.rendering import render, render_error
from gateway.web.routing import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)

PAGE_SIZE = 200


def _require_admin(current: SignedInDep) -> None:
    if not is_admin(current.agent):
        raise AdminRequired


@router.get("/admin/held-mail")
def held_mail_page(request: Request, session: SessionDep, current: SignedInDep) -> Response:
    _require_admin(current)
    return render(
        request,
        "held_mail.html",
        200,
        current=current,
        csrf_token=current.csrf_token,
        queue_counts=inbox.queue_counts(session, now=utcnow()),
        queue=None,
        rows=held_mail.held_mails(session, limit=PAGE_SIZE),
        total=held_mail.held_count(session),
        reason_label=views.held_reason_label,
        retention_days=get_settings().held_mail_retention_days,
    )


@router.post("/admin/held-mail/{held_id}/restore")
def restore_held_mail(
    held_id: int, request: Request, session: SessionDep, current: AdminDep
) -> Response:
    held = session.get(HeldMail, held_id)
    if held is None:
        return _gone(request)
    try:
        conversation = restore(session, held, agent=current.agent, settings=get_settings())
    except HeldMailError as exc:
        return render_error(request, 410, _("This mail is no longer kept"), str(exc))
    return RedirectResponse(f"/inbox/conversations/{conversation.id}", status_code=303)


@router.get("/admin/held-mail/{held_id}/raw")
def download_held_mail(
    held_id: int, request: Request, session: SessionDep, current: SignedInDep
) -> Response:
    _require_admin(current)
    held = session.get(HeldMail, held_id)
    mail = session.get(InboundMail, held.inbound_mail_id) if held is not None else None
    if held is None or mail is None:
        return _gone(request)
    return Response(
        mail.raw,
        media_type="application/octet-stream",
        headers={"Content-Disposition": content_disposition(f"held-{held.id}.eml")},
    )


def _gone(request: Request) -> Response:
    return render_error(
        request,
        404,
        _("This mail is no longer kept"),
        _("Held mail is deleted after the retention period, or it was restored already."),
    )
