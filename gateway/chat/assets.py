"""The widget script as served: static/widget.js with static/widget.css inlined.

The two files are plain source, edited as they are (no build step); the stylesheet is put into
the script when it is first served, so the storefront loads one file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

STATIC = Path(__file__).parent / "static"
CSS_MARKER = '"__WIDGET_CSS__"'


@dataclass(frozen=True)
class Asset:
    body: bytes
    etag: str


@cache
def widget_script() -> Asset:
    script = (STATIC / "widget.js").read_text(encoding="utf-8")
    css = (STATIC / "widget.css").read_text(encoding="utf-8")
    body = script.replace(CSS_MARKER, json.dumps(css)).encode()
    return Asset(body, f'"{hashlib.sha256(body).hexdigest()[:16]}"')
