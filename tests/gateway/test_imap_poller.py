"""The IMAP poller that ``kakehashi serve`` starts, against a real Dovecot, into real SQLite and
PostgreSQL: mail in the shop's hosted inbox becomes conversations exactly once."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import func, select, text

from gateway.db import Database
from gateway.mailbox.inbound import ProcessInboundMail, message_key
from gateway.mailbox.runtime import MailServices, start_mail_services
from gateway.models import Conversation, InboundMail
from gateway.settings import Settings, set_settings
from gateway.workers.runner import WorkerPool
from mail.errors import ImapError
from tests.mail.test_imap_server import PASSWORD, Dovecot, load, running_dovecot


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    with running_dovecot() as server:
        yield server


def imap_settings(settings: Settings, url: str) -> Settings:
    value = settings.model_copy(update={"imap_url": url, "imap_poll_seconds": 0.2})
    set_settings(value)
    return value


def wait_for(condition: Callable[[], bool], *, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def inbound_count(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(InboundMail)) or 0)


def process(database: Database, settings: Settings) -> None:
    pool = WorkerPool(database, settings, [ProcessInboundMail()])
    for _ in range(10):
        if not pool.run_once():
            return


@pytest.fixture
def stop_services() -> Iterator[list[MailServices]]:
    running: list[MailServices] = []
    yield running
    for services in running:
        services.stop()


def test_imap_mail_becomes_one_conversation_each_in_the_buyers_language(
    database: Database,
    settings: Settings,
    dovecot: Dovecot,
    stop_services: list[MailServices],
) -> None:
    japanese, chinese = load("iso2022jp_no_charset.eml"), load("big5_outlook.eml")
    dovecot.deliver(japanese)
    dovecot.deliver(chinese)
    value = imap_settings(settings, dovecot.url())
    stop_services.append(start_mail_services(database, value))

    wait_for(lambda: inbound_count(database) == 2 and dovecot.search("UNSEEN") == [])
    # The \Seen flag is lost (a crash after our commit, or someone marks them unread in
    # their mail client): the poller fetches both again, and nothing is stored twice.
    with dovecot.client() as client:
        client.select('"INBOX"')
        client.uid("STORE", "1:*", "-FLAGS", "(\\Seen)")
    assert len(dovecot.search("UNSEEN")) == 2
    wait_for(lambda: dovecot.search("UNSEEN") == [])
    stop_services.pop().stop()
    process(database, value)

    with database.session() as session:
        stored = session.scalars(select(InboundMail).order_by(InboundMail.id)).all()
        assert sorted(mail.raw for mail in stored) == sorted([japanese, chinese])
        assert {mail.state for mail in stored} == {"processed"}
        conversations = session.scalars(select(Conversation)).all()
        found = {c.customer.email: (c.channel, c.language, c.subject) for c in conversations}
    assert found == {
        "hanako.tanaka@example.net": ("email", "ja", "注文の件"),
        "chen.dawen@example.com": ("email", "zh-Hant", "訂單 #A1029 還沒有收到"),
    }


def _refuse_inbound_mail(database: Database, *, only: bytes | None = None) -> Callable[[], None]:
    """Make the database refuse to store inbound mail (as a full disk would), or only the
    message ``only``; returns the undo."""
    postgresql = database.engine.dialect.name == "postgresql"
    condition = "TRUE" if postgresql else "1"
    if only is not None:
        condition = "NEW.message_key = '" + message_key(only).replace("'", "''") + "'"
    with database.engine.begin() as conn:
        if postgresql:
            conn.execute(
                text(
                    "CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    f"IF {condition} THEN "
                    "RAISE EXCEPTION 'could not extend file: No space left on device'; "
                    "END IF; RETURN NEW; END $$"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_mail BEFORE INSERT ON inbound_mails "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_mail()"
                )
            )
        else:
            # RAISE() would be reported as a constraint error; a malformed json() call is a
            # plain OperationalError, like a full disk.
            conn.execute(
                text(
                    f"CREATE TRIGGER refuse_mail BEFORE INSERT ON inbound_mails WHEN {condition} "
                    "BEGIN SELECT json('no space left on device'); END"
                )
            )

    def undo() -> None:
        with database.engine.begin() as conn:
            if postgresql:
                conn.execute(text("DROP TRIGGER refuse_mail ON inbound_mails"))
                conn.execute(text("DROP FUNCTION refuse_mail()"))
            else:
                conn.execute(text("DROP TRIGGER refuse_mail"))

    return undo


Refuse = Callable[..., Callable[[], None]]


@pytest.fixture
def refuse(database: Database) -> Iterator[Refuse]:
    """Makes the database refuse inbound mail; whatever a test did not undo is undone after it,
    so a failing test leaves no trigger in the shared PostgreSQL test database."""
    pending: list[Callable[[], None]] = []

    def make(*, only: bytes | None = None) -> Callable[[], None]:
        drop = _refuse_inbound_mail(database, only=only)

        def undo() -> None:
            if undo in pending:
                pending.remove(undo)
                drop()

        pending.append(undo)
        return undo

    yield make
    for undo in list(pending):
        undo()


def test_mail_the_database_cannot_store_stays_unseen_and_arrives_once_it_can(
    database: Database,
    refuse: Refuse,
    settings: Settings,
    dovecot: Dovecot,
    stop_services: list[MailServices],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="gateway.mailbox.runtime")
    raw = load("big5_outlook.eml")
    dovecot.deliver(raw)
    undo = refuse()
    stop_services.append(start_mail_services(database, imap_settings(settings, dovecot.url())))

    wait_for(lambda: "stay unseen and are fetched again" in caplog.text)
    assert inbound_count(database) == 0
    assert len(dovecot.search("UNSEEN")) == 1
    undo()

    wait_for(lambda: "works again" in caplog.text)
    assert dovecot.search("UNSEEN") == []
    assert inbound_count(database) == 1
    with database.session() as session:
        assert session.scalars(select(InboundMail.raw)).one() == raw


def test_one_mail_the_database_refuses_does_not_slow_down_the_others(
    database: Database,
    refuse: Refuse,
    settings: Settings,
    dovecot: Dovecot,
    stop_services: list[MailServices],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="gateway.mailbox.runtime")
    bad, good = load("iso2022jp_no_charset.eml"), load("big5_outlook.eml")
    dovecot.deliver(bad)
    dovecot.deliver(good)
    undo = refuse(only=bad)
    stop_services.append(start_mail_services(database, imap_settings(settings, dovecot.url())))

    wait_for(lambda: caplog.text.count("could not store 1 message(s)") >= 3)
    assert "(1 stored)" in caplog.text
    assert "in a row" not in caplog.text  # polled at the usual interval, no backing off
    with database.session() as session:
        assert session.scalars(select(InboundMail.raw)).all() == [good]
    assert len(dovecot.search("UNSEEN")) == 1
    undo()

    wait_for(lambda: "works again" in caplog.text)
    assert dovecot.search("UNSEEN") == []
    assert inbound_count(database) == 2


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_wrong_password_is_logged_and_retried_ever_more_slowly_until_it_is_fixed(
    database: Database,
    settings: Settings,
    dovecot: Dovecot,
    stop_services: list[MailServices],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="gateway.mailbox.runtime")
    dovecot.deliver(load("big5_outlook.eml"))
    dovecot.set_password("changed-by-the-shop")
    services = start_mail_services(database, imap_settings(settings, dovecot.url()))
    stop_services.append(services)

    def refused() -> list[str]:
        return [r.getMessage() for r in caplog.records if "login refused" in r.getMessage()]

    wait_for(lambda: len(refused()) >= 3)
    # polls every 0.2 s, but waits twice as long after each refusal in a row
    assert [message.split(": ")[0] for message in refused()[:3]] == [
        "IMAP poll failed (1 in a row), next try in 0.2 s",
        "IMAP poll failed (2 in a row), next try in 0.4 s",
        "IMAP poll failed (3 in a row), next try in 0.8 s",
    ]
    assert "check the user and password in KAKEHASHI_IMAP_URL" in refused()[0]
    assert all(r.levelno == logging.WARNING for r in caplog.records if "refused" in r.getMessage())
    assert services._poller is not None
    assert services._poller.is_alive()
    assert inbound_count(database) == 0

    dovecot.set_password(PASSWORD)  # the shop puts the old password back
    wait_for(lambda: "works again" in caplog.text)
    assert inbound_count(database) == 1
    assert dovecot.search("UNSEEN") == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_bad_imap_url_stops_serve_before_the_smtp_listener_opens(
    database: Database, settings: Settings
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    value = settings.model_copy(
        update={
            "smtp_listen": f"127.0.0.1:{port}",
            "support_addresses": ["support@sakura-tea.example.jp"],
            "imap_url": "imaps://imap.example.com/INBOX",
        }
    )

    with pytest.raises(ImapError, match="needs user, password and host"):
        start_mail_services(database, value)

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
