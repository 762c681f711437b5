"""The translated FAQ end to end on SQLite and PostgreSQL: import/export, machine translation
with the tiny test models, staleness after a Japanese edit, public pages, static export,
suggestions and the automatic answer."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import select

from faq_i18n.entries import Status
from faq_i18n.formats import load_json
from gateway.cli.faq_cmd import faq
from gateway.db import Database
from gateway.faq import repository, service
from gateway.faq.suggestions import auto_answer, suggest_for_message
from gateway.faq.tasks import TranslateFaq
from gateway.models import Conversation, FaqEntry, LanguageQueue, Message, WorkItem
from gateway.settings import Settings
from gateway.workers.runner import WorkerPool
from tests.gateway.conftest import post_inquiry
from translation.packages import install_file

MODELS = Path(__file__).parent.parent / "fixtures" / "models"

# Four entries of the shop FAQ (bench/data/faq_shop.json), trimmed.
SAMPLE: dict[str, Any] = {
    "entries": [
        {
            "slug": "shipping-countries",
            "category": "配送",
            "question": {
                "ja": "海外への発送に対応していますか？どの国に送れますか？",
                "en": "Do you ship internationally? Which countries can you ship to?",
                "zh-Hant": "你們提供海外配送嗎？可以寄到哪些國家？",
            },
            "answer": {
                "ja": "はい、日本国内の倉庫から世界約120の国と地域へ発送しています。",
                "en": "Yes. We ship from our warehouse in Japan to about 120 countries and "
                "regions.",
                "zh-Hant": "可以。我們從日本倉庫出貨，可配送至約120個國家和地區。",
            },
        },
        {
            "slug": "returns",
            "category": "返品・交換",
            "question": {
                "ja": "商品を返品できますか？",
                "en": "Can I return an item?",
                "zh-Hant": "可以退貨嗎？",
            },
            "answer": {
                "ja": "商品到着後7日以内にご連絡いただければ、未使用品に限り返品を承ります。",
                "en": "Yes, unused items can be returned if you contact us within 7 days of "
                "delivery.",
                "zh-Hant": "收到商品後7天內與我們聯繫，未使用的商品可以退貨。",
            },
        },
        {
            "slug": "payment-methods",
            "category": "お支払い",
            "question": {
                "ja": "どの支払い方法が使えますか？",
                "en": "Which payment methods can I use?",
            },
            "answer": {
                "ja": "クレジットカード（Visa、Mastercard、JCB）とPayPalがご利用いただけます。",
                "en": "You can pay by credit card (Visa, Mastercard, JCB, AMEX) or PayPal.",
            },
        },
        {
            "slug": "customs-duties",
            "category": "配送",
            "question": {"ja": "関税はかかりますか？"},
            "answer": {"ja": "国によっては、受け取り時に関税や輸入消費税がかかる場合があります。"},
        },
    ]
}


@pytest.fixture(autouse=True)
def _faq_locales(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAKEHASHI_FAQ_LOCALES", "en,zh-Hant,ko")
    monkeypatch.delenv("KAKEHASHI_PUBLIC_URL", raising=False)


@pytest.fixture
def runner(database: Database) -> CliRunner:
    return CliRunner()


def import_sample(runner: CliRunner, tmp_path: Path, data: dict[str, Any] = SAMPLE) -> str:
    path = tmp_path / "faq.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(faq, ["import", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def install(settings: Settings, *pairs: str) -> None:
    for pair in pairs:
        install_file(MODELS / f"translate-{pair}-test.argosmodel", settings.resolved_models_dir)


def run_workers(database: Database, settings: Settings) -> None:
    workers = WorkerPool(database, settings, [TranslateFaq()])
    for _ in range(10):
        if not workers.run_once():
            return


def translation(database: Database, slug: str, locale: str) -> Any:
    with database.session() as session:
        entry = repository.entry_by_slug(session, slug)
        assert entry is not None
        return repository.translation_of(entry, locale)


def test_json_import_export_round_trip_through_the_cli(
    runner: CliRunner, tmp_path: Path, database: Database
) -> None:
    output = import_sample(runner, tmp_path)
    assert "4 created" in output
    exported = runner.invoke(faq, ["export"])
    assert exported.exit_code == 0, exported.output
    again = load_json(exported.stdout)
    assert again == load_json(json.dumps(SAMPLE))  # untranslated locales are still to come
    assert all(t.status == Status.REVIEWED for i in again for t in i.translations.values())
    assert "0 translation(s) saved" in import_sample(runner, tmp_path, json.loads(exported.stdout))


def test_csv_and_po_round_trip_through_the_cli(
    runner: CliRunner, tmp_path: Path, database: Database
) -> None:
    import_sample(runner, tmp_path)
    sheet, po = tmp_path / "faq.csv", tmp_path / "zh-Hant.po"
    assert runner.invoke(faq, ["export", str(sheet)]).exit_code == 0
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")
    assert runner.invoke(faq, ["export", str(po), "--locale", "zh-Hant"]).exit_code == 0
    before = runner.invoke(faq, ["export"]).stdout

    assert "0 translation(s) saved" in runner.invoke(faq, ["import", str(sheet)]).output
    assert "0 translation(s) saved" in runner.invoke(faq, ["import", str(po)]).output
    assert runner.invoke(faq, ["export"]).stdout == before

    # A translator fills in the entry nobody had translated (in Poedit, say) and sends it back.
    text = po.read_text(encoding="utf-8")
    text = text.replace(
        'msgid "関税はかかりますか？"\nmsgstr ""',
        'msgid "関税はかかりますか？"\nmsgstr "需要付關稅嗎？"',
    ).replace(
        'msgid "国によっては、受け取り時に関税や輸入消費税がかかる場合があります。"\nmsgstr ""',
        'msgid "国によっては、受け取り時に関税や輸入消費税がかかる場合があります。"\n'
        'msgstr "視國家而定，收件時可能需要支付關稅或進口消費稅。"',
    )
    po.write_text(text, encoding="utf-8")
    result = runner.invoke(faq, ["import", str(po)])
    assert "1 translation(s) saved" in result.output, result.output
    customs = translation(database, "customs-duties", "zh-Hant")
    assert customs.status == Status.REVIEWED
    assert customs.question == "需要付關稅嗎？"


def test_po_without_language_needs_locale(runner: CliRunner, tmp_path: Path) -> None:
    import_sample(runner, tmp_path)
    po = tmp_path / "x.po"
    runner.invoke(faq, ["export", str(po), "--locale", "en"])
    po.write_text(po.read_text(encoding="utf-8").replace('"Language: en\\n"\n', ""), "utf-8")
    result = runner.invoke(faq, ["import", str(po)])
    assert result.exit_code != 0
    assert "pass --locale" in result.output


def test_missing_locales_are_machine_translated_and_a_source_edit_makes_them_stale(
    runner: CliRunner, tmp_path: Path, database: Database, settings: Settings
) -> None:
    install(settings, "ja_en", "ja_ko")
    import_sample(runner, tmp_path)
    with database.session() as session:
        groups = session.scalars(select(WorkItem.group_key).where(WorkItem.kind == "faq.translate"))
        assert sorted(set(groups)) == ["ja>en", "ja>ko", "ja>zh-Hant"]
    run_workers(database, settings)

    korean = translation(database, "returns", "ko")
    assert korean.status == Status.MACHINE
    assert korean.model.startswith("argos:")
    assert translation(database, "customs-duties", "en").status == Status.MACHINE
    # No ja→zh-Hant model installed: parked, and the page keeps showing Japanese meanwhile.
    assert translation(database, "payment-methods", "zh-Hant").answer == ""

    with database.session() as session:
        entry = repository.entry_by_slug(session, "returns")
        assert entry is not None
        changed = service.update_source(
            session,
            entry,
            question=entry.question_ja,
            answer="商品到着後14日以内にご連絡いただければ、返品を承ります。",
            changed_by="admin@shop.example",
        )
        assert changed
    assert translation(database, "returns", "en").status == Status.STALE  # reviewed: waits
    assert translation(database, "returns", "ko").status == Status.STALE  # machine: redone
    run_workers(database, settings)
    korean = translation(database, "returns", "ko")
    assert korean.status == Status.MACHINE
    with database.session() as session:
        entry = repository.entry_by_slug(session, "returns")
        assert entry is not None
        assert korean.source_hash == entry.source_hash
        history = repository.revisions(session, entry)
        assert [r.locale for r in history[:2]] == ["ko", "ja"]
    english = translation(database, "returns", "en")
    assert english.status == Status.STALE
    assert english.answer.startswith("Yes, unused items")


def test_public_page_never_shows_an_outdated_translation_as_current(
    runner: CliRunner, tmp_path: Path, client: TestClient, database: Database
) -> None:
    import_sample(runner, tmp_path)
    page = client.get("/faq/en/")
    assert page.status_code == 200
    assert "Yes, unused items can be returned" in page.text
    with database.session() as session:
        entry = repository.entry_by_slug(session, "returns")
        assert entry is not None
        service.update_source(
            session, entry, question=entry.question_ja, answer="返品は到着後14日以内です。"
        )
    page = client.get("/faq/en/")
    assert "Yes, unused items can be returned" not in page.text
    assert "返品は到着後14日以内です。" in page.text
    assert "This answer is not translated yet" in page.text


def test_faq_home_sends_buyers_to_their_language(client: TestClient, database: Database) -> None:
    response = client.get(
        "/faq/", headers={"Accept-Language": "zh-TW,zh;q=0.9"}, follow_redirects=False
    )
    assert response.status_code == 302
    assert response.headers["location"] == "/faq/zh-Hant/"
    assert "Accept-Language" in response.headers["vary"]
    client.get("/faq/ko/")  # the buyer switches language: remembered
    response = client.get("/faq/", headers={"Accept-Language": "zh-TW"}, follow_redirects=False)
    assert response.headers["location"] == "/faq/ko/"
    assert client.get("/faq/zh-hant/", follow_redirects=False).headers["location"] == (
        "/faq/zh-Hant/"
    )
    assert client.get("/faq/xx/").status_code == 404


def test_static_export_is_byte_identical_to_the_served_pages(
    runner: CliRunner, tmp_path: Path, client: TestClient, database: Database
) -> None:
    import_sample(runner, tmp_path)
    out = tmp_path / "site"
    result = runner.invoke(faq, ["publish", "--out", str(out), "--base-url", "http://testserver"])
    assert result.exit_code == 0, result.output
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert len(files) == 3 + 4 * 5  # chooser twice, sitemap; 4 locales x (index + 4 entries)
    for path in files:
        relative = path.relative_to(out).as_posix()
        if relative == "faq/index.html":
            url = "/faq/languages/"
        else:
            url = "/" + relative.removesuffix("index.html")
        served = client.get(url)
        assert served.status_code == 200, url
        assert served.content == path.read_bytes(), url
    served = client.get("/faq/zh-Hant/")
    assert "style-src 'sha256-" in served.headers["content-security-policy"]


def test_publish_without_a_base_url_writes_root_relative_links(
    runner: CliRunner, tmp_path: Path, database: Database
) -> None:
    """README's `kakehashi faq publish --out DIR` works; it says how to get absolute URLs."""
    import_sample(runner, tmp_path)
    out = tmp_path / "site"
    result = runner.invoke(faq, ["publish", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "--base-url" in result.output  # the warning on standard error
    page = (out / "faq" / "en" / "index.html").read_text()
    assert '<link rel="canonical" href="/faq/en/">' in page


def test_suggestions_api(
    runner: CliRunner, tmp_path: Path, client: TestClient, auth: dict[str, str], database: Database
) -> None:
    import_sample(runner, tmp_path)
    assert client.get("/api/v1/faq/suggestions", params={"q": "退貨"}).status_code == 401
    response = client.get(
        "/api/v1/faq/suggestions",
        params={"q": "我想退貨，可以嗎？", "lang": "zh-Hant", "limit": 2},
        headers=auth,
    )
    assert response.status_code == 200, response.text
    found = response.json()
    assert found[0]["slug"] == "returns"
    assert set(found[0]) == {"slug", "score", "locale", "question", "answer"}
    assert found[0]["locale"] == "zh-Hant"
    assert found[0]["answer"].startswith("收到商品後7天內")
    assert len(found) <= 2

    with database.session() as session:
        entry = repository.entry_by_slug(session, "returns")
        assert entry is not None
        service.update_source(session, entry, question=entry.question_ja, answer="返品不可です。")
    found = client.get(
        "/api/v1/faq/suggestions", params={"q": "我想退貨", "lang": "zh-Hant"}, headers=auth
    ).json()
    returns = next(s for s in found if s["slug"] == "returns")
    assert returns["locale"] == "ja"  # the outdated Chinese is not offered
    assert returns["answer"] == "返品不可です。"
    assert client.get("/api/v1/faq/suggestions", headers=auth).status_code == 400


def test_automatic_answer_goes_out_but_the_conversation_waits_for_a_person(
    runner: CliRunner,
    tmp_path: Path,
    client: TestClient,
    auth: dict[str, str],
    database: Database,
) -> None:
    import_sample(runner, tmp_path)
    sent = post_inquiry(
        client,
        auth,
        "Hello! Which payment methods can I use? Do you take PayPal?",
        language_hint="en",
    )
    with database.session() as session:
        message = session.get(Message, sent["message_id"])
        assert message is not None
        assert suggest_for_message(session, message)[0].slug == "payment-methods"
        assert auto_answer(session, message) is None  # the queue has it switched off
        queue = session.scalar(select(LanguageQueue).where(LanguageQueue.language == "en"))
        assert queue is not None
        queue.auto_answer, queue.auto_answer_min_score = True, 0.2
        session.flush()
        reply = auto_answer(session, message)
        assert reply is not None
        assert reply.is_automatic
        assert "PayPal" in (reply.translation_text or "")
        assert "automatic answer from our FAQ" in (reply.translation_text or "")
        assert reply.text.startswith("【FAQ自動回答】")
        assert auto_answer(session, message) is None  # once per conversation
    with database.session() as session:
        conversation = session.get(Conversation, sent["conversation_id"])
        assert conversation is not None
        assert conversation.status == "open"
        assert conversation.first_responded_at is None
        assert session.scalars(select(FaqEntry)).first() is not None


def test_confidence_threshold_holds_back_weak_matches(
    runner: CliRunner,
    tmp_path: Path,
    client: TestClient,
    auth: dict[str, str],
    database: Database,
) -> None:
    import_sample(runner, tmp_path)
    sent = post_inquiry(
        client, auth, "Can you gift wrap the cup for my mother?", language_hint="en"
    )
    with database.session() as session:
        queue = session.scalar(select(LanguageQueue).where(LanguageQueue.language == "en"))
        assert queue is not None
        queue.auto_answer, queue.auto_answer_min_score = True, 0.8
        message = session.get(Message, sent["message_id"])
        assert message is not None
        assert auto_answer(session, message) is None


def test_unchanged_copy_keeps_sample_intact() -> None:
    data = copy.deepcopy(SAMPLE)
    assert load_json(json.dumps(data))[0].slug == "shipping-countries"
