"""500 e-mail replies through two worker processes while the relay answers 421 for a while:
once it recovers, every buyer gets each reply exactly once, and none is lost."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import Engine, text

from gateway.db import Database
from gateway.intake.service import Inquiry, receive_inquiry
from gateway.models import Channel
from gateway.settings import Settings
from tests.ops.cluster import cluster
from tests.ops.relay import running_relay

REPLIES = 500
SUPPORT = "support@shop.example"


def open_email_conversations(url: str, count: int) -> list[int]:
    """``count`` e-mail conversations from different buyers, as the mail intake leaves them."""
    settings = Settings(
        database_url=url,
        languages=["en", "ja"],
        _env_file=None,
    )
    database = Database(url)
    ids = []
    try:
        with database.session() as session:
            for n in range(count):
                received = receive_inquiry(
                    session,
                    Inquiry(
                        channel=Channel.EMAIL,
                        text=f"Hello, when will my order R-{n:04d} ship to Canada?",
                        customer_email=f"buyer{n}@example.com",
                        customer_name=f"Buyer {n}",
                        subject=f"Order R-{n:04d}",
                    ),
                    settings=settings,
                )
                session.flush()
                ids.append(received.conversation.id)
    finally:
        database.dispose()
    return ids


def refused_replies(engine: Engine) -> int:
    """Replies waiting after the relay refused them (the agent sees why)."""
    with engine.connect() as conn:
        return int(
            conn.scalar(
                text(
                    "SELECT count(*) FROM messages WHERE direction = 'outbound' "
                    "AND delivery_state = 'queued' AND delivery_error LIKE '%421%'"
                )
            )
            or 0
        )


def outbound_states(engine: Engine) -> Counter[str]:
    with engine.connect() as conn:
        return Counter(
            dict(
                conn.execute(
                    text(
                        "SELECT delivery_state, count(*) FROM messages "
                        "WHERE direction = 'outbound' GROUP BY delivery_state"
                    )
                ).all()
            )
        )


def test_500_replies_are_each_delivered_once_after_the_relay_answered_421(
    tmp_path: Path,
) -> None:
    with (
        running_relay() as (relay, port),
        cluster(
            tmp_path,
            {
                "KAKEHASHI_LANGUAGES": "en,ja",
                "KAKEHASHI_WORKER_POLL_SECONDS": "0.5",
                "KAKEHASHI_SMTP_HOST": "127.0.0.1",
                "KAKEHASHI_SMTP_PORT": str(port),
                "KAKEHASHI_SMTP_STARTTLS": "false",
                "KAKEHASHI_MAIL_FROM": SUPPORT,
                "KAKEHASHI_SUPPORT_ADDRESSES": SUPPORT,
            },
        ) as (nodes, engine),
    ):
        nodes.install_models("ja_en", "en_ja")
        conversations = open_email_conversations(nodes.database_url, REPLIES)
        token = nodes.cli("token", "create", "--name", "fault-test")
        web = nodes.web("web-1")
        relay.down = True
        workers = [nodes.worker("worker-1"), nodes.worker("worker-2")]
        with httpx.Client(
            base_url=web.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=60
        ) as client:
            for conversation_id in conversations:
                response = client.post(
                    f"/api/v1/conversations/{conversation_id}/replies",
                    json={"text_ja": "ご注文の商品は本日発送いたしました。", "send": True},
                )
                assert response.status_code == 201, response.text

        # The relay stays down until every reply has been refused at least once.
        deadline = time.monotonic() + 120
        while refused_replies(engine) < REPLIES and time.monotonic() < deadline:
            time.sleep(0.3)
        assert refused_replies(engine) == REPLIES
        assert relay.refused > 0
        assert relay.accepted == Counter()
        assert outbound_states(engine)["sent"] == 0
        relay.down = False

        deadline = time.monotonic() + 150
        while outbound_states(engine)["sent"] < REPLIES and time.monotonic() < deadline:
            time.sleep(0.5)
        for worker in workers:
            assert worker.popen.poll() is None, worker.output()
        with engine.connect() as conn:
            sent = conn.execute(
                text(
                    "SELECT m.mail_message_id, m.delivery_error, c.id AS conversation_id "
                    "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                    "WHERE m.direction = 'outbound' AND m.delivery_state = 'sent'"
                )
            ).all()
            sends: dict[str, int] = dict(
                conn.execute(
                    text(
                        "SELECT state, count(*) FROM work_items "
                        "WHERE kind = 'mail.send_message' GROUP BY state"
                    )
                ).all()
            )
            retried = conn.scalar(
                text(
                    "SELECT count(*) FROM work_items "
                    "WHERE kind = 'mail.send_message' AND attempts > 1"
                )
            )

    assert len(sent) == REPLIES, f"only {len(sent)} of {REPLIES} replies sent"
    assert sends == {"done": REPLIES}
    assert {row.conversation_id for row in sent} == set(conversations)
    assert all(row.delivery_error is None for row in sent)
    # Exactly once at the relay: each reply's Message-ID arrived once, nothing else arrived.
    assert relay.accepted == Counter({row.mail_message_id: 1 for row in sent})
    assert relay.recipients == Counter({f"buyer{n}@example.com": 1 for n in range(REPLIES)})
    assert retried == REPLIES  # every one was refused first, then sent on a later attempt
