"""``kakehashi desk``: the escalation group, per-priority targets and surveys per queue, and
the intake rules in force."""

from __future__ import annotations

import json

import click
from sqlalchemy import select

from gateway.db import get_database
from gateway.i18n import _
from gateway.migrate import upgrade
from gateway.models import Agent
from gateway.queues.service import queue_for_language
from gateway.settings import get_settings
from gateway.triage.priority import PRIORITY_NAMES
from gateway.triage.rules import RuleError, load_rules
from translation.languages import UnknownLanguageError, normalize_tag


@click.group()
def desk() -> None:
    """The support desk: escalation group, priority targets, surveys, intake rules."""


@desk.command("escalation-group")
@click.argument("email")
@click.option("--remove", is_flag=True, help="Take the agent out of the group.")
def escalation_group(email: str, remove: bool) -> None:
    """Put the agent EMAIL into the escalation group (or out of it with --remove)."""
    database = get_database()
    upgrade(database.engine)
    with database.session() as session:
        agent = session.scalar(select(Agent).where(Agent.email == email.strip().lower()))
        if agent is None:
            raise click.ClickException(_("No agent %(email)s.") % {"email": email})
        agent.escalation_group = not remove
        done = (
            _("%(name)s left the escalation group.")
            if remove
            else _("%(name)s is in the escalation group.")
        )
        click.echo(done % {"name": agent.name})


def _targets(values: tuple[str, ...]) -> dict[str, float]:
    targets: dict[str, float] = {}
    for value in values:
        name, _sep, hours = value.partition("=")
        if name not in PRIORITY_NAMES:
            raise click.BadParameter(
                _("%(value)s: write PRIORITY=HOURS, e.g. urgent=4") % {"value": value}
            )
        try:
            targets[name] = float(hours)
        except ValueError:
            raise click.BadParameter(
                _("%(value)s: write PRIORITY=HOURS, e.g. urgent=4") % {"value": value}
            ) from None
    return targets


@desk.command("queue")
@click.argument("language")
@click.option(
    "--priority-target",
    "targets",
    multiple=True,
    metavar="PRIORITY=HOURS",
    help="A shorter response target for a priority, e.g. urgent=4 (0 removes it).",
)
@click.option("--survey/--no-survey", default=None, help="Ask buyers how it went on resolve.")
def queue_settings(language: str, targets: tuple[str, ...], survey: bool | None) -> None:
    """Per-priority response targets and the satisfaction survey of the LANGUAGE queue."""
    try:
        tag = normalize_tag(language)
    except UnknownLanguageError as exc:
        raise click.BadParameter(str(exc)) from exc
    changes = _targets(targets)
    database = get_database()
    upgrade(database.engine)
    with database.session() as session:
        row = queue_for_language(session, tag, target_hours=get_settings().target_hours)
        if changes:
            merged = {**(row.priority_target_hours or {}), **changes}
            row.priority_target_hours = {k: v for k, v in merged.items() if v > 0} or None
        if survey is not None:
            row.csat_survey = survey
        session.flush()
        click.echo(
            json.dumps(
                {
                    "queue": row.language,
                    "priority_target_hours": row.priority_target_hours or {},
                    "survey": row.csat_survey,
                },
                ensure_ascii=False,
            )
        )


@desk.command("rules")
def rules() -> None:
    """Print the intake rules in force as JSON (a start for KAKEHASHI_INTAKE_RULES)."""
    try:
        loaded = load_rules(get_settings().intake_rules)
    except RuleError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        json.dumps(
            [
                {
                    "name": rule.name,
                    "keywords": list(rule.keywords),
                    "channels": list(rule.channels),
                    "languages": list(rule.languages),
                    "tags": list(rule.tags),
                    "priority": rule.priority.api_name if rule.priority is not None else None,
                }
                for rule in loaded
            ],
            ensure_ascii=False,
            indent=2,
        )
    )
