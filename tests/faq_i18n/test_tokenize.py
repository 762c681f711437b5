from faq_i18n.tokenize import fold_han, normalize, tokenize, trim_korean_particles


def test_traditional_and_simplified_chinese_give_the_same_tokens() -> None:
    assert tokenize("請問可以寄到臺灣嗎？發貨要幾天", "zh-Hant") == tokenize(
        "请问可以寄到台湾吗？发货要几天", "zh-Hans"
    )


def test_japanese_kanji_variants_meet_chinese_characters() -> None:
    assert fold_han("関税") == fold_han("關稅") == "关税"


def test_full_width_and_case_are_folded() -> None:
    assert normalize("ＰａｙＰａｌ　ＥＭＳ") == "paypal ems"
    assert tokenize("ＰａｙＰａｌ", "ja") == tokenize("paypal", "en")


def test_chinese_gets_bigrams_and_single_characters() -> None:
    tokens = tokenize("退款", "zh-Hans")
    assert {"退款", "退", "款"} <= set(tokens)


def test_japanese_katakana_words_are_kept_whole() -> None:
    tokens = tokenize("ギフトラッピングはできますか？", "ja")
    assert "ギフトラッピング" in tokens
    assert "ギフ" in tokens  # bigrams still match partial katakana words


def test_korean_particles_are_trimmed_only_where_they_fit() -> None:
    assert trim_korean_particles("배송비는") == "배송비"
    assert trim_korean_particles("사이즈가") == "사이즈"
    # 국가 ("country") ends in a syllable that looks like the particle 가 but is not one
    assert trim_korean_particles("국가") == "국가"


def test_korean_predicate_endings_do_not_become_tokens() -> None:
    tokens = tokenize("배송되나요? 반품하고 싶어요", "ko")
    assert {"배송", "반품"} <= set(tokens)
    assert not {"되나요", "싶어요", "나요"} & set(tokens)


def test_thai_without_spaces_is_tokenised_and_polite_particles_dropped() -> None:
    tokens = tokenize("ส่งของไปไทยได้ไหมครับ", "th")
    assert {"ส่ง", "ไทย"} <= set(tokens)
    assert not any("ครับ" in token for token in tokens)


def test_english_words_are_stemmed_and_stop_words_dropped() -> None:
    assert tokenize("shipped", "en") == tokenize("shipping", "en") == ["ship"]
    assert tokenize("refunds", "en") == ["refund"]
    assert tokenize("Can you please help me with the", "en") == ["help"]


def test_accents_are_removed_for_latin_script_languages() -> None:
    assert tokenize("envío", "es") == tokenize("envio", "es")


def test_order_numbers_are_not_tokens() -> None:
    assert tokenize("order #JP-20931 arrived", "en") == tokenize("order JP arrive", "en")


def test_empty_and_punctuation_only_text_give_no_tokens() -> None:
    assert tokenize("", "en") == []
    assert tokenize("？！…  ", "ja") == []
