"""Orders attached by the shop's systems, found for a conversation, and order numbers found in
a buyer's message. Functions take the session first and never commit."""

from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gateway.i18n import _
from gateway.intake.service import find_or_create_customer
from gateway.models import Conversation, Order, utcnow
from gateway.orders.schemas import OrderIn, OrderOut

MAX_ORDER_ID_CHARS = 100
_TOKYO = ZoneInfo("Asia/Tokyo")  # dates agents read are the shop's dates


class OrderError(ValueError):
    """An order that cannot be stored as sent; the message says which field and why."""


def _total(value: int | float | str | None) -> int | float | str | None:
    if isinstance(value, str):
        return value.strip()[:50] or None
    return value


def put_order(session: Session, *, email: str, order_id: str, body: OrderIn) -> tuple[Order, bool]:
    """Create or replace the buyer's order ``order_id``; True when it is new."""
    order_id = order_id.strip()
    if not order_id or len(order_id) > MAX_ORDER_ID_CHARS:
        raise OrderError(
            _("The order id must be 1 to %(limit)d characters.") % {"limit": MAX_ORDER_ID_CHARS}
        )
    if "@" not in email:
        raise OrderError(_("The customer must be given by e-mail address."))
    customer = find_or_create_customer(session, email=email, name="")
    if body.conversation_id is not None:
        conversation = session.get(Conversation, body.conversation_id)
        if conversation is None or conversation.customer_id != customer.id:
            raise OrderError(_("conversation_id is not a conversation of this customer."))
    order = session.scalar(
        select(Order).where(Order.customer_id == customer.id, Order.order_number == order_id)
    )
    created = order is None
    if order is None:
        order = Order(customer_id=customer.id, order_number=order_id)
        session.add(order)
    order.status = body.status.strip()
    order.items = list(body.items)
    order.total = _total(body.total)
    order.placed_at = body.placed_at
    order.url = body.url
    if body.conversation_id is not None:
        order.conversation_id = body.conversation_id
    order.updated_at = utcnow()
    session.flush()
    return order, created


def orders_for(session: Session, conversation: Conversation) -> Sequence[Order]:
    """The buyer's orders and any attached to this conversation, newest first."""
    return session.scalars(
        select(Order)
        .where(
            or_(
                Order.customer_id == conversation.customer_id,
                Order.conversation_id == conversation.id,
            )
        )
        .order_by(Order.placed_at.desc().nulls_last(), Order.id.desc())
    ).all()


def order_out(order: Order, email: str | None) -> OrderOut:
    return OrderOut(
        id=order.order_number,
        order_id=order.order_number,
        customer_email=email,
        conversation_id=order.conversation_id,
        status=order.status,
        items=order.items,
        total=order.total,
        placed_at=order.placed_at,
        url=order.url,
        updated_at=order.updated_at,
    )


def item_names(order: Order) -> str:
    """The items as one line: ``着物 ×1、帯 ×2`` (strings, or objects with name and quantity)."""
    parts = []
    for item in order.items:
        if isinstance(item, dict):
            name = str(item.get("name") or item.get("title") or item.get("sku") or "")
            quantity = item.get("quantity") or item.get("qty")
            parts.append(f"{name} ×{quantity}" if quantity else name)
        else:
            parts.append(str(item))
    return "、".join(p for p in parts if p)


def _number_pattern(orders: Sequence[Order]) -> re.Pattern[str] | None:
    numbers = sorted({o.order_number for o in orders if o.order_number}, key=len, reverse=True)
    if not numbers:
        return None
    # Not inside a longer run of letters or digits: order 4881 is not in 48812.
    return re.compile(
        r"(?<![0-9A-Za-z])(" + "|".join(re.escape(n) for n in numbers) + r")(?![0-9A-Za-z])"
    )


def link_order_numbers(text: str, orders: Sequence[Order]) -> Markup:
    """``text`` escaped, with each known order number linked to the order in the side panel."""
    pattern = _number_pattern(orders)
    if pattern is None:
        return escape(text)
    by_number = {o.order_number: o for o in orders}
    out = Markup("")
    last = 0
    for match in pattern.finditer(text):
        order = by_number[match.group(1)]
        out += escape(text[last : match.start()])
        out += Markup('<a class="order-link" href="#order-{id}" data-order="{n}">{n}</a>').format(
            id=order.id, n=match.group(1)
        )
        last = match.end()
    return out + escape(text[last:])


def placeholder_values(orders: Sequence[Order], text: str = "") -> dict[str, str]:
    """Template placeholders from the order the buyer mentions (else their latest order)."""
    if not orders:
        return {}
    pattern = _number_pattern(orders)
    mentioned = pattern.search(text) if pattern and text else None
    order = next(
        (o for o in orders if mentioned and o.order_number == mentioned.group(1)), orders[0]
    )
    values = {
        "注文番号": order.order_number,
        "注文状況": order.status,
        "注文金額": "" if order.total is None else str(order.total),
        "注文商品": item_names(order),
        "注文日": order.placed_at.astimezone(_TOKYO).strftime("%Y/%m/%d")
        if order.placed_at
        else "",
        "注文URL": order.url or "",
    }
    return {k: v for k, v in values.items() if v}
