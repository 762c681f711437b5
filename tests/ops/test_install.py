"""The lock files match pyproject.toml and keep the runtime lean (no deep-learning framework)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = {"torch", "stanza", "spacy", "thinc", "minisbd", "argostranslate", "triton"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pins(lock: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^\s;]+)", line)
        if match:
            pins[_name(match.group(1))] = match.group(2)
    return pins


def _project() -> dict[str, list[str]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {"runtime": data["dependencies"], **data["optional-dependencies"]}


@pytest.mark.parametrize(
    ("lock", "groups"),
    [("requirements.lock", ["runtime"]), ("requirements-test.lock", ["runtime", "test"])],
)
def test_every_dependency_is_pinned_in_the_lock(lock: str, groups: list[str]) -> None:
    pins = _pins(lock)
    wanted = {_name(r) for group in groups for r in _project()[group]}
    missing = sorted(wanted - pins.keys())
    assert missing == [], f"{lock} lacks {missing}: run `make lock`"


def test_runtime_pins_are_the_same_in_both_locks() -> None:
    runtime, test = _pins("requirements.lock"), _pins("requirements-test.lock")
    assert {name: test.get(name) for name in runtime} == runtime


def test_the_runtime_brings_no_deep_learning_framework() -> None:
    pins = _pins("requirements.lock")
    assert sorted(HEAVY & pins.keys()) == []
    assert [name for name in pins if name.startswith("nvidia-")] == []
    assert "argostranslate" not in {_name(r) for r in _project()["runtime"]}
    assert "argostranslate" in {_name(r) for r in _project()["argos"]}
