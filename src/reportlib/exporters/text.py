"""The text a reader sees in a rendered report: HTML without markup, PDF as extracted.

The audit traces every number in this text, and ``reportlib build --check`` compares it
between builds (text, not bytes: another CPU or rasteriser may change bytes without
changing what a reader reads).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Text(HTMLParser):
    SKIP = {"style", "script", "head", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_string_text(html: str) -> str:
    """The visible text of an HTML page (no style, script or title), whitespace folded."""
    parser = _Text()
    parser.feed(html)
    return _normalise(" ".join(parser.parts))


def pdf_bytes_text(pdf: bytes, keep_lines: bool = False) -> str:
    import io

    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    # Typst's hyphen glyph extracts as a soft hyphen (U+00AD): at a line end it is a
    # hyphenation break to undo, elsewhere a real hyphen ("2025-04-09").
    text = re.sub("\u00ad[ \t]*\n[ \t]*", "", text).replace("\u00ad", "-")
    return text if keep_lines else _normalise(text)
