"""A lean HTML exporter for reports: nbconvert's classic cells in a small page template.

No script, stylesheet, font or MathJax is fetched from a network: images are embedded by
nbconvert, the stylesheet is inline and small, and TeX math in Markdown is rendered to
MathML at build time by pandoc (the same converter that feeds the PDF).
"""

from __future__ import annotations

import base64
import re
from html import escape, unescape
from pathlib import Path

from jinja2 import pass_context
from nbconvert.exporters import HTMLExporter
from traitlets import default
from traitlets.config import Config

from ..fonts import legible_width
from .bidi import isolate_rtl_html
from .markdown_html import markdown_cells_to_html
from .preprocess import PreprocessOnce

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Report exporters prefer a chart's image to its HTML figure (which exists for live
# frontends such as JupyterLab): the templates write the figure, caption and alt text.
IMAGES_FIRST = [
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/html",
    "text/markdown",
    "text/latex",
    "text/plain",
]


def _b64encode(text: str) -> str:
    """Base64 of a text output (an SVG chart), for a self-contained ``data:`` URI."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


class ReportHTMLExporter(PreprocessOnce, HTMLExporter):
    """HTML export with reportlib's lean template (``--to reportlib-html``)."""

    export_from_notebook = "Report HTML"

    @property
    def default_config(self):  # type: ignore[override]
        c = Config(super().default_config)  # a copy (traitlets types .copy() as a dict)
        c.merge(Config({"NbConvertBase": {"display_data_priority": IMAGES_FIRST}}))
        return c

    @default("template_name")
    def _template_name_default(self) -> str:
        return "reportlib_html"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]

    @default("exclude_anchor_links")
    def _exclude_anchor_links_default(self) -> bool:
        return True

    _rendered: dict[str, str] = {}

    def default_filters(self):
        yield from super().default_filters()
        yield ("b64encode", _b64encode)
        yield ("legible_width", legible_width)

    @pass_context
    def markdown2html(self, context, source):  # type: ignore[override]
        """Pre-rendered pandoc HTML (MathML math) for this notebook's Markdown cells."""
        if source in self._rendered:
            return self._rendered[source]
        return markdown_cells_to_html([source])[0]

    def from_notebook_node(self, nb, resources=None, **kw):  # type: ignore[override]
        # Markdown cells and Markdown outputs (the views' prose) in one pandoc process: a
        # process per output cost most of the export time (one report has a dozen).
        sources = list(dict.fromkeys(_markdown_sources(nb)))
        self._rendered = dict(zip(sources, markdown_cells_to_html(sources), strict=True))
        try:
            page, resources = super().from_notebook_node(nb, resources, **kw)
        finally:
            self._rendered = {}
        return scrolling_tables(with_outline(isolate_rtl_html(page))), resources


def _markdown_sources(nb) -> list[str]:
    """Every Markdown text the template renders: cells, then outputs' ``text/markdown``."""
    out = [c.source for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            text = output.get("data", {}).get("text/markdown")
            if isinstance(text, str):
                out.append(text)
    return out


OUTLINE_MARK = "<!--reportlib:outline-->"
_H2 = re.compile(r"<h2(?P<attrs>[^>]*)>(?P<inner>.*?)</h2>", re.S)
_ID = re.compile(r'\bid="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")


def _slug(text: str) -> str:
    """A heading's anchor as pandoc spells it: lower case, words joined by hyphens."""
    words = re.findall(r"[\w]+", unescape(text).lower().replace("’", "").replace("'", ""))
    return "-".join(words) or "section"


def with_outline(page: str) -> str:
    """Replace the template's outline mark with a list of the report's sections (its
    level-two headings), giving any heading without an anchor one: a table of contents
    that needs no script. A page without the mark is returned as it is."""
    if OUTLINE_MARK not in page:
        return page
    head, body = page.split(OUTLINE_MARK, 1)
    taken = set(_ID.findall(page))
    entries = []

    def anchor(m: re.Match[str]) -> str:
        attrs, inner = m.group("attrs"), m.group("inner")
        found = _ID.search(attrs)
        if found:
            ident = found.group(1)
        else:
            base = ident = _slug(_TAG.sub("", inner))
            n = 1
            while ident in taken:
                n += 1
                ident = f"{base}-{n}"
            taken.add(ident)
            attrs = f' id="{ident}"{attrs}'
        entries.append((ident, _TAG.sub("", inner).strip()))
        return f"<h2{attrs}>{inner}</h2>"

    body = _H2.sub(anchor, body)
    if not entries:
        return head + body
    items = "\n".join(f'<li><a href="#{escape(i)}">{text}</a></li>' for i, text in entries)
    outline = (
        '<nav class="report-outline" aria-labelledby="report-outline-title">\n'
        '<p class="report-outline-title" id="report-outline-title">In this report</p>\n'
        f"<ol>\n{items}\n</ol>\n</nav>"
    )
    return head + outline + body


_TABLE = re.compile(
    r"<table\b[^>]*>(?:\s*<caption\b[^>]*>(?P<caption>.*?)</caption>)?", re.S | re.I
)


def scrolling_tables(page: str) -> str:
    """Each table in a box of its own that scrolls sideways where the window is narrower
    than the table (a phone), so the page itself never does. The box is a labelled
    region a keyboard can reach and scroll (WAI-ARIA's pattern for a scrolling region);
    its label is the table's caption."""
    count = 0

    def box(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        caption = _TAG.sub("", m.group("caption") or "").strip() or f"Table {count}"
        label = escape(unescape(caption), quote=True)
        div = f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">'
        return div + m.group(0)

    page = _TABLE.sub(box, page)
    return re.sub(r"</table\s*>", "</table></div>", page, flags=re.I) if count else page
