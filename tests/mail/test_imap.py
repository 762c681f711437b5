from __future__ import annotations

import pytest

from mail.errors import ImapError
from mail.imap import parse_imap_url


def test_imap_url_gives_host_port_login_and_mailbox() -> None:
    settings = parse_imap_url(
        "imaps://support%40shop.example:p%40ss%3Aword@imap.example.com/Support%20Inbox"
    )
    assert settings.host == "imap.example.com"
    assert settings.port == 993
    assert settings.username == "support@shop.example"
    assert settings.password == "p@ss:word"
    assert settings.mailbox == "Support Inbox"
    assert settings.ssl
    assert "p@ss" not in repr(settings)
    plain = parse_imap_url("imap://u:p@127.0.0.1:1143")
    assert (plain.port, plain.mailbox, plain.ssl) == (1143, "INBOX", False)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("pop3://u:p@host/", "must start with imaps://"),
        ("imaps://host/INBOX", "needs user"),
        ("imaps://u:p@host:99999/", "bad port"),
    ],
)
def test_bad_imap_urls_say_what_to_fix(url: str, message: str) -> None:
    with pytest.raises(ImapError, match=message):
        parse_imap_url(url)
