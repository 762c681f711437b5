"""Issue 14's "done when": inquiries in languages beyond the first 17, posted to a server with
default settings, come back with their own language, sit in a queue agents see, and can be
answered (in the fallback language here, since no model reaches them)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from gateway.db import Database
from gateway.settings import Settings
from tests.gateway.conftest import install_models, post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in

# Everyday buyer messages with order numbers and product names, written for this test.
MESSAGES = {
    "pl": "Dzień dobry, zamówienie nr 58213 jeszcze nie dotarło. Kiedy mogę się go spodziewać?",
    "nl": "Goedemiddag, ik heb de yukata in maat M besteld maar nog niets ontvangen. Wanneer?",
    "tr": "Merhaba, 58214 numaralı siparişim hâlâ gelmedi. Ne zaman kargoya verilecek?",
    "sv": "Hej! Jag beställde två tekoppar förra veckan men paketet har inte kommit än.",
    "uk": "Добрий день! Моє замовлення 58215 досі не прийшло. Чи можете ви перевірити, будь ласка?",
    "el": "Καλησπέρα, η παραγγελία μου 58216 δεν έχει φτάσει ακόμα. Μπορείτε να ελέγξετε;",
    "he": "שלום, ההזמנה שלי מספר 58217 עדיין לא הגיעה. מתי היא תישלח?",
    "hi": "नमस्ते, मेरा ऑर्डर 58218 अभी तक नहीं आया है। कृपया बताइए कि यह कब तक पहुँचेगा?",
    "cs": "Dobrý den, objednávka č. 58219 ještě nedorazila. Můžete mi prosím říct, kdy přijde?",
    "da": "Hej, jeg har bestilt en kimono i størrelse L, men jeg har ikke fået den endnu.",
    "fa": "سلام، سفارش من به شماره ۵۸۲۲۰ هنوز نرسیده است. لطفاً بررسی کنید که کی ارسال می‌شود.",
    "hu": "Jó napot! A 58221-es rendelésem még nem érkezett meg. Meg tudnák nézni, hogy hol tart?",
}


@pytest.mark.parametrize("language", sorted(MESSAGES))
def test_an_inquiry_keeps_its_language_lands_in_a_queue_and_can_be_answered(
    language: str,
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    settings: Settings,
) -> None:
    created = post_inquiry(client, auth, MESSAGES[language])
    assert created["language"] == language
    assert created["queue"] == "other"  # no queue of its own by default: the fallback queue

    queues = {row["language"]: row for row in client.get("/api/v1/queues", headers=auth).json()}
    assert queues["other"]["open"] == 1

    make_agent(database)
    sign_in(client)
    page = client.get("/inbox?queue=other").text
    assert f"/inbox/conversations/{created['conversation_id']}" in page

    # No model reaches the buyer's language: the reply goes out in English, and says so.
    install_models(settings, "ja_en", "en_ja")
    url = f"/api/v1/conversations/{created['conversation_id']}/replies"
    reply = client.post(url, json={"text_ja": "確認いたします。", "send": True}, headers=auth)
    assert reply.status_code == 201, reply.text
    body = reply.json()
    assert body["translation"]["language"] == "en"
    assert body["fallback"]["wanted_language"] == language
