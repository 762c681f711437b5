"""Dockerfile, compose.yaml and the deployment guide (Docker itself does not run here): every
setting they name is one Kakehashi reads, with a value it accepts, and the shapes the guide
promises hold (two web and two worker services from one image and one set of settings)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from gateway.cli import main
from gateway.settings import Settings

ROOT = Path(__file__).parent.parent.parent
# Read by something other than Settings: the image's health check, gettext, uvicorn.
NOT_SETTINGS = {"KAKEHASHI_HEALTH_URL", "KAKEHASHI_LOCALES_DIR", "KAKEHASHI_TEST_POSTGRES_URL"}
SETTING = re.compile(r"\bKAKEHASHI_[A-Z0-9_]*[A-Z0-9]\b")


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def is_setting(name: str) -> bool:
    field = name.removeprefix("KAKEHASHI_").lower()
    return field in Settings.model_fields or name in NOT_SETTINGS


def dockerfile_stages() -> list[list[str]]:
    """Instructions (continuation lines joined) grouped by stage."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    stages: list[list[str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append([])
        stages[-1].append(line)
    return stages


def test_compose_runs_two_web_and_two_workers_from_one_image_and_settings() -> None:
    services = compose()["services"]
    kakehashi = {
        name: s for name, s in services.items() if s.get("image", "").startswith("kakehashi")
    }
    assert set(kakehashi) == {"migrate", "web1", "web2", "worker1", "worker2"}
    assert len({s["image"] for s in kakehashi.values()}) == 1
    settings = [
        {k: v for k, v in s["environment"].items() if k != "KAKEHASHI_HEALTH_URL"}
        for s in kakehashi.values()
    ]
    assert all(each == settings[0] for each in settings)
    assert settings[0]["KAKEHASHI_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "@db/" in settings[0]["KAKEHASHI_DATABASE_URL"]
    for name in ("web1", "web2"):
        assert services[name]["command"][:2] == ["kakehashi", "serve"]
        assert "--no-workers" in services[name]["command"]
    for name in ("worker1", "worker2"):
        assert services[name]["command"][:2] == ["kakehashi", "worker"]
        port = services[name]["environment"]["KAKEHASHI_METRICS_LISTEN"].rsplit(":", 1)[1]
        assert services[name]["environment"]["KAKEHASHI_HEALTH_URL"].endswith(f":{port}/healthz")
    for name, service in kakehashi.items():
        assert "models:/models" in service["volumes"], name
        if name != "migrate":
            assert service["depends_on"]["migrate"]["condition"] == (
                "service_completed_successfully"
            )
    assert services["migrate"]["command"] == ["kakehashi", "db", "upgrade"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["db"]["image"].startswith("postgres:")
    assert "mailpit" in services["mailpit"]["image"]
    assert settings[0]["KAKEHASHI_SMTP_HOST"] == "mailpit"
    assert {"pgdata", "models"} <= set(compose()["volumes"])
    proxy = " ".join(services["proxy"]["command"])
    assert "web1:8000" in proxy
    assert "web2:8000" in proxy


def test_compose_settings_are_ones_kakehashi_reads_with_values_it_accepts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    environment = compose()["services"]["worker1"]["environment"]
    unknown = [
        name for name in environment if name.startswith("KAKEHASHI_") and not is_setting(name)
    ]
    assert unknown == []
    for name, value in environment.items():
        if name.startswith("KAKEHASHI_"):
            monkeypatch.setenv(name, str(value))
    monkeypatch.setenv("KAKEHASHI_SECRET_KEY", "x" * 48)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.run_workers is False
    assert settings.smtp_starttls is False
    assert settings.smtp_port == 1025
    assert settings.log_format == "json"
    assert settings.models_dir == Path("/models")


def test_the_image_is_multi_stage_non_root_from_the_lock_with_models_on_a_volume() -> None:
    stages = dockerfile_stages()
    assert len(stages) >= 2
    build, runtime = stages[0], stages[-1]
    installs = [line for line in build if "pip install" in line]
    # The pinned runtime from the lock file, then our package without resolving again: nothing
    # unpinned (and no torch) can slip into the image.
    assert "-r /src/requirements.lock" in installs[0]
    assert all("-r " in line or "--no-deps" in line for line in installs)
    assert not any("torch" in line for line in build)
    assert not any("pip install" in line for line in runtime)
    users = [line.split()[1] for line in runtime if line.startswith("USER ")]
    assert users
    assert users[-1] not in ("root", "0")
    volumes = next(line for line in runtime if line.startswith("VOLUME "))
    assert '"/models"' in volumes
    env = " ".join(line for line in runtime if line.startswith("ENV "))
    assert "KAKEHASHI_MODELS_DIR=/models" in env
    assert [n for n in SETTING.findall(env) if not is_setting(n)] == []
    healthcheck = next(line for line in runtime if line.startswith("HEALTHCHECK "))
    assert "KAKEHASHI_HEALTH_URL" in healthcheck
    assert "KAKEHASHI_HEALTH_URL=http://127.0.0.1:8000/healthz" in env
    command = next(line for line in runtime if line.startswith("CMD "))
    assert json.loads(command.removeprefix("CMD "))[:2] == ["kakehashi", "serve"]


@pytest.mark.parametrize("document", ["docs/deployment.md", "README.md"])
def test_every_setting_and_command_the_guides_name_exists(document: str) -> None:
    text = (ROOT / document).read_text()
    named = set(SETTING.findall(text))
    assert named, document
    assert sorted(n for n in named if not is_setting(n)) == []
    commands = set(re.findall(r"\bkakehashi ([a-z][a-z-]+)", text)) - {"serve", "worker"}
    assert {"backup", "restore", "db"} <= commands or document == "README.md"
    assert sorted(c for c in commands if c not in main.commands) == []


def test_the_guide_covers_sse_buffering_backups_upgrades_and_gpu_workers() -> None:
    guide = (ROOT / "docs" / "deployment.md").read_text()
    for needle in (
        "proxy_buffering off",
        "reverse_proxy",
        "pg_dump",
        "pg_restore",
        "kakehashi backup --out",
        "kakehashi restore",
        "kakehashi db upgrade",
        "KAKEHASHI_TRANSLATION_DEVICE=cuda",
        "X-Request-ID",
        "/readyz",
    ):
        assert needle in guide, needle
