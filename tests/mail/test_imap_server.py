"""The IMAP poller against a real Dovecot on loopback (plain IMAP, a passwd-file user, a Maildir).

Each test starts its own ``dovecot -F`` from a throw-away config; mail is delivered the way an
MTA does it, by writing the .eml into ``Maildir/tmp`` and renaming it into ``Maildir/new``.
``running_dovecot`` is also used by tests/gateway/test_imap_poller.py.
"""

from __future__ import annotations

import imaplib
import logging
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

from mail.errors import ImapError
from mail.imap import parse_imap_url, poll_once

FIXTURES = Path(__file__).resolve().parent / "fixtures"
USER = "support@sakura-tea.example.jp"
PASSWORD = "s3cret/p@ss%word"  # characters that must be percent-encoded in the URL
DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Dovecot:
    root: Path
    port: int
    uid: int
    gid: int
    tls_port: int | None = None
    certificate: Path | None = None
    deliveries: int = field(default=0)
    password_stamp: int = field(default=0)

    @property
    def maildir(self) -> Path:
        return self.root / "Maildir"

    def url(self, *, password: str = PASSWORD, mailbox: str = "INBOX", tls: bool = False) -> str:
        scheme, port = ("imaps", self.tls_port) if tls else ("imap", self.port)
        return (
            f"{scheme}://{quote(USER, safe='')}:{quote(password, safe='')}@127.0.0.1:{port}"
            f"/{quote(mailbox)}"
        )

    def set_password(self, password: str) -> None:
        """Change the user's password on the server (Dovecot rereads the changed file)."""
        users = self.root / "users"
        users.write_text(f"{USER}:{{PLAIN}}{password}::::::\n")
        # Dovecot rereads passwd-file when its mtime changes, compared in whole seconds
        self.password_stamp = max(int(time.time()), self.password_stamp + 1)
        os.utime(users, (self.password_stamp, self.password_stamp))

    def deliver(self, raw: bytes) -> None:
        """Deliver like an MTA: write into tmp/, then rename into new/ (atomic)."""
        self.deliveries += 1
        name = f"{time.time_ns()}.P{os.getpid()}Q{self.deliveries}.kakehashi-test"
        tmp = self.maildir / "tmp" / name
        tmp.write_bytes(raw)
        os.chown(tmp, self.uid, self.gid)
        tmp.rename(self.maildir / "new" / name)

    @contextmanager
    def client(self) -> Iterator[imaplib.IMAP4]:
        """A second, independent IMAP session, to look at the mailbox as a mail client would."""
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        try:
            client.login(USER, PASSWORD)
            yield client
        finally:
            client.logout()

    def search(self, criterion: str, mailbox: str = '"INBOX"') -> list[str]:
        with self.client() as client:
            client.select(mailbox, readonly=True)
            _status, data = client.uid("SEARCH", criterion)
            return data[0].decode().split() if data and data[0] else []

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _config(
    root: Path,
    port: int,
    *,
    internal_user: str,
    login_user: str,
    uid: int,
    gid: int,
    tls_port: int | None,
) -> str:
    if tls_port is None:
        tls = "ssl = no"
        imaps = "port = 0"
    else:
        tls = f"ssl = yes\nssl_cert = <{root}/cert.pem\nssl_key = <{root}/key.pem"
        imaps = f"address = 127.0.0.1\n    port = {tls_port}"
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
{tls}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
auth_verbose = yes
default_internal_user = {internal_user}
default_login_user = {login_user}
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:{root}/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    {imaps}
  }}
}}
service anvil {{
  chroot =
  # no auth penalty: tests log in again right after a refused password
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""


def _wait_for_greeting(process: subprocess.Popen[bytes], port: int, server: Dovecot) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot exited with {process.returncode}:\n{server.log()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                if sock.recv(64).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"dovecot did not answer on 127.0.0.1:{port}:\n{server.log()}")


def _make_certificate(root: Path) -> None:
    """A self-signed certificate for 127.0.0.1 (the test's own CA, trusted by nobody else)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(root / "key.pem"),
            "-out",
            str(root / "cert.pem"),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )


@contextmanager
def running_dovecot(*, tls: bool = False) -> Iterator[Dovecot]:
    """A Dovecot of our own for one test, stopped and removed afterwards; with ``tls`` it also
    offers IMAPS with a self-signed certificate (``Dovecot.certificate``)."""
    if not Path(DOVECOT).exists():
        if os.environ.get("CI"):
            raise RuntimeError("dovecot is not installed; run `make system-deps`")
        pytest.skip("dovecot is not installed (make system-deps installs dovecot-imapd)")
    if os.geteuid() == 0:
        # Dovecot refuses to run mail or login processes as root: use the package's users.
        internal_user, login_user = "dovecot", "dovenull"
    else:
        internal_user = login_user = pwd.getpwuid(os.geteuid()).pw_name
    account = pwd.getpwnam(internal_user)
    uid, gid = account.pw_uid, account.pw_gid
    # Not under pytest's tmp_path: that is private to the test user, and Dovecot's own
    # processes must reach the Maildir.
    root = Path(tempfile.mkdtemp(prefix="kakehashi-dovecot-"))
    process: subprocess.Popen[bytes] | None = None
    try:
        root.chmod(0o755)
        for sub in ("Maildir/new", "Maildir/cur", "Maildir/tmp", "home"):
            (root / sub).mkdir(parents=True)
        for path in (
            root / "Maildir",
            root / "Maildir/new",
            root / "Maildir/cur",
            root / "Maildir/tmp",
            root / "home",
        ):
            os.chown(path, uid, gid)
        port = _free_port()
        tls_port = _free_port() if tls else None
        if tls:
            _make_certificate(root)
        server = Dovecot(
            root=root,
            port=port,
            uid=uid,
            gid=gid,
            tls_port=tls_port,
            certificate=root / "cert.pem" if tls else None,
        )
        server.set_password(PASSWORD)
        config = root / "dovecot.conf"
        config.write_text(
            _config(
                root,
                port,
                internal_user=internal_user,
                login_user=login_user,
                uid=uid,
                gid=gid,
                tls_port=tls_port,
            )
        )
        process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_greeting(process, port, server)
        yield server
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    with running_dovecot() as server:
        yield server


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class Store:
    """``store_raw`` that keeps what it is given; ``fail`` makes the next calls raise,
    ``refuse`` makes every call with one of those messages raise."""

    def __init__(self) -> None:
        self.stored: list[tuple[bytes, str]] = []
        self.fail = 0
        self.refuse: set[bytes] = set()
        self.attempts = 0

    def __call__(self, raw: bytes, mail_from: str, rcpt_tos: list[str]) -> None:
        self.attempts += 1
        if raw in self.refuse:
            raise ValueError("this one cannot be stored")
        if self.fail > 0:
            self.fail -= 1
            raise OSError("disk full")
        self.stored.append((raw, mail_from))


def test_unseen_mail_is_stored_byte_for_byte_then_marked_seen_and_never_again(
    dovecot: Dovecot,
) -> None:
    files = [
        load("big5_outlook.eml"),
        load("iso2022jp_no_charset.eml"),
        load("auto_reply_auto_submitted.eml"),
    ]
    for raw in files:
        dovecot.deliver(raw)
    settings = parse_imap_url(dovecot.url())
    store = Store()

    assert poll_once(settings, store) == 3

    assert sorted(raw for raw, _ in store.stored) == sorted(files)
    senders = dict(store.stored)
    # the envelope sender the delivering MTA recorded reaches the gateway
    assert senders[files[2]] == "emily.carter@example.com"
    assert senders[files[0]] == ""
    assert dovecot.search("UNSEEN") == []
    assert len(dovecot.search("SEEN")) == 3
    assert poll_once(settings, store) == 0
    assert len(store.stored) == 3

    later = load("euc_kr_naver.eml")
    dovecot.deliver(later)
    assert poll_once(settings, store) == 1
    assert store.stored[-1][0] == later


def test_a_message_whose_storage_fails_stays_unseen_and_is_fetched_again(
    dovecot: Dovecot,
) -> None:
    raw = load("big5_outlook.eml")
    dovecot.deliver(raw)
    settings = parse_imap_url(dovecot.url())
    store = Store()
    store.fail = 1

    with pytest.raises(ImapError, match=r"could not store 1 message.*stay unseen.*disk full"):
        poll_once(settings, store)

    assert store.stored == []
    assert len(dovecot.search("UNSEEN")) == 1
    assert poll_once(settings, store) == 1
    assert store.stored == [(raw, "")]
    assert dovecot.search("UNSEEN") == []
    assert poll_once(settings, store) == 0
    assert len(store.stored) == 1


def test_a_full_batch_leaves_the_rest_for_the_next_poll(dovecot: Dovecot) -> None:
    for name in ("big5_outlook.eml", "iso2022jp_no_charset.eml", "euc_kr_naver.eml"):
        dovecot.deliver(load(name))
    settings = parse_imap_url(dovecot.url())
    store = Store()

    assert poll_once(settings, store, batch=2) == 2
    assert len(dovecot.search("UNSEEN")) == 1
    assert poll_once(settings, store, batch=2) == 1
    assert len({raw for raw, _ in store.stored}) == 3


def test_one_message_that_cannot_be_stored_does_not_hold_up_the_others(
    dovecot: Dovecot,
) -> None:
    first, bad, last = (
        load(name) for name in ("big5_outlook.eml", "iso2022jp_no_charset.eml", "euc_kr_naver.eml")
    )
    for raw in (first, bad, last):
        dovecot.deliver(raw)
    settings = parse_imap_url(dovecot.url())
    store = Store()
    store.refuse = {bad}

    with pytest.raises(ImapError, match=r"could not store 1 message.*\(2 stored\)"):
        poll_once(settings, store)

    assert sorted(raw for raw, _ in store.stored) == sorted([first, last])
    assert len(dovecot.search("UNSEEN")) == 1
    store.refuse = set()
    assert poll_once(settings, store) == 1
    assert sorted(raw for raw, _ in store.stored) == sorted([first, bad, last])


def test_when_storage_is_down_the_poll_gives_up_after_three_failures_in_a_row(
    dovecot: Dovecot,
) -> None:
    names = [
        "big5_outlook.eml",
        "iso2022jp_no_charset.eml",
        "euc_kr_naver.eml",
        "gb2312_foxmail.eml",
        "thai_tis620.eml",
    ]
    for name in names:
        dovecot.deliver(load(name))
    store = Store()
    store.fail = 100

    with pytest.raises(ImapError, match=r"could not store 3 message"):
        poll_once(parse_imap_url(dovecot.url()), store)

    assert store.attempts == 3
    assert len(dovecot.search("UNSEEN")) == 5


def test_a_wrong_password_is_a_clear_imap_error(dovecot: Dovecot) -> None:
    dovecot.deliver(load("big5_outlook.eml"))
    settings = parse_imap_url(dovecot.url(password="not-the-password"))

    with pytest.raises(ImapError) as caught:
        poll_once(settings, Store())

    message = str(caught.value)
    assert "login refused" in message
    assert USER in message
    assert "[AUTHENTICATIONFAILED] Authentication failed." in message
    assert "b'" not in message  # the server's words, not a Python bytes repr
    assert "KAKEHASHI_IMAP_URL" in message
    assert "not-the-password" not in message
    assert len(dovecot.search("UNSEEN")) == 1


def test_a_missing_mailbox_and_a_closed_port_are_clear_imap_errors(dovecot: Dovecot) -> None:
    with pytest.raises(ImapError, match=r"open mailbox Archiv: .*(?i:mailbox doesn.t exist)"):
        poll_once(parse_imap_url(dovecot.url(mailbox="Archiv")), Store())
    closed = _free_port()
    with pytest.raises(ImapError, match=rf"cannot reach IMAP server 127.0.0.1:{closed}"):
        poll_once(parse_imap_url(f"imap://u:p@127.0.0.1:{closed}/INBOX"), Store(), timeout=5)


def test_a_mailbox_with_a_japanese_name_is_polled(dovecot: Dovecot) -> None:
    """Folder names travel in modified UTF-7 (RFC 3501 §5.1.3); shops name folders in Japanese."""
    raw = load("iso2022jp_no_charset.eml")
    with dovecot.client() as client:
        name = '"&MLUw3TD8MMg-"'  # サポート in modified UTF-7
        assert client.create(name)[0] == "OK"
        assert client.append(name, "", None, raw)[0] == "OK"
    store = Store()

    assert poll_once(parse_imap_url(dovecot.url(mailbox="サポート")), store) == 1

    assert store.stored == [(raw, "")]
    assert dovecot.search("UNSEEN", '"&MLUw3TD8MMg-"') == []


def test_the_poller_logs_in_with_a_percent_encoded_address_and_password(
    dovecot: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    assert "%40" in dovecot.url()
    assert "%25" in dovecot.url()
    assert poll_once(parse_imap_url(dovecot.url()), Store()) == 0
    assert PASSWORD not in caplog.text


def test_a_password_with_japanese_characters_logs_in(dovecot: Dovecot) -> None:
    """imaplib's LOGIN is ASCII only; such a password used to crash the poll."""
    password = "パスワード1"
    dovecot.set_password(password)
    dovecot.deliver(load("big5_outlook.eml"))
    store = Store()

    assert poll_once(parse_imap_url(dovecot.url(password=password)), store) == 1
    with pytest.raises(ImapError, match="login refused"):
        poll_once(parse_imap_url(dovecot.url(password="パスワード2")), store)


def test_imaps_checks_the_servers_certificate(monkeypatch: pytest.MonkeyPatch) -> None:
    """imaplib on its own accepts any certificate; a stranger on the path would get the
    password. Refused until the shop's CA is trusted (SSL_CERT_FILE), then it works."""
    with running_dovecot(tls=True) as server:
        raw = load("big5_outlook.eml")
        server.deliver(raw)
        settings = parse_imap_url(server.url(tls=True))
        store = Store()
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)

        with pytest.raises(ImapError, match=r"did not prove who it is.*SSL_CERT_FILE"):
            poll_once(settings, store, timeout=10)
        assert store.stored == []

        assert server.certificate is not None
        monkeypatch.setenv("SSL_CERT_FILE", str(server.certificate))
        assert poll_once(settings, store, timeout=10) == 1
        assert store.stored == [(raw, "")]
