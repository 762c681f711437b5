"""``kakehashi demo``: a shop in its third week fills the dashboard, the FAQ panel and /faq/."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from faq_i18n.workflow import effective_status
from gateway.db import Database
from gateway.demo import DEMO_AGENT_EMAIL, load_demo
from gateway.faq import repository as faq_repository
from gateway.models import (
    Attachment,
    Conversation,
    ConversationStatus,
    Direction,
    InboundMail,
    Message,
    ReplyTemplate,
    utcnow,
)
from gateway.settings import Settings
from tests.gateway.test_auth_web import sign_in


def test_the_demo_is_a_shop_in_its_third_week(database: Database, settings: Settings) -> None:
    with database.session() as session:
        result = load_demo(session, settings=settings)
    assert result.conversations >= 40
    assert result.agent_password
    with database.session() as session:
        conversations = session.scalars(select(Conversation)).all()
        messages = session.scalars(select(Message)).all()
        oldest = min(c.created_at for c in conversations)
        assert utcnow() - oldest >= timedelta(days=14)
        assert len({c.language for c in conversations}) >= 8
        assert {c.channel for c in conversations} == {"email", "chat", "api"}
        assert any(c.status == ConversationStatus.RESOLVED for c in conversations)
        overdue = [
            c
            for c in conversations
            if c.first_response_due_at is not None
            and (c.first_responded_at or utcnow()) > c.first_response_due_at
            and c.status != ConversationStatus.RESOLVED
        ]
        assert 2 <= len(overdue) <= 10, "a few breached targets, not a disaster"
        sent = [m for m in messages if m.direction == Direction.OUTBOUND and m.sent_at]
        assert len(sent) >= 20
        assert all(m.translation_text and m.back_translation for m in sent)
        assert any(m.direction == Direction.NOTE for m in messages)
        raws = [mail.raw.decode() for mail in session.scalars(select(InboundMail))]
        assert any("\n> " in raw and "wrote:" in raw for raw in raws), "a thread quotes a reply"
        assert session.scalar(select(func.count()).select_from(Attachment))
        assert session.scalar(select(func.count()).select_from(ReplyTemplate)) >= 4
        entries = faq_repository.all_entries(session)
        assert len(entries) >= 10
        statuses = {
            str(effective_status(faq_repository.locale_text(t), e.source_hash))
            for e in entries
            for t in e.translations
        }
        assert statuses == {"reviewed", "machine", "stale"}
        assert len({t.locale for e in entries for t in e.translations}) >= 5
        count = len(conversations)

    with database.session() as session:
        again = load_demo(session, settings=settings)
    assert (again.conversations, again.faq_entries, again.agent_password) == (0, 0, None)
    with database.session() as session:
        reset = load_demo(session, settings=settings, reset=True)
    assert reset.removed == count
    assert reset.conversations == count
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Conversation)) == count


def test_the_demo_fills_the_dashboard_faq_panel_and_public_faq(
    client: TestClient, database: Database, settings: Settings
) -> None:
    with database.session() as session:
        password = load_demo(session, settings=settings).agent_password
        shipping = session.scalars(
            select(Conversation).where(Conversation.subject == "Where is my order #48812?")
        ).one()
    assert password
    sign_in(client, DEMO_AGENT_EMAIL, password)
    dashboard = client.get("/inbox/queues").text
    assert dashboard.count('class="sla-card"') >= 8
    assert dashboard.count('<rect class="bar"') >= 20
    page = client.get(f"/inbox/conversations/{shipping.id}").text
    assert "海外への配送にはどのくらいかかりますか？" in page  # the FAQ panel suggests it
    public = client.get("/faq/en/").text
    assert "How long does international shipping take?" in public
    assert "within 7 days" not in public  # the outdated English is not offered as current
