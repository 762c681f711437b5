"""HTML mail bodies: plain text for reading and translating, sanitised HTML for display.

The text keeps paragraph and line breaks, drops scripts and styles, and marks ``<blockquote>``
content with ``> `` so that quoted replies in HTML-only mail fold away like plain-text ones.
The sanitised HTML (nh3, an allow-list) never keeps scripts, event handlers, ``javascript:``
URLs or SVG, and loads no remote images (a remote image tells the sender the mail was read).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "div",
        "dl",
        "dt",
        "dd",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
        "blockquote",
        "center",
    }
)
_SKIP = frozenset(
    {"script", "style", "head", "title", "template", "svg", "math", "noscript", "object", "iframe"}
)
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "cid"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []  # (blockquote depth, text)
        self._line: list[str] = []
        self._depth = 0
        self._line_depth = 0
        self._skip = 0
        self._pre = 0
        self._href: str | None = None
        self._link_text: list[str] = []

    def _break(self) -> None:
        text = "".join(self._line).strip(" ")
        self.lines.append((self._line_depth, text))
        self._line = []
        self._line_depth = self._depth

    def _write(self, text: str) -> None:
        if not self._line:
            self._line_depth = self._depth
        self._line.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        if tag == "br":
            self._break()
        elif tag in _BLOCK:
            if self._line:
                self._break()
            if tag == "blockquote":
                self._depth += 1
                self._line_depth = self._depth
            elif tag == "pre":
                self._pre += 1
            elif tag == "li":
                self._write("• ")
        elif tag in {"td", "th"} and self._line:
            self._write("\t")
        elif tag == "a":
            self._href = dict(attrs).get("href")
            self._link_text = []
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self._write(alt)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in _BLOCK:
            if self._line:
                self._break()
            if tag == "blockquote":
                self._depth = max(0, self._depth - 1)
            elif tag == "pre":
                self._pre = max(0, self._pre - 1)
            if tag in {"p", "blockquote", "table", "ul", "ol", "h1", "h2", "h3"}:
                self.lines.append((self._depth, ""))
        elif tag == "a" and self._href is not None:
            href = self._href
            shown = "".join(self._link_text).strip()
            self._href = None
            if href.lower().startswith(("http://", "https://")) and href not in shown:
                self._write(f" <{href}>")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self._break()
                self._write(part)
            return
        text = _SPACES.sub(" ", data)
        if not self._line:
            text = text.lstrip(" ")
        if text:
            self._write(text)
            if self._href is not None:
                self._link_text.append(text)

    def text(self) -> str:
        if self._line:
            self._break()
        out: list[str] = []
        for depth, line in self.lines:
            line = line.rstrip()
            prefix = "> " * depth
            if not line and out and out[-1].strip("> ") == "" and out[-1] == prefix.rstrip():
                continue  # collapse runs of blank lines
            out.append((prefix + line).rstrip())
        while out and not out[-1].strip("> "):
            out.pop()
        return "\n".join(out).strip("\n")


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML body; blockquotes become ``> `` lines. Never raises."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # hostile HTML must still give the best text it can
        return _SPACES.sub(" ", re.sub(r"<[^>]*>", " ", html)).strip()
    return parser.text()


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Remote images are tracking beacons: only images carried inside the mail (cid:) are shown.
    if tag == "img" and attribute == "src" and not value.lower().startswith("cid:"):
        return None
    return value


def sanitize_html(html: str) -> str:
    """HTML safe to show an agent: allow-listed tags and attributes, no script, no remote images."""
    return nh3.clean(
        html,
        url_schemes=set(_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_keep_attribute,
        strip_comments=True,
    )
