"""A conversation and its messages as the API shows them: used by the conversations and reply
endpoints and by the webhook payloads (gateway/webhooks), which must match them."""

from __future__ import annotations

from gateway.conversations.schemas import (
    ConversationSummary,
    CustomerOut,
    MessageOut,
    TranslationOut,
)
from gateway.models import Conversation, Direction, Message
from gateway.triage.priority import Priority


def message_out(message: Message) -> MessageOut:
    outbound = message.direction == Direction.OUTBOUND
    return MessageOut(
        id=message.id,
        direction=message.direction,
        text=message.text,
        language=message.language,
        language_confidence=message.language_confidence,
        translation=TranslationOut(
            language=message.translation_language,
            text=message.translation_text,
            state=message.translation_state,
            model=message.translation_model,
            score=message.translation_score,
            back_translation=message.back_translation if outbound else None,
        ),
        created_at=message.created_at,
    )


def summary_out(conversation: Conversation, latest: Message | None) -> ConversationSummary:
    return ConversationSummary(
        id=conversation.id,
        channel=conversation.channel,
        language=conversation.language,
        queue=conversation.queue.language,
        status=conversation.status,
        subject=conversation.subject,
        customer=CustomerOut(
            id=conversation.customer.id,
            email=conversation.customer.email,
            name=conversation.customer.name,
        ),
        assignee_id=conversation.assignee_id,
        created_at=conversation.created_at,
        last_message_at=conversation.last_message_at,
        first_response_due_at=conversation.first_response_due_at,
        first_responded_at=conversation.first_responded_at,
        tags=conversation.tag_names,
        priority=Priority(conversation.priority).api_name,
        escalated=conversation.escalated_at is not None,
        latest_message=message_out(latest) if latest is not None else None,
    )
