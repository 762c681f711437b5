"""Storing inbound mail: a true duplicate is accepted once; any other refusal is not swallowed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from gateway.db import Database
from gateway.mailbox.inbound import store_inbound
from gateway.models import InboundMail

RAW = (
    b"From: Buyer <buyer@example.com>\r\nTo: support@shop.example\r\n"
    b"Subject: Order 4412\r\nMessage-ID: <a1@example.com>\r\n\r\nWhere is my parcel?\r\n"
)


def _stored(database: Database) -> int:
    with database.session(read_only=True) as session:
        return int(session.scalar(select(func.count()).select_from(InboundMail)) or 0)


def test_the_same_mail_twice_is_stored_once(database: Database) -> None:
    store_inbound(database, RAW, "buyer@example.com", ["support@shop.example"])
    store_inbound(database, RAW, "buyer@example.com", ["support@shop.example"])
    assert _stored(database) == 1


def test_another_constraint_failing_is_raised_so_the_sender_retries(database: Database) -> None:
    postgresql = database.engine.dialect.name == "postgresql"
    with database.engine.begin() as conn:
        if postgresql:
            conn.execute(
                text(
                    "CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "RAISE EXCEPTION 'refused' USING ERRCODE = 'check_violation'; END $$"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_mail BEFORE INSERT ON inbound_mails "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_mail()"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_mail BEFORE INSERT ON inbound_mails "
                    "BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            )
    try:
        with pytest.raises(IntegrityError):
            store_inbound(database, RAW, "buyer@example.com", ["support@shop.example"])
        assert _stored(database) == 0
    finally:  # the PostgreSQL test database outlives this test: leave no trigger behind
        with database.engine.begin() as conn:
            if postgresql:
                conn.execute(text("DROP TRIGGER refuse_mail ON inbound_mails"))
                conn.execute(text("DROP FUNCTION refuse_mail()"))
            else:
                conn.execute(text("DROP TRIGGER refuse_mail"))
