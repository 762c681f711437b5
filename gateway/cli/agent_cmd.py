"""``kakehashi agent password | disable | enable``: the same agent service as /admin/agents."""

from __future__ import annotations

import sys

import click

from gateway.cli.core import _database, _migrate, agent
from gateway.i18n import _


def _read_password() -> str:
    if sys.stdin.isatty():
        return str(click.prompt(_("Password"), hide_input=True, confirmation_prompt=True))
    return sys.stdin.readline().rstrip("\r\n")


def _change(email: str, change: str, password: str = "") -> None:
    from gateway.auth import agents
    from gateway.auth.passwords import WeakPasswordError

    database = _database()
    _migrate(database)
    try:
        with database.session() as session:
            found = agents.require_by_email(session, email)
            if change == "password":
                agents.set_password(session, found, password)
            elif change == "disable":
                agents.disable(session, found)
            else:
                agents.enable(session, found)
    except WeakPasswordError as exc:
        raise click.UsageError(str(exc)) from None
    except agents.AgentError as exc:
        raise click.ClickException(str(exc)) from None


@agent.command("password")
@click.option("--email", required=True)
def agent_password(email: str) -> None:
    """Set an agent's password (read from standard input); their sessions end."""
    _change(email, "password", _read_password())
    click.echo(_("Password of %(email)s changed; their sessions have ended.") % {"email": email})


@agent.command("disable")
@click.option("--email", required=True)
def agent_disable(email: str) -> None:
    """Stop an agent signing in; their sessions end."""
    _change(email, "disable")
    click.echo(_("Agent %(email)s disabled; their sessions have ended.") % {"email": email})


@agent.command("enable")
@click.option("--email", required=True)
def agent_enable(email: str) -> None:
    """Let a disabled agent sign in again."""
    _change(email, "enable")
    click.echo(_("Agent %(email)s can sign in again.") % {"email": email})
