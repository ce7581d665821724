"""Notebooks from anywhere convert to PDF: one fixture per way real notebooks broke it.

Each fixture in ``tests/fixtures/any/`` holds one failure class. The PDF must come out,
keep the notebook's prose, and show a visible placeholder (with a warning naming the
cell) for whatever Typst cannot show.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
import typst
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from reportlib.exporters.files import typst_path, url
from reportlib.exporters.formats import report_config
from reportlib.exporters.text import pdf_bytes_text
from reportlib.exporters.typst_exporter import PlaceholderError, TypstExporter, TypstPDFExporter
from reportlib.fonts import MissingGlyphError
from tests.conftest import FIXTURES
from tests.helpers import pdf_raster_images, pdf_text

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


def test_an_image_named_in_a_script_no_font_has_is_still_found(tmp_path: Path):
    """A missing glyph is replaced in the text, not in the path an image is read from."""
    shutil.copy(ANY / "beside.png", tmp_path / "\U00010000 chart.png")
    cell = "Linear B \U00010000.\n\n![](<\U00010000 chart.png>) <img src='\U00010000 chart.png'>"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(cell)])
    pdf, resources = TypstPDFExporter().from_notebook_node(
        nb, resources={"metadata": {"path": str(tmp_path), "name": "n"}}
    )
    assert pdf_raster_images(pdf) == 2
    assert resources["reportlib_warnings"] == [
        "n: cell 1: no font has a glyph for U+10000 LINEAR B SYLLABLE B008 A; shown as \ufffd"
    ]


def test_report_builds_still_fail_on_a_glyph_no_font_has():
    exporter = TypstPDFExporter(config=report_config())
    with pytest.raises(MissingGlyphError, match="U\\+10000 LINEAR B SYLLABLE B008 A"):
        convert("missing_glyphs", exporter)


def test_attachments_with_the_same_name_keep_their_own_bytes():
    nb = nbformat.read(ANY / "attachment_names.ipynb", as_version=4)
    _, resources = TypstExporter().from_notebook_node(nb)
    files = resources["outputs"]
    lab = "attachment-4-0-5f1c2c36-1d0e-4c45-9d5b-0d4d5b0e8f1a.svg"  # JupyterLab's base64 SVG
    assert sorted(files) == ["attachment-1-0-image.png", "attachment-2-0-image.svg", lab]
    assert files["attachment-1-0-image.png"].startswith(b"\x89PNG")
    assert files["attachment-2-0-image.svg"].startswith(b"<svg")
    assert files[lab].startswith(b"<svg")
    pdf, warnings, text = convert("attachment_names")
    assert "attached SVG text" in pdf_text(pdf)  # the SVG is drawn as SVG (its text kept)
    assert "base64 SVG text" in pdf_text(pdf)
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


def test_a_table_with_no_rows_or_no_columns_is_a_note_not_a_typst_error():
    _, warnings, text = convert("empty_tables")
    assert "pd.DataFrame() Table with no rows pd.DataFrame(columns" in text
    assert "Table with no rows (columns region, count)" in text
    assert "Table with no rows: Nothing yet" in text  # no columns at all: its caption
    assert "Table with no rows (columns heading only, no rows)" in text  # Markdown's own
    assert "kept 0 7" in text and "Prose after the tables." in text  # a table with rows
    assert [w.split(": ", 1)[1] for w in warnings] == [
        f"cell {n}: a table with no rows: shown as a note" for n in (2, 3, 4, 5)
    ]


def test_report_builds_fail_on_what_they_could_only_show_as_a_placeholder():
    nb = nbformat.read(ANY / "empty_tables.ipynb", as_version=4)
    with pytest.raises(PlaceholderError, match="cell 2: a table with no rows"):
        TypstPDFExporter(config=report_config()).from_notebook_node(
            nb, resources={"metadata": {"name": "empty_tables"}}
        )


def test_report_builds_get_no_second_try():
    nb = nbformat.read(ANY / "malformed_base64.ipynb", as_version=4)
    with pytest.raises(PlaceholderError, match="cell 2 .*base64 data is malformed"):
        TypstPDFExporter(config=report_config()).from_notebook_node(nb)  # before Typst
    config = report_config()
    config.TypstExporter.strict_placeholders = False
    with pytest.raises(typst.TypstError):  # the SVG only Typst finds unreadable: no retry
        TypstPDFExporter(config=config).from_notebook_node(nb)


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


# Any name, any folder, any output folder (issue 22) -------------------------------------

# every_image.ipynb's raster images: output PNG, JPEG, GIF and WebP, an attachment, a linked
# image, data: images in an HTML output and in Markdown
EVERY_IMAGE_RASTERS = 8
NAME_MAX = 255  # bytes in a file name (ext4, APFS, NTFS)
# Characters that mean something to a URL, a shell, Markdown, Typst or a glob, and others
# that editors write: any of them may be in a notebook's name or its folder's.
SPECIAL = list(" ()[]{}<>+&#%?!@$^*=,;:'\"`~|\\\t.-_·\u00a0\u200b") + ["%41", "%2F", "é", "한글"]
PIECE = st.one_of(
    st.sampled_from(SPECIAL),
    st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00\n\r"),
)


def _cut(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def name_part(limit: int = NAME_MAX) -> st.SearchStrategy[str]:
    """A file or folder name of at most ``limit`` bytes, sometimes as long as that."""
    short = st.lists(PIECE, min_size=1, max_size=24).map("".join)
    long = short.map(lambda s: s * (limit // max(1, len(s.encode("utf-8"))) + 1))
    return (
        st.one_of(short, short, long)
        .map(lambda s: _cut(s, limit))
        .filter(lambda s: s not in ("", ".", ".."))
    )


STEM = name_part(NAME_MAX - len(".ipynb"))
FOLDER = st.lists(name_part(), min_size=1, max_size=2).map("/".join)
OUTPUT = st.one_of(st.none(), st.tuples(name_part(), st.booleans()))  # (name, relative?)


def nbconvert(args: list[str], cwd: Path) -> list[str]:
    """``jupyter nbconvert ARGS`` run in-process (its real path: the app's resources,
    ``output_files_dir``, the files writer); the exporters' warnings."""
    import contextlib

    from nbconvert.nbconvertapp import NbConvertApp
    from traitlets.log import get_logger

    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore[method-assign]
    logger = get_logger()  # the exporters log here (they have no parent)
    logger.addHandler(handler)
    path = list(sys.path)
    try:
        with contextlib.chdir(cwd):
            app = NbConvertApp()
            app.initialize([*args, "--log-level=WARN"])
            app.start()  # a failed conversion exits (SystemExit)
    finally:
        logger.removeHandler(handler)
        sys.path[:] = path  # the app puts the working directory on it
    return messages


