"""Every language a buyer writes (issue 14, gateway half): recognised whatever the shop's
language setting, routed to a queue of its own or to the fallback queue, and answered in the
buyer's latest language, in a fallback language, or written directly when no model reaches it.

Until the wider detector lands, the routing is shown with languages today's detector names
(German, French, Italian) and a shop setting that gives them no queue of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.db import Database
from gateway.inbox import service as inbox
from gateway.mailbox.inbound import continue_conversation
from gateway.models import Conversation, DeliveryState, LanguageQueue, Message
from gateway.settings import Settings, set_settings
from gateway.translations.tasks import TranslateMessages
from gateway.workers.runner import WorkerPool
from tests.gateway.conftest import install_models, post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in
from tests.gateway.test_cli import kakehashi
from translation.detect import detect_language

GERMAN = "Hallo, meine Bestellung ist noch nicht angekommen. Können Sie bitte nachsehen?"
ITALIAN = "Buongiorno, il mio ordine non è ancora arrivato. Potete controllare per favore?"
ENGLISH = "Thanks! Also, do you have this kimono in size L?"
ZH_HANT = "您好，我訂購的和服還沒有收到，請問什麼時候會寄出？謝謝。"


@pytest.fixture
def shop(settings: Settings) -> Iterator[Settings]:
    """A shop whose own queues are English, Japanese and Traditional Chinese only."""
    value = settings.model_copy(update={"languages": ["en", "ja", "zh-Hant"]})
    set_settings(value)
    yield value
    set_settings(settings)


def queues(client: TestClient, auth: dict[str, str]) -> dict[str, Any]:
    response = client.get("/api/v1/queues", headers=auth)
    assert response.status_code == 200
    return {row["language"]: row for row in response.json()}


# --- detection and queues ------------------------------------------------------------------------


@pytest.mark.usefixtures("shop")
def test_a_language_without_a_queue_keeps_its_language_and_goes_to_the_fallback_queue(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    german = post_inquiry(client, auth, GERMAN)
    assert german["language"] == "de"  # recognised although the shop gives it no queue
    assert german["queue"] == "other"
    english = post_inquiry(client, auth, "Hello, where is my order A-1001?")
    assert (english["language"], english["queue"]) == ("en", "en")

    listed = queues(client, auth)
    assert listed["other"]["name"] == "その他の言語"
    assert listed["other"]["open"] == 1
    assert listed["other"]["target_hours"] == 24.0
    assert "de" not in listed

    detail = client.get(f"/api/v1/conversations/{german['conversation_id']}", headers=auth).json()
    assert (detail["language"], detail["queue"]) == ("de", "other")
    filtered = client.get("/api/v1/conversations?queue=other", headers=auth).json()
    assert [c["id"] for c in filtered["items"]] == [german["conversation_id"]]

    make_agent(database)
    sign_in(client)
    inbox_page = client.get("/inbox?queue=other").text
    assert "<h1>その他の言語</h1>" in inbox_page
    assert "ドイツ語" in inbox_page  # the conversation keeps its true language's name
    assert "A-1001" not in inbox_page
    assert "その他の言語" in client.get("/inbox/queues").text


def test_the_fallback_queue_can_be_a_language_queue(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    set_settings(settings.model_copy(update={"languages": ["ja"], "fallback_queue": "en"}))
    try:
        body = post_inquiry(client, auth, ITALIAN)
    finally:
        set_settings(settings)
    assert (body["language"], body["queue"]) == ("it", "en")


def test_fallback_queue_setting_accepts_other_or_a_language() -> None:
    assert Settings(fallback_queue="OTHER", _env_file=None).fallback_queue == "other"  # type: ignore[call-arg]
    assert Settings(fallback_queue="EN-us", _env_file=None).fallback_queue == "en"  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="KAKEHASHI_FALLBACK_QUEUE"):
        Settings(fallback_queue="klingon", _env_file=None)  # type: ignore[call-arg]


def test_queue_set_gives_any_language_a_queue_of_its_own(
    client: TestClient,
    database: Database,
    database_url: str,
    settings: Settings,
    auth: dict[str, str],
) -> None:
    result = kakehashi(
        "queue", "set", "it", "--target-hours", "12", database_url=database_url, locale="C.UTF-8"
    )
    assert result.returncode == 0, result.stderr
    fallback = kakehashi("queue", "set", "other", "--target-hours", "36", database_url=database_url)
    assert fallback.returncode == 0, fallback.stderr
    polish = kakehashi("queue", "set", "PL", database_url=database_url)
    assert polish.returncode == 0, polish.stderr
    listing = kakehashi("queue", "list", database_url=database_url, locale="ja_JP.UTF-8").stdout
    assert "イタリア語" in listing
    assert "ポーランド語" in listing
    assert "その他の言語" in listing

    set_settings(settings.model_copy(update={"languages": ["en", "ja"]}))
    try:
        italian = post_inquiry(client, auth, ITALIAN)
        german = post_inquiry(client, auth, GERMAN)
    finally:
        set_settings(settings)
    assert (italian["language"], italian["queue"]) == ("it", "it")
    assert (german["language"], german["queue"]) == ("de", "other")
    with database.session() as session:
        targets = {q.language: q.target_hours for q in session.scalars(select(LanguageQueue))}
    assert targets["it"] == 12
    assert targets["other"] == 36


def test_detect_endpoint_is_not_limited_to_the_shop_languages(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    set_settings(settings.model_copy(update={"languages": ["en", "ja"]}))
    try:
        found = client.post("/detect", json={"q": GERMAN}, headers=auth).json()
    finally:
        set_settings(settings)
    assert found[0]["language"] == "de"


# --- the reply language ---------------------------------------------------------------------------


def _buyer_writes_again(database: Database, conversation_id: int, text: str) -> None:
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        detection = detect_language(text, hints=(conversation.language,))
        continue_conversation(session, conversation, text, detection)


@pytest.mark.usefixtures("reply_models")
def test_the_reply_follows_the_language_of_the_buyers_latest_message(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    conversation_id = post_inquiry(client, auth, ZH_HANT)["conversation_id"]
    _buyer_writes_again(database, conversation_id, ENGLISH)
    csrf = sign_in(client)
    base = f"/inbox/conversations/{conversation_id}"
    page = client.get(base).text
    assert "返信 <small>→ 英語" in page
    client.post(f"{base}/reply", data={"text_ja": "Lサイズはございます。", "csrf_token": csrf})
    with database.session() as session:
        draft = session.scalars(select(Message).where(Message.direction == "outbound")).one()
        assert draft.translation_language == "en"

    # The agent switches back to Chinese: the draft is translated again, into Chinese, and the
    # choice holds when the buyer writes in English once more.
    client.post(f"{base}/reply-language", data={"language": "zh-Hant", "csrf_token": csrf})
    assert "返信 <small>→ 中国語 (繁体字)" in client.get(base).text
    _buyer_writes_again(database, conversation_id, "One more question about shipping, please.")
    with database.session() as session:
        draft = session.scalars(select(Message).where(Message.direction == "outbound")).one()
        assert draft.translation_language == "zh-Hant"
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        assert conversation.language == "zh-Hant"  # the conversation keeps its language

    # Following the buyer again: English, their latest language.
    client.post(f"{base}/reply-language", data={"language": "", "csrf_token": csrf})
    assert "返信 <small>→ 英語" in client.get(base).text


# --- replying when no model reaches the buyer's language -----------------------------------------


def test_reply_api_without_any_model_says_what_to_install(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    conversation_id = post_inquiry(client, auth, GERMAN)["conversation_id"]
    url = f"/api/v1/conversations/{conversation_id}/replies"
    refused = client.post(url, json={"text_ja": "確認いたします。", "send": True}, headers=auth)
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "no_translation_model"
    assert error["details"]["language"] == "de"
    assert error["details"]["install"] == [
        "kakehashi models install ja en",
        "kakehashi models install en de",
    ]
    with database.session() as session:
        assert session.scalars(select(Message).where(Message.direction == "outbound")).all() == []

    # Written in the buyer's language, the reply goes out as written.
    direct = client.post(
        url, json={"text": "Wir prüfen das sofort.", "send": True}, headers=auth
    ).json()
    assert direct["translation"] == {
        "language": "de",
        "text": "Wir prüfen das sofort.",
        "state": "not_needed",
        "model": None,
        "score": None,
        "back_translation": None,
    }
    with database.session() as session:
        sent = session.get(Message, direct["id"])
        assert sent is not None
        assert sent.delivery_state in (DeliveryState.QUEUED, DeliveryState.SENT)
    both = client.post(url, json={"text_ja": "x", "text": "y"}, headers=auth)
    assert both.status_code == 422


def test_reply_api_falls_back_to_english_when_only_english_is_reachable(
    client: TestClient, auth: dict[str, str], settings: Settings, database: Database
) -> None:
    install_models(settings, "ja_en", "en_ja")
    conversation_id = post_inquiry(client, auth, GERMAN)["conversation_id"]
    url = f"/api/v1/conversations/{conversation_id}/replies"
    reply = client.post(url, json={"text_ja": "確認いたします。", "send": True}, headers=auth)
    assert reply.status_code == 201, reply.text
    body = reply.json()
    assert body["translation"]["language"] == "en"
    assert body["fallback"] == {
        "reason": "no_translation_model",
        "wanted_language": "de",
        "install": ["kakehashi models install en de"],
    }
    # Asked for German explicitly: refused rather than silently sent in English.
    explicit = client.post(url, json={"text_ja": "x", "language": "de"}, headers=auth)
    assert explicit.status_code == 409
    workers = WorkerPool(database, settings, [TranslateMessages()])
    while workers.run_once():
        pass
    with database.session() as session:
        translated = session.get(Message, body["id"])
        assert translated is not None
        assert translated.translation_state == "done"
        assert translated.translation_model == "argos:ja-en@1.0"


def test_conversation_page_without_a_model_offers_the_fallback_or_writing_directly(
    client: TestClient, database: Database, auth: dict[str, str], settings: Settings
) -> None:
    install_models(settings, "ja_en", "en_ja")
    make_agent(database, role="admin")
    make_agent(database, email="tanaka@example.jp", name="田中 一郎")
    conversation_id = post_inquiry(client, auth, GERMAN)["conversation_id"]
    base = f"/inbox/conversations/{conversation_id}"
    csrf = sign_in(client)
    page = client.get(base).text
    assert "ドイツ語に翻訳できるモデルがインストールされていません" in page
    assert 'id="reply-text"' not in page  # no Japanese box whose text could not be translated
    assert "kakehashi models install en de" in page
    assert "kakehashi models install de en" in page  # the buyer's messages into Japanese too
    assert "英語で返信" in page

    # (b) written directly in German: previewed, then sent as written.
    client.post(
        f"{base}/reply/direct",
        data={"text": "Wir prüfen das sofort.", "language": "de", "csrf_token": csrf},
    )
    preview = client.get(base).text
    assert "Wir prüfen das sofort." in preview
    assert "逆翻訳はありません" in preview
    with database.session() as session:
        draft = session.scalars(select(Message).where(Message.direction == "outbound")).one()
        draft_id = draft.id
        assert (draft.translation_language, draft.translation_state) == ("de", "not_needed")
    sent = client.post(f"{base}/reply/{draft_id}/send", data={"csrf_token": csrf})
    assert sent.status_code == 200
    with database.session() as session:
        message = session.get(Message, draft_id)
        assert message is not None
        assert message.delivery_state in (DeliveryState.QUEUED, DeliveryState.SENT)

    # (a) the fallback language: English, with the Japanese box and its translation check.
    client.post(f"{base}/reply-language", data={"language": "en", "csrf_token": csrf})
    english = client.get(base).text
    assert "返信 <small>→ 英語" in english
    assert 'id="reply-text"' in english
    assert "翻訳できるモデルがインストールされていません" not in english

    # An agent who is not an admin is not shown the command line.
    client.post(f"{base}/reply-language", data={"language": "", "csrf_token": csrf})
    client.cookies.clear()
    sign_in(client, email="tanaka@example.jp")
    agent_page = client.get(base).text
    assert "kakehashi models install" not in agent_page
    assert "管理者に翻訳モデルの追加を依頼してください" in agent_page


def test_a_draft_whose_model_is_missing_explains_itself_in_japanese(
    client: TestClient, database: Database, auth: dict[str, str], settings: Settings
) -> None:
    agent_id = make_agent(database)
    conversation_id = post_inquiry(client, auth, GERMAN)["conversation_id"]
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        draft = inbox.write_reply(session, conversation, text_ja="確認いたします。", author=None)
        draft.author_agent_id = agent_id
    workers = WorkerPool(database, settings, [TranslateMessages()])
    while workers.run_once():
        pass
    sign_in(client)
    with database.session() as session:
        parked = session.scalars(select(Message).where(Message.direction == "outbound")).one()
        assert parked.translation_state == "model_missing"
    page = client.get(f"/inbox/conversations/{conversation_id}").text
    assert "no model installed" not in page
    assert "この返信は翻訳できません" in page


# --- translation for every installed chain --------------------------------------------------------


@pytest.mark.usefixtures("reply_models")
def test_workers_and_the_command_line_pivot_through_english_both_ways(
    client: TestClient, database: Database, auth: dict[str, str], settings: Settings
) -> None:
    inquiry = post_inquiry(client, auth, ZH_HANT + " Order A-1001, size L.")
    url = f"/api/v1/conversations/{inquiry['conversation_id']}/replies"
    reply = client.post(url, json={"text_ja": "Lサイズを本日発送しました。"}, headers=auth).json()
    workers = WorkerPool(database, settings, [TranslateMessages()])
    while workers.run_once():
        pass
    with database.session() as session:
        inbound = session.get(Message, inquiry["message_id"])
        outbound = session.get(Message, reply["id"])
        assert inbound is not None
        assert outbound is not None
        assert inbound.translation_model == "argos:zt-en@1.0+argos:en-ja@1.0"
        assert outbound.translation_model == "argos:ja-en@1.0+argos:en-zt@1.0"
        assert outbound.translation_language == "zh-Hant"
        # Each test package shifts ASCII letters by one: two steps of the chain, two letters.
        assert outbound.translation_text == "Jサイズを本日発送しました。"
        assert outbound.back_translation is not None

    result = kakehashi(
        "translate",
        "--source",
        "ja",
        "--target",
        "zh-Hant",
        "--models-dir",
        str(settings.resolved_models_dir),
        "--score",
        "Lサイズ",
        database_url=settings.database_url,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Jサイズ"
    assert "argos:ja-en@1.0+argos:en-zt@1.0" in result.stderr
