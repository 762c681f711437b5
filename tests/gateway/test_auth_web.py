"""Agent sign-in for the web pages: sessions, CSRF, rate limiting, sign-out."""

from __future__ import annotations

import base64
import json
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from gateway.auth.passwords import hash_password
from gateway.auth.sessions import SESSION_COOKIE
from gateway.db import Database
from gateway.models import Agent, Conversation, LoginFailure, utcnow
from tests.gateway.conftest import post_inquiry

PASSWORD = "correct horse battery"


def make_agent(
    database: Database,
    *,
    email: str = "sato@example.jp",
    name: str = "佐藤 花子",
    role: str = "agent",
    password: str = PASSWORD,
) -> int:
    with database.session() as session:
        agent = Agent(email=email, name=name, role=role, password_hash=hash_password(password))
        session.add(agent)
        session.flush()
        return agent.id


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def try_sign_in(client: TestClient, email: str, password: str) -> object:
    form = client.get("/login")
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": csrf_from(form.text)},
        follow_redirects=False,
    )


def sign_in(client: TestClient, email: str = "sato@example.jp", password: str = PASSWORD) -> str:
    """Sign in through the login form; returns the CSRF token of the signed-in session."""
    response = try_sign_in(client, email, password)
    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    return csrf_from(client.get("/inbox").text)


@pytest.mark.parametrize(
    "path", ["/inbox", "/inbox/conversations/1", "/inbox/templates", "/inbox/settings"]
)
def test_pages_need_a_signed_in_agent(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next={path}"


def test_sign_in_sets_a_protected_session_cookie_and_shows_the_inbox_in_japanese(
    client: TestClient, database: Database
) -> None:
    make_agent(database)
    login = client.get("/login")
    assert "ログイン" in login.text
    assert "メールアドレス" in login.text
    response = client.post(
        "/login",
        data={
            "email": "Sato@Example.jp ",
            "password": PASSWORD,
            "csrf_token": csrf_from(login.text),
            "next": "/inbox/settings",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/inbox/settings"
    cookie = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE)
    )
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain HTTP here; set over TLS
    inbox = client.get("/inbox")
    assert inbox.status_code == 200
    assert "未対応" in inbox.text
    assert "佐藤 花子" in inbox.text
    assert "script-src 'self'" in inbox.headers["content-security-policy"]


def test_the_session_cookie_is_secure_over_tls(database: Database, client: TestClient) -> None:
    make_agent(database)
    tls = TestClient(client.app, base_url="https://testserver")
    login = tls.get("/login")
    response = tls.post(
        "/login",
        data={
            "email": "sato@example.jp",
            "password": PASSWORD,
            "csrf_token": csrf_from(login.text),
        },
        follow_redirects=False,
    )
    cookie = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE)
    )
    assert "Secure" in cookie


def test_a_wrong_password_is_refused_and_repeated_failures_are_slowed_down(
    client: TestClient, database: Database
) -> None:
    make_agent(database)
    for _ in range(5):
        response = try_sign_in(client, "sato@example.jp", "wrong password!")
        assert response.status_code == 401  # type: ignore[attr-defined]
        assert "正しくありません" in response.text  # type: ignore[attr-defined]
    locked = try_sign_in(client, "sato@example.jp", PASSWORD)
    assert locked.status_code == 429  # type: ignore[attr-defined]
    assert "後にもう一度" in locked.text  # type: ignore[attr-defined]
    assert client.get("/inbox", follow_redirects=False).status_code == 303


def test_failures_counted_by_another_web_process_slow_this_one_down(
    client: TestClient, database: Database
) -> None:
    make_agent(database)
    with database.session() as session:  # as another `kakehashi serve` behind the proxy would
        session.add_all(
            LoginFailure(
                key="email:sato@example.jp client:testclient", at=utcnow() - timedelta(minutes=1)
            )
            for _ in range(5)
        )
    locked = try_sign_in(client, "sato@example.jp", PASSWORD)
    assert locked.status_code == 429  # type: ignore[attr-defined]
    with database.session() as session:  # fifteen minutes later the address may try again
        session.execute(update(LoginFailure).values(at=utcnow() - timedelta(minutes=16)))
    assert try_sign_in(client, "sato@example.jp", PASSWORD).status_code == 303  # type: ignore[attr-defined]
    with database.session(read_only=True) as session:
        assert session.scalars(select(LoginFailure.key)).all() == []  # old rows swept or cleared


