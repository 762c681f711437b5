"""The FAQ admin page: Japanese source beside each translation, reviewed and edited by an
administrator; other agents and forged forms are turned away."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from faq_i18n.entries import Status
from faq_i18n.formats import load_json
from gateway.auth import sessions
from gateway.auth.passwords import hash_password
from gateway.auth.secret import secret_key
from gateway.db import Database
from gateway.faq import repository, service
from gateway.models import Agent, utcnow
from gateway.settings import Settings
from tests.gateway.test_faq import SAMPLE


@pytest.fixture(autouse=True)
def _faq_locales(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAKEHASHI_FAQ_LOCALES", "en,zh-Hant")


def sign_in(client: TestClient, database: Database, settings: Settings, role: str) -> None:
    with database.session() as session:
        agent = Agent(
            email=f"{role}@shop.example",
            name="佐藤",
            role=role,
            password_hash=hash_password("correct horse battery"),
        )
        session.add(agent)
        session.flush()
        _web, cookie = sessions.issue(agent, secret=secret_key(settings), now=utcnow())
    client.cookies.set(sessions.SESSION_COOKIE, cookie)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match is not None
    return match.group(1)


@pytest.fixture
def imported(database: Database) -> None:
    with database.session() as session:
        service.import_items(session, load_json(json.dumps(SAMPLE)))


@pytest.mark.usefixtures("imported")
def test_admin_reviews_a_stale_translation_side_by_side(
    client: TestClient, database: Database, settings: Settings
) -> None:
    sign_in(client, database, settings, "admin")
    listing = client.get("/admin/faq/")
    assert listing.status_code == 200
    assert "FAQの翻訳" in listing.text  # the agent's UI language
    assert "翻訳待ち" in listing.text  # customs-duties has no translation yet

    with database.session() as session:
        entry = repository.entry_by_slug(session, "returns")
        assert entry is not None
        service.update_source(
            session, entry, question=entry.question_ja, answer="到着後14日以内なら返品できます。"
        )
    page = client.get("/admin/faq/returns")
    assert page.status_code == 200
    assert "到着後14日以内なら返品できます。" in page.text  # the source beside…
    assert "Yes, unused items can be returned" in page.text  # …the outdated translation
    assert "要更新：日本語の原文が変更されました" in page.text
    assert "'unsafe-inline'" not in page.headers["content-security-policy"]

    saved = client.post(
        "/admin/faq/returns/en",
        data={
            "csrf_token": csrf_token(page.text),
            "question": "Can I return an item?",
            "answer": "Yes, within 14 days of delivery.",
            "action": "review",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    with database.session() as session:
        entry = repository.entry_by_slug(session, "returns")
        assert entry is not None
        english = repository.translation_of(entry, "en")
        assert english is not None
        assert (english.status, english.answer) == (
            Status.REVIEWED,
            "Yes, within 14 days of delivery.",
        )
        assert english.source_hash == entry.source_hash
        assert repository.revisions(session, entry)[0].changed_by == "admin@shop.example"
    assert "Yes, within 14 days of delivery." in client.get("/faq/en/").text


@pytest.mark.usefixtures("imported")
def test_forged_forms_and_non_admins_are_refused(
    client: TestClient, database: Database, settings: Settings
) -> None:
    response = client.get("/admin/faq/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")

    sign_in(client, database, settings, "admin")
    forged = client.post(
        "/admin/faq/returns/en",
        data={"question": "Hacked", "answer": "Hacked", "action": "review"},
        follow_redirects=False,
    )
    assert forged.status_code == 403
    with database.session() as session:
        entry = repository.entry_by_slug(session, "returns")
        assert entry is not None
        english = repository.translation_of(entry, "en")
        assert english is not None
        assert english.question != "Hacked"

    client.cookies.clear()
    sign_in(client, database, settings, "agent")
    assert client.get("/admin/faq/").status_code == 403
