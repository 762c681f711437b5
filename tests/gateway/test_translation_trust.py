"""How much to trust a translation: low scores and dropped protected spans are marked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.db import Database
from gateway.models import DeliveryState, Message, TranslationState, utcnow
from gateway.settings import Settings, set_settings
from tests.gateway.conftest import post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in

LOW_LABEL = "確度が低い機械翻訳: 原文も確認してください"


def translated(
    database: Database, message_id: int, *, score: float, missing_spans: int = 0
) -> None:
    with database.session() as session:
        message = session.get(Message, message_id)
        assert message is not None
        message.translation_text = "注文番号 A-1234 の荷物がまだ届きません。"
        message.translation_state = TranslationState.DONE
        message.translation_score = score
        message.translation_model = "argos:en-ja@1.1"
        message.translation_missing_spans = missing_spans
        message.translated_at = utcnow()


@pytest.fixture
def strict(settings: Settings) -> Iterator[Settings]:
    value = settings.model_copy(update={"translation_low_confidence": 0.9})
    set_settings(value)
    yield value
    set_settings(settings)


def test_a_low_score_is_marked_with_the_model_on_hover(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    sure = post_inquiry(client, auth, "My parcel A-1234 has not arrived yet.")
    translated(database, sure["message_id"], score=0.8)
    unsure = post_inquiry(
        client, auth, "Parcel A-1234 innit, still nowt.", customer={"email": "b@example.com"}
    )
    translated(database, unsure["message_id"], score=0.2, missing_spans=1)
    sign_in(client)

    page = client.get(f"/inbox/conversations/{unsure['conversation_id']}").text
    assert LOW_LABEL in page
    assert "argos:en-ja@1.1 · 確度 20%" in page
    assert "保護された語句 1 件がモデルの訳から抜けていました" in page
    assert LOW_LABEL not in client.get(f"/inbox/conversations/{sure['conversation_id']}").text


def test_the_threshold_is_a_setting(
    client: TestClient, database: Database, auth: dict[str, str], strict: Settings
) -> None:
    make_agent(database)
    inquiry = post_inquiry(client, auth, "My parcel A-1234 has not arrived yet.")
    translated(database, inquiry["message_id"], score=0.8)
    sign_in(client)
    page = client.get(f"/inbox/conversations/{inquiry['conversation_id']}").text
    assert LOW_LABEL in page


def test_the_reply_preview_marks_a_doubtful_translation(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    conversation_id = post_inquiry(client, auth, "My parcel A-1234 has not arrived yet.")[
        "conversation_id"
    ]
    csrf = sign_in(client)
    base = f"/inbox/conversations/{conversation_id}"
    client.post(f"{base}/reply", data={"text_ja": "本日発送いたしました。", "csrf_token": csrf})
    with database.session() as session:
        draft = session.scalars(
            select(Message).where(Message.delivery_state == DeliveryState.DRAFT)
        ).one()
        draft.translation_text = "We sent today."
        draft.back_translation = "今日送りました。"
        draft.translation_state = TranslationState.DONE
        draft.translation_score = 0.25
        draft.translation_model = "argos:ja-en@1.1"
        draft.translated_at = utcnow()
    page = client.get(base).text
    preview = page.split('class="preview-card')[1]
    assert LOW_LABEL in preview
    assert "argos:ja-en@1.1 · 確度 25%" in preview
