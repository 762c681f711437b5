"""Which SLA warnings a sweep should send, without repeats (pure; no database).

A warning is identified by ``WarningKey(conversation_id, clock_started_at, kind)``: one
``due_soon`` and one ``breached`` warning at most per wait for an answer. A clock keeps its
start through pauses, target changes and a resolve-then-reopen, so none of those re-warns; a
new buyer message after a reply starts a new clock and so may warn again.

The database holds the same key as a unique constraint (``uq_sla_warnings_key`` on
``sla_warnings(conversation_id, clock_started_at, kind)``). The sweep inserts the row and
sends only if the insert succeeded (e.g. ``INSERT ... ON CONFLICT DO NOTHING`` and check the
row count, or catch the integrity error), so two sweeps running at once cannot both send.
``clock_started_at`` must be stored exactly as computed (UTC, microseconds kept) for the key
to match across sweeps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from gateway.sla.calendar import NaiveDatetimeError
from gateway.sla.clock import SlaSnapshot, SlaState

__all__ = ["WarningKey", "WarningKind", "warnings_to_send"]


class WarningKind(StrEnum):
    DUE_SOON = "due_soon"
    BREACHED = "breached"


@dataclass(frozen=True)
class WarningKey:
    """One warning for one wait for an answer; unique in the database."""

    conversation_id: int
    clock_started_at: datetime
    kind: WarningKind

    def __post_init__(self) -> None:
        started = self.clock_started_at
        if started.tzinfo is None or started.utcoffset() is None:
            raise NaiveDatetimeError(
                f"warning key clock start {started.isoformat()} has no time zone: "
                "pass the aware UTC start the clock reported"
            )
        object.__setattr__(self, "clock_started_at", started.astimezone(UTC))
        object.__setattr__(self, "kind", WarningKind(self.kind))


def warnings_to_send(
    conversation_id: int, snapshot: SlaSnapshot, already_sent: Iterable[WarningKey]
) -> list[WarningKey]:
    """The warnings due now that were not sent before (at most one).

    Only a running clock warns: nothing while nobody waits, while resolved, or while paused
    waiting on the buyer. A clock first seen already breached gets only the breach warning, and
    once a breach was warned a lifted breach (a raised target) does not warn "due soon" again.
    """
    clock = snapshot.clock
    if clock is None or clock.paused or clock.state is SlaState.OK:
        return []
    sent = set(already_sent)

    def key(kind: WarningKind) -> WarningKey:
        return WarningKey(conversation_id, clock.started_at, kind)

    if clock.state is SlaState.BREACHED:
        wanted = key(WarningKind.BREACHED)
    elif key(WarningKind.BREACHED) in sent:
        return []
    else:
        wanted = key(WarningKind.DUE_SOON)
    return [] if wanted in sent else [wanted]
