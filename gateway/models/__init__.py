"""ORM classes, all in one package (Alembic's metadata is :data:`Base.metadata`)."""

from gateway.models.agent import Agent, AgentRole, ApiToken
from gateway.models.base import Base, utcnow
from gateway.models.chat import ChatEvent, ChatEventKind
from gateway.models.conversation import (
    Channel,
    Conversation,
    ConversationStatus,
    DeliveryState,
    Direction,
    Message,
    TranslationState,
)
from gateway.models.customer import Customer
from gateway.models.faq import FaqEntry, FaqRevision, FaqTranslation, FaqTranslationStatus
from gateway.models.inbox import GlossaryTerm, ReplyTemplate
from gateway.models.intake import IdempotencyKey
from gateway.models.login import LoginFailure
from gateway.models.mail import Acknowledgement, Attachment, InboundMail
from gateway.models.queue import LanguageQueue
from gateway.models.session import RevokedSession
from gateway.models.sla import SlaEvent, SlaWarning
from gateway.models.text import bounded, storable
from gateway.models.translation_memory import TranslationMemoryEntry
from gateway.models.work import WorkItem, WorkState

__all__ = [
    "Acknowledgement",
    "Agent",
    "AgentRole",
    "ApiToken",
    "Attachment",
    "Base",
    "Channel",
    "ChatEvent",
    "ChatEventKind",
    "Conversation",
    "ConversationStatus",
    "Customer",
    "DeliveryState",
    "Direction",
    "FaqEntry",
    "FaqRevision",
    "FaqTranslation",
    "FaqTranslationStatus",
    "GlossaryTerm",
    "IdempotencyKey",
    "InboundMail",
    "LanguageQueue",
    "LoginFailure",
    "Message",
    "ReplyTemplate",
    "RevokedSession",
    "SlaEvent",
    "SlaWarning",
    "TranslationMemoryEntry",
    "TranslationState",
    "WorkItem",
    "WorkState",
    "bounded",
    "storable",
    "utcnow",
]
