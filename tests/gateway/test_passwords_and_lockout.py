"""Passwords agents may choose, and a lockout no stranger can impose on an agent."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.auth.passwords import WeakPasswordError, check_password
from gateway.db import Database
from tests.gateway.test_auth_web import PASSWORD, make_agent, try_sign_in


@pytest.mark.parametrize(
    "password",
    [
        "short",
        " " * 12,
        "\t \u3000" * 4,
        "a" * 12,
        "9" * 20,
        "password123",
        "qwertyuiop",
        "Password1!",
        "iloveyou12345",
        "1234567890",
        "hunter2hunter2",
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password: str) -> None:
    with pytest.raises(WeakPasswordError, match=r"\w"):
        check_password(password)


def test_the_agents_own_address_is_no_password() -> None:
    with pytest.raises(WeakPasswordError):
        check_password("sato.hanako@shop.example", user_inputs=("sato.hanako@shop.example",))


@pytest.mark.parametrize(
    "password",
    ["correct horse battery", "lantern kimono river 47", "Tr0ub4dor&3xyz", "ゆっくり走る青い電車"],
)
def test_long_unrelated_words_are_accepted_without_character_class_rules(password: str) -> None:
    check_password(password)


def test_a_stranger_guessing_an_agents_address_does_not_lock_the_agent_out(
    database: Database, settings: object
) -> None:
    make_agent(database)
    with TestClient(create_app(), client=("203.0.113.9", 40000)) as stranger:
        for _ in range(8):
            try_sign_in(stranger, "sato@example.jp", "wrong password!")
        assert try_sign_in(stranger, "sato@example.jp", PASSWORD).status_code == 429  # type: ignore[attr-defined]
    with TestClient(create_app(), client=("198.51.100.20", 40000)) as agent:
        assert try_sign_in(agent, "sato@example.jp", PASSWORD).status_code == 303  # type: ignore[attr-defined]


def test_a_client_guessing_at_many_addresses_is_stopped(
    database: Database, settings: object
) -> None:
    make_agent(database)
    with TestClient(create_app(), client=("203.0.113.9", 40000)) as stranger:
        for n in range(30):
            try_sign_in(stranger, f"guess{n}@example.jp", "wrong password!")
        assert try_sign_in(stranger, "sato@example.jp", PASSWORD).status_code == 429  # type: ignore[attr-defined]
