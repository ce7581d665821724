"""Convert a folder of notebooks from anywhere to PDF and count what survives.

For each notebook that stock ``HTMLExporter`` converts (the others are not counted, as in
issue 22), convert it with ``typst-pdf`` as ``jupyter nbconvert`` would (its name, its
folder) and report:

- whether it converted, and the share of its Markdown prose words in the PDF's text;
- raster images kept: raster images drawn in the PDF (PDFium's image objects) against
  the raster images the notebook holds: output images (PNG, JPEG, GIF, WebP, where the
  output has no SVG, which the PDF prefers), ``data:`` images in HTML outputs,
  attachments and images linked in Markdown that exist beside the notebook. Remote
  images (not fetched, by design) and links to missing files are listed, not expected;
  a placeholder is an image not kept;
- SVG images (drawn as vectors, not counted as images in a PDF) and the exporter's
  "not shown" warnings for images.

One line per notebook, then a summary. Exit 1 when fewer than ``RASTER_KEPT`` of the raster
images are kept (a notebook that fails to convert keeps none of its images) or a notebook
fails to convert; else 0.

Run: .venv/bin/python benchmarks/check_corpus.py DIR [DIR...]   (default: tests/fixtures)
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import mistune
import nbformat
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from nbconvert.exporters import HTMLExporter

from reportlib.exporters.text import pdf_bytes_text
from reportlib.exporters.typst_exporter import TypstPDFExporter

RASTER_KEPT = 0.95  # the bar: a notebook's images are its results
WORD = re.compile(r"[A-Za-z]{3,}")
RASTER = {"image/png", "image/jpeg", "image/gif", "image/webp"}
SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_DATA = re.compile(r"data:(image/[\w.+-]+)[;,]", re.I)
_markdown = mistune.create_markdown(renderer=None)


@dataclass
class Expected:
    """The images a notebook holds, as a reader of it in JupyterLab sees them."""

    raster: int = 0
    svg: int = 0
    remote: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _is_raster(head: bytes) -> bool:
    return head.startswith(SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _is_raster_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return _is_raster(handle.read(16))
    except OSError:
        return False


def _raster_data(data) -> bool:
    """Base64 data (as a notebook holds it) that decodes to a raster image."""
    text = "".join(data) if isinstance(data, list) else str(data)
    try:
        return _is_raster(base64.b64decode(re.sub(r"\s+", "", text), validate=True)[:16])
    except (binascii.Error, ValueError):
        return False


def _sources(tokens: list[dict]) -> list[str]:
    """Every image source in Markdown tokens: ``![...](src)`` and ``<img src>``."""
    found = []
    for token in tokens:
        if token.get("type") == "image":
            found.append(token["attrs"]["url"])
        if token.get("type") in ("inline_html", "block_html"):
            found += [html_src for _, html_src in _IMG_SRC.findall(token.get("raw", ""))]
        found += _sources(token.get("children") or [])
    return found


def _markdown_images(cell, nbdir: Path, expected: Expected) -> None:
    attachments = cell.get("attachments") or {}
    for src in _sources(_markdown(cell.source)):
        if src.startswith("attachment:"):
            bundle = attachments.get(src[11:]) or attachments.get(unquote(src[11:])) or {}
            mime, data = next(iter(bundle.items()), ("", ""))
            expected.raster += mime in RASTER and _raster_data(data)
            expected.svg += mime == "image/svg+xml"
        elif src.startswith("data:"):
            mime = (_DATA.match(src) or [None, ""])[1].lower()
            expected.raster += mime in RASTER
            expected.svg += mime == "image/svg+xml"
        elif re.match(r"^[a-z][\w+.-]*:", src, re.I):
            expected.remote.append(src)
        else:
            path = re.sub(r"[?#].*$", "", src)
            candidates = [nbdir / unquote(path), nbdir / src]
            local = next((p for p in candidates if p.is_file()), None)
            if local is None:
                expected.missing.append(src)
            elif local.suffix.lower() == ".svg":
                expected.svg += 1
            else:
                expected.raster += _is_raster_file(local)


def expected_images(nb, nbdir: Path) -> Expected:
    expected = Expected()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            _markdown_images(cell, nbdir, expected)
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/svg+xml" in data:
                expected.svg += 1
            elif any(m in data and _raster_data(data[m]) for m in RASTER):
                expected.raster += 1
            elif "text/html" in data:
                for _, src in _IMG_SRC.findall("".join(data["text/html"])):
                    mime = (_DATA.match(src) or [None, ""])[1].lower()
                    expected.raster += mime in RASTER
    return expected


def _text(tokens: list[dict]) -> list[str]:
    """The text a reader sees in Markdown tokens: not where links point, not an image's
    alt text (in the PDF it is alt text, not text), not HTML tags."""
    found = []
    for token in tokens:
        if token.get("type") == "image":
            continue
        if token.get("type") in ("inline_html", "block_html"):
            found.append(re.sub(r"<[^>]*>", " ", token.get("raw", "")))
        elif "raw" in token:
            found.append(token["raw"])
        found += _text(token.get("children") or [])
    return found


def _words(markdown: str) -> list[str]:
    """The words of Markdown prose."""
    return WORD.findall(" ".join(_text(_markdown(markdown))))


def raster_images(pdf: bytes) -> int:
    """Raster images drawn in a PDF (PDFium's image objects, inside forms too)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return sum(
            len(list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=16)))
            for page in doc
        )
    finally:
        doc.close()


