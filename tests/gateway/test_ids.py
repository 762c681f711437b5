"""Ids beyond what an id column holds (PostgreSQL INTEGER; and anything past 64 bits) name
nothing: 404 on every path, never a 500."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.db import Database
from tests.gateway.conftest import post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in

TOO_LARGE = str(2**63)  # past any 64-bit integer


def _api_routes(routes: list[Any], prefix: str = "") -> list[tuple[str, APIRoute]]:
    found: list[tuple[str, APIRoute]] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append((prefix, route))
        elif (router := getattr(route, "original_router", None)) is not None:
            found += _api_routes(router.routes, prefix + route.include_context.prefix)
    return found


def _int_routes() -> list[tuple[str, str]]:
    """(method, path) of every route with an int path parameter, filled with TOO_LARGE."""
    found = []
    for prefix, route in _api_routes(create_app().routes):
        ints = {f.alias for f in route.dependant.path_params if f.field_info.annotation is int}
        if not ints:
            continue
        path = prefix + route.path
        for name in re.findall(r"{(\w+)(?::\w+)?}", path):
            value = TOO_LARGE if name in ints else "x"
            path = re.sub(r"{" + name + r"(?::\w+)?}", value, path)
        found.extend((method, path) for method in sorted(route.methods))
    return found


def test_routes_with_ids_are_found() -> None:
    paths = {path for _method, path in _int_routes()}
    assert f"/api/v1/conversations/{TOO_LARGE}" in paths
    assert f"/inbox/conversations/{TOO_LARGE}" in paths
    assert len(paths) >= 5


def test_every_path_with_an_id_beyond_64_bits_answers_404(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    sign_in(client)
    for method, path in _int_routes():
        response = client.request(method, path, headers=auth, follow_redirects=False)
        assert response.status_code == 404, (method, path, response.status_code)


def test_assigning_an_agent_id_beyond_64_bits_is_no_server_error(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    conversation_id = post_inquiry(client, auth, "Where is my parcel?")["conversation_id"]
    make_agent(database)
    csrf = sign_in(client)
    response = client.post(
        f"/inbox/conversations/{conversation_id}/assignee",
        data={"agent_id": TOO_LARGE, "csrf_token": csrf},
        headers={"Origin": "http://testserver"},
        follow_redirects=False,
    )
    assert response.status_code < 500


@pytest.mark.parametrize(
    "value", [str(2**31 - 1), str(2**31), str(2**63 - 1), "-" + str(2**63), "1" + "0" * 40]
)
def test_ids_at_and_past_the_limits_are_not_found(
    client: TestClient, auth: dict[str, str], value: str
) -> None:
    assert client.get(f"/api/v1/conversations/{value}", headers=auth).status_code == 404
