"""``POST /api/v1/conversations/{id}/replies`` for the shop's own systems (bearer token).

Replies follow the same language rule as the agent pages. A reply in Japanese (``text_ja``)
goes out in the conversation's reply language; when no installed model reaches that language,
it goes out in the fallback reply language (``KAKEHASHI_REPLY_FALLBACK_LANGUAGE``) and the
answer says so in ``fallback``. When no model reaches that either, or the client asked for a
``language`` no model reaches, the answer is 409 ``no_translation_model`` and nothing is stored:
send ``text`` (the reply written in the buyer's language) instead, or install the models named.

The agent pages live in gateway/web; gateway/app.py mounts them next to this router.
"""

from __future__ import annotations

from fastapi import APIRouter

from gateway.auth.dependencies import TokenDep
from gateway.conversations.serializers import message_out
from gateway.db import SessionDep
from gateway.errors import ApiError
from gateway.i18n import _
from gateway.inbox import service
from gateway.inbox.reply_language import plan_reply
from gateway.inbox.schemas import ReplyFallbackOut, ReplyIn, ReplyOut
from gateway.models import Conversation
from gateway.settings import get_settings
from gateway.translations.engine import get_engine
from translation.languages import UnknownLanguageError, display_name, normalize_tag

router = APIRouter()
api = APIRouter(prefix="/api/v1", tags=["inbox"])


@api.post("/conversations/{conversation_id}/replies", status_code=201, response_model=ReplyOut)
def post_reply(
    conversation_id: int, body: ReplyIn, session: SessionDep, _token: TokenDep
) -> ReplyOut:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise ApiError(404, "not_found", _("No conversation %(id)d.") % {"id": conversation_id})
    if (body.text_ja is None) == (body.text is None):
        raise _one_text()
    explicit: str | None = None
    if body.language is not None:
        try:
            explicit = normalize_tag(body.language)
        except UnknownLanguageError as exc:
            raise ApiError(422, "invalid_request", f"language: {exc}") from exc
    engine = get_engine()
    plan = plan_reply(
        session,
        conversation,
        fallback=get_settings().reply_fallback_language,
        supports=engine.pairs(),
        installed=engine.installed_pairs(),
        language=explicit,
    )
    fallback: ReplyFallbackOut | None = None
    try:
        if body.text is not None:
            message = service.write_direct_reply(
                session,
                conversation,
                text=body.text,
                language=plan.language,
                author=None,
            )
        elif body.text_ja is not None:
            language = plan.language
            if not plan.reachable:
                if explicit is not None or not plan.fallback_reachable:
                    raise _no_model(plan.language, plan.install_commands)
                fallback = ReplyFallbackOut(
                    reason="no_translation_model",
                    wanted_language=plan.language,
                    install=plan.install_commands,
                )
                language = plan.fallback
            message = service.write_reply(
                session, conversation, text_ja=body.text_ja, author=None, language=language
            )
        else:
            raise _one_text()
        if body.send:
            service.send_reply(session, message, sender=None, require_translation=False)
    except service.InboxError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from exc
    session.flush()
    return ReplyOut(**message_out(message).model_dump(), fallback=fallback)


def _one_text() -> ApiError:
    return ApiError(
        422,
        "invalid_request",
        _(
            "Send 'text_ja' (a reply in Japanese, translated for the buyer) or 'text' "
            "(a reply written in the buyer's language), not both."
        ),
    )


def _no_model(language: str, install: list[str]) -> ApiError:
    return ApiError(
        409,
        "no_translation_model",
        _(
            "No installed translation model reaches %(language)s (%(tag)s). Send the reply "
            "written in that language as 'text', or install the models: %(commands)s"
        )
        % {
            "language": display_name(language, in_language="en"),
            "tag": language,
            "commands": "; ".join(install),
        },
        language=language,
        install=install,
    )


router.include_router(api)
