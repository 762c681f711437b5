"""A resolved chat conversation asks the buyer in the chat, in their language."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from gateway.db import Database
from gateway.inbox import service as inbox
from gateway.models import Conversation, ConversationStatus
from tests.gateway.test_chat_api import (  # noqa: F401 - pytest fixtures
    _chat_settings,
    agent_at_work,
    conversation_id_for,
    deliver_reply,
    read_events,
    short_streams,
    start,
)


def test_the_survey_reaches_the_chat_in_korean(
    client: TestClient,
    database: Database,
    agent_at_work: None,  # noqa: F811
    short_streams: None,  # noqa: F811
) -> None:
    chat = start(client)
    conversation_id = conversation_id_for(database, chat["token"])
    deliver_reply(database, conversation_id)
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        inbox.set_status(session, conversation, ConversationStatus.RESOLVED)
    events = read_events(client, chat["token"])
    texts = json.dumps([data for _id, data in events], ensure_ascii=False)
    assert "저희 고객 지원에 만족하셨나요?" in texts
    assert "/csat/" in texts
