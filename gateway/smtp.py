"""The shop's SMTP server and From address, as the settings name them (infrastructure).

The outbox (gateway/mailbox/outbound.py) and the SLA warnings (gateway/sla/tasks.py) both send
through these, so they live below both.
"""

from __future__ import annotations

from gateway.settings import Settings
from mail.outbound import MailSender, SmtpSender


class MailNotConfiguredError(RuntimeError):
    pass


def sender_address(settings: Settings) -> str:
    address = settings.mail_from or (
        settings.support_addresses[0] if settings.support_addresses else None
    )
    if not address:
        raise MailNotConfiguredError(
            "送信元アドレスが未設定です: KAKEHASHI_MAIL_FROM か "
            "KAKEHASHI_SUPPORT_ADDRESSES を設定してください"
        )
    return address


def smtp_sender(settings: Settings) -> MailSender:
    if not settings.smtp_host:
        raise MailNotConfiguredError(
            "送信サーバーが未設定です: KAKEHASHI_SMTP_HOST を設定すると再送されます"
        )
    return SmtpSender(
        host=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username,
        password=settings.smtp_password,
        starttls=settings.smtp_starttls,
    )
