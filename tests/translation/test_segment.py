from __future__ import annotations

import pytest

from translation.segment import segment


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Hello Mr. Smith. My order has not arrived! Can you check? thanks e.g. this.",
            ["Hello Mr. Smith.", "My order has not arrived!", "Can you check? thanks e.g. this."],
        ),
        (
            "您好，我的訂單還沒到。請問什麼時候發貨？謝謝！",
            ["您好，我的訂單還沒到。", "請問什麼時候發貨？", "謝謝！"],
        ),
        ("「届きましたか。」と聞きました。", ["「届きましたか。」", "と聞きました。"]),
        ("สวัสดีครับ ผมสั่งสินค้าไป ยังไม่ได้รับ", ["สวัสดีครับ", "ผมสั่งสินค้าไป", "ยังไม่ได้รับ"]),
        ("Weight 3.5 kg. Price 1.200,50 EUR.", ["Weight 3.5 kg.", "Price 1.200,50 EUR."]),
    ],
)
def test_sentences_by_script(text: str, sentences: list[str]) -> None:
    assert list(segment(text).sentences) == sentences


def test_layout_markers_and_blank_lines_are_kept_untranslated() -> None:
    text = "Hi,\r\n\r\n- first item\n  2. second item\n・三つ目\n①四つ目\n\n12345\nBye"
    seg = segment(text)
    assert list(seg.sentences) == ["Hi,", "first item", "second item", "三つ目", "四つ目", "Bye"]
    assert seg.join([s.upper() for s in seg.sentences]) == text.replace("Hi,", "HI,").replace(
        "first item", "FIRST ITEM"
    ).replace("second item", "SECOND ITEM").replace("Bye", "BYE")


def test_overlong_sentences_are_cut_and_rejoin_exactly() -> None:
    text = "word " * 500 + "x" * 1000 + " [12]" * 50
    seg = segment(text, max_chars=120)
    assert all(len(s) <= 120 for s in seg.sentences)
    assert seg.join(list(seg.sentences)) == text
    assert all(s.count("[") == s.count("]") for s in seg.sentences)


def test_empty_and_whitespace_texts() -> None:
    assert segment("").sentences == ()
    assert segment("\n \n").join([]) == "\n \n"
