"""Prometheus metrics for operators.

Two kinds, because several web and worker processes share one database:

- figures read from the database at scrape time (work pending and in flight per kind and
  language pair, conversations due soon and breached per language queue): every process reports
  the same numbers, so query them with ``max`` (or scrape one process);
- per-process counters and histograms (translation batch latency, mail sends by result): each
  process counts what it did, so query them with ``sum``/``rate`` over all processes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import choose_encoder
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from gateway.db import get_database
from gateway.models import (
    Conversation,
    ConversationStatus,
    HeldMail,
    LanguageQueue,
    WorkItem,
    WorkState,
    utcnow,
)
from mail.automatic import REASONS
from mail.outbound import SendResult

log = logging.getLogger(__name__)

# The *_created series only double the scrape; rates and increases do not need them.
disable_created_metrics()  # type: ignore[no-untyped-call]
REGISTRY = CollectorRegistry()

TRANSLATION_SECONDS = Histogram(
    "kakehashi_translation_batch_seconds",
    "Time the translation engine took for one batch of one language pair",
    ["pair"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0),
    registry=REGISTRY,
)
TRANSLATED_MESSAGES = Counter(
    "kakehashi_translated_messages",
    "Messages translated by this process",
    ["pair"],
    registry=REGISTRY,
)
TRANSLATION_WAIT_SECONDS = Histogram(
    "kakehashi_translation_wait_seconds",
    "From a message being stored to its translation being done (what an agent waits for)",
    ["pair"],
    buckets=(1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 14400.0, 86400.0),
    registry=REGISTRY,
)
MAIL_SENDS = Counter(
    "kakehashi_mail_sends",
    "Mails handed to the outbound relay by this process, by result (sent, retry, failed)",
    ["result"],
    registry=REGISTRY,
)
for _result in ("sent", "retry", "failed"):
    MAIL_SENDS.labels(result=_result)  # every result shows from the first scrape, at 0


def pair_label(source: str, target: str) -> str:
    return f"{source}>{target}"


def observe_translation(
    source: str, target: str, *, seconds: float, stored: Sequence[datetime]
) -> None:
    """A batch of ``source``→``target`` took ``seconds``; its messages were stored at ``stored``."""
    pair = pair_label(source, target)
    TRANSLATION_SECONDS.labels(pair=pair).observe(seconds)
    TRANSLATED_MESSAGES.labels(pair=pair).inc(len(stored))
    now = utcnow()
    waits = TRANSLATION_WAIT_SECONDS.labels(pair=pair)
    for moment in stored:
        waits.observe(max((now - moment).total_seconds(), 0.0))


def observe_sends(results: Iterable[SendResult]) -> None:
    for result in results:
        MAIL_SENDS.labels(result=result.outcome).inc()


class DatabaseCollector(Collector):
    """Figures read from the database at scrape time, so every process reports the same."""

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("kakehashi_database_up", "1 when the database answered the scrape")
        try:
            families = list(self._from_database())
        except Exception:  # a scrape must answer even when the database does not
            log.warning("metrics: the database did not answer", exc_info=True)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families

    def _from_database(self) -> Iterator[Metric]:
        labels = ["kind", "pair"]
        pending = GaugeMetricFamily(
            "kakehashi_work_pending",
            "Work waiting for a worker, by kind and language pair",
            labels=labels,
        )
        in_flight = GaugeMetricFamily(
            "kakehashi_work_in_flight", "Work leased by a worker right now", labels=labels
        )
        waiting = GaugeMetricFamily(
            "kakehashi_work_waiting",
            "Work parked until something changes (a translation model is installed)",
            labels=labels,
        )
        failed = GaugeMetricFamily(
            "kakehashi_work_failed", "Work that gave up after its attempts", labels=["kind"]
        )
        by_state = {
            WorkState.PENDING: pending,
            WorkState.RUNNING: in_flight,
            WorkState.WAITING: waiting,
        }
        open_conversations = GaugeMetricFamily(
            "kakehashi_open_conversations", "Conversations not yet resolved", labels=["queue"]
        )
        due_soon = GaugeMetricFamily(
            "kakehashi_sla_due_soon",
            "Open conversations close to their response target",
            labels=["queue"],
        )
        breached = GaugeMetricFamily(
            "kakehashi_sla_breached",
            "Open conversations past their response target",
            labels=["queue"],
        )
        held = GaugeMetricFamily(
            "kakehashi_held_mails",
            "Automatic mail held for review (out-of-office, lists, loops), by reason",
            labels=["reason"],
        )
        with get_database().session(read_only=True) as session:
            held_rows = session.execute(
                select(HeldMail.reason, func.count())
                .where(HeldMail.restored_at.is_(None))
                .group_by(HeldMail.reason)
            ).all()
            work = session.execute(
                select(WorkItem.kind, WorkItem.group_key, WorkItem.state, func.count())
                .where(WorkItem.state.in_(list(by_state)))
                .group_by(WorkItem.kind, WorkItem.group_key, WorkItem.state)
                .order_by(WorkItem.kind, WorkItem.group_key, WorkItem.state)
            ).all()
            failures = session.execute(
                select(WorkItem.kind, func.count())
                .where(WorkItem.state == WorkState.FAILED)
                .group_by(WorkItem.kind)
                .order_by(WorkItem.kind)
            ).all()
            queues = session.scalars(
                select(LanguageQueue.language).order_by(LanguageQueue.language)
            ).all()
            conversations = session.execute(
                select(LanguageQueue.language, Conversation.sla_state, func.count())
                .join(Conversation, Conversation.queue_id == LanguageQueue.id)
                .where(Conversation.status != ConversationStatus.RESOLVED)
                .group_by(LanguageQueue.language, Conversation.sla_state)
            ).all()
        for kind, group_key, state, count in work:
            pair = group_key if ">" in group_key else ""
            by_state[WorkState(state)].add_metric([kind, pair], count)
        for kind, count in failures:
            failed.add_metric([kind], count)
        totals = {language: {"open": 0, "due_soon": 0, "breached": 0} for language in queues}
        for language, sla_state, count in conversations:
            figures = totals.setdefault(language, {"open": 0, "due_soon": 0, "breached": 0})
            figures["open"] += count
            if sla_state in ("due_soon", "breached"):
                figures[sla_state] += count
        for language, figures in sorted(totals.items()):
            open_conversations.add_metric([language], figures["open"])
            due_soon.add_metric([language], figures["due_soon"])
            breached.add_metric([language], figures["breached"])
        held_counts = dict.fromkeys(REASONS, 0) | {reason: int(n) for reason, n in held_rows}
        for reason, count in held_counts.items():
            held.add_metric([reason], count)
        yield from (pending, in_flight, waiting, failed, open_conversations, due_soon, breached)
        yield held


REGISTRY.register(DatabaseCollector())


def exposition(accept: str | None) -> tuple[bytes, str]:
    """This process's metrics in the format the scraper asked for (Accept header), and its
    content type: Prometheus text 0.0.4 unless OpenMetrics is asked for."""
    encoder, content_type = choose_encoder(accept or "")
    return encoder(REGISTRY), content_type
