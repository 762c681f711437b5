"""The desk's demo data: `kakehashi demo` gives its conversations tags, priorities, an
escalation, orders and survey answers, so the report has figures; running it twice adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from gateway.db import Database
from gateway.demo import load_demo
from gateway.desk.demo import seed_desk_demo
from gateway.models import Conversation, CsatSurvey, DeskEvent, Order, utcnow
from gateway.reports import service as reports
from gateway.settings import Settings


def test_the_demo_fills_the_desk_and_the_report(database: Database, settings: Settings) -> None:
    with database.session() as session:
        load_demo(session, settings=settings)
    with database.session() as session:
        conversations = session.scalars(select(Conversation)).all()
        assert all(c.tag_names for c in conversations)
        assert any(c.priority == 3 for c in conversations)
        assert session.scalar(select(func.count()).select_from(DeskEvent)) == 1
        assert session.scalar(select(func.count()).select_from(Order)) == len(conversations)
        answered = session.scalars(select(CsatSurvey).where(CsatSurvey.rating.is_not(None))).all()
        assert answered
        now = utcnow()
        from datetime import timedelta

        records = reports.records(session, start=now - timedelta(days=30), end=now)
        total = reports.figures(records)
        assert total.received == len(conversations)
        assert total.median_first_response_seconds is not None
        assert total.resolution_rate is not None
        assert 0 < total.resolution_rate < 1
        assert total.escalation_rate == 1 / len(conversations)
        assert total.csat_responses == len(answered)
    with database.session() as session:
        again = seed_desk_demo(session)
        load_demo(session, settings=settings)
    assert again.conversations == 0
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Order)) == len(conversations)