def test_in_process_nbconvert_reports_warnings(tmp_path: Path):
    """``nbconvert`` above sees the exporters' warnings (else the test below proves nothing)."""
    shutil.copy(ANY / "linked_images.ipynb", tmp_path)
    messages = nbconvert(["--to", "typst-pdf", "linked_images.ipynb"], cwd=tmp_path)
    assert any("image not shown: file not found: missing.png" in m for m in messages), messages


def images_kept(pdf: bytes) -> None:
    assert pdf_raster_images(pdf) == EVERY_IMAGE_RASTERS
    assert "vector kept" in pdf_bytes_text(pdf)  # the SVG, drawn with its text


@settings(max_examples=8, deadline=None)  # about half a second each
@example(
    folder="My project (2024)/data & plots",
    stem="My analysis (v2)",
    link="fig #1.png",
    output=("out dir", True),
)
@example(folder="é" * 127, stem="한" * 81, link="%41 " * 40 + ".png", output=("-x", False))
@given(folder=FOLDER, stem=STEM, link=name_part(), output=OUTPUT)
def test_every_image_survives_any_name_folder_and_output_dir(folder, stem, link, output):
    """typst-pdf and typst keep every image of ``every_image.ipynb`` (an output PNG, JPEG,
    SVG, GIF and WebP, an attachment, an image linked in a folder beside it, ``data:``
    images in HTML and Markdown) whatever the notebook, its folder, the linked image and
    the output folder are called, with no "image not shown"; the typst output folder
    compiles on its own."""
    assume(link not in (f"{stem}.pdf", f"{stem}.typ", f"{stem}_files"))  # the outputs' names
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        home = base / "in" / folder
        (home / link).mkdir(parents=True)  # the linked image sits in a folder of that name
        shutil.copy(ANY / "beside.png", home / link / link)
        nb = nbformat.read(ANY / "every_image.ipynb", as_version=4)
        cell = nb.cells[2]
        cell.source = cell.source.replace("(beside.png)", f"({url(f'{link}/{link}')})")
        notebook = home / f"{stem}.ipynb"
        nbformat.write(nb, notebook)
        args = [glob.escape(str(notebook))]  # nbconvert globs its arguments
        outdir = home
        if output is not None:
            outdir = base / "out" / output[0]
            where = os.path.relpath(outdir, home) if output[1] else str(outdir)
            args += ["--output-dir", where]
        for to in ("typst-pdf", "typst"):
            messages = nbconvert(["--to", to, *args], cwd=home)
            assert not [m for m in messages if "not shown" in m], messages
        images_kept((outdir / f"{stem}.pdf").read_bytes())
        # the typst output folder, moved away from the notebook, compiles by itself
        (outdir / f"{stem}.pdf").unlink()
        moved = base / "moved"
        shutil.move(outdir, moved)
        shutil.rmtree(base / "in", ignore_errors=True)
        source = moved / f"{stem}.typ"
        if "\\" in stem:  # Typst refuses a backslash in its input's own name too: rename it
            source = source.rename(moved / f"{typst_path(stem)}.typ")
        images_kept(typst.compile(str(source)))


def test_jupyter_nbconvert_cli_keeps_images_whatever_the_name(tmp_path: Path):
    """The issue as reported: ``My analysis (v2).ipynb`` lost every image."""
    home = tmp_path / "My project (2024)"
    home.mkdir()
    shutil.copy(ANY / "beside.png", home)
    shutil.copy(ANY / "every_image.ipynb", home / "My analysis (v2).ipynb")
    jupyter = Path(sys.executable).with_name("jupyter")
    proc = subprocess.run(
        [
            str(jupyter),
            "nbconvert",
            "--to",
            "typst-pdf",
            "My analysis (v2).ipynb",
            "--output-dir",
            "../the reports",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=home,
    )
    assert proc.returncode == 0, proc.stderr
    assert "not shown" not in proc.stderr
    images_kept((tmp_path / "the reports/My analysis (v2).pdf").read_bytes())
