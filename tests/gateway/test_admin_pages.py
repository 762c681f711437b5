"""Admin pages inside the agent UI: agents, queues, models, webhooks; 403 for plain agents."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.app import create_app
from gateway.auth.passwords import verify_password
from gateway.db import Database
from gateway.models import Agent, LanguageQueue, WebhookDelivery, WebhookEndpoint
from tests.gateway.conftest import post_inquiry
from tests.gateway.test_auth_web import PASSWORD, make_agent, sign_in, try_sign_in
from tests.gateway.test_cli import kakehashi

ADMIN_PAGES = ["/admin/agents", "/admin/queues", "/admin/models", "/admin/webhooks", "/admin/faq/"]


@pytest.fixture
def other_client(database: Database) -> Iterator[TestClient]:
    """A second browser, for the agent whose account the admin changes."""
    with TestClient(create_app()) as value:
        yield value


def admin_signed_in(client: TestClient, database: Database) -> str:
    make_agent(database, email="boss@example.jp", name="店長", role="admin")
    return sign_in(client, "boss@example.jp")


def agent_count(database: Database) -> int:
    with database.session() as session:
        return len(session.scalars(select(Agent)).all())


def agent_id(database: Database, email: str) -> int:
    with database.session() as session:
        agent = session.scalar(select(Agent).where(Agent.email == email))
        assert agent is not None
        return agent.id


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_plain_agents_get_403_on_admin_pages(
    client: TestClient, database: Database, path: str
) -> None:
    make_agent(database)
    csrf = sign_in(client)
    response = client.get(path)
    assert response.status_code == 403
    assert "/admin/agents" not in client.get("/inbox").text, "no admin link for plain agents"
    refused = client.post(
        "/admin/agents",
        data={"csrf_token": csrf, "email": "x@example.jp", "name": "X", "password": PASSWORD},
    )
    assert refused.status_code == 403


def test_admin_pages_share_the_inbox_layout(client: TestClient, database: Database) -> None:
    admin_signed_in(client, database)
    for path in ADMIN_PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
        assert 'class="sidebar"' in page.text, path
        assert "/static/inbox/app.css" in page.text, path
        assert 'href="/admin/agents"' in page.text, path


def test_admin_creates_an_agent_who_can_sign_in(
    client: TestClient, other_client: TestClient, database: Database
) -> None:
    csrf = admin_signed_in(client, database)
    weak = client.post(
        "/admin/agents",
        data={
            "csrf_token": csrf,
            "email": "suzuki@example.jp",
            "name": "鈴木",
            "password": "short",
        },
    )
    assert weak.status_code == 422
    assert 'class="alert alert-error"' in weak.text  # check_password's reason, whatever it is
    assert agent_count(database) == 1
    created = client.post(
        "/admin/agents",
        data={
            "csrf_token": csrf,
            "email": "Suzuki@Example.jp",
            "name": "鈴木",
            "role": "agent",
            "password": "a-long-enough-password",
        },
    )
    assert created.status_code == 200
    assert "suzuki@example.jp" in created.text
    sign_in(other_client, "suzuki@example.jp", "a-long-enough-password")
    again = client.post(
        "/admin/agents",
        data={"csrf_token": csrf, "email": "suzuki@example.jp", "name": "x", "password": PASSWORD},
    )
    assert again.status_code == 422


def test_an_invited_agent_signs_in_with_the_one_time_password(
    client: TestClient, other_client: TestClient, database: Database
) -> None:
    csrf = admin_signed_in(client, database)
    page = client.post(
        "/admin/agents",
        data={"csrf_token": csrf, "email": "tanaka@example.jp", "name": "田中", "role": "admin"},
    ).text
    match = re.search(r'class="one-time-password">([^<]+)<', page)
    assert match
    sign_in(other_client, "tanaka@example.jp", match.group(1))
    assert other_client.get("/admin/agents").status_code == 200


def test_disabling_an_agent_ends_their_sessions_until_enabled(
    client: TestClient, other_client: TestClient, database: Database
) -> None:
    csrf = admin_signed_in(client, database)
    make_agent(database)
    sign_in(other_client)
    assert other_client.get("/inbox").status_code == 200
    sato = agent_id(database, "sato@example.jp")

    response = client.post(f"/admin/agents/{sato}/disable", data={"csrf_token": csrf})
    assert response.status_code == 200
    assert other_client.get("/inbox", follow_redirects=False).status_code == 303
    assert try_sign_in(other_client, "sato@example.jp", PASSWORD).status_code != 303  # type: ignore[attr-defined]

    client.post(f"/admin/agents/{sato}/enable", data={"csrf_token": csrf})
    assert other_client.get("/inbox", follow_redirects=False).status_code == 303, (
        "enabling does not bring back the sessions that disabling ended"
    )
    sign_in(other_client)
    assert other_client.get("/inbox").status_code == 200


def test_resetting_a_password_ends_sessions_and_the_new_one_works(
    client: TestClient, other_client: TestClient, database: Database
) -> None:
    csrf = admin_signed_in(client, database)
    make_agent(database)
    sign_in(other_client)
    sato = agent_id(database, "sato@example.jp")
    weak = client.post(
        f"/admin/agents/{sato}/password", data={"csrf_token": csrf, "password": "abc"}
    )
    assert weak.status_code == 422
    client.post(
        f"/admin/agents/{sato}/password",
        data={"csrf_token": csrf, "password": "brand-new-password-42"},
    )
    assert other_client.get("/inbox", follow_redirects=False).status_code == 303
    sign_in(other_client, "sato@example.jp", "brand-new-password-42")


def test_the_last_administrator_cannot_be_demoted_or_disabled(
    client: TestClient, database: Database
) -> None:
    csrf = admin_signed_in(client, database)
    boss = agent_id(database, "boss@example.jp")
    demoted = client.post(f"/admin/agents/{boss}/role", data={"csrf_token": csrf, "role": "agent"})
    assert demoted.status_code == 422
    make_agent(database)
    sato = agent_id(database, "sato@example.jp")
    client.post(f"/admin/agents/{sato}/role", data={"csrf_token": csrf, "role": "admin"})
    with database.session() as session:
        assert session.get(Agent, sato).role == "admin"  # type: ignore[union-attr]
    assert (
        client.post(f"/admin/agents/{boss}/disable", data={"csrf_token": csrf}).status_code == 422
    )


def test_queue_settings_are_saved_from_the_browser_form(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    post_inquiry(client, auth, "Hello, my order has not arrived yet. Please help.")
    csrf = admin_signed_in(client, database)
    with database.session() as session:
        queue = session.scalars(select(LanguageQueue)).one()
        queue_id = queue.id
    assert f'action="/admin/queues/{queue_id}"' in client.get("/admin/queues").text
    form = {
        "csrf_token": csrf,
        "target_hours": "12",
        "business_hours": "true",
        "time_zone": "Asia/Tokyo",
        "holiday_country": "JP",
        "closed_dates": "2026-12-30..2027-01-02",
        "acknowledge": "true",
        "auto_answer_min_score": "0.8",
        "warn_threshold": "0.75",
    }
    saved = client.post(f"/admin/queues/{queue_id}", data=form)
    assert saved.status_code == 200
    assert "新しい目標を未解決の 1 件の会話に適用しました。" in saved.text
    with database.session() as session:
        queue = session.get(LanguageQueue, queue_id)
        assert queue is not None
        assert queue.target_hours == 12
        assert queue.business_hours is True
        assert queue.closed_dates == ["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]
        assert queue.auto_answer is False
        assert queue.warn_threshold == 0.75

    bad = client.post(f"/admin/queues/{queue_id}", data={**form, "schedule": "{mon: 9-18}"})
    assert bad.status_code == 422
    assert "JSON" in bad.text
    with database.session() as session:
        assert session.get(LanguageQueue, queue_id).schedule is None  # type: ignore[union-attr]


def test_the_models_page_names_the_pairs_a_queue_lacks(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    post_inquiry(client, auth, "Hello, my order has not arrived yet. Please help.")
    admin_signed_in(client, database)
    page = client.get("/admin/models").text
    assert "kakehashi models install en ja" in page
    assert "kakehashi models install ja en" in page


def test_the_webhooks_page_shows_failures_and_why_an_endpoint_was_disabled(
    client: TestClient, database: Database
) -> None:
    admin_signed_in(client, database)
    with database.session() as session:
        endpoint = WebhookEndpoint(
            url="https://backoffice.example/hooks",
            events="conversation.created",
            secret="whsec_c2VjcmV0",
            enabled=False,
            disabled_reason="disabled after 20 failed attempts in a row",
        )
        session.add(endpoint)
        session.flush()
        session.add(
            WebhookDelivery(
                endpoint_id=endpoint.id,
                message_id="msg_1",
                event_type="conversation.created",
                body="{}",
                state="failed",
                attempts=8,
                last_status_code=502,
                last_error="the receiver answered HTTP 502",
            )
        )
    page = client.get("/admin/webhooks").text
    assert "disabled after 20 failed attempts in a row" in page
    assert "the receiver answered HTTP 502" in page


def test_an_admin_adds_a_webhook_and_sees_its_secret_once(
    client: TestClient, database: Database
) -> None:
    csrf = admin_signed_in(client, database)
    refused = client.post(
        "/admin/webhooks",
        data={"csrf_token": csrf, "url": "http://127.0.0.1/x", "events": ["reply.sent"]},
    )
    assert refused.status_code == 422
    assert "127.0.0.1" in refused.text


def test_cli_changes_a_password_and_disables_and_enables_an_agent(
    database: Database, database_url: str
) -> None:
    make_agent(database)
    changed = kakehashi(
        "agent",
        "password",
        "--email",
        "SATO@example.jp",
        database_url=database_url,
        stdin="another-long-password\n",
    )
    assert changed.returncode == 0, changed.stderr
    with database.session() as session:
        agent = session.scalars(select(Agent)).one()
        assert verify_password(agent.password_hash, "another-long-password")
    short = kakehashi(
        "agent", "password", "--email", "sato@example.jp", database_url=database_url, stdin="x\n"
    )
    assert short.returncode == 2
    disabled = kakehashi(
        "agent", "disable", "--email", "sato@example.jp", database_url=database_url
    )
    assert disabled.returncode == 0, disabled.stderr
    with database.session() as session:
        assert session.scalars(select(Agent)).one().active is False
    kakehashi("agent", "enable", "--email", "sato@example.jp", database_url=database_url)
    with database.session() as session:
        assert session.scalars(select(Agent)).one().active is True
    unknown = kakehashi(
        "agent", "disable", "--email", "nobody@example.jp", database_url=database_url
    )
    assert unknown.returncode == 1
    assert "nobody@example.jp" in unknown.stderr


def test_an_admin_writes_edits_and_deletes_a_faq_entry(
    client: TestClient, database: Database
) -> None:
    csrf = admin_signed_in(client, database)
    empty = client.post("/admin/faq/", data={"csrf_token": csrf, "question": "", "answer": ""})
    assert empty.status_code == 422
    created = client.post(
        "/admin/faq/",
        data={
            "csrf_token": csrf,
            "question": "送料はいくらですか？",
            "answer": "5,000円以上のご注文で送料無料です。",
            "category": "配送",
            "slug": "shipping-fee",
        },
        follow_redirects=False,
    )
    assert created.status_code == 303
    assert created.headers["location"].endswith("/admin/faq/shipping-fee?saved=created")
    page = client.get("/admin/faq/shipping-fee").text
    # The Japanese source appears once (its form), not once per locale.
    assert page.count("5,000円以上のご注文で送料無料です。") == 1
    assert page.count('id="q-en"') == 1
    assert 'class="sidebar"' in page
    assert "送料はいくらですか？" in client.get("/admin/faq/").text

    duplicate = client.post(
        "/admin/faq/",
        data={"csrf_token": csrf, "question": "別", "answer": "別", "slug": "shipping-fee"},
    )
    assert duplicate.status_code == 422

    client.post(
        "/admin/faq/shipping-fee/source",
        data={
            "csrf_token": csrf,
            "question": "送料はいくらですか？",
            "answer": "8,000円以上のご注文で送料無料です。",
            "published": "true",
        },
    )
    assert "8,000円以上" in client.get("/admin/faq/shipping-fee").text
    client.post("/admin/faq/shipping-fee/delete", data={"csrf_token": csrf})
    assert "送料はいくらですか？" not in client.get("/admin/faq/").text
