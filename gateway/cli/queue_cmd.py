"""``kakehashi queue``: list language queues and set their response targets and calendars."""

from __future__ import annotations

import json
from datetime import date, timedelta

import click
from sqlalchemy import select

from gateway.db import get_database
from gateway.i18n import _
from gateway.migrate import upgrade
from gateway.models import LanguageQueue
from gateway.queues.service import queue_for_language, queue_key
from gateway.settings import get_settings
from gateway.sla.calendar import BusinessCalendar, CalendarError
from gateway.sla.service import target_changed
from translation.languages import UnknownLanguageError


@click.group()
def queue() -> None:
    """Language queues: response targets, business hours, acknowledgements, FAQ answers."""


@queue.command("list")
def list_queues() -> None:
    """Show every language queue and its settings."""
    database = get_database()
    upgrade(database.engine)
    with database.session(read_only=True) as session:
        rows = session.scalars(select(LanguageQueue).order_by(LanguageQueue.language)).all()
        if not rows:
            click.echo(_("No queues yet: each is made with the first inquiry in its language."))
        for row in rows:
            on, off = _("on"), _("off")
            clock = (
                _("business hours (%(zone)s, holidays %(country)s)")
                % {"zone": row.time_zone, "country": row.holiday_country or _("none")}
                if row.business_hours
                else _("round the clock")
            )
            details = _(
                "target %(hours)s h, %(clock)s, acknowledge %(ack)s, FAQ auto-answer %(auto)s"
            ) % {
                "hours": f"{row.target_hours:g}",
                "clock": clock,
                "ack": on if row.acknowledge else off,
                "auto": on if row.auto_answer else off,
            }
            click.echo(f"{row.language:8} {row.name_ja}  {details}")


def _closed_dates(values: tuple[str, ...]) -> list[str]:
    days: list[str] = []
    for value in values:
        first, _sep, last = value.partition("..")
        try:
            start = date.fromisoformat(first)
            end = date.fromisoformat(last) if last else start
        except ValueError as exc:
            raise click.BadParameter(
                _("%(value)s: use YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD") % {"value": value}
            ) from exc
        while start <= end:
            days.append(start.isoformat())
            start += timedelta(days=1)
    return days


@queue.command("set")
@click.argument("language")
@click.option("--target-hours", type=click.FloatRange(min=0.1), help="Response target in hours.")
@click.option("--business-hours/--round-the-clock", default=None, help="How the clock runs.")
@click.option("--time-zone", help="IANA zone of the business hours, e.g. Asia/Tokyo.")
@click.option("--schedule", help='Weekly hours as JSON: {"mon": [["09:00", "18:00"]], ...}.')
@click.option("--holidays", "holiday_country", help="Country of public holidays (JP) or 'none'.")
@click.option("--closed", multiple=True, help="Closed days: 2026-12-29..2027-01-03 (repeatable).")
@click.option("--acknowledge/--no-acknowledge", default=None, help="Acknowledge new e-mail.")
@click.option("--auto-answer/--no-auto-answer", default=None, help="Answer from the FAQ at once.")
@click.option("--auto-answer-min-score", type=click.FloatRange(0, 1))
@click.option("--warn-at", type=click.FloatRange(0.05, 1), help="Warn at this share of the target.")
def set_queue(
    language: str,
    target_hours: float | None,
    business_hours: bool | None,
    time_zone: str | None,
    schedule: str | None,
    holiday_country: str | None,
    closed: tuple[str, ...],
    acknowledge: bool | None,
    auto_answer: bool | None,
    auto_answer_min_score: float | None,
    warn_at: float | None,
) -> None:
    """Change the queue of LANGUAGE (created if it does not exist yet).

    Any language can have a queue: its conversations go there from then on rather than to the
    fallback queue. LANGUAGE ``other`` is the fallback queue itself.
    """
    try:
        tag = queue_key(language)
    except UnknownLanguageError as exc:
        raise click.BadParameter(str(exc)) from exc
    database = get_database()
    upgrade(database.engine)
    with database.session() as session:
        row = queue_for_language(session, tag, target_hours=get_settings().target_hours)
        if business_hours is not None:
            row.business_hours = business_hours
        if time_zone:
            row.time_zone = time_zone
        if schedule:
            try:
                row.schedule = json.loads(schedule)
            except json.JSONDecodeError as exc:
                raise click.BadParameter(
                    _("--schedule is not JSON: %(error)s") % {"error": exc}
                ) from exc
        if holiday_country:
            row.holiday_country = None if holiday_country.lower() == "none" else holiday_country
        if closed:
            row.closed_dates = sorted(set(row.closed_dates or []) | set(_closed_dates(closed)))
        try:
            BusinessCalendar.from_schedule(
                row.schedule,
                time_zone=row.time_zone,
                holiday_country=row.holiday_country,
                closed_dates=row.closed_dates or (),
            )
        except CalendarError as exc:
            raise click.ClickException(str(exc)) from exc
        if acknowledge is not None:
            row.acknowledge = acknowledge
        if auto_answer is not None:
            row.auto_answer = auto_answer
        if auto_answer_min_score is not None:
            row.auto_answer_min_score = auto_answer_min_score
        if warn_at is not None:
            row.warn_threshold = warn_at
        if target_hours is not None and target_hours != row.target_hours:
            running = target_changed(session, row, new_hours=target_hours)
            click.echo(
                _("Target %(hours)s h, applied to %(count)d open conversation(s).")
                % {"hours": f"{target_hours:g}", "count": running}
            )
    click.echo(_("Queue %(language)s updated.") % {"language": tag})
