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


# What matters to find marked content: strings (skipped whole: glyph ids are bytes that
# may spell anything), the /Alt key and the marked-content operators.
_TOKEN = re.compile(
    rb"\((?:[^\\()]|\\.)*\)|(?P<open>\()|<[0-9A-Fa-f\s]*>"
    rb"|(?P<alt>/Alt)(?![^\s/<>\[\]()%{}])|(?<![^\s/<>\[\]()%{}])(?P<op>BDC|BMC|EMC)(?![^\s/<>\[\]()%{}])",
    re.S,
)


def _string_end(data: bytes, at: int) -> int:
    """End of the literal string that opens at ``data[at]`` (nested parentheses, escapes)."""
    depth, i = 0, at
    while i < len(data):
        c = data[i]
        if c == 0x5C:  # backslash escapes the next byte
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(data)


def _cut_alt_content(data: bytes) -> bytes:
    """A content stream without what is drawn inside marked content carrying ``/Alt``.

    A chart is such content: its labels are part of the picture and its alt text stands
    for it, as an HTML ``<img>`` shows none of its text either. Scanned with a regular
    expression, not parsed operator by operator (a vector chart has thousands)."""
    cuts: list[tuple[int, int]] = []
    depth, alt_depth, saw_alt, pos, cut_from = 0, None, False, 0, 0
    while (match := _TOKEN.search(data, pos)) is not None:
        pos = match.end()
        if match["open"]:  # a string with nested parentheses
            pos = _string_end(data, match.start())
        elif match["alt"]:
            saw_alt = True
        elif match["op"] == b"EMC":
            if alt_depth == depth:
                cuts.append((cut_from, match.start()))
                alt_depth = None
            depth = max(depth - 1, 0)
        elif match["op"]:
            depth += 1
            if saw_alt and alt_depth is None:
                alt_depth, cut_from = depth, pos
            saw_alt = False
    if not cuts:
        return data
    out, last = [], 0
    for begin, end in cuts:
        out += [data[last:begin], b"\n"]
        last = end
    out.append(data[last:])
    return b"".join(out)


def _without_figure_text(page) -> None:
    from pypdf.generic import DecodedStreamObject, NameObject

    contents = page.get_contents()
    if contents is None:
        return
    data = contents.get_data()
    if b"/Alt" not in data:
        return
    stream = DecodedStreamObject()
    stream.set_data(_cut_alt_content(data))
    page[NameObject("/Contents")] = stream


def pdf_bytes_text(pdf: bytes, keep_lines: bool = False) -> str:
    """The text of a PDF as a reader sees it; a figure's own labels are left out (its
    alt text stands for it, see ``_without_figure_text``)."""
    import io

    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        _without_figure_text(page)
        pages.append(page.extract_text() or "")
    text = "\n".join(pages)
    # Typst's hyphen glyph extracts as a soft hyphen (U+00AD): at a line end it is a
    # hyphenation break to undo, elsewhere a real hyphen ("2025-04-09").
    text = re.sub("\u00ad[ \t]*\n[ \t]*", "", text).replace("\u00ad", "-")
    return text if keep_lines else _normalise(text)
