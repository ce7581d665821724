"""Convert a folder of notebooks from anywhere to PDF, as the issue's corpus check does.

For each notebook that stock ``HTMLExporter`` converts, convert it with ``typst-pdf`` and
report whether it converted, the share of its Markdown prose words found in the PDF's
text, and images kept (images drawn in the PDF against image outputs and Markdown images
in the notebook; a placeholder counts as not kept). Prints one line per notebook and a
summary; asserts nothing. Run: .venv/bin/python benchmarks/check_corpus.py DIR [DIR...]
"""

from __future__ import annotations

import io
import logging
import re
import sys
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter
from pypdf import PdfReader

from reportlib.exporters.text import _cut_alt_content
from reportlib.exporters.typst_exporter import TypstPDFExporter

WORD = re.compile(r"[A-Za-z]{3,}")
IMAGE_MIMES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")


def expected_images(nb) -> int:
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            count += len(re.findall(r"!\[[^\]]*\]\(|<img\b", cell.source))
        for out in cell.get("outputs", []):
            if any(m in out.get("data", {}) for m in IMAGE_MIMES):
                count += 1
    return count


def drawn_images(pdf: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        # an image with alt text is marked content with /Alt (SVG drawn inline, or a
        # raster XObject inside); one without is a bare XObject
        count += data.count(b"/Alt") + len(re.findall(rb"/\w+ Do\b", _cut_alt_content(data)))
    return count


def main(folders: list[str]) -> None:
    logging.disable(logging.WARNING)
    rows = []
    for path in sorted(p for f in folders for p in Path(f).rglob("*.ipynb")):
        try:
            nb = nbformat.read(path, as_version=4)
            HTMLExporter().from_notebook_node(nb)
        except Exception:  # stock HTML fails too: not counted, as in the issue
            continue
        resources = {"metadata": {"path": str(path.parent), "name": path.stem}}
        try:
            pdf, _ = TypstPDFExporter().from_notebook_node(nb, resources=resources)
        except Exception as exc:
            rows.append((path, False, 0.0, 0, 0))
            print(f"FAILED  {path}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
        have = set(WORD.findall(text))
        words = [w for c in nb.cells if c.cell_type == "markdown" for w in WORD.findall(c.source)]
        prose = sum(w in have for w in words) / len(words) if words else 1.0
        want, got = expected_images(nb), drawn_images(pdf)
        rows.append((path, True, prose, want, min(got, want)))
        print(f"ok      {path}: prose {prose:.0%}, images {min(got, want)}/{want}")
    if rows:
        ok = sum(r[1] for r in rows)
        want = sum(r[3] for r in rows)
        print(
            f"{ok}/{len(rows)} converted; mean prose kept "
            f"{sum(r[2] for r in rows) / len(rows):.0%}; images kept "
            f"{sum(r[4] for r in rows)}/{want}"
        )


if __name__ == "__main__":
    main(sys.argv[1:] or ["tests/fixtures"])