def convert(path: Path) -> tuple[bytes, list[str]]:
    """The PDF and warnings of ``jupyter nbconvert --to typst-pdf PATH``."""
    nb = nbformat.read(path, as_version=4)
    name = path.name[: path.name.rfind(".")]
    resources = {
        "unique_key": name,
        "output_files_dir": f"{name}_files",
        "metadata": {"path": str(path.parent), "name": name},
    }
    pdf, resources = TypstPDFExporter().from_notebook_node(nb, resources=resources)
    return pdf, resources.get("reportlib_warnings", [])


def main(folders: list[str]) -> int:
    logging.disable(logging.WARNING)
    paths = sorted(p for f in folders for p in Path(f).rglob("*.ipynb") if p.is_file())
    converted = failed = 0
    prose: list[float] = []
    want = got = svg = warned = 0
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
            HTMLExporter().from_notebook_node(nb)
        except Exception:  # stock HTML fails too: not counted, as in the issue
            continue
        expected = expected_images(nb, path.parent)
        want += expected.raster
        svg += expected.svg
        try:
            pdf, warnings = convert(path)
        except Exception as exc:
            failed += 1
            print(f"FAILED  {path}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        converted += 1
        have = set(WORD.findall(pdf_bytes_text(pdf)))
        words = [w for c in nb.cells if c.cell_type == "markdown" for w in _words(c.source)]
        prose.append(sum(w in have for w in words) / len(words) if words else 1.0)
        kept = min(raster_images(pdf), expected.raster)
        got += kept
        lost = [w for w in warnings if "not shown" in w and "image" in w.lower()]
        warned += len(lost)
        unseen = {"remote": expected.remote, "missing": expected.missing}
        extra = "".join(f", {len(v)} {k}" for k, v in unseen.items() if v)
        print(
            f"ok      {path}: prose {prose[-1]:.0%}, raster images {kept}/{expected.raster}, "
            f"svg {expected.svg}{extra}, image warnings {len(lost)}"
        )
        for warning in lost:
            print(f"          {warning}")
    share = got / want if want else 1.0
    print(
        f"{converted}/{converted + failed} converted; mean prose kept "
        f"{sum(prose) / len(prose) if prose else 1:.0%}; raster images kept {got}/{want} "
        f"({share:.1%}; at least {RASTER_KEPT:.0%} required); svg images {svg}; "
        f"image warnings {warned}"
    )
    if share < RASTER_KEPT:
        print(f"FAIL: {share:.1%} of raster images kept, fewer than {RASTER_KEPT:.0%}")
    if failed:
        print(f"FAIL: {failed} notebook(s) did not convert")
    return 1 if share < RASTER_KEPT or failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["tests/fixtures"]))
