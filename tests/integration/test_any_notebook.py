"""Notebooks from anywhere convert to PDF: one fixture per way real notebooks broke it.

Each fixture in ``tests/fixtures/any/`` holds one failure class. The PDF must come out,
keep the notebook's prose, and show a visible placeholder (with a warning naming the
cell) for whatever Typst cannot show.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import typst
from pypdf import PdfReader

from reportlib.exporters.formats import report_config
from reportlib.exporters.text import pdf_bytes_text
from reportlib.exporters.typst_exporter import TypstExporter, TypstPDFExporter
from reportlib.fonts import MissingGlyphError
from tests.conftest import FIXTURES
from tests.helpers import pdf_text

pytestmark = pytest.mark.slow

ANY = FIXTURES / "any"
TEXT_WIDTH_PT = 595.2756 - 2 * 56.6929  # A4 less 20 mm margins


def convert(name: str, exporter=None) -> tuple[bytes, list[str], str]:
    """PDF bytes, the exporter's warnings and the PDF's text for one fixture."""
    nb = nbformat.read(ANY / f"{name}.ipynb", as_version=4)
    exporter = exporter or TypstPDFExporter()
    pdf, resources = exporter.from_notebook_node(
        nb, resources={"metadata": {"path": str(ANY), "name": name}}
    )
    assert pdf.startswith(b"%PDF")
    return pdf, resources.get("reportlib_warnings", []), pdf_bytes_text(pdf)


def image_widths(pdf: bytes) -> list[float]:
    """Width (pt) at which each image is drawn (Typst: ``w 0 0 h x y cm /xN Do``)."""
    widths = []
    for page in PdfReader(__import__("io").BytesIO(pdf)).pages:
        data = page.get_contents().get_data()
        widths += [
            float(w) for w in re.findall(rb"([\d.]+) 0 0 -?[\d.]+ \S+ \S+ cm\s*/\w+ Do", data)
        ]
    return widths


def test_at_names_are_text_not_citations():
    _, warnings, text = convert("at_names")
    for literal in ("@octocat", "@fig-growth", "=@eq:energy", "a@b.org"):
        assert literal in text
    assert warnings == []


def test_linked_images_are_found_beside_the_notebook_and_missing_ones_are_named():
    pdf, warnings, text = convert("linked_images")
    assert len(image_widths(pdf)) == 2  # beside.png, as Markdown and as HTML <img>
    assert "Image not shown: file not found: missing.png" in text
    assert "remote image (https://example.org/logo.png) is not fetched" in text
    assert "Prose after the images stays." in text
    assert any("cell 2" in w and "missing.png" in w for w in warnings)


def test_internal_link_without_target_becomes_text(caplog):
    with caplog.at_level(logging.WARNING):
        _, warnings, text = convert("internal_links")
    assert "Jump to the second heading or to nowhere." in text
    assert warnings == [
        "internal_links: cell 1: link to #no-such-heading has no target in the document; "
        "shown as text"
    ]
    assert "no-such-heading" in caplog.text  # logged, not only collected


def test_internal_link_to_a_jupyter_style_anchor_points_at_the_heading():
    nb = nbformat.read(ANY / "internal_links.ipynb", as_version=4)
    source, _ = TypstExporter().from_notebook_node(nb)
    assert "#link(<second-heading>)[the second heading]" in source


def test_glyph_no_font_has_is_replaced_and_named_emoji_use_the_emoji_font():
    pdf, warnings, text = convert("missing_glyphs")
    assert "Done ✅, failed ❌, warning ⚠" in text
    assert "Linear B syllable \ufffd no font has" in text
    assert warnings == [
        "missing_glyphs: cell 1: no font has a glyph for U+10000 LINEAR B SYLLABLE B008 A; "
        "shown as \ufffd"
    ]
    fonts = {
        str(f["/BaseFont"])
        for page in PdfReader(__import__("io").BytesIO(pdf)).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert any("NotoEmoji" in f for f in fonts), fonts


def test_report_builds_still_fail_on_a_glyph_no_font_has():
    exporter = TypstPDFExporter(config=report_config())
    with pytest.raises(MissingGlyphError, match="U\\+10000 LINEAR B SYLLABLE B008 A"):
        convert("missing_glyphs", exporter)


def test_attachments_with_the_same_name_keep_their_own_bytes():
    nb = nbformat.read(ANY / "attachment_names.ipynb", as_version=4)
    _, resources = TypstExporter().from_notebook_node(nb)
    files = resources["outputs"]
    assert sorted(files) == ["attachment-1-0-image.png", "attachment-2-0-image.svg"]
    assert files["attachment-1-0-image.png"].startswith(b"\x89PNG")
    assert files["attachment-2-0-image.svg"].startswith(b"<svg")
    pdf, warnings, text = convert("attachment_names")
    assert "attached SVG text" in pdf_text(pdf)  # the SVG is drawn as SVG (its text kept)
    assert "Image not shown: its data could not be read" in text
    assert any("cell 3" in w and "broken.png" in w for w in warnings)


def test_images_inside_html_outputs_are_extracted():
    pdf, warnings, text = convert("html_data_images")
    assert image_widths(pdf) == [30.0]
    assert "An HTML output with an embedded image:" in text and "After the output." in text
    assert ":::" not in text
    assert warnings == []


def test_malformed_image_data_leaves_a_placeholder():
    _, warnings, text = convert("malformed_base64")
    assert "[Image not shown: its base64 data is malformed.]" in text
    assert "[Image not shown: its data is not a readable image (declared image/png).]" in text
    assert "Image not shown: output_3_0.svg cannot be read" in text  # Typst's second try
    assert "Prose after the broken images." in text
    assert [w.split(": ")[1] for w in warnings] == [
        "cell 2 (id malformed_ba-1)",
        "cell 3 (id malformed_ba-2)",
        "image output_3_0.svg not shown",
    ]


def test_report_builds_get_no_second_try():
    nb = nbformat.read(ANY / "malformed_base64.ipynb", as_version=4)
    with pytest.raises(typst.TypstError):
        TypstPDFExporter(config=report_config()).from_notebook_node(nb)


def test_front_matter_is_shown():
    _, _, text = convert("front_matter")
    assert "title: Front matter title" in text and "tags: [second, cell]" in text
    assert "The body after the front matter." in text


def test_interactive_outputs_leave_placeholders_or_their_static_image():
    pdf, warnings, text = convert("interactive_outputs")
    assert "[Not shown in the PDF: a Vega-Lite chart, which needs a browser.]" in text
    assert "[Not shown in the PDF: an interactive widget, which needs a browser.]" in text
    assert "IntSlider(value=0)" in text
    assert len(image_widths(pdf)) == 1  # the Plotly output's PNG
    assert [w.split(": ")[1] for w in warnings] == [
        "cell 2 (id interactive_-1)",
        "cell 3 (id interactive_-2)",
    ]


@pytest.mark.parametrize("key", ["output", "any_notebook_name"])
def test_output_images_fit_the_text_width_whatever_their_name(key):
    nb = nbformat.read(ANY / "output_image_width.ipynb", as_version=4)
    pdf, _ = TypstPDFExporter().from_notebook_node(nb, resources={"unique_key": key})
    wide, small = image_widths(pdf)
    assert wide == pytest.approx(TEXT_WIDTH_PT, abs=1)  # 1600 px scaled to the text
    assert small == 80.0  # a small image keeps its natural size


def test_jupyter_nbconvert_cli_finds_linked_images(tmp_path: Path):
    shutil.copytree(ANY, tmp_path / "any")
    jupyter = Path(sys.executable).with_name("jupyter")
    proc = subprocess.run(
        [str(jupyter), "nbconvert", "--to", "typst-pdf", str(tmp_path / "any/linked_images.ipynb")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    pdf = (tmp_path / "any/linked_images.pdf").read_bytes()
    assert len(image_widths(pdf)) == 2
    assert "missing.png" in proc.stderr  # the warning reaches the user


def test_standards_are_off_by_default_and_refuse_an_image_without_alt_text():
    nb = nbformat.read(ANY / "output_image_width.ipynb", as_version=4)
    assert b"pdfuaid" not in TypstPDFExporter().from_notebook_node(nb)[0]
    strict = TypstPDFExporter(pdf_standards=["ua-1", "a-2a"])
    with pytest.raises(typst.TypstError, match="alt"):
        strict.from_notebook_node(nb)
