"""Benchmark: a buyer's inquiry and an agent's reply preview while a FAQ import is translated.

One process, as ``kakehashi serve`` runs it: a real database (SQLite by default, or
``--database-url``), migrations applied, the worker pool with every job and its default
threads (one ordinary worker thread plus the urgent lane), the copy-trained test models
(tests/fixtures/models). Measured, each the median of ``--samples`` tries:

* time to Japanese for one new inquiry: from the commit that stores it to the commit of its
  Japanese translation;
* time to a reply preview: from the commit of an agent's Japanese draft to the commit of its
  English translation and back-translation;

first on an idle system, then while ``--faq-jobs`` FAQ translation jobs (10,000 by default:
Japanese FAQ entries × locales) are queued and being decoded. Printed as ratios to the idle
figures, measured in the same run (the machine may be shared). Target: at most 2×.

Usage: ``python bench/priority.py [--faq-jobs 10000] [--samples 7] [--database-url URL]``.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402

from gateway.db import Database, set_database  # noqa: E402
from gateway.faq.service import TRANSLATE_KIND, queue_machine_translation  # noqa: E402
from gateway.inbox.service import write_reply  # noqa: E402
from gateway.intake.service import Inquiry, receive_inquiry  # noqa: E402
from gateway.migrate import upgrade  # noqa: E402
from gateway.models import (  # noqa: E402
    Channel,
    Conversation,
    FaqEntry,
    Message,
    TranslationState,
    WorkItem,
    WorkState,
)
from gateway.settings import Settings, set_settings  # noqa: E402
from gateway.translations.engine import set_engine  # noqa: E402
from gateway.wiring import all_jobs  # noqa: E402
from gateway.workers.runner import WorkerPool  # noqa: E402
from translation.packages import install_file  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "models"
FAQ_LOCALES = ["en", "ko", "zh-Hant"]  # ja→en and ja→ko directly, ja→zh-Hant through English

_QUESTIONS = [
    "{item}の送料はいくらですか？",
    "{item}は海外に発送できますか？",
    "{item}の返品方法を教えてください。",
    "{item}のお手入れ方法は？",
    "{item}をギフト包装できますか？",
]
_ANSWERS = [
    "{item}は{days}営業日以内に発送します。追跡番号はメールでお知らせします。"
    "配送状況はマイページからも確認できます。",
    "{item}の返品は商品到着後{days}日以内に承ります。未使用の場合に限ります。"
    "返送料はお客様のご負担となりますのでご了承ください。",
    "{item}は柔らかい布で拭いてください。食器洗い機は使用できません。"
    "直射日光を避けて保管してください。",
]
_ITEMS = ["急須", "抹茶セット", "手ぬぐい", "鉄瓶", "タンブラー", "和紙ノート", "弁当箱", "風鈴"]


def wait_for(check: Callable[[], bool], *, timeout: float = 120.0) -> float:
    """Seconds until ``check()`` is true (polled every 5 ms)."""
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("no result within the timeout")
        time.sleep(0.005)
    return time.perf_counter() - started


def translated(database: Database, message_id: int) -> bool:
    with database.session() as session:
        state = session.scalar(select(Message.translation_state).where(Message.id == message_id))
        return state == TranslationState.DONE


def time_to_japanese(database: Database, settings: Settings, n: int) -> float:
    inquiry = Inquiry(
        channel=Channel.EMAIL,
        text=f"Hello, my parcel number {n} has not arrived yet. Could you check where it is?",
        customer_email=f"buyer{n}@example.org",
        customer_name="Emily",
        language_hints=("en",),
    )
    with database.session() as session:
        message_id = receive_inquiry(session, inquiry, settings=settings).message.id
    return wait_for(lambda: translated(database, message_id))


def time_to_preview(database: Database, conversation_id: int, n: int) -> float:
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        draft = write_reply(
            session,
            conversation,
            text_ja=f"お問い合わせありがとうございます。荷物{n}番の配送状況を確認いたします。",
            author=None,
        )
        message_id = draft.id
    return wait_for(lambda: translated(database, message_id))


def queue_faq_backlog(database: Database, jobs: int) -> None:
    entries = -(-jobs // len(FAQ_LOCALES))
    with database.session() as session:
        for n in range(entries):
            item = _ITEMS[n % len(_ITEMS)] + f"（{n}番）"
            entry = FaqEntry(
                slug=f"faq-{n}",
                question_ja=_QUESTIONS[n % len(_QUESTIONS)].format(item=item),
                answer_ja=_ANSWERS[n % len(_ANSWERS)].format(item=item, days=n % 9 + 2),
                source_hash=f"h{n}",
            )
            session.add(entry)
            session.flush()
            for locale in FAQ_LOCALES[: max(1, min(len(FAQ_LOCALES), jobs - n * 3))]:
                queue_machine_translation(session, entry, locale)


def faq_pending(database: Database) -> int:
    with database.session() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(WorkItem)
                .where(
                    WorkItem.kind == TRANSLATE_KIND,
                    WorkItem.state.in_([WorkState.PENDING, WorkState.RUNNING]),
                )
            )
            or 0
        )


def measure(
    database: Database, settings: Settings, conversation_id: int, samples: int, start: int
) -> tuple[float, float]:
    inquiry, preview = [], []
    for n in range(samples):
        inquiry.append(time_to_japanese(database, settings, start + n))
        preview.append(time_to_preview(database, conversation_id, start + n))
    return statistics.median(inquiry), statistics.median(preview)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq-jobs", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=7)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument(
        "--urgent-workers",
        type=int,
        default=Settings.model_fields["urgent_workers"].default,
        help="threads of the urgent lane (0 shows what the lane buys)",
    )
    args = parser.parse_args()
    logging.disable(logging.INFO)  # one log line per batch would drown the figures

    with tempfile.TemporaryDirectory() as tmp:
        models = Path(tmp) / "models"
        for pair in ("en_ja", "ja_en", "ja_ko", "en_zt"):
            install_file(FIXTURES / f"translate-{pair}-test.argosmodel", models)
        settings = Settings(
            database_url=args.database_url or f"sqlite:///{tmp}/kakehashi.db",
            models_dir=models,
            languages=["en", "ja"],
            urgent_workers=args.urgent_workers,
            _env_file=None,  # type: ignore[call-arg]
        )
        set_settings(settings)
        database = Database(settings.database_url)
        set_database(database)
        set_engine(None)
        upgrade(database.engine)
        pool = WorkerPool(database, settings, all_jobs(settings))
        print(
            f"database {database.engine.url.render_as_string()}; worker threads: 1 + "
            f"{settings.urgent_workers} urgent lane; poll {settings.worker_poll_seconds} s"
        )
        pool.start()
        try:
            with database.session() as session:
                first = receive_inquiry(
                    session,
                    Inquiry(channel=Channel.EMAIL, text="Hello, where is my order?"),
                    settings=settings,
                )
                conversation_id = first.conversation.id
                first_message = first.message.id
            wait_for(lambda: translated(database, first_message))
            measure(database, settings, conversation_id, 2, 0)  # warm the models and caches
            idle_inquiry, idle_preview = measure(
                database, settings, conversation_id, args.samples, 100
            )
            print(
                f"idle: time to Japanese for a new inquiry {idle_inquiry * 1000:.0f} ms, "
                f"time to a reply preview {idle_preview * 1000:.0f} ms"
            )

            started = time.perf_counter()
            queue_faq_backlog(database, args.faq_jobs)
            queued = faq_pending(database)
            print(f"queued {queued} FAQ translation jobs in {time.perf_counter() - started:.1f} s")
            wait_for(lambda: faq_pending(database) < queued, timeout=300)  # bulk work under way
            busy_inquiry, busy_preview = measure(
                database, settings, conversation_id, args.samples, 200
            )
            left = faq_pending(database)
            print(
                f"with the FAQ backlog: time to Japanese {busy_inquiry * 1000:.0f} ms, "
                f"reply preview {busy_preview * 1000:.0f} ms ({queued - left} FAQ jobs done "
                f"meanwhile, {left} still queued)"
            )
            print(
                f"RATIO new inquiry, backlog / idle: {busy_inquiry / idle_inquiry:.2f}x "
                f"(target <= 2x)"
            )
            print(
                f"RATIO reply preview, backlog / idle: {busy_preview / idle_preview:.2f}x "
                f"(target <= 2x)"
            )
        finally:
            pool.stop(5)
            set_engine(None)
            set_settings(None)
            set_database(None)
            database.dispose()


if __name__ == "__main__":
    main()
