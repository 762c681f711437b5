"""The gettext catalogs: complete where needed, and every translation keeps its placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALES = Path(__file__).parent.parent / "locales"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{(\w+)\}")
CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/*.po"))


def _ids(message_id: object) -> list[str]:
    return list(message_id) if isinstance(message_id, tuple) else [str(message_id)]


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(LOCALES)))
def test_every_translation_keeps_its_placeholders(path: Path) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id or not message.string:
            continue
        expected = _placeholders(_ids(message.id)[0])
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            if string:
                assert _placeholders(string) == expected, (message.id, string)


def test_the_agent_ui_is_completely_japanese() -> None:
    with (LOCALES / "kakehashi.pot").open("rb") as handle:
        template = read_po(handle)
    with (LOCALES / "ja" / "LC_MESSAGES" / "kakehashi.po").open("rb") as handle:
        japanese = read_po(handle)
    missing = [
        _ids(m.id)[0]
        for m in template
        if m.id and not (japanese.get(m.id) and japanese[m.id].string)
    ]
    assert missing == []
