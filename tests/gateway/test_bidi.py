"""Bidi spoofing: buyer names are isolated, and a file is shown under the name it is saved as."""

from __future__ import annotations

import re
from email.message import EmailMessage
from urllib.parse import unquote

from fastapi.testclient import TestClient

from gateway.db import Database
from gateway.mailbox.inbound import ProcessInboundMail, store_inbound
from gateway.settings import Settings
from gateway.workers.runner import WorkerPool
from tests.gateway.conftest import post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in

RLO = "\u202e"


def _mail_with_attachment(filename: str) -> bytes:
    mail = EmailMessage()
    mail["From"] = f"{RLO}Lin Buyer <lin@example.tw>"
    mail["To"] = "support@shop.example"
    mail["Subject"] = "Photo of the damaged parcel"
    mail["Message-ID"] = "<bidi1@example.tw>"
    mail.set_content("The parcel arrived damaged, see the photo.")
    mail.add_attachment(
        b"MZ\x90\x00 not an image", "application", "octet-stream", filename=filename
    )
    return mail.as_bytes()


def test_a_file_named_with_an_override_is_shown_and_saved_under_one_name(
    client: TestClient, database: Database, settings: Settings
) -> None:
    store_inbound(
        database, _mail_with_attachment(f"readme{RLO}gnp.exe"), "lin@example.tw", ["s@shop.example"]
    )
    WorkerPool(database, settings, [ProcessInboundMail()]).run_once()
    make_agent(database)
    sign_in(client)
    page = client.get("/inbox/conversations/1").text
    assert f"readme{RLO}" not in page
    assert "readmegnp.exe" in page  # as it will be saved: an .exe, visibly
    link = re.search(r'href="(/inbox/attachments/\d+)"', page)
    assert link is not None
    download = client.get(link.group(1))
    disposition = download.headers["content-disposition"]
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "readmegnp.exe"
    assert "<bdi>Lin Buyer</bdi>" in page


def test_buyer_names_are_isolated_in_the_inbox(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    post_inquiry(
        client,
        auth,
        "Where is my parcel?",
        customer={"email": "buyer@example.com", "name": f"{RLO}Buyer \u2067Name"},
    )
    make_agent(database)
    sign_in(client)
    page = client.get("/inbox").text
    assert "<bdi>Buyer Name</bdi>" in page
    assert f"<bdi>{RLO}" not in page
    assert "<bdi>Buyer Name</bdi>" in client.get("/inbox/conversations/1").text
