from __future__ import annotations

import asyncio
from datetime import timedelta

import aiosmtplib

from mail.compose import OutgoingMail, build_reply, make_message_id
from mail.outbound import MemorySender, SmtpSender, classify_failure, next_attempt_delay
from tests.mail.conftest import SUPPORT, CapturingRelay, free_port


def outgoing(n: int = 0) -> OutgoingMail:
    return OutgoingMail.from_message(
        build_reply(
            from_address=SUPPORT,
            from_name="Sakura Tea",
            to_address=f"buyer{n}@example.com",
            subject="Re: 訂單",
            text=f"您好 {n}",
            message_id=make_message_id("sakura-tea.example.jp"),
        )
    )


def test_batch_goes_through_one_connection_and_arrives_intact(
    relay: tuple[CapturingRelay, int],
) -> None:
    handler, port = relay
    mails = [outgoing(i) for i in range(3)]
    results = asyncio.run(SmtpSender("127.0.0.1", port, timeout=5).send(mails))
    assert [r.outcome for r in results] == ["sent"] * 3
    assert handler.connections == 1
    assert [data for _, _, data in handler.received] == [m.data for m in mails]
    assert handler.received[0][:2] == (SUPPORT, ["buyer0@example.com"])


def test_relay_answering_421_is_retried_and_later_delivered(
    relay: tuple[CapturingRelay, int],
) -> None:
    handler, port = relay
    handler.script = ["421 4.3.2 Service shutting down"]
    mails = [outgoing(1), outgoing(2)]
    sender = SmtpSender("127.0.0.1", port, timeout=5)
    first = asyncio.run(sender.send(mails))
    assert [r.outcome for r in first] == ["retry", "retry"]
    assert first[0].code == 421
    assert handler.received == []
    second = asyncio.run(sender.send(mails))
    assert [r.outcome for r in second] == ["sent", "sent"]
    assert [data for _, _, data in handler.received] == [m.data for m in mails]


def test_permanent_rejection_fails_visibly_and_the_batch_goes_on(
    relay: tuple[CapturingRelay, int],
) -> None:
    handler, port = relay
    handler.script = ["554 5.7.1 Message rejected as spam"]
    results = asyncio.run(SmtpSender("127.0.0.1", port, timeout=5).send([outgoing(1), outgoing(2)]))
    assert results[0].outcome == "failed"
    assert results[0].code == 554
    assert "rejected as spam" in results[0].detail
    assert results[1].outcome == "sent"
    assert len(handler.received) == 1


def test_relay_down_means_retry_not_failure() -> None:
    mail = outgoing()
    results = asyncio.run(SmtpSender("127.0.0.1", free_port(), timeout=2).send([mail]))
    assert results[0].outcome == "retry"
    assert results[0].message_id == mail.message_id
    assert "unreachable" in results[0].detail


def test_crash_between_send_and_commit_resends_the_identical_mail(
    relay: tuple[CapturingRelay, int],
) -> None:
    handler, port = relay
    stored = outgoing()  # what the outbox row holds since queue time
    sender = SmtpSender("127.0.0.1", port, timeout=5)
    asyncio.run(sender.send([stored]))
    # The worker dies here, before marking the row sent; the next worker sends the row again.
    asyncio.run(sender.send([stored]))
    first, second = handler.received
    assert first == second
    assert stored.message_id.encode() in first[2]


def test_failures_are_classified_for_retry_or_the_agent() -> None:
    assert classify_failure(aiosmtplib.SMTPResponseException(451, "try later"))[0] == "retry"
    assert classify_failure(aiosmtplib.SMTPResponseException(550, "no such user"))[0] == "failed"
    assert classify_failure(aiosmtplib.SMTPConnectError("refused"))[0] == "retry"
    assert classify_failure(aiosmtplib.SMTPTimeoutError("slow"))[0] == "retry"
    assert classify_failure(ConnectionRefusedError())[0] == "retry"
    assert classify_failure(aiosmtplib.SMTPAuthenticationError(535, "bad"))[0] == "retry"
    refused = aiosmtplib.SMTPRecipientsRefused(
        [aiosmtplib.SMTPRecipientRefused(550, "unknown", "x@example.com")]
    )
    assert classify_failure(refused)[0] == "failed"


def test_backoff_doubles_and_is_capped() -> None:
    delays = [next_attempt_delay(n) for n in range(1, 10)]
    assert delays[:3] == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120)]
    assert max(delays) == timedelta(minutes=15)
    assert delays == sorted(delays)


def test_memory_sender_keeps_mail_for_development() -> None:
    sender = MemorySender()
    mail = outgoing()
    assert asyncio.run(sender.send([mail]))[0].outcome == "sent"
    assert sender.outbox == [mail]
    sender.fail_with = "retry"
    assert asyncio.run(sender.send([mail]))[0].outcome == "retry"
