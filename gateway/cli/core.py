"""serve, worker, db, token and agent commands."""

from __future__ import annotations

import signal
import sys
import threading
from typing import TYPE_CHECKING

import click

from gateway.cli import main
from gateway.db import Database, get_database
from gateway.i18n import _
from gateway.logs import configure_logging
from gateway.settings import get_settings
from translation.detect import preload as preload_detection

if TYPE_CHECKING:
    from gateway.ops.server import OperationsServer


def _database() -> Database:
    return get_database()


def _migrate(database: Database) -> None:
    from gateway.auth.secret import ensure_stored
    from gateway.migrate import upgrade

    upgrade(database.engine)
    if not get_settings().secret_key:
        ensure_stored(database)  # before serving: no request has to write it


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers/--no-workers",
    "run_workers",
    default=None,
    help="Run the background workers in this process (default: KAKEHASHI_RUN_WORKERS, on).",
)
def serve(host: str, port: int, run_workers: bool | None) -> None:
    """Run the web app (and, by default, the workers) — the main job."""
    import uvicorn

    from gateway.app import create_app
    from gateway.mailbox.runtime import start_mail_services
    from gateway.wiring import all_jobs
    from gateway.workers.runner import WorkerPool

    settings = get_settings()
    configure_logging(settings.log_format, settings.log_level)
    database = _database()
    _migrate(database)
    preload_detection()  # so that the first buyer's message does not wait for the models
    pool = None
    if settings.run_workers if run_workers is None else run_workers:
        pool = WorkerPool(database, settings, all_jobs(settings))
        pool.start()
    mail = start_mail_services(database, settings)
    click.echo(
        _("Kakehashi on %(url)s  (database: %(database)s)")
        % {"url": f"http://{host}:{port}", "database": database.engine.url.render_as_string()}
    )
    try:
        # log_config=None: uvicorn's own lines go through gateway.logs as well.
        uvicorn.run(
            create_app(),
            host=host,
            port=port,
            log_config=None,
            log_level=settings.log_level.lower(),
        )
    finally:
        mail.stop()
        if pool is not None:
            pool.stop(settings.worker_shutdown_seconds)


@main.command()
@click.option(
    "--concurrency",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker threads in this process.",
)
@click.option(
    "--metrics-listen",
    metavar="HOST:PORT",
    default=None,
    help="Serve /metrics, /healthz and /readyz here (default: KAKEHASHI_METRICS_LISTEN, off).",
)
def worker(concurrency: int, metrics_listen: str | None) -> None:
    """Run the background workers only (scale out on PostgreSQL)."""
    from gateway.wiring import all_jobs
    from gateway.workers.runner import WorkerPool

    settings = get_settings()
    configure_logging(settings.log_format, settings.log_level)
    database = _database()
    _migrate(database)
    preload_detection()  # so that the first buyer's message does not wait for the models
    operations = _operations_listener(metrics_listen or settings.metrics_listen)
    pool = WorkerPool(database, settings, all_jobs(settings), concurrency=concurrency)
    stopped = threading.Event()

    def _stop(_signum: int, _frame: object) -> None:
        stopped.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    pool.start()
    click.echo(
        _("Kakehashi worker running (%(threads)d thread(s)); Ctrl+C to stop.")
        % {"threads": concurrency}
    )
    stopped.wait()
    click.echo(_("Finishing the work in hand…"))
    pool.stop(settings.worker_shutdown_seconds)
    if operations is not None:
        operations.stop()


def _operations_listener(listen: str | None) -> OperationsServer | None:
    if not listen:
        return None
    from gateway.ops.server import OperationsError, OperationsServer

    try:
        return OperationsServer(listen).start()
    except (OperationsError, OSError) as exc:
        raise click.ClickException(
            _("--metrics-listen %(address)s: %(error)s") % {"address": listen, "error": exc}
        ) from exc


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations."""
    database = _database()
    _migrate(database)
    click.echo(_("Database is up to date."))


@main.group()
def token() -> None:
    """API tokens for the shop's own systems."""


@token.command("create")
@click.option("--name", required=True, help="What the token is for, e.g. 'shop'.")
def token_create(name: str) -> None:
    """Create an API token and print it (it is shown only once)."""
    from gateway.auth.tokens import create_token

    database = _database()
    _migrate(database)
    with database.session() as session:
        _row, clear = create_token(session, name=name)
    click.echo(clear)


@main.group()
def agent() -> None:
    """Support agents who sign in to the inbox."""


@agent.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["admin", "agent"]), default="agent", show_default=True)
def agent_create(email: str, name: str, role: str) -> None:
    """Create an agent; the password is read from standard input."""
    from sqlalchemy import select

    from gateway.auth.passwords import WeakPasswordError, check_password, hash_password
    from gateway.models import Agent

    if sys.stdin.isatty():
        password = click.prompt(_("Password"), hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        check_password(password, user_inputs=(email, name))
    except WeakPasswordError as exc:
        raise click.UsageError(
            _("%(problem)s (Give the password on standard input.)") % {"problem": exc}
        ) from None
    database = _database()
    _migrate(database)
    with database.session() as session:
        email = email.strip().lower()
        if session.scalar(select(Agent).where(Agent.email == email)) is not None:
            raise click.ClickException(
                _("An agent with e-mail %(email)s already exists.") % {"email": email}
            )
        session.add(Agent(email=email, name=name, role=role, password_hash=hash_password(password)))
    click.echo(_("Agent %(email)s created (%(role)s).") % {"email": email, "role": role})


@main.command()
@click.option(
    "--reset", is_flag=True, help="Remove the sample shop first, then load it with today's dates."
)
def demo(reset: bool) -> None:
    """Load a sample shop in its third week: conversations in many languages, FAQ, templates."""
    from gateway.demo import load_demo

    database = _database()
    _migrate(database)
    with database.session() as session:
        result = load_demo(session, settings=get_settings(), reset=reset)
    if result.removed:
        click.echo(
            _("Removed the sample shop's %(count)d conversation(s).") % {"count": result.removed}
        )
    click.echo(
        _("Sample shop loaded: %(count)d new conversation(s), %(faq)d new FAQ entries.")
        % {"count": result.conversations, "faq": result.faq_entries}
    )
    if result.agent_password:
        click.echo(
            _("Sign in at /login as %(email)s with password %(password)s")
            % {"email": result.agent_email, "password": result.agent_password}
        )
    else:
        click.echo(
            _(
                "Sign in at /login as %(email)s (password as printed the first time; set a new "
                "one with `kakehashi agent password --email %(email)s`)."
            )
            % {"email": result.agent_email}
        )
