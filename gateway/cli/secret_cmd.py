"""``kakehashi secret rotate``: replace the key kept in the database."""

from __future__ import annotations

import click

from gateway.auth import secret
from gateway.db import get_database
from gateway.i18n import _
from gateway.migrate import upgrade
from gateway.settings import get_settings


@click.group("secret")
def secret_group() -> None:
    """The key that signs agent sessions, CSRF and mail thread tokens."""


@secret_group.command()
def rotate() -> None:
    """Replace the stored key: signs every agent out (see README)."""
    if get_settings().secret_key:
        raise click.ClickException(
            _(
                "KAKEHASHI_SECRET_KEY is set, so the key in the database is not used: change "
                "that setting on every process instead."
            )
        )
    database = get_database()
    upgrade(database.engine)
    with database.session() as session:
        secret.rotate(session)
    click.echo(
        _(
            "New secret key stored. Within %(seconds)d seconds every process uses it: agents "
            "sign in again, and [#KH-…] tokens in mail already sent no longer match (replies "
            "still thread by In-Reply-To and References)."
        )
        % {"seconds": round(secret.REFRESH_SECONDS)}
    )
