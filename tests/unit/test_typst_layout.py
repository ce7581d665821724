"""The report template's page layout (issue 23, finding 10): a table's title never sits
alone at a page foot, and a chart's caption stays on its chart's page."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import typst

from reportlib.exporters import typst_exporter

TEMPLATE = Path(typst_exporter.__file__).with_name("report.typ")


def _pages(tmp_path, body: str) -> list[str]:
    source = tmp_path / "doc.typ"
    # a small page: many page breaks in few words, so each step below meets a new one
    page = '#set page(paper: "a6")\n'
    source.write_text(TEMPLATE.read_text(encoding="utf-8") + "\n" + page + body, encoding="utf-8")
    pdf = typst.compile(str(source))
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def test_a_table_title_stays_with_its_first_rows(tmp_path):
    cells = ", ".join(f"[r{i}]" for i in range(80))
    # move the table down the page in small steps: wherever the page breaks, the title
    # is on the page of the table's first row
    for words in range(100, 260, 2):
        pages = _pages(
            tmp_path,
            f"#lorem({words})\n\n#figure(caption: [Table title here], table(columns: 2, {cells}))",
        )
        title = next(i for i, p in enumerate(pages) if "Table title here" in p)
        first = next(i for i, p in enumerate(pages) if re.search(r"\br0\b", p))
        assert title == first, f"title alone at the foot of page {title + 1} ({words} words)"


def test_a_chart_caption_stays_on_its_chart_page(tmp_path):
    for words in range(100, 260, 4):
        pages = _pages(
            tmp_path,
            f"#lorem({words})\n\n#figure(block(height: 4cm, width: 100%)[Chart body here], "
            "caption: [Chart caption here])",
        )
        body = next(i for i, p in enumerate(pages) if "Chart body here" in p)
        caption = next(i for i, p in enumerate(pages) if "Chart caption here" in p)
        assert body == caption, f"caption on page {caption + 1}, chart on {body + 1}"
