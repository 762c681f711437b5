"""Import/export round trips: JSON (the store), CSV (spreadsheets), PO (translators)."""

from __future__ import annotations

import copy
import json

import pytest

from faq_i18n.entries import FaqItem, LocaleText, Status
from faq_i18n.errors import FaqFormatError
from faq_i18n.formats import dump_csv, dump_json, dump_po, load_csv, load_json, load_po
from faq_i18n.hashing import source_hash

ISSUE_SHAPE = {
    "entries": [
        {
            "slug": "returns",
            "category": "返品・交換",
            "question": {"ja": "返品はできますか？", "en": "Can I return an item?"},
            "answer": {
                "ja": "商品到着後7日以内であれば返品を承ります。\n\n送料はお客様のご負担です。",
                "en": "Yes, within 7 days of delivery.\n\nReturn shipping is paid by the buyer.",
            },
        },
        {
            "slug": "payment-methods",
            "category": "お支払い",
            "question": {"ja": "使える支払い方法は？", "zh-hant": "可以用哪些付款方式？"},
            "answer": {
                "ja": "クレジットカード、PayPalがご利用いただけます。",
                "zh-hant": "可使用信用卡與 PayPal。",
            },
        },
    ]
}


def store() -> list[FaqItem]:
    """Entries in every translation state, with text that trips up naive formats."""
    returns = FaqItem(
        slug="returns",
        category="返品・交換",
        question="返品はできますか？",
        answer=(
            '到着後7日以内なら返品できます。\n\n"未開封" に限ります, 送料は<b>お客様</b>負担です。'
        ),
        position=2,
    )
    returns.translations = {
        "en": LocaleText(
            "Can I return?",
            'Yes, "unopened" items, within 7 days.',
            Status.REVIEWED,
            returns.source_hash,
        ),
        "zh-Hant": LocaleText(
            "可以退貨嗎？",
            "可以，七天內。",
            Status.MACHINE,
            returns.source_hash,
            "argos:ja-en@1+argos:en-zt@1",
        ),
        "ko": LocaleText("반품할 수 있나요?", "네.", Status.STALE, source_hash("旧", "旧")),
    }
    hidden = FaqItem(
        slug="draft-1",
        category="",
        question="下書き",
        answer="まだ非公開です。",
        position=0,
        published=False,
    )
    return [returns, hidden]


def test_json_in_the_issue_shape_imports_translations_as_reviewed() -> None:
    items = load_json(json.dumps(ISSUE_SHAPE, ensure_ascii=False))
    returns, payment = items
    assert returns.translations["en"].status == Status.REVIEWED
    assert returns.translations["en"].source_hash == returns.source_hash
    assert payment.translations["zh-Hant"].answer == "可使用信用卡與 PayPal。"  # tag canonicalised
    assert returns.published
    assert (returns.position, payment.position) == (1, 2)  # the file's order


def test_json_export_imports_back_to_the_same_store() -> None:
    items = store()
    text = dump_json(items)
    assert "返品はできますか" in text  # readable Japanese, not \\u escapes
    assert load_json(text) == items
    assert load_json(dump_json(load_json(text))) == items


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e["question"].pop("ja"), "Japanese (ja) question and answer are required"),
        (lambda e: e.update(slug="Returns Page"), "lowercase letters"),
        (lambda e: e["answer"].pop("en"), "'en' needs both a question and an answer"),
        (lambda e: e.update(status={"en": "approved"}), "machine, reviewed, stale"),
    ],
)
def test_json_errors_name_the_entry_and_the_fix(change, message) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(ISSUE_SHAPE)
    change(data["entries"][0])
    with pytest.raises(FaqFormatError, match="entries\\[0\\]") as caught:
        load_json(json.dumps(data))
    assert message in str(caught.value)


def test_csv_opens_in_excel_and_round_trips_texts_and_statuses() -> None:
    items = store()
    data = dump_csv(items)
    assert data.startswith("\ufeff".encode())  # BOM: Excel reads UTF-8
    assert b"\r\n" in data
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:6] == ["slug", "category", "order", "published", "question:ja", "answer:ja"]
    loaded = load_csv(data)
    assert [i.slug for i in loaded] == ["returns", "draft-1"]
    for before, after in zip(items, loaded, strict=True):
        assert (after.question, after.answer, after.position, after.published) == (
            before.question,
            before.answer,
            before.position,
            before.published,
        )
        assert {k: (t.question, t.answer, t.status) for k, t in after.translations.items()} == {
            k: (t.question, t.answer, t.status) for k, t in before.translations.items()
        }
    # Saved again from a spreadsheet without a BOM, a stale translation is still not current.
    again = load_csv(data.decode("utf-8-sig"))
    assert again[0].translations["ko"].source_hash != again[0].source_hash


def test_csv_rejects_half_translations_with_the_row_number() -> None:
    data = (
        "slug,category,order,published,question:ja,answer:ja,question:en,answer:en\r\n"
        "a,配送,1,yes,質問,回答,Question,\r\n"
    ).encode()
    with pytest.raises(FaqFormatError, match="row 2 \\(a\\): fill both question:en and answer:en"):
        load_csv(data)


def test_po_round_trips_without_loss() -> None:
    items = store()
    for locale in ("en", "zh-Hant", "ko"):
        po = load_po(dump_po(items, locale))
        assert po.locale == locale
        expected = items[0].translations[locale]
        got = po.translations["returns"]
        assert (got.question, got.answer, got.status) == (
            expected.question,
            expected.answer,
            expected.status,
        )
        if expected.status != Status.STALE:
            assert got == expected
        assert "draft-1" not in po.translations  # untranslated: nothing to import
        assert po.sources["draft-1"] == ("下書き", "まだ非公開です。")


def test_po_marks_unreviewed_work_fuzzy_and_a_translator_approves_it() -> None:
    data = dump_po(store(), "zh-Hant").decode()
    assert '#, fuzzy\nmsgctxt "returns|question"' in data
    assert '"Language: zh-Hant\\n"' in data
    approved = data.replace("#, fuzzy\n", "").replace("可以，七天內。", "可以，收到商品後七天內。")
    po = load_po(approved.encode())
    translation = po.translations["returns"]
    assert translation.status == Status.REVIEWED
    assert translation.model is None
    assert translation.answer == "可以，收到商品後七天內。"


def test_po_translation_of_older_japanese_keeps_that_texts_hash() -> None:
    items = store()
    exported = dump_po(items, "en")
    items[0].answer = "到着後14日以内なら返品できます。"
    po = load_po(exported)
    assert po.translations["returns"].source_hash != items[0].source_hash


def test_po_without_language_header_needs_a_locale() -> None:
    data = dump_po(store(), "en").replace(b'"Language: en\\n"\n', b"")
    with pytest.raises(FaqFormatError, match="--locale"):
        load_po(data)
    assert load_po(data, "en").locale == "en"
