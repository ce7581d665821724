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


def _drop_figures(page) -> None:
    """Remove from ``page`` the objects drawn inside marked content carrying ``/Alt``
    (PDFium's raw API: a vector chart has thousands of objects)."""
    import pypdfium2.raw as pdfium_c

    handle = page.raw
    figure = []
    for i in range(pdfium_c.FPDFPage_CountObjects(handle)):
        obj = pdfium_c.FPDFPage_GetObject(handle, i)
        for k in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
            mark = pdfium_c.FPDFPageObj_GetMark(obj, k)
            if pdfium_c.FPDFPageObjMark_GetParamValueType(mark, b"Alt") != 0:  # not unknown
                figure.append(obj)
                break
    for obj in figure:
        if pdfium_c.FPDFPage_RemoveObject(handle, obj):
            pdfium_c.FPDFPageObj_Destroy(obj)  # a removed object belongs to the caller


def pdf_bytes_text(pdf: bytes, keep_lines: bool = False) -> str:
    """The text of a PDF as a reader sees it, page by page (PDFium's text extraction).

    A figure's own labels are left out: what is drawn inside marked content that carries
    ``/Alt`` is part of the picture, and its alt text stands for it, as an HTML ``<img>``
    shows none of its text either. Words hyphenated at a line end are joined again
    (PDFium marks such a hyphen U+FFFE); between two digits the hyphen is kept
    ("2025-04-09" broken after "2025-")."""
    import pypdfium2 as pdfium

    pages = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for page in doc:
            _drop_figures(page)
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        doc.close()
    text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("(?<=\\d)\ufffe[ \t]*\n?[ \t]*(?=\\d)", "-", text)
    text = re.sub("\ufffe[ \t]*\n?[ \t]*", "", text)
    return text if keep_lines else _normalise(text)
