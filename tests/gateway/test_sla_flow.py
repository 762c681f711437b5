"""Response targets on the database: clocks start at intake, warnings reach supervisors once."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.db import Database
from gateway.models import Conversation, Message, SlaEvent, SlaWarning, WorkItem
from gateway.outbox.service import mark_sent
from gateway.settings import Settings, set_settings
from gateway.sla.tasks import CheckSla, DeliverSlaWarning
from gateway.workers import queue
from gateway.workers.runner import WorkerPool
from tests.gateway.conftest import post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in


class Hooks(http.server.BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        Hooks.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[str]:
    Hooks.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), Hooks)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def _age(database: Database, conversation_id: int, hours: float) -> None:
    """Move the conversation's history back in time, as if the clock had run that long."""
    with database.session() as session:
        for event in session.scalars(
            select(SlaEvent).where(SlaEvent.conversation_id == conversation_id)
        ):
            event.at -= timedelta(hours=hours)
        # the check is due now
        queue.enqueue(session, "sla.check", conversation_id)


def _sweep(database: Database, settings: Settings) -> None:
    pool = WorkerPool(database, settings, [CheckSla(), DeliverSlaWarning()])
    while pool.run_once():
        pass


def test_a_wait_warns_once_before_and_once_at_the_breach(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings, webhook: str
) -> None:
    set_settings(settings.model_copy(update={"sla_webhook_url": webhook}))
    body = post_inquiry(client, auth, "Hello, where is my order 48812? It has not shipped yet.")
    cid = body["conversation_id"]
    with database.session() as session:
        item = session.scalars(select(WorkItem).where(WorkItem.kind == "sla.check")).one()
        conversation = session.get(Conversation, cid)
        assert conversation is not None
        assert conversation.sla_state == "ok"
        # armed for the instant 80% of the 24 hours is used
        assert (
            timedelta(hours=19.1)
            < item.next_attempt_at - conversation.created_at
            < timedelta(hours=19.3)
        )

    _age(database, cid, 20)
    _sweep(database, settings)
    _sweep(database, settings)  # a second sweep at once warns nobody again
    assert [hook["event"] for hook in Hooks.received] == ["sla.due_soon"]
    queues = {q["language"]: q for q in client.get("/api/v1/queues", headers=auth).json()}
    assert (queues["en"]["due_soon"], queues["en"]["breached"]) == (1, 0)

    _age(database, cid, 5)
    _sweep(database, settings)
    assert [hook["event"] for hook in Hooks.received] == ["sla.due_soon", "sla.breached"]
    assert Hooks.received[1]["conversation_id"] == cid
    queues = {q["language"]: q for q in client.get("/api/v1/queues", headers=auth).json()}
    assert (queues["en"]["due_soon"], queues["en"]["breached"]) == (0, 1)
    with database.session() as session:
        warnings = session.scalars(select(SlaWarning)).all()
        assert sorted(w.kind for w in warnings) == ["breached", "due_soon"]
        assert all(w.delivered_at is not None for w in warnings)


def test_an_agent_reply_stops_the_clock(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    body = post_inquiry(client, auth, "Can you send it by EMS instead of surface mail?")
    cid = body["conversation_id"]
    with database.session() as session:
        reply = Message(
            conversation_id=cid,
            direction="outbound",
            text="承知しました。",
            language="ja",
            translation_language="en",
            translation_state="done",
        )
        session.add(reply)
        session.flush()
        mark_sent(session, reply, at=reply.created_at)
    _age(database, cid, 30)
    _sweep(database, settings)
    with database.session() as session:
        conversation = session.get(Conversation, cid)
        assert conversation is not None
        assert conversation.sla_state == "ok"
        assert conversation.first_responded_at is not None
        assert session.scalars(select(SlaWarning)).all() == []


def test_business_hours_queue_sets_a_later_due_time(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    first = post_inquiry(client, auth, "Hello, is this yukata available in size M?")
    with database.session() as session:
        conversation = session.get(Conversation, first["conversation_id"])
        assert conversation is not None
        queue_row = conversation.queue
        queue_row.business_hours = True  # Mon–Fri 09:00–18:00 Asia/Tokyo, Japanese holidays
    before = datetime.now(UTC)
    second = post_inquiry(client, auth, "Hello again, and in size L?")
    due_first = datetime.fromisoformat(first["first_response_due_at"])
    due_second = datetime.fromisoformat(second["first_response_due_at"])
    assert due_first - before < timedelta(hours=24)  # round the clock
    # 24 business hours of at most 9 a day span three working days: two nights of 15 hours.
    assert due_second - before >= timedelta(hours=24 + 2 * 15)
    local = due_second.astimezone(ZoneInfo("Asia/Tokyo"))
    assert local.weekday() < 5
    assert time(9) < local.time() <= time(18)


def test_waiting_on_the_buyer_pauses_the_clock_and_resolving_stops_it(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    make_agent(database)
    cid = post_inquiry(client, auth, "Hello, do you ship to Canada?")["conversation_id"]
    csrf = sign_in(client)
    client.post(
        f"/inbox/conversations/{cid}/status", data={"status": "pending", "csrf_token": csrf}
    )
    _age(database, cid, 30)  # thirty hours pass while the conversation waits on the buyer
    _sweep(database, settings)
    with database.session() as session:
        conversation = session.get(Conversation, cid)
        assert conversation is not None
        # paused for all thirty hours: the buyer had waited only moments before
        assert conversation.sla_state == "ok"
    client.post(
        f"/inbox/conversations/{cid}/status", data={"status": "resolved", "csrf_token": csrf}
    )
    with database.session() as session:
        kinds = session.scalars(
            select(SlaEvent.kind).where(SlaEvent.conversation_id == cid).order_by(SlaEvent.id)
        ).all()
    assert kinds == ["buyer_message", "waiting_on_buyer", "resolved"]


def test_the_dashboard_shows_each_queue_and_exports_csv(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    make_agent(database)
    late = post_inquiry(client, auth, "Hello, where is my order 48812?")["conversation_id"]
    post_inquiry(client, auth, "배송은 언제 되나요? 주문번호 48841입니다.")
    _age(database, late, 26)
    _sweep(database, settings)
    sign_in(client)
    page = client.get("/inbox/queues")
    assert page.status_code == 200
    assert "英語" in page.text
    assert "韓国語" in page.text
    assert "応答目標" in page.text
    export = client.get("/inbox/queues/export.csv")
    assert export.headers["content-type"].startswith("text/csv")
    assert "attachment" in export.headers["content-disposition"]
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("conversation_id,language,queue")
    rows = {line.split(",")[0]: line for line in lines[1:]}
    assert rows[str(late)].endswith(",breached")
    assert len(rows) == 2


def test_the_dashboard_needs_a_signed_in_agent(client: TestClient) -> None:
    response = client.get("/inbox/queues", follow_redirects=False)
    assert response.status_code in (302, 303)
    assert client.get("/inbox/queues/export.csv", follow_redirects=False).status_code in (302, 303)
