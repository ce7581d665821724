"""The text a reader sees in a rendered report: HTML without markup, PDF as extracted.

The audit traces every number in this text, and ``reportlib build --check`` compares it
between builds (text, not bytes: another CPU or rasteriser may change bytes without
changing what a reader reads).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import groupby

from .bidi import RTL_LETTER


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


def _mark_names(obj) -> list[str]:
    """The names of the marked-content sequences an object is drawn in."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    names = []
    for k in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, k)
        size = ctypes.c_ulong()
        pdfium_c.FPDFPageObjMark_GetName(mark, None, 0, ctypes.byref(size))
        buffer = (ctypes.c_ushort * max(size.value // 2, 1))()
        pdfium_c.FPDFPageObjMark_GetName(mark, buffer, size.value, ctypes.byref(size))
        names.append(bytes(buffer)[: size.value].decode("utf-16-le").rstrip("\x00"))
    return names


def _object_text(obj, textpage) -> str:
    import ctypes

    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * max(size // 2 + 1, 1))()
    pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, buffer, size)
    return bytes(buffer)[:size].decode("utf-16-le").rstrip("\x00")


def _split_page(page) -> str:
    """Remove from ``page`` the objects drawn inside marked content carrying ``/Alt`` (a
    figure: a vector chart has thousands of objects) and the page's artifacts (running
    header and footer, a table's header row repeated on a new page); return the
    artifacts' text, a line break wherever the next run of it starts on another line (a
    repeated table header then never runs into the footer: "SourcePage 1 of 2"). PDFium's
    raw API."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    handle = page.raw
    drop, furniture = [], []
    textpage = None
    matrix = pdfium_c.FS_MATRIX()
    baseline = None
    for i in range(pdfium_c.FPDFPage_CountObjects(handle)):
        obj = pdfium_c.FPDFPage_GetObject(handle, i)
        marks = pdfium_c.FPDFPageObj_CountMarks(obj)
        if not marks:
            continue
        figure = any(
            pdfium_c.FPDFPageObjMark_GetParamValueType(pdfium_c.FPDFPageObj_GetMark(obj, k), b"Alt")
            != 0  # not unknown: the mark has /Alt
            for k in range(marks)
        )
        if figure:
            drop.append(obj)
        elif "Artifact" in _mark_names(obj):
            if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_TEXT:
                textpage = textpage or page.get_textpage()
                pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))  # f: the baseline
                if baseline is not None and abs(matrix.f - baseline) > 1.0:
                    furniture.append("\n")
                baseline = matrix.f
                furniture.append(_object_text(obj, textpage))
            drop.append(obj)
    if textpage is not None:
        textpage.close()
    for obj in drop:
        if pdfium_c.FPDFPage_RemoveObject(handle, obj):
            pdfium_c.FPDFPageObj_Destroy(obj)  # a removed object belongs to the caller
    return "".join(furniture)


_RTL = re.compile(f"[{RTL_LETTER}]")
_RTL_VISUAL_RUN = re.compile(f"[{RTL_LETTER}]+(?: +[{RTL_LETTER}]+)*")
_PAIRS = {"(": ")", "[": "]", "{": "}"}


def _balanced(line: list[str]) -> list[str]:
    """Brackets turned the way a left-to-right line needs them: PDFium mirrors the
    brackets it takes for right-to-left; Typst drew them facing the way they read. A
    closing bracket with nothing open faces the wrong way, and so does an opening one
    that nothing after it closes."""
    for opening, closing in _PAIRS.items():
        depth = 0
        for i, ch in enumerate(line):
            if ch == closing and depth == 0:
                line[i], depth = opening, 1
            elif ch in (opening, closing):
                depth += 1 if ch == opening else -1
        depth = 0
        for i in range(len(line) - 1, -1, -1):
            if line[i] == opening and depth == 0:
                line[i], depth = closing, 1
            elif line[i] in (opening, closing):
                depth += 1 if line[i] == closing else -1
    return line


def _visual_text(textpage) -> str:
    """A page's text with each line that holds right-to-left letters in the order it is
    drawn: PDFium's extraction runs its own bidirectional pass over such a line and
    reorders a left-to-right document's text ("א (1) [2] said" comes out as
    "א) 1] (2 [said", or the whole line backwards). Here the characters of that line go
    in the order of their x positions, each right-to-left run read back in its own
    order, and the brackets PDFium mirrored turned back (``_balanced``)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    chars: list[tuple[float, str]] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for i in range(pdfium_c.FPDFText_CountChars(handle)):
        pdfium_c.FPDFText_GetCharOrigin(handle, i, x, y)
        code = pdfium_c.FPDFText_GetUnicode(handle, i)
        # a hyphen PDFium found at a line end: U+0002 here, U+FFFE in FPDFText_GetText
        chars.append((x.value, "\ufffe" if code == 2 else chr(code)))
    out = []
    for is_break, group in groupby(chars, key=lambda c: c[1] in "\r\n"):
        line = list(group)
        text = "".join(ch for _, ch in line)
        if not is_break and _RTL.search(text):
            drawn = _balanced([ch for _, ch in sorted(line, key=lambda c: c[0])])
            text = _RTL_VISUAL_RUN.sub(lambda m: m.group(0)[::-1], "".join(drawn))
        out.append(text)
    return "".join(out)


def _whole_characters(text: str) -> str:
    """PDFium's text with each UTF-16 surrogate pair joined into the one character it
    encodes (a character beyond the Basic Multilingual Plane, as an emoji, comes out as
    two halves); a lone half, which encodes nothing, becomes U+FFFD."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def pdf_bytes_text(pdf: bytes, keep_lines: bool = False) -> str:
    """The text of a PDF as a reader sees it, page by page (PDFium's text extraction).

    A figure's own labels are left out: what is drawn inside marked content that carries
    ``/Alt`` is part of the picture, and its alt text stands for it, as an HTML ``<img>``
    shows none of its text either. Page furniture (artifacts: the running header and
    footer, a table header repeated on a new page) comes after the page's text, so it
    never splits a sentence or a table cell that runs on from one page to the next.
    Words hyphenated at a line end are joined again (PDFium marks such a hyphen U+FFFE);
    between two digits the hyphen is kept ("2025-04-09" broken after "2025-")."""
    import pypdfium2 as pdfium

    pages, furniture = [], []
    doc = pdfium.PdfDocument(pdf)
    try:
        for page in doc:
            furniture.append(_split_page(page))
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            pages.append(_visual_text(textpage) if _RTL.search(text) else text)
            textpage.close()
            page.close()
    finally:
        doc.close()
    pages += furniture
    text = _whole_characters("\n".join(pages)).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("(?<=\\d)\ufffe[ \t]*\n?[ \t]*(?=\\d)", "-", text)
    text = re.sub("\ufffe[ \t]*\n?[ \t]*", "", text)
    return text if keep_lines else _normalise(text)
