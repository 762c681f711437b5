"""Asking the buyer once, on resolve, and recording the answer and the comment.

No survey when the queue turns it off, when no person ever answered (automatic conversations),
when our mail to the buyer bounced, or when the buyer cannot be reached (API and form
conversations are the shop's own to follow up). Functions take the session first, never commit.
"""

from __future__ import annotations

import logging
import secrets

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from gateway.auth.secret import secret_key
from gateway.csat import links
from gateway.csat.strings import survey_text
from gateway.models import (
    Channel,
    Conversation,
    CsatRating,
    CsatSurvey,
    DeliveryState,
    Direction,
    Message,
    TranslationState,
    utcnow,
)
from gateway.outbox.service import queue_delivery
from gateway.settings import Settings
from gateway.workers import queue as work
from translation.detect import detect_language
from translation.languages import JAPANESE, UNDETERMINED

log = logging.getLogger(__name__)

TRANSLATE_COMMENT = "csat.translate_comment"
MAX_COMMENT_CHARS = 2000


class SurveyError(ValueError):
    """An answer the survey cannot take (already answered, too long)."""


def _bounced(session: Session, conversation: Conversation) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    Message.conversation_id == conversation.id,
                    Message.direction == Direction.OUTBOUND,
                    Message.delivery_state == DeliveryState.FAILED,
                )
            )
        )
    )


def why_no_survey(session: Session, conversation: Conversation) -> str | None:
    """The reason no survey goes out for ``conversation``, or None when one should."""
    if not conversation.queue.csat_survey:
        return "turned off for the queue"
    if conversation.channel == Channel.EMAIL and not conversation.reply_address:
        return "no address to ask"
    if conversation.channel not in (Channel.EMAIL, Channel.CHAT):
        return "API and form conversations are followed up by the shop"
    if conversation.first_responded_at is None:
        return "nobody answered in person (automatic)"
    if _bounced(session, conversation):
        return "our mail to the buyer bounced"
    if session.scalar(select(CsatSurvey.id).where(CsatSurvey.conversation_id == conversation.id)):
        return "already asked"
    return None


def send_survey(
    session: Session, conversation: Conversation, *, settings: Settings
) -> CsatSurvey | None:
    """Ask the buyer, in their language, through the outbox (mail) or the chat."""
    reason = why_no_survey(session, conversation)
    if reason is not None:
        log.info("no satisfaction survey for conversation %d: %s", conversation.id, reason)
        return None
    survey = CsatSurvey(
        conversation_id=conversation.id,
        agent_id=conversation.assignee_id,
        queue_id=conversation.queue_id,
        language=conversation.language,
        nonce=secrets.token_hex(16),
        sent_at=utcnow(),
    )
    session.add(survey)
    session.flush()

    def url(action: str) -> str:
        return links.answer_url(
            survey, action, secret=secret_key(settings), public_url=settings.public_url
        )

    text = survey_text(
        language=conversation.language,
        shop_name=settings.shop_name,
        customer_name=conversation.customer.name,
        satisfied_url=url(CsatRating.SATISFIED),
        unsatisfied_url=url(CsatRating.UNSATISFIED),
    )
    message = Message(
        conversation_id=conversation.id,
        direction=Direction.OUTBOUND,
        is_automatic=True,
        text="満足度アンケートを送信しました",
        language="ja",
        translation_language=conversation.language,
        translation_state=TranslationState.NOT_NEEDED,
        translation_text=text.text,
        created_at=utcnow(),
    )
    session.add(message)
    session.flush()
    survey.message_id = message.id
    if conversation.channel == Channel.EMAIL:
        from gateway.mailbox.outbound import render_mail, store_rendered
        from gateway.smtp import MailNotConfiguredError
        from mail.errors import ComposeError

        try:
            store_rendered(
                message, render_mail(session, message, settings=settings, subject=text.subject)
            )
        except (ComposeError, MailNotConfiguredError) as exc:
            log.warning("satisfaction survey not sent: %s", exc)
            session.delete(message)
            session.delete(survey)
            session.flush()
            return None
    queue_delivery(session, message)
    return survey


def record_answer(session: Session, survey: CsatSurvey, rating: CsatRating) -> bool:
    """Keep the buyer's first answer; a second click changes nothing. True when recorded."""
    if survey.rating is not None:
        return False
    survey.rating = rating
    survey.answered_at = utcnow()
    return True


def record_comment(session: Session, survey: CsatSurvey, comment: str) -> bool:
    """Keep the buyer's comment (once) and queue its translation into Japanese."""
    text = comment.replace("\r\n", "\n").strip()
    if not text or survey.comment is not None or survey.rating is None:
        return False
    if len(text) > MAX_COMMENT_CHARS:
        raise SurveyError(f"comment longer than {MAX_COMMENT_CHARS} characters")
    survey.comment = text
    survey.commented_at = utcnow()
    hints = () if survey.language == UNDETERMINED else (survey.language,)
    language = detect_language(text, hints=hints).language
    survey.extra = {**survey.extra, "comment_language": language}
    if language == JAPANESE:
        survey.comment_ja = text
        survey.comment_translation_state = TranslationState.NOT_NEEDED
    else:
        survey.comment_translation_state = TranslationState.PENDING
        work.enqueue(session, TRANSLATE_COMMENT, survey.id, group_key=f"{language}>{JAPANESE}")
    return True
