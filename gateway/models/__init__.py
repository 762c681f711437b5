"""ORM classes, all in one package (Alembic's metadata is :data:`Base.metadata`)."""

from gateway.models.agent import Agent, AgentRole, ApiToken
from gateway.models.base import Base, utcnow
from gateway.models.conversation import (
    Channel,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    TranslationState,
)
from gateway.models.customer import Customer
from gateway.models.queue import LanguageQueue
from gateway.models.translation_memory import TranslationMemoryEntry
from gateway.models.work import WorkItem, WorkState

__all__ = [
    "Agent",
    "AgentRole",
    "ApiToken",
    "Base",
    "Channel",
    "Conversation",
    "ConversationStatus",
    "Customer",
    "Direction",
    "LanguageQueue",
    "Message",
    "TranslationMemoryEntry",
    "TranslationState",
    "WorkItem",
    "WorkState",
    "utcnow",
]
