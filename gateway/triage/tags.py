"""Tags: free text on a conversation (破損, 配送, …), with the shop's own list suggested."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gateway.i18n import _
from gateway.models import Conversation, ConversationTag

MAX_TAG_CHARS = 50
MAX_TAGS = 20


class TagError(ValueError):
    """A tag that cannot be stored as given; the message says how to fix it."""


def clean_tag(raw: str) -> str:
    """NFKC (full-width letters and spaces become ordinary ones), trimmed, inner spaces single."""
    tag = " ".join(unicodedata.normalize("NFKC", raw).split())
    if len(tag) > MAX_TAG_CHARS:
        raise TagError(
            _("A tag is at most %(limit)d characters: %(tag)s")
            % {"limit": MAX_TAG_CHARS, "tag": tag[:MAX_TAG_CHARS] + "…"}
        )
    return tag


def clean_tags(raw: Iterable[str], *, limit: int | None = MAX_TAGS) -> list[str]:
    """Each tag cleaned, empty ones dropped, duplicates (ignoring case) kept once, in order."""
    seen: dict[str, str] = {}
    for value in raw:
        tag = clean_tag(value)
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    if limit is not None and len(seen) > limit:
        raise TagError(_("A conversation has at most %(limit)d tags.") % {"limit": MAX_TAGS})
    return list(seen.values())


def split_tags(text: str) -> list[str]:
    """Tags typed into one field, separated by commas (also 、 and ，)."""
    for separator in ("、", "，", ";"):
        text = text.replace(separator, ",")
    return clean_tags(text.split(","))


def set_tags(conversation: Conversation, tags: Sequence[str]) -> None:
    """Replace the conversation's tags with ``tags`` (already cleaned)."""
    wanted = {t.casefold(): t for t in tags}
    for row in list(conversation.tags):
        if row.tag.casefold() not in wanted:
            conversation.tags.remove(row)
        else:
            row.tag = wanted.pop(row.tag.casefold())
    for tag in wanted.values():
        conversation.tags.append(ConversationTag(tag=tag))


def add_tags(conversation: Conversation, tags: Sequence[str]) -> None:
    have = {t.casefold() for t in conversation.tag_names}
    for tag in clean_tags(tags):
        if tag.casefold() not in have:
            conversation.tags.append(ConversationTag(tag=tag))
            have.add(tag.casefold())


def remove_tags(conversation: Conversation, tags: Sequence[str]) -> None:
    gone = {t.casefold() for t in clean_tags(tags)}
    for row in list(conversation.tags):
        if row.tag.casefold() in gone:
            conversation.tags.remove(row)


def suggested_tags(session: Session, shop_tags: Sequence[str], *, limit: int = 30) -> list[str]:
    """The shop's list first, then the tags agents use most."""
    used = session.execute(
        select(ConversationTag.tag, func.count())
        .group_by(ConversationTag.tag)
        .order_by(func.count().desc(), ConversationTag.tag)
        .limit(limit)
    ).all()
    return clean_tags([*shop_tags, *(tag for tag, _count in used)], limit=None)[:limit]
