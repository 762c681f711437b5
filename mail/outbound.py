"""Sending rendered mail to the outbound relay, and deciding what a failure means.

How the gateway must use this so that a buyer gets each reply exactly once, even when the
relay is down for an hour or the worker dies mid-send:

1. Queue: in the transaction that creates the outbox row, fix the Message-ID
   (:func:`mail.compose.make_message_id`) and the Date, render the mail and store the
   :class:`~mail.compose.OutgoingMail` (bytes + envelope) on the row, state ``pending``.
2. Send: a worker claims the row (lease), calls :meth:`MailSender.send` with the stored mail,
   then in a new transaction marks it ``sent`` (result ``sent``), schedules the next attempt
   with :func:`next_attempt_delay` (``retry``), or marks it ``failed`` with the relay's answer
   for the agent to see (``failed``).
3. A crash after the relay said 250 but before step 2 committed leaves the row ``pending``; the
   next attempt sends the *same bytes with the same Message-ID*. The buyer's mail system and
   client treat a repeated Message-ID as the same mail, so the buyer sees one reply, never two
   different ones. (SMTP itself offers no exactly-once; this is the strongest form available.)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal, Protocol

import aiosmtplib

from mail.compose import OutgoingMail

log = logging.getLogger(__name__)

Outcome = Literal["sent", "retry", "failed"]

RETRY_BASE = timedelta(seconds=30)
RETRY_CAP = timedelta(minutes=15)


@dataclass(frozen=True)
class SendResult:
    """What happened to one mail: ``sent``; ``retry`` (temporary: 4xx, refused connection,
    timeout); ``failed`` (permanent 5xx: show ``detail`` to the agent)."""

    message_id: str
    outcome: Outcome
    code: int | None = None
    detail: str = ""


class MailSender(Protocol):
    """Something that delivers rendered mail. Implementations never raise for delivery
    problems; they report them per mail."""

    async def send(self, mails: Sequence[OutgoingMail]) -> list[SendResult]: ...


def next_attempt_delay(
    attempts: int, *, base: timedelta = RETRY_BASE, cap: timedelta = RETRY_CAP
) -> timedelta:
    """Wait before attempt ``attempts + 1``: 30 s, 1 min, 2 min, … capped at 15 min.

    No jitter on purpose: rows are claimed with leases, so retries do not stampede, and a
    predictable schedule is easier to explain to an agent. The cap means a relay that was down
    for an hour is retried within 15 minutes of coming back.
    """
    if attempts < 1:
        return timedelta(0)
    seconds = base.total_seconds() * (2 ** min(attempts - 1, 30))
    return timedelta(seconds=min(seconds, cap.total_seconds()))


def classify_failure(error: BaseException) -> tuple[Outcome, int | None, str]:
    """``retry`` or ``failed`` for an exception raised while talking to the relay.

    4xx replies, refused or dropped connections and timeouts are temporary (RFC 5321 §4.2.1);
    5xx replies are permanent. Authentication and TLS problems are configuration problems that
    an administrator fixes, so the mail waits (``retry``) rather than failing for the agent.
    """
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [refused.code for refused in error.recipients]
        detail = "; ".join(f"{r.code} {r.message}" for r in error.recipients)
        permanent = bool(codes) and all(500 <= code < 600 for code in codes)
        return ("failed" if permanent else "retry"), (codes[0] if codes else None), detail
    if isinstance(error, aiosmtplib.SMTPAuthenticationError):
        return (
            "retry",
            error.code,
            f"relay refused our login ({error.code} {error.message}); "
            "check KAKEHASHI_SMTP_USERNAME / KAKEHASHI_SMTP_PASSWORD",
        )
    if isinstance(error, aiosmtplib.SMTPResponseException):
        outcome: Outcome = "failed" if 500 <= error.code < 600 else "retry"
        return outcome, error.code, f"{error.code} {error.message}"
    if isinstance(error, aiosmtplib.SMTPNotSupported):
        return (
            "retry",
            None,
            f"relay does not support what the settings ask for: {error}; "
            "check KAKEHASHI_SMTP_STARTTLS",
        )
    if isinstance(error, (OSError, asyncio.TimeoutError, aiosmtplib.SMTPException)):
        return "retry", None, f"relay unreachable: {error}"
    return "retry", None, f"unexpected error talking to the relay: {error!r}"


@dataclass
class SmtpSender:
    """Sends through an SMTP relay with aiosmtplib, one connection per batch.

    ``starttls``: True requires STARTTLS, False never uses it, None uses it when offered.
    ``use_tls`` is implicit TLS (port 465).
    """

    host: str
    port: int = 25
    username: str | None = None
    password: str | None = None
    starttls: bool | None = None
    use_tls: bool = False
    timeout: float = 30.0
    local_hostname: str | None = None
    validate_certs: bool = True

    def _client(self) -> aiosmtplib.SMTP:
        return aiosmtplib.SMTP(
            hostname=self.host,
            port=self.port,
            username=self.username or None,
            password=self.password or None,
            use_tls=self.use_tls,
            start_tls=self.starttls,
            timeout=self.timeout,
            local_hostname=self.local_hostname,
            validate_certs=self.validate_certs,
        )

    async def send(self, mails: Sequence[OutgoingMail]) -> list[SendResult]:
        results: list[SendResult] = []
        if not mails:
            return results
        client = self._client()
        try:
            await client.connect()
        except Exception as error:  # every mail of the batch waits for the next attempt
            outcome, code, detail = classify_failure(error)
            log.warning("outbound relay %s:%s unreachable: %s", self.host, self.port, detail)
            return [SendResult(m.message_id, outcome, code, detail) for m in mails]
        try:
            for index, mail in enumerate(mails):
                try:
                    await client.sendmail(mail.mail_from, list(mail.recipients), mail.data)
                except Exception as error:
                    outcome, code, detail = classify_failure(error)
                    results.append(SendResult(mail.message_id, outcome, code, detail))
                    if code == 421:
                        client.close()  # RFC 5321 §3.8: 421 closes the transmission channel
                    if not client.is_connected:
                        # 421 or a dropped link: the rest of the batch waits for a retry.
                        results += [
                            SendResult(m.message_id, "retry", code, detail)
                            for m in mails[index + 1 :]
                        ]
                        break
                    await _reset(client)
                else:
                    results.append(SendResult(mail.message_id, "sent", 250, "accepted"))
        finally:
            if client.is_connected:
                try:
                    await client.quit()
                except Exception:  # the mails are sent; a failed QUIT changes nothing
                    client.close()
        return results


async def _reset(client: aiosmtplib.SMTP) -> None:
    try:
        await client.rset()
    except Exception:  # the next sendmail reports the broken connection
        client.close()


@dataclass
class MemorySender:
    """Keeps sent mail in memory (development and tests). ``fail_with`` makes every send
    return that outcome, to exercise retry handling."""

    outbox: list[OutgoingMail] = field(default_factory=list)
    fail_with: Outcome | None = None

    async def send(self, mails: Sequence[OutgoingMail]) -> list[SendResult]:
        if self.fail_with is not None and self.fail_with != "sent":
            return [
                SendResult(m.message_id, self.fail_with, None, "MemorySender told to fail")
                for m in mails
            ]
        self.outbox.extend(mails)
        return [SendResult(m.message_id, "sent", 250, "kept in memory") for m in mails]
