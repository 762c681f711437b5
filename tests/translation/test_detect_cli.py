"""``kakehashi detect [--json] TEXT``."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gateway.cli.detect_cmd import detect


def test_prints_language_and_confidence() -> None:
    result = CliRunner().invoke(detect, ["배송", "언제", "돼요?"])
    assert result.exit_code == 0, result.output
    language, confidence = result.output.strip().split("\t")
    assert language == "ko"
    assert 0.9 < float(confidence) <= 1.0


def test_json_output_and_hints() -> None:
    result = CliRunner().invoke(detect, ["--json", "--hint", "zh-TW", "ok"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["language"] == "zh-Hant"
    assert payload["candidates"][0]["language"] == "zh-Hant"


def test_reads_standard_input() -> None:
    result = CliRunner().invoke(detect, ["--json", "-"], input="請問可以寄到台灣嗎？")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["language"] == "zh-Hant"
