"""ORM classes, all in one package (Alembic's metadata is :data:`Base.metadata`)."""

from gateway.models.agent import Agent, AgentRole, ApiToken
from gateway.models.base import Base, utcnow
from gateway.models.chat import ChatEvent, ChatEventKind
from gateway.models.conversation import (
    Channel,
    Conversation,
    ConversationStatus,
    ConversationTag,
    DeliveryState,
    Direction,
    Message,
    TranslationState,
)
from gateway.models.customer import Customer
from gateway.models.desk import CsatRating, CsatSurvey, DeskEvent, DeskEventKind, Order
from gateway.models.faq import FaqEntry, FaqRevision, FaqTranslation, FaqTranslationStatus
from gateway.models.held_mail import HeldMail
from gateway.models.inbox import GlossaryTerm, ReplyTemplate
from gateway.models.instance import InstanceSecret
from gateway.models.intake import IdempotencyKey
from gateway.models.login import LoginFailure
from gateway.models.mail import Acknowledgement, Attachment, InboundMail
from gateway.models.queue import LanguageQueue
from gateway.models.session import RevokedSession
from gateway.models.sla import SlaEvent, SlaWarning
from gateway.models.text import bounded, storable
from gateway.models.translation_memory import TranslationMemoryEntry
from gateway.models.webhook import WebhookDelivery, WebhookDeliveryState, WebhookEndpoint
from gateway.models.work import URGENT, Priority, WorkItem, WorkState

__all__ = [
    "URGENT",
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
    "ConversationTag",
    "CsatRating",
    "CsatSurvey",
    "Customer",
    "DeliveryState",
    "DeskEvent",
    "DeskEventKind",
    "Direction",
    "FaqEntry",
    "FaqRevision",
    "FaqTranslation",
    "FaqTranslationStatus",
    "GlossaryTerm",
    "HeldMail",
    "IdempotencyKey",
    "InboundMail",
    "InstanceSecret",
    "LanguageQueue",
    "LoginFailure",
    "Message",
    "Order",
    "Priority",
    "ReplyTemplate",
    "RevokedSession",
    "SlaEvent",
    "SlaWarning",
    "TranslationMemoryEntry",
    "TranslationState",
    "WebhookDelivery",
    "WebhookDeliveryState",
    "WebhookEndpoint",
    "WorkItem",
    "WorkState",
    "bounded",
    "storable",
    "utcnow",
]
