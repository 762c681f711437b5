"""Intake rules: tag and prioritise a new inquiry by keywords, channel and language.

A rule matches when every condition it names holds: one of its ``keywords`` appears in the
buyer's original text or in its Japanese translation (case and width ignored), the channel is
one of ``channels``, the language one of ``languages`` (``zh`` matches ``zh-Hant``). It then adds
its ``tags`` and raises the priority to ``priority`` (a rule never lowers what is set).

Rules come from ``KAKEHASHI_INTAKE_RULES``: a JSON list, or the path of a JSON file holding one::

    [{"name": "破損", "keywords": ["破損", "damaged", "broken"], "tags": ["破損"],
      "priority": "high"}]

Unset, the shop starts with :data:`DEFAULT_RULES`.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from gateway.models import Conversation, Message
from gateway.triage.priority import Priority, set_priority
from gateway.triage.tags import add_tags, clean_tags


class RuleError(ValueError):
    """The rules setting cannot be read; the message names the rule and the field."""


@dataclass(frozen=True)
class IntakeRule:
    name: str
    keywords: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    priority: Priority | None = None

    def matches(self, *, texts: Sequence[str], channel: str, language: str) -> bool:
        if self.channels and channel not in self.channels:
            return False
        if self.languages and not any(_same_language(language, want) for want in self.languages):
            return False
        if self.keywords:
            folded = [_fold(text) for text in texts if text]
            return any(_fold(word) in text for word in self.keywords for text in folded)
        return True


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _same_language(language: str, wanted: str) -> bool:
    language, wanted = language.lower(), wanted.lower()
    return language == wanted or language.split("-")[0] == wanted


DEFAULT_RULES: tuple[IntakeRule, ...] = (
    IntakeRule(
        name="破損",
        keywords=(
            "破損",
            "壊れ",
            "割れ",
            "damaged",
            "broken",
            "cracked",
            "torn",
            "损坏",
            "破损",
            "損壞",
            "破損",
            "파손",
            "깨졌",
            "beschädigt",
            "kaputt",
            "cassé",
            "endommagé",
            "dañado",
            "roto",
            "danificado",
            "quebrado",
            "rusak",
            "pecah",
            "bị hỏng",
            "vỡ",
            "เสียหาย",
            "แตก",
        ),
        tags=("破損",),
        priority=Priority.HIGH,
    ),
    IntakeRule(
        name="返品・返金",
        keywords=(
            "返品",
            "返金",
            "refund",
            "return",
            "退货",
            "退款",
            "退貨",
            "환불",
            "반품",
            "rückerstattung",
            "remboursement",
            "reembolso",
            "devolución",
            "pengembalian",
            "hoàn tiền",
            "คืนเงิน",
        ),
        tags=("返品・返金",),
    ),
    IntakeRule(
        name="配送",
        keywords=(
            "配送",
            "発送",
            "届かない",
            "届いていない",
            "shipping",
            "delivery",
            "tracking",
            "not arrived",
            "配送",
            "物流",
            "寄出",
            "배송",
            "versand",
            "livraison",
            "envío",
            "entrega",
            "pengiriman",
            "giao hàng",
            "จัดส่ง",
        ),
        tags=("配送",),
    ),
)


def _strings(rule: dict[str, Any], field: str, index: int) -> tuple[str, ...]:
    value = rule.get(field, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"intake rule {index + 1}: '{field}' must be a list of strings")
    return tuple(v for v in value if v.strip())


def parse_rules(raw: str) -> tuple[IntakeRule, ...]:
    """Rules from JSON text (a list of objects), checked field by field."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RuleError(f"KAKEHASHI_INTAKE_RULES is not valid JSON: {exc}") from exc
    if not isinstance(data, list):
        raise RuleError("KAKEHASHI_INTAKE_RULES must be a JSON list of rules")
    rules = []
    for index, rule in enumerate(data):
        if not isinstance(rule, dict):
            raise RuleError(f"intake rule {index + 1} must be a JSON object")
        priority = rule.get("priority")
        try:
            level = Priority.from_name(priority) if isinstance(priority, str) else None
        except ValueError as exc:
            raise RuleError(f"intake rule {index + 1}: {exc}") from exc
        rules.append(
            IntakeRule(
                name=str(rule.get("name") or f"rule {index + 1}"),
                keywords=_strings(rule, "keywords", index),
                channels=_strings(rule, "channels", index),
                languages=_strings(rule, "languages", index),
                tags=tuple(clean_tags(_strings(rule, "tags", index))),
                priority=level,
            )
        )
    return tuple(rules)


@lru_cache(maxsize=8)
def load_rules(setting: str | None) -> tuple[IntakeRule, ...]:
    """The rules a ``KAKEHASHI_INTAKE_RULES`` value names (inline JSON or a file path)."""
    if setting is None or not setting.strip():
        return DEFAULT_RULES
    text = setting.strip()
    if not text.startswith("["):
        path = Path(text).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise RuleError(f"KAKEHASHI_INTAKE_RULES: cannot read {path}: {exc}") from exc
    return parse_rules(text)


def apply_rules(
    session: Session,
    conversation: Conversation,
    message: Message,
    rules: Sequence[IntakeRule],
) -> list[IntakeRule]:
    """Apply every matching rule to ``conversation`` for the buyer's ``message``; returns them."""
    texts = [message.text]
    if message.translation_text and message.translation_language == "ja":
        texts.append(message.translation_text)
    matched = [
        rule
        for rule in rules
        if rule.matches(texts=texts, channel=conversation.channel, language=message.language)
    ]
    for rule in matched:
        if rule.tags:
            add_tags(conversation, rule.tags)
        if rule.priority is not None and rule.priority > conversation.priority:
            set_priority(session, conversation, rule.priority)
    return matched


def apply_to_translated(session: Session, message: Message, *, setting: str | None) -> None:
    """The Japanese translation of a buyer's message is ready: rules may match it now."""
    conversation = session.get(Conversation, message.conversation_id)
    if conversation is not None:
        apply_rules(session, conversation, message, load_rules(setting))
