"""Server time of the agent pages with 100,000 conversations against the same pages with 1,000.

Two SQLite databases are filled in this run (or PostgreSQL with --postgres URL): each buyer has
two conversations, each conversation an inbound message with its Japanese translation and an
outbound reply; a fixed open backlog (300 unresolved conversations) and the rest resolved, as a
shop's history grows while its backlog does not. The pages are requested in-process through the
real app (signed in, as an agent) and the median time of each is compared:

- the inbox (未対応 tab, the default), every status newest first, and its second keyset page;
- one conversation page (messages, earlier conversations, FAQ, templates, queue counts).

Prints one ratio per page and the worst; the target is a worst ratio of at most 2 (indexes,
keyset pagination, no N+1 queries).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from gateway.app import create_app
from gateway.auth.passwords import hash_password
from gateway.db import Database, set_database
from gateway.migrate import upgrade
from gateway.models import Agent, Conversation, Customer, LanguageQueue, Message
from gateway.settings import Settings, set_settings

LANGUAGES = ("en", "zh-Hant", "zh-Hans", "ko", "th", "vi", "fr", "de", "es", "id")
OPEN_BACKLOG = 300
PASSWORD = "benchmark password"  # noqa: S105 - a throwaway database's agent
BATCH = 5_000


def fill(database: Database, conversations: int) -> int:
    """``conversations`` conversations; returns the id of one in the middle."""
    start = datetime(2025, 1, 1, tzinfo=UTC)
    customers = max(1, conversations // 2)
    with database.session() as session:
        session.add(
            Agent(
                email="bench@example.jp",
                name="ベンチ 太郎",
                role="agent",
                password_hash=hash_password(PASSWORD),
            )
        )
        session.execute(
            insert(LanguageQueue),
            [{"language": tag, "name_ja": tag, "target_hours": 24.0} for tag in LANGUAGES],
        )
        for first in range(0, customers, BATCH):
            session.execute(
                insert(Customer),
                [
                    {"email": f"buyer{i}@example.com", "name": f"Buyer {i}", "language": "en"}
                    for i in range(first + 1, min(customers, first + BATCH) + 1)
                ],
            )
    message_id = 0
    with database.session() as session:
        for first in range(0, conversations, BATCH):
            ids = range(first + 1, min(conversations, first + BATCH) + 1)
            conversation_rows = []
            message_rows = []
            for i in ids:
                at = start + timedelta(minutes=i)
                unresolved = i > conversations - OPEN_BACKLOG
                queue = i % len(LANGUAGES)
                conversation_rows.append(
                    {
                        "id": i,
                        "customer_id": i % customers + 1,
                        "queue_id": queue + 1,
                        "channel": "email",
                        "language": LANGUAGES[queue],
                        "status": ("open" if i % 2 else "pending") if unresolved else "resolved",
                        "subject": f"Order {i}",
                        "created_at": at,
                        "updated_at": at,
                        "last_message_at": at + timedelta(minutes=5),
                        "first_response_due_at": at + timedelta(hours=24),
                        "first_responded_at": None if unresolved else at + timedelta(minutes=5),
                        "sla_state": "ok",
                    }
                )
                for direction, body, translated in (
                    ("inbound", f"Hello, where is my order {i}?", f"注文{i}はどこですか？"),
                    ("outbound", f"ご注文{i}は発送済みです。", f"Your order {i} has shipped."),
                ):
                    message_id += 1
                    message_rows.append(
                        {
                            "id": message_id,
                            "conversation_id": i,
                            "direction": direction,
                            "text": body,
                            "language": LANGUAGES[queue] if direction == "inbound" else "ja",
                            "translation_language": "ja"
                            if direction == "inbound"
                            else LANGUAGES[queue],
                            "translation_state": "done",
                            "translation_text": translated,
                            "translation_score": 0.9,
                            "delivery_state": None if direction == "inbound" else "sent",
                            "is_automatic": False,
                            "created_at": at
                            + timedelta(minutes=5 if direction == "outbound" else 0),
                        }
                    )
            session.execute(insert(Conversation), conversation_rows)
            session.execute(insert(Message), message_rows)
    if database.is_postgresql:
        with database.engine.begin() as conn:
            for table in ("conversations", "messages"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))
    else:
        with database.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return conversations // 2


def sign_in(client: TestClient) -> None:
    form = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token is not None
    response = client.post(
        "/login",
        data={"email": "bench@example.jp", "password": PASSWORD, "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def median_ms(client: TestClient, path: str, repeat: int) -> float:
    for _ in range(3):  # warm caches and the query plan cache
        assert client.get(path).status_code == 200
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    return statistics.median(times)


def measure(url: str, conversations: int, repeat: int, models: Path) -> dict[str, float]:
    settings = Settings(
        database_url=url,
        models_dir=models,
        run_workers=False,
        _env_file=None,  # type: ignore[call-arg]
    )
    set_settings(settings)
    database = Database(url)
    set_database(database)
    try:
        upgrade(database.engine)
        middle = fill(database, conversations)
        with TestClient(create_app()) as client:
            sign_in(client)
            all_page = client.get("/inbox?status=all").text
            cursor = re.search(r"cursor=([A-Za-z0-9_-]+)", all_page)
            assert cursor is not None
            pages = {
                "inbox (未対応)": "/inbox",
                "inbox (すべて)": "/inbox?status=all",
                "inbox page 2": f"/inbox?status=all&cursor={cursor.group(1)}",
                "conversation": f"/inbox/conversations/{middle}",
            }
            return {name: median_ms(client, path, repeat) for name, path in pages.items()}
    finally:
        set_database(None)
        set_settings(None)
        database.dispose()


def postgres_database(admin_url: str, name: str) -> str:
    admin = create_engine(make_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL admin URL instead of SQLite")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kakehashi-bench-inbox-"))
    results: dict[int, dict[str, float]] = {}
    try:
        for size in (args.small, args.large):
            if args.postgres:
                url = postgres_database(args.postgres, f"kakehashi_bench_inbox_{size}")
            else:
                url = f"sqlite:///{workdir / f'inbox-{size}.db'}"
            began = time.perf_counter()
            results[size] = measure(url, size, args.repeat, workdir / "models")
            print(f"{size:>7} conversations measured in {time.perf_counter() - began:.0f} s")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    small, large = results[args.small], results[args.large]
    print(f"\n{'page':<16}{args.small:>10,}{args.large:>12,}   ratio")
    worst = 0.0
    for name in small:
        ratio = large[name] / small[name]
        worst = max(worst, ratio)
        print(f"{name:<16}{small[name]:>8.1f}ms{large[name]:>10.1f}ms   {ratio:.2f}")
    print(f"\nworst ratio {worst:.2f} (target ≤ 2)")
    return 0 if worst <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
