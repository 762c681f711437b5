from __future__ import annotations

import pytest

from mail.threading import (
    Candidate,
    conversation_token,
    decide_thread,
    find_tokens,
    strip_tokens,
    subject_tag,
    verify_token,
)

SECRET = b"0123456789abcdef-test-secret"
BUYER = "emily.carter@example.com"


def test_tokens_are_stable_per_conversation_and_differ_between_them() -> None:
    token = conversation_token(42, SECRET)
    assert token == conversation_token("42", SECRET)
    assert token != conversation_token(43, SECRET)
    assert token != conversation_token(42, SECRET + b"x")
    assert token.startswith("KH-")
    assert len(token) == 13
    assert verify_token(token.lower(), 42, SECRET)
    assert not verify_token(token, 43, SECRET)


def test_tokens_are_found_in_subjects_and_stripped_for_display() -> None:
    token = conversation_token(7, SECRET)
    subject = f"Re: {subject_tag(token)} Your order"
    assert find_tokens(subject) == (token,)
    assert find_tokens(subject.lower()) == (token,)
    assert strip_tokens(subject) == "Re: Your order"
    assert find_tokens("Re: [#KH-SHORT] x") == ()


def test_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        conversation_token(1, b"short")


def test_participant_reply_attaches_by_in_reply_to_first() -> None:
    decision = decide_thread(
        [
            Candidate("c-token", "token", frozenset({BUYER})),
            Candidate("c-ref", "references", frozenset({BUYER})),
            Candidate("c-irt", "in-reply-to", frozenset({BUYER.upper()})),
        ],
        sender=BUYER,
    )
    assert decision.conversation_id == "c-irt"
    assert decision.via == "in-reply-to"


def test_guessed_clue_from_a_stranger_opens_a_new_conversation() -> None:
    decision = decide_thread(
        [
            Candidate("c1", "in-reply-to", frozenset({BUYER})),
            Candidate("c1", "token", frozenset({BUYER})),
        ],
        sender="mallory@example.com",
    )
    assert decision.conversation_id is None
    assert decision.via is None
    assert len(decision.ignored) == 2


def test_stranger_clue_is_skipped_but_own_clue_still_counts() -> None:
    decision = decide_thread(
        [
            Candidate("someone-else", "in-reply-to", frozenset({"other@example.com"})),
            Candidate("mine", "token", frozenset({BUYER})),
        ],
        sender=BUYER,
    )
    assert decision.conversation_id == "mine"
    assert [c.conversation_id for c in decision.ignored] == ["someone-else"]


def test_no_sender_never_attaches() -> None:
    decision = decide_thread([Candidate("c1", "token", frozenset({BUYER}))], sender="")
    assert decision.conversation_id is None
