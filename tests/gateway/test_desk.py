"""Tags, priority, intake rules, bulk actions and escalation, through the API and the agent
pages (below the browser), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.db import Database
from gateway.models import (
    Conversation,
    DeskEvent,
    LanguageQueue,
    Message,
    SlaEvent,
    TranslationState,
)
from gateway.settings import Settings, set_settings
from gateway.triage.rules import RuleError, load_rules, parse_rules
from tests.gateway.conftest import post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in

DAMAGED = "Hello, the teapot I ordered arrived damaged: the lid is broken. What can I do?"
QUESTION = "Hello, do you ship to Canada? How long does it take?"


def patch(client: TestClient, auth: dict[str, str], conversation_id: int, **body: object) -> dict:
    response = client.patch(f"/api/v1/conversations/{conversation_id}", json=body, headers=auth)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_a_rule_tags_and_prioritises_a_damaged_item_inquiry_on_intake(
    client: TestClient, auth: dict[str, str]
) -> None:
    damaged = post_inquiry(client, auth, DAMAGED)
    plain = post_inquiry(client, auth, QUESTION)
    shown = client.get(f"/api/v1/conversations/{damaged['conversation_id']}", headers=auth).json()
    assert "破損" in shown["tags"]
    assert shown["priority"] == "high"
    other = client.get(f"/api/v1/conversations/{plain['conversation_id']}", headers=auth).json()
    assert "破損" not in other["tags"]
    assert other["priority"] == "normal"


def test_a_rule_matches_the_japanese_translation_once_it_is_ready(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    inquiry = post_inquiry(client, auth, "Bonjour, le vase est arrivé en morceaux.")
    with database.session() as session:
        message = session.get(Message, inquiry["message_id"])
        assert message is not None
        message.translation_text = "こんにちは、花瓶が破損して届きました。"
        message.translation_state = TranslationState.DONE
        from gateway.triage.rules import apply_to_translated

        apply_to_translated(session, message, setting=settings.intake_rules)
    shown = client.get(f"/api/v1/conversations/{inquiry['conversation_id']}", headers=auth).json()
    assert shown["tags"] == ["破損"]
    assert shown["priority"] == "high"


def test_rules_from_the_setting_by_channel_and_language(
    client: TestClient, auth: dict[str, str], settings: Settings
) -> None:
    set_settings(
        settings.model_copy(
            update={
                "intake_rules": '[{"name": "VIP", "keywords": ["wholesale"], "languages": ["en"],'
                ' "channels": ["api"], "tags": ["卸売"], "priority": "urgent"}]'
            }
        )
    )
    hit = post_inquiry(client, auth, "Hello, we would like to buy wholesale for our shop.")
    miss = post_inquiry(client, auth, DAMAGED)  # the defaults are replaced by the setting
    first = client.get(f"/api/v1/conversations/{hit['conversation_id']}", headers=auth).json()
    second = client.get(f"/api/v1/conversations/{miss['conversation_id']}", headers=auth).json()
    assert (first["tags"], first["priority"]) == (["卸売"], "urgent")
    assert (second["tags"], second["priority"]) == ([], "normal")


def test_a_broken_rules_setting_says_what_is_wrong() -> None:
    with pytest.raises(RuleError, match="priority"):
        parse_rules('[{"keywords": ["x"], "priority": "soon"}]')
    with pytest.raises(RuleError, match="not valid JSON"):
        parse_rules("[{")
    with pytest.raises(RuleError, match="cannot read"):
        load_rules("/nonexistent/rules.json")


def test_patch_sets_tags_priority_status_and_assignee_and_the_list_filters(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    agent_id = make_agent(database)
    first = post_inquiry(client, auth, QUESTION)["conversation_id"]
    second = post_inquiry(client, auth, "Hi, can I change the size of my order?")["conversation_id"]
    body = patch(
        client,
        auth,
        first,
        tags=["配送", " ＶＩＰ ", "配送"],
        priority="urgent",
        status="pending",
        assignee_id=agent_id,
    )
    assert body["tags"] == ["VIP", "配送"]
    assert (body["priority"], body["status"], body["assignee_id"]) == (
        "urgent",
        "pending",
        agent_id,
    )
    patch(client, auth, second, tags=["サイズ"], priority="low")

    def ids(**params: str) -> list[int]:
        response = client.get("/api/v1/conversations", params=params, headers=auth)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert ids(tag="配送") == [first]
    assert ids(tag="vip") == [first]  # tags match regardless of case
    assert ids(priority="low") == [second]
    assert ids(priority="urgent", tag="サイズ") == []
    assert client.get("/api/v1/conversations?priority=soon", headers=auth).status_code == 422

    cleared = patch(client, auth, first, tags=[], assignee_id=None)
    assert cleared["tags"] == []
    assert cleared["assignee_id"] is None
    assert cleared["priority"] == "urgent"  # fields not sent stay as they are


def test_patch_refuses_what_it_cannot_do(client: TestClient, auth: dict[str, str]) -> None:
    conversation = post_inquiry(client, auth, QUESTION)["conversation_id"]
    url = f"/api/v1/conversations/{conversation}"
    assert client.patch(url, json={"priority": "asap"}, headers=auth).status_code == 422
    assert client.patch(url, json={"assignee_id": 999}, headers=auth).status_code == 422
    assert client.patch(url, json={"tags": ["x" * 60]}, headers=auth).status_code == 422
    assert client.patch("/api/v1/conversations/999", json={}, headers=auth).status_code == 404
    assert client.patch(url, json={"priority": "high"}).status_code == 401


def test_a_priority_with_its_own_target_moves_the_due_time(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    inquiry = post_inquiry(client, auth, QUESTION)
    with database.session() as session:
        queue = session.scalars(select(LanguageQueue)).one()
        queue.priority_target_hours = {"urgent": 4}
    body = patch(client, auth, inquiry["conversation_id"], priority="urgent")
    with database.session() as session:
        conversation = session.get(Conversation, inquiry["conversation_id"])
        assert conversation is not None
        assert conversation.first_response_due_at is not None
        due = conversation.first_response_due_at - conversation.created_at
        assert due == timedelta(hours=4)
        assert conversation.sla_due_at == conversation.first_response_due_at
        kinds = session.scalars(
            select(SlaEvent.kind).where(SlaEvent.conversation_id == conversation.id)
        ).all()
        assert "target_changed" in kinds
    assert body["first_response_due_at"] != inquiry["first_response_due_at"]
    patch(client, auth, inquiry["conversation_id"], priority="normal")
    with database.session() as session:
        conversation = session.get(Conversation, inquiry["conversation_id"])
        assert conversation is not None
        assert conversation.first_response_due_at is not None
        assert conversation.first_response_due_at - conversation.created_at == timedelta(hours=24)


def test_the_inbox_puts_urgent_first_shows_chips_and_filters_by_tag(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    make_agent(database)
    urgent = post_inquiry(client, auth, "Hi, where is my parcel?")["conversation_id"]
    newest = post_inquiry(client, auth, QUESTION)["conversation_id"]
    patch(client, auth, urgent, priority="urgent", tags=["配送"])
    sign_in(client)
    page = client.get("/inbox").text
    assert page.index(f'data-conversation-id="{urgent}"') < page.index(
        f'data-conversation-id="{newest}"'
    )
    assert "緊急" in page
    assert "配送" in page
    filtered = client.get("/inbox", params={"tag": "配送"}).text
    assert f'data-conversation-id="{urgent}"' in filtered
    assert f'data-conversation-id="{newest}"' not in filtered
    low = client.get("/inbox", params={"priority": "low"}).text
    assert "data-conversation-id=" not in low


def test_the_inbox_pages_through_many_conversations_by_priority(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    make_agent(database)
    created = [
        post_inquiry(client, auth, f"Question {i}: do you ship to Canada?") for i in range(7)
    ]
    for i, inquiry in enumerate(created):
        patch(client, auth, inquiry["conversation_id"], priority=["low", "high", "normal"][i % 3])
    from gateway.conversations import repository

    with database.session() as session:
        seen: list[int] = []
        cursor = None
        for _ in range(10):
            rows, cursor = repository.list_by_priority(
                session, repository.ConversationFilter(), limit=3, cursor=cursor
            )
            seen += [c.id for c in rows]
            if cursor is None:
                break
        everything = session.scalars(select(Conversation)).all()
        expected = sorted(
            everything, key=lambda c: (-c.priority, -c.last_message_at.timestamp(), -c.id)
        )
        assert seen == [c.id for c in expected]


def test_bulk_actions_tag_prioritise_assign_and_resolve_the_ticked_rows(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    agent_id = make_agent(database)
    one = post_inquiry(client, auth, QUESTION)["conversation_id"]
    two = post_inquiry(client, auth, "Hi, can I pay by PayPal?")["conversation_id"]
    untouched = post_inquiry(client, auth, "Hi, is the kimono silk?")["conversation_id"]
    csrf = sign_in(client)
    response = client.post(
        "/inbox/bulk",
        data={
            "csrf_token": csrf,
            "ids": [str(one), str(two)],
            "add_tag": "支払い",
            "priority": "high",
            "assignee": "me",
            "status": "resolved",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    with database.session() as session:
        for conversation_id in (one, two):
            conversation = session.get(Conversation, conversation_id)
            assert conversation is not None
            assert conversation.tag_names == ["支払い"]
            assert (conversation.priority, conversation.status) == (2, "resolved")
            assert conversation.assignee_id == agent_id
        other = session.get(Conversation, untouched)
        assert other is not None
        assert other.tag_names == []
        assert other.status == "open"


def test_an_agent_escalates_with_a_reason_and_the_group_hands_it_back(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    make_agent(database)
    lead = make_agent(database, email="kimura@example.jp", name="木村 部長")
    with database.session() as session:
        from gateway.models import Agent

        agent = session.get(Agent, lead)
        assert agent is not None
        agent.escalation_group = True
    inquiry = post_inquiry(client, auth, DAMAGED)
    conversation_id = inquiry["conversation_id"]
    csrf = sign_in(client)
    url = f"/inbox/conversations/{conversation_id}"
    refused = client.post(f"{url}/escalate", data={"csrf_token": csrf, "reason": " "})
    assert refused.status_code == 422
    client.post(f"{url}/escalate", data={"csrf_token": csrf, "reason": "返金額の判断が必要です"})
    escalations = client.get("/inbox/escalations").text
    assert "返金額の判断が必要です" in escalations
    assert "木村 部長" in escalations
    shown = client.get(f"/api/v1/conversations/{conversation_id}", headers=auth).json()
    assert shown["escalated"] is True
    page = client.get(url).text
    assert "エスカレーション" in page
    assert "返金額の判断が必要です" in page

    client.post(f"{url}/hand-back", data={"csrf_token": csrf, "note": "全額返金で対応してください"})
    assert "返金額の判断が必要です" not in client.get("/inbox/escalations").text
    with database.session() as session:
        events = session.scalars(select(DeskEvent).order_by(DeskEvent.id)).all()
        assert [e.kind for e in events] == ["escalated", "handed_back"]
        notes = session.scalars(
            select(Message.text).where(
                Message.conversation_id == conversation_id, Message.direction == "note"
            )
        ).all()
        assert len(notes) == 2  # both show in the timeline
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        # The clock kept running: escalation changes no due time.
        assert conversation.first_response_due_at is not None
        assert conversation.first_response_due_at.isoformat().startswith(
            inquiry["first_response_due_at"][:16]
        )


def test_a_rule_raised_priority_gets_the_queues_shorter_target_from_intake(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    post_inquiry(client, auth, QUESTION)  # the English queue is made with its first inquiry
    with database.session() as session:
        queue = session.scalars(select(LanguageQueue)).one()
        queue.priority_target_hours = {"high": 8}
    damaged = post_inquiry(client, auth, DAMAGED)
    with database.session() as session:
        conversation = session.get(Conversation, damaged["conversation_id"])
        assert conversation is not None
        assert conversation.first_response_due_at is not None
        assert conversation.first_response_due_at - conversation.created_at == timedelta(hours=8)
    # The intake answer already promises the shorter target.
    assert damaged["first_response_due_at"].startswith(
        conversation.first_response_due_at.isoformat()[:16]
    )
