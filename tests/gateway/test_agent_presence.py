"""Whether anyone is at work: agents with the inbox open are online, and the chat says so."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from gateway.db import Database
from gateway.models import Agent, utcnow
from gateway.settings import Settings, set_settings
from tests.gateway.test_auth_web import make_agent, sign_in

STOREFRONT = "http://shop.example"
NOBODY_KO = "지금은 연결 가능한 상담원이 없습니다"
USUAL_KO = "보통 24시간 이내, 늦어도"


def _start_chat(client: TestClient) -> dict[str, Any]:
    response = client.post(
        "/api/v1/chat/conversations",
        json={"text": "배송은 언제 되나요? 주문한 지 일주일 됐어요.", "locale": "ko-KR"},
        headers={"Origin": STOREFRONT},
    )
    assert response.status_code == 201, response.text
    return dict(response.json()["conversation"]["expected_reply"])


def _chat_state(client: TestClient, token: str) -> dict[str, Any]:
    response = client.get(
        "/api/v1/chat/conversation",
        headers={"Authorization": f"Bearer {token}", "Origin": STOREFRONT},
    )
    assert response.status_code == 200, response.text
    return dict(response.json()["expected_reply"])


def _last_seen(database: Database) -> Any:
    with database.session(read_only=True) as session:
        return session.scalar(select(Agent.last_seen_at))


def test_the_chat_tells_the_buyer_when_nobody_is_at_work_and_when_someone_is(
    client: TestClient, database: Database, settings: Settings
) -> None:
    set_settings(settings.model_copy(update={"chat_allowed_origins": [STOREFRONT]}))
    make_agent(database)
    alone = _start_chat(client)
    assert alone["team_available"] is False
    assert NOBODY_KO in alone["text"]
    assert "GMT" in alone["text"]  # and by when, at the latest

    sign_in(client)  # opens /inbox
    assert _last_seen(database) is not None
    started = client.post(
        "/api/v1/chat/conversations",
        json={"text": "반품하고 싶어요. 어떻게 하면 되나요?", "locale": "ko-KR"},
        headers={"Origin": STOREFRONT},
    ).json()
    assert started["conversation"]["expected_reply"]["team_available"] is True
    assert USUAL_KO in started["conversation"]["expected_reply"]["text"]

    with database.session() as session:  # the agent closed the inbox eleven minutes ago
        session.execute(update(Agent).values(last_seen_at=utcnow() - timedelta(minutes=11)))
    later = _chat_state(client, started["token"])
    assert later["team_available"] is False
    assert NOBODY_KO in later["text"]


def test_presence_is_written_at_most_once_a_minute(client: TestClient, database: Database) -> None:
    make_agent(database)
    sign_in(client)
    first = _last_seen(database)
    assert first is not None
    assert client.get("/inbox").status_code == 200
    assert _last_seen(database) == first
    with database.session() as session:
        session.execute(update(Agent).values(last_seen_at=first - timedelta(minutes=2)))
    assert client.get("/inbox").status_code == 200
    assert _last_seen(database) > first - timedelta(seconds=1)


def test_an_inactive_agent_is_never_online(client: TestClient, database: Database) -> None:
    from gateway.auth.presence import agents_online

    make_agent(database)
    with database.session() as session:
        session.execute(update(Agent).values(last_seen_at=utcnow(), active=False))
    with database.session(read_only=True) as session:
        assert agents_online(session, now=utcnow()) == 0
