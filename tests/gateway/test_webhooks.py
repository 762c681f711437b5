"""Webhooks: a real loopback receiver gets signed events, and a failed delivery comes again."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from gateway.db import Database
from gateway.inbox.service import set_status
from gateway.models import (
    Conversation,
    ConversationStatus,
    WebhookDelivery,
    WebhookEndpoint,
    WorkItem,
    utcnow,
)
from gateway.settings import Settings, set_settings
from gateway.webhooks import signing
from gateway.webhooks.addresses import WebhookUrlError, check_url
from gateway.webhooks.tasks import DeliverWebhook
from gateway.wiring import wire_events
from gateway.workers.runner import WorkerPool
from tests.gateway.conftest import post_inquiry
from tests.gateway.webhook_receiver import Receiver, webhook_receiver


@pytest.fixture
def hook_settings(settings: Settings) -> Iterator[Settings]:
    value = settings.model_copy(
        update={
            "webhooks_allow_private": True,
            "webhooks_timeout_seconds": 1.0,
            "webhooks_disable_after_failures": 3,
        }
    )
    set_settings(value)
    yield value
    set_settings(settings)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with webhook_receiver() as value:
        yield value


def deliver(database: Database, settings: Settings) -> None:
    """Run the delivery job until nothing is due."""
    workers = WorkerPool(database, settings, [DeliverWebhook(settings)])
    for _ in range(20):
        if not workers.run_once():
            return
    raise AssertionError("deliveries still due after 20 passes")


def make_due_now(database: Database) -> None:
    """Let the backoff pass (as if the worker came back minutes later)."""
    with database.session() as session:
        session.execute(
            update(WorkItem)
            .where(WorkItem.kind == "webhooks.deliver")
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )


def subscribe(client: TestClient, auth: dict[str, str], url: str, events: list[str]) -> dict:
    response = client.post("/api/v1/webhooks", json={"url": url, "events": events}, headers=auth)
    assert response.status_code == 201, response.text
    return response.json()


def test_standard_webhooks_signature_matches_the_published_example() -> None:
    # The example of the Standard Webhooks reference libraries.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    assert (
        signing.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )


def test_receiver_gets_a_signed_conversation_created_event(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    hook_settings: Settings,
    receiver: Receiver,
) -> None:
    hook = subscribe(client, auth, receiver.url, ["conversation.created"])
    assert hook["secret"].startswith("whsec_")
    assert hook["events"] == ["conversation.created"]

    created = post_inquiry(client, auth, "Where is my order? It has not arrived yet.")
    deliver(database, hook_settings)

    [event] = receiver.received
    signing.verify(hook["secret"], event.headers, event.body, now=int(time.time()))
    with pytest.raises(signing.SignatureError):
        signing.verify(hook["secret"], event.headers, event.body + b" ", now=int(time.time()))
    payload = event.json
    assert payload["type"] == "conversation.created"
    assert payload["id"] == event.headers["webhook-id"]
    assert payload["timestamp"]
    assert payload["data"]["conversation"]["id"] == created["conversation_id"]
    assert payload["data"]["conversation"]["customer"]["email"] == "buyer@example.com"
    assert payload["data"]["message"]["text"] == "Where is my order? It has not arrived yet."
    assert event.headers["content-type"] == "application/json"


def test_a_delivery_that_failed_once_arrives_again_with_the_same_id(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    hook_settings: Settings,
    receiver: Receiver,
) -> None:
    hook = subscribe(client, auth, receiver.url, ["conversation.created", "message.received"])
    receiver.fail_next = 1
    post_inquiry(client, auth, "Can I change the size of my sweater?")
    deliver(database, hook_settings)
    assert len(receiver.received) == 2  # one failed, one delivered

    log = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=auth).json()
    waiting = [d for d in log if d["state"] == "pending"]
    assert len(waiting) == 1
    assert waiting[0]["last_status_code"] == 500
    assert waiting[0]["next_attempt_at"] is not None

    make_due_now(database)
    deliver(database, hook_settings)
    ids = [r.headers["webhook-id"] for r in receiver.received]
    assert ids[0] == ids[2], "a retry keeps the message id, so the receiver can deduplicate"
    for event in receiver.received:
        signing.verify(hook["secret"], event.headers, event.body, now=int(time.time()))
    log = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=auth).json()
    assert sorted(d["state"] for d in log) == ["delivered", "delivered"]
    assert sorted(d["attempts"] for d in log) == [1, 2]
    assert {d["type"] for d in log} == {"conversation.created", "message.received"}


def test_a_receiver_that_times_out_is_tried_again(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    hook_settings: Settings,
    receiver: Receiver,
) -> None:
    hook = subscribe(client, auth, receiver.url, ["conversation.created"])
    receiver.delay_seconds = 2.0  # longer than the 1 s timeout
    post_inquiry(client, auth, "Do you ship to Canada?")
    deliver(database, hook_settings)
    [entry] = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=auth).json()
    assert entry["state"] == "pending"
    assert "timed out" in entry["last_error"]

    receiver.delay_seconds = 0.0
    make_due_now(database)
    deliver(database, hook_settings)
    [entry] = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=auth).json()
    assert entry["state"] == "delivered"


def test_an_endpoint_that_keeps_failing_is_disabled_with_a_reason(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    hook_settings: Settings,
    receiver: Receiver,
) -> None:
    hook = subscribe(client, auth, receiver.url, ["conversation.created"])
    receiver.fail_next = 100
    post_inquiry(client, auth, "First question about shipping.")
    post_inquiry(client, auth, "Second question about returns.")
    for _ in range(3):
        deliver(database, hook_settings)
        make_due_now(database)
    deliver(database, hook_settings)

    current = client.get(f"/api/v1/webhooks/{hook['id']}", headers=auth).json()
    assert current["enabled"] is False
    assert "3 failed attempts" in current["disabled_reason"]
    assert len(receiver.received) == 3, "nothing more is sent once disabled"
    log = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=auth).json()
    assert {d["state"] for d in log} == {"failed"}

    # Enabled again by a person: deliveries of new events flow.
    receiver.fail_next = 0
    response = client.patch(f"/api/v1/webhooks/{hook['id']}", json={"enabled": True}, headers=auth)
    assert response.json()["enabled"] is True
    assert response.json()["consecutive_failures"] == 0
    post_inquiry(client, auth, "Third question, after the fix.")
    deliver(database, hook_settings)
    assert receiver.received[-1].json["data"]["message"]["text"] == "Third question, after the fix."


def test_manage_webhooks_and_send_a_test_delivery(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    hook_settings: Settings,
    receiver: Receiver,
) -> None:
    hook = subscribe(client, auth, receiver.url, ["reply.sent"])
    listed = client.get("/api/v1/webhooks", headers=auth).json()
    assert [h["id"] for h in listed] == [hook["id"]]
    assert "secret" not in listed[0]

    changed = client.patch(
        f"/api/v1/webhooks/{hook['id']}",
        json={"events": ["sla.breached", "conversation.status_changed"]},
        headers=auth,
    )
    assert changed.status_code == 200
    assert changed.json()["events"] == ["conversation.status_changed", "sla.breached"]

    queued = client.post(f"/api/v1/webhooks/{hook['id']}/test", headers=auth)
    assert queued.status_code == 202
    deliver(database, hook_settings)
    [event] = receiver.received
    assert event.json["type"] == "webhook.test"
    signing.verify(hook["secret"], event.headers, event.body, now=int(time.time()))

    assert client.delete(f"/api/v1/webhooks/{hook['id']}", headers=auth).status_code == 204
    assert client.get(f"/api/v1/webhooks/{hook['id']}", headers=auth).status_code == 404
    with database.session() as session:
        assert session.scalars(select(WebhookDelivery)).all() == []


def test_status_changes_are_delivered(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    hook_settings: Settings,
    receiver: Receiver,
) -> None:
    subscribe(client, auth, receiver.url, ["conversation.status_changed"])
    created = post_inquiry(client, auth, "Thank you, that solved it.")
    wire_events()
    with database.session() as session:
        conversation = session.get(Conversation, created["conversation_id"])
        assert conversation is not None
        set_status(session, conversation, ConversationStatus.RESOLVED)
    deliver(database, hook_settings)
    [event] = receiver.received
    assert event.json["data"]["previous_status"] == "open"
    assert event.json["data"]["status"] == "resolved"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://hooks.example.com/x", "http"),
        ("http://127.0.0.1:9/x", "loopback"),
        ("http://localhost/x", "loopback"),
        ("http://10.1.2.3/x", "private"),
        ("http://169.254.169.254/latest/meta-data", "private"),
        ("http://[::1]/x", "loopback"),
        ("http://user:pw@hooks.example.com/x", "password"),
    ],
)
def test_unsafe_urls_are_refused(url: str, why: str) -> None:
    with pytest.raises(WebhookUrlError, match=why):
        check_url(url, allow_private=False)


def test_the_api_refuses_a_private_url_by_default(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    response = client.post(
        "/api/v1/webhooks",
        json={"url": "http://127.0.0.1:8080/hook", "events": ["conversation.created"]},
        headers=auth,
    )
    assert response.status_code == 422
    assert "KAKEHASHI_WEBHOOKS_ALLOW_PRIVATE" in response.json()["error"]["message"]
    response = client.post(
        "/api/v1/webhooks", json={"url": "https://203.0.113.9/h", "events": ["nope"]}, headers=auth
    )
    assert response.status_code == 422
    assert "conversation.created" in response.json()["error"]["message"]
    with database.session() as session:
        assert session.scalars(select(WebhookEndpoint)).all() == []


def test_sla_warning_and_breach_are_delivered_once_each(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    hook_settings: Settings,
    receiver: Receiver,
) -> None:
    from tests.gateway.test_sla_flow import _age, _sweep

    hook = subscribe(client, auth, receiver.url, ["sla.warning", "sla.breached"])
    cid = post_inquiry(client, auth, "Hello, where is my order 48812? It has not shipped.")[
        "conversation_id"
    ]
    wire_events()  # the SLA sweep is a worker job: all_jobs wires it in a worker process
    _age(database, cid, 20)
    _sweep(database, hook_settings)
    _age(database, cid, 5)
    _sweep(database, hook_settings)
    _sweep(database, hook_settings)
    deliver(database, hook_settings)
    assert [r.json["type"] for r in receiver.received] == ["sla.warning", "sla.breached"]
    breached = receiver.received[1]
    signing.verify(hook["secret"], breached.headers, breached.body, now=int(time.time()))
    assert breached.json["data"]["conversation"]["id"] == cid
    assert breached.json["data"]["target_hours"] == 24


def test_a_reply_sent_through_the_api_is_delivered(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    hook_settings: Settings,
    receiver: Receiver,
) -> None:
    subscribe(client, auth, receiver.url, ["reply.sent"])
    cid = post_inquiry(client, auth, "こんにちは、注文の状況を教えてください。")["conversation_id"]
    response = client.post(
        f"/api/v1/conversations/{cid}/replies",
        json={"text_ja": "本日発送いたしました。", "send": True},
        headers=auth,
    )
    assert response.status_code in (200, 201), response.text
    deliver(database, hook_settings)
    [event] = receiver.received
    assert event.json["type"] == "reply.sent"
    assert event.json["data"]["message"]["text"] == "本日発送いたしました。"


def test_a_translated_message_is_delivered_with_its_japanese(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    hook_settings: Settings,
    receiver: Receiver,
) -> None:
    from gateway.translations.tasks import TranslateMessages
    from tests.gateway.test_translation_worker import install

    install(hook_settings.resolved_models_dir, "en_ja")
    subscribe(client, auth, receiver.url, ["message.translated"])
    created = post_inquiry(client, auth, "Hello, where is my order 48812?")
    wire_events()  # translation is a worker job: all_jobs wires it in a worker process
    workers = WorkerPool(database, hook_settings, [TranslateMessages()])
    assert workers.run_once()
    deliver(database, hook_settings)
    [event] = receiver.received
    assert event.json["type"] == "message.translated"
    message = event.json["data"]["message"]
    assert message["id"] == created["message_id"]
    assert message["translation"]["language"] == "ja"
    assert message["translation"]["state"] == "done"
    assert message["translation"]["text"] == "Ifmmp, xifsf jt nz psefs 48812?"
