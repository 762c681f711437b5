"""Which language a reply goes out in, and whether a model chain reaches it.

Replies follow the buyer: the language of their latest message (a buyer who opened in Chinese
and then writes in English is answered in English), unless an agent chose a language for the
conversation (``Conversation.reply_language``). When no installed model chain translates
Japanese into that language, the agent is offered the fallback reply language
(``KAKEHASHI_REPLY_FALLBACK_LANGUAGE``, English by default) or writing the reply directly in the
buyer's language; admins are told which packages to install.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.models import Conversation, Direction, Message
from translation.languages import ENGLISH, JAPANESE, UNDETERMINED


@dataclass(frozen=True)
class ReplyLanguage:
    """What the composer needs to know about the language of the next reply."""

    #: The language the buyer will read (BCP 47).
    language: str
    #: The language the buyer wrote last: what "follow the buyer" means now.
    buyer_language: str
    #: An agent chose ``language`` for this conversation (it does not follow the buyer).
    chosen: bool
    #: A model chain translates Japanese into ``language``.
    reachable: bool
    #: The language offered when ``language`` is not reachable, and whether it is.
    fallback: str
    fallback_reachable: bool
    #: Packages (FROM, TO) that would make ``language`` reachable, for the admin.
    missing_models: tuple[tuple[str, str], ...]
    #: Packages that would translate the buyer's messages into Japanese, when none does yet.
    missing_inbound_models: tuple[tuple[str, str], ...] = ()

    @property
    def install_commands(self) -> list[str]:
        return _commands(self.missing_models)

    @property
    def inbound_install_commands(self) -> list[str]:
        return _commands(self.missing_inbound_models)


def _commands(pairs: tuple[tuple[str, str], ...]) -> list[str]:
    return [f"kakehashi models install {source} {target}" for source, target in pairs]


def latest_buyer_language(session: Session, conversation: Conversation) -> str:
    """The language of the buyer's latest message whose language is known; else the
    conversation's, else the customer's, else English."""
    latest = session.scalar(
        select(Message.language)
        .where(
            Message.conversation_id == conversation.id,
            Message.direction == Direction.INBOUND,
            Message.language != UNDETERMINED,
        )
        .order_by(Message.id.desc())
        .limit(1)
    )
    if latest:
        return latest
    if conversation.language != UNDETERMINED:
        return conversation.language
    customer_language = conversation.customer.language
    if customer_language and customer_language != UNDETERMINED:
        return customer_language
    return ENGLISH


def reply_language(session: Session, conversation: Conversation) -> str:
    """The language the next reply goes out in: the agent's choice, else the buyer's latest."""
    return conversation.reply_language or latest_buyer_language(session, conversation)


def models_to_install(
    source: str, target: str, installed: Collection[tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """The Argos packages missing for ``source`` → ``target``: Argos publishes its models to and
    from English, so the chain is source → en → target (one step when either is English)."""
    if ENGLISH in (source, target):
        chain = [(source, target)]
    else:
        chain = [(source, ENGLISH), (ENGLISH, target)]
    return tuple(pair for pair in chain if pair not in installed)


def plan_reply(
    session: Session,
    conversation: Conversation,
    *,
    fallback: str,
    supports: Collection[tuple[str, str]] | None = None,
    installed: Collection[tuple[str, str]] = (),
    language: str | None = None,
) -> ReplyLanguage:
    """The reply language of ``conversation`` (or ``language``, when given) and what can be
    done with it.

    ``supports`` are the (source, target) pairs the engine translates now, direct or pivot
    (:meth:`translation.engine.TranslationEngine.pairs`); ``installed`` its own packages.
    """
    buyer = latest_buyer_language(session, conversation)
    language = language or conversation.reply_language or buyer
    reachable_pairs = set(supports or ())

    def reachable(tag: str) -> bool:
        return tag == JAPANESE or (JAPANESE, tag) in reachable_pairs

    inbound_reachable = buyer == JAPANESE or (buyer, JAPANESE) in reachable_pairs

    return ReplyLanguage(
        language=language,
        buyer_language=buyer,
        chosen=language != buyer or conversation.reply_language is not None,
        reachable=reachable(language),
        fallback=fallback,
        fallback_reachable=reachable(fallback),
        missing_models=(
            () if reachable(language) else models_to_install(JAPANESE, language, installed)
        ),
        missing_inbound_models=(
            () if inbound_reachable else models_to_install(buyer, JAPANESE, installed)
        ),
    )