def test_sign_in_without_the_forms_csrf_token_is_refused(
    client: TestClient, database: Database
) -> None:
    make_agent(database)
    client.get("/login")
    response = client.post(
        "/login",
        data={"email": "sato@example.jp", "password": PASSWORD},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert client.get("/inbox", follow_redirects=False).status_code == 303


def test_a_form_without_its_csrf_token_is_refused(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    conversation_id = post_inquiry(client, auth, "Hello, where is my parcel? It is late.")[
        "conversation_id"
    ]
    csrf = sign_in(client)
    path = f"/inbox/conversations/{conversation_id}/status"
    refused = client.post(path, data={"status": "resolved"}, follow_redirects=False)
    assert refused.status_code == 403
    assert "有効期限" in refused.text
    forged = client.post(
        path, data={"status": "resolved", "csrf_token": "forged"}, follow_redirects=False
    )
    assert forged.status_code == 403
    cross_site = client.post(
        path,
        data={"status": "resolved", "csrf_token": csrf},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert cross_site.status_code == 403
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        assert conversation.status == "open"
    accepted = client.post(
        path, data={"status": "resolved", "csrf_token": csrf}, follow_redirects=False
    )
    assert accepted.status_code == 303
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        assert conversation.status == "resolved"


def test_sign_out_ends_the_session(client: TestClient, database: Database) -> None:
    make_agent(database)
    csrf = sign_in(client)
    copied = client.cookies.get(SESSION_COOKIE)
    assert copied
    response = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/inbox", follow_redirects=False).status_code == 303
    # A copy of the cookie taken before signing out (another tab, a stolen one) is dead too.
    client.cookies.set(SESSION_COOKIE, copied)
    replayed = client.get("/inbox", follow_redirects=False)
    assert replayed.status_code == 303
    assert replayed.headers["location"] == "/login?next=/inbox"
    # Signing in again gives a new session that works.
    sign_in(client)
    assert client.get("/inbox", follow_redirects=False).status_code == 200


def test_a_password_change_or_deactivation_ends_every_session(
    client: TestClient, database: Database
) -> None:
    agent_id = make_agent(database)
    sign_in(client)
    with database.session() as session:
        agent = session.get(Agent, agent_id)
        assert agent is not None
        agent.password_hash = hash_password("a brand new password")
    assert client.get("/inbox", follow_redirects=False).status_code == 303
    sign_in(client, password="a brand new password")
    with database.session() as session:
        agent = session.get(Agent, agent_id)
        assert agent is not None
        agent.active = False
    assert client.get("/inbox", follow_redirects=False).status_code == 303


def test_a_tampered_session_cookie_is_ignored(client: TestClient, database: Database) -> None:
    make_agent(database)
    admin_id = make_agent(database, email="admin@example.jp", name="管理者", role="admin")
    sign_in(client)
    payload, signature = client.cookies[SESSION_COOKIE].split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["a"] = admin_id  # pretend to be the administrator, keeping the old signature
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, f"{forged}.{signature}")
    assert client.get("/inbox", follow_redirects=False).status_code == 303


def test_sign_in_never_redirects_to_another_site(client: TestClient, database: Database) -> None:
    make_agent(database)
    login = client.get("/login")
    response = client.post(
        "/login",
        data={
            "email": "sato@example.jp",
            "password": PASSWORD,
            "csrf_token": csrf_from(login.text),
            "next": "//evil.example/phish",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/inbox"


def test_the_agent_can_switch_the_ui_to_english(client: TestClient, database: Database) -> None:
    make_agent(database)
    csrf = sign_in(client)
    client.post("/inbox/settings", data={"ui_locale": "en", "csrf_token": csrf})
    page = client.get("/inbox")
    assert "All inquiries" in page.text
    assert "Sign out" in page.text
    assert 'lang="en"' in page.text


def test_only_admins_change_templates(client: TestClient, database: Database) -> None:
    make_agent(database)
    csrf = sign_in(client)
    response = client.post(
        "/inbox/templates",
        data={"name": "挨拶", "category": "あいさつ", "body_ja": "こんにちは", "csrf_token": csrf},
    )
    assert response.status_code == 403
    assert "管理者" in response.text
