"""No default secret: a generated key kept in the database, shared by every process, rotated
by `kakehashi secret rotate` (which signs agents out); and `/` leads to the inbox or sign-in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from pydantic import ValidationError

from gateway.auth import secret
from gateway.cli import main
from gateway.db import Database
from gateway.models import InstanceSecret
from gateway.settings import Settings, set_settings
from tests.gateway.test_auth_web import make_agent, sign_in

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = {"LC_ALL": "C.UTF-8", "LC_MESSAGES": None, "LANG": None}


def _key_in_another_process(database_url: str) -> str:
    """What a separate `kakehashi` process (another machine of the fleet) signs with."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "KAKEHASHI_DATABASE_URL": database_url,
    }
    env.pop("KAKEHASHI_SECRET_KEY", None)
    code = "from gateway.auth.secret import secret_key; print(secret_key())"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_without_a_setting_every_process_shares_one_strong_generated_key(
    database: Database, settings: Settings
) -> None:
    assert settings.secret_key is None
    key = secret.secret_key()
    assert len(key) >= 48
    assert key == _key_in_another_process(settings.database_url)
    # A restart (a new process, a new engine) finds the same key.
    secret.forget()
    again = Database(settings.database_url)
    try:
        assert secret.secret_key(settings, again) == key
    finally:
        again.dispose()


def test_a_missing_row_is_generated_once(database: Database, settings: Settings) -> None:
    with database.session() as session:
        session.query(InstanceSecret).delete()
    secret.forget()
    first = secret.secret_key()
    secret.forget()
    assert secret.secret_key() == first
    assert first == _key_in_another_process(settings.database_url)


def test_rotating_signs_every_agent_out(
    client: TestClient, database: Database, settings: Settings
) -> None:
    make_agent(database)
    sign_in(client)
    assert client.get("/inbox", follow_redirects=False).status_code == 200
    before = secret.secret_key()
    result = CliRunner(env=ENGLISH).invoke(main, ["secret", "rotate"])
    assert result.exit_code == 0, result.output
    assert "agents sign in again" in result.output
    after = secret.secret_key()
    assert after != before
    assert _key_in_another_process(settings.database_url) == after
    response = client.get("/inbox", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/inbox"
    sign_in(client)
    assert client.get("/inbox", follow_redirects=False).status_code == 200


def test_a_configured_key_wins_and_must_be_strong(database: Database, settings: Settings) -> None:
    chosen = settings.model_copy(update={"secret_key": "k" * 40})
    assert secret.secret_key(chosen) == "k" * 40
    with pytest.raises(ValidationError, match="too short"):
        Settings(secret_key="change-me", _env_file=None)  # type: ignore[call-arg]
    assert Settings(secret_key="", _env_file=None).secret_key is None  # type: ignore[call-arg]


def test_rotate_refuses_while_the_key_comes_from_the_environment(
    database: Database, settings: Settings
) -> None:
    set_settings(settings.model_copy(update={"secret_key": "s" * 40}))
    result = CliRunner(env=ENGLISH).invoke(main, ["secret", "rotate"])
    assert result.exit_code == 1
    assert "KAKEHASHI_SECRET_KEY is set" in result.output


def test_the_source_holds_no_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAKEHASHI_SECRET_KEY", raising=False)
    pattern = re.compile(r"change-me|secret_key\s*[:=]\s*str\s*=\s*Field\(\s*default=\"")
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("gateway", "translation", "mail", "faq_i18n")
        for path in (ROOT / package).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert Settings(_env_file=None).secret_key is None  # type: ignore[call-arg]


def test_the_root_leads_to_sign_in_or_the_inbox(client: TestClient, database: Database) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    make_agent(database)
    sign_in(client)
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/inbox"
    assert client.get("/").url.path == "/inbox"
