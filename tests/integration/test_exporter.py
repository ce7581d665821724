"""The Typst PDF exporter works on any notebook through nbconvert's entry point."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbclient import NotebookClient

from reportlib.exporters.typst_exporter import TypstExporter, TypstPDFExporter
from tests.conftest import FIXTURES
from tests.helpers import pdf_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> Path:
    """The feature fixture executed once: headings, list, table, math, PNG, SVG, DataFrame."""
    folder = tmp_path_factory.mktemp("exporter")
    nb = nbformat.read(FIXTURES / "features.ipynb", as_version=4)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    path = folder / "features.ipynb"
    nbformat.write(nb, path)
    return path


def test_jupyter_nbconvert_to_typst_pdf(executed: Path):
    jupyter = Path(sys.executable).with_name("jupyter")
    cmd = [
        str(jupyter) if jupyter.exists() else shutil.which("jupyter"),
        "nbconvert",
        "--to",
        "typst-pdf",
        str(executed),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    text = pdf_text(executed.with_suffix(".pdf"))
    for needle in (
        "Fixture report",
        "Second heading",
        "first item",
        "Column A",
        "2,002",
        "12,345",
        "casualties",
        "troops",
        "SVG figure text",
        "stream output line",
    ):
        assert needle in text, needle
    assert "import pandas" in text  # inputs are shown unless --no-input


def test_no_input_hides_code(executed: Path, tmp_path: Path):
    jupyter = Path(sys.executable).with_name("jupyter")
    out = tmp_path / "noinput"
    subprocess.run(
        [
            str(jupyter),
            "nbconvert",
            "--to",
            "typst-pdf",
            "--no-input",
            "--no-prompt",
            str(executed),
            "--output-dir",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = pdf_text(out / "features.pdf")
    assert "import pandas" not in text and "plt.subplots" not in text
    assert "Fixture report" in text and "casualties" in text


def test_typst_source_has_table_math_and_images(executed: Path):
    nb = nbformat.read(executed, as_version=4)
    source, resources = TypstExporter().from_notebook_node(nb)
    assert "#table(" in source  # the Markdown table and the DataFrame
    assert source.count("#table(") >= 2
    assert "$a^2 + b^2 = c^2$" in source.replace(" ", "").replace(
        "$a^2+b^2=c^2$", "$a^2 + b^2 = c^2$"
    )
    names = list(resources["outputs"])
    assert any(n.endswith(".png") for n in names) and any(n.endswith(".svg") for n in names)


def test_same_notebook_same_bytes(executed: Path):
    nb = nbformat.read(executed, as_version=4)
    first, _ = TypstPDFExporter().from_notebook_node(nb)
    second, _ = TypstPDFExporter().from_notebook_node(nb)
    assert first == second and first.startswith(b"%PDF")


def test_chart_svg_is_vector_text_and_reproducible():
    from reportlib.charts import Chart, range_bars

    def chart() -> Chart:
        figure = range_bars(
            ["alpha", "beta"], [2, 3], [1, 2], [3, 4], title="T", xlabel="x", source="S"
        )
        return Chart(figure, "Caption", "Alt text")

    first, second = chart(), chart()
    svg = first.svg()
    assert svg == second.svg()  # no random ids, no date
    assert b"<text" in svg and b"alpha" in svg  # labels kept as text, not paths
    assert b"<dc:date>" not in svg
    data, metadata = first._repr_mimebundle_()
    assert "image/png" not in data and data["image/svg+xml"] == svg.decode()
    assert metadata["image/svg+xml"] == {"alt": "Alt text"}


def test_report_pdf_is_accessible_archival_vector_and_described(project_copy):
    """A brief as the build writes it: PDF/UA-1 and PDF/A-2a, no raster image, metadata
    from pyproject.toml ([tool.reportlib]) and the as-of date."""
    import io
    import tomllib

    from pypdf import PdfReader

    from reportlib.builds.runner import build
    from reportlib.paths import ProjectPaths

    paths = ProjectPaths(project_copy)
    assert build(paths, scenario="article", only=["brief"]).ok
    pdf = (paths.reports / "article/brief.pdf").read_bytes()
    xmp = pdf[pdf.index(b"<x:xmpmeta") : pdf.index(b"</x:xmpmeta>")].decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>A" in xmp
    assert "<dc:language><rdf:Bag><rdf:li>en</rdf:li>" in xmp
    assert "<xmp:CreateDate>2025-04-09T00:00:00" in xmp  # the article scenario's as-of date
    reader = PdfReader(io.BytesIO(pdf))
    settings = tomllib.loads((project_copy / "pyproject.toml").read_text())["tool"]["reportlib"]
    meta = reader.metadata
    assert meta.title.startswith("North Korea")
    assert meta.author == settings["publisher"]
    assert meta.subject == settings["subject"]  # the brief has no paragraph under its title
    assert meta["/Keywords"] == ", ".join(settings["keywords"])
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        assert not [x for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]


def test_report_text_leaves_out_a_figures_own_labels():
    """The audit reads a PDF as a reader does: a chart's labels belong to the picture (its
    alt text stands for it), so they are not in the text; the prose around it is."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from reportlib.charts import Chart, range_bars
    from reportlib.exporters.formats import render_pdf
    from reportlib.exporters.text import pdf_bytes_text

    figure = range_bars(["label 987654"], [2], [1], [3], title="T 24680", xlabel="x", source="S")
    data, metadata = Chart(figure, "Caption 13579.", "Alt text.")._repr_mimebundle_()
    cell = new_code_cell(
        "chart", outputs=[nbformat.v4.new_output("display_data", data=data, metadata=metadata)]
    )
    nb = new_notebook(cells=[new_markdown_cell("Prose with 112233 in it."), cell])
    text = pdf_bytes_text(render_pdf(nb))
    assert "112233" in text and "13579" in text  # prose and caption are text
    assert "987654" not in text and "24680" not in text  # the chart's own labels are not


def test_report_text_reads_across_page_breaks():
    """The text the audit reads runs on from one page to the next: the running footer and
    a table's header repeated on a new page come after the page's text, and a report's
    table keeps each row on one page, so no ledger text or sentence is cut in two."""
    from reportlib.exporters.formats import render_pdf
    from reportlib.exporters.text import pdf_bytes_text

    words = " ".join(f"w{i}" for i in range(2500))

    def cell(i: int, c: str) -> str:
        return " ".join(f"{c}{i}x{k}" for k in range(25))

    rows = "\n".join(f"| {cell(i, 'a')} | {cell(i, 'b')} |" for i in range(60))
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Footer title"),
        nbformat.v4.new_markdown_cell(words),
        nbformat.v4.new_markdown_cell(f"| Head | Body |\n|---|---|\n{rows}"),
    ]
    nb.metadata["reportlib"] = {"as_of": "2025-04-09", "footer": "Footer title"}
    text = pdf_bytes_text(render_pdf(nb))
    assert text.count("Page ") >= 3  # several pages, each with its footer
    assert words in text  # the paragraph reads whole, across its page breaks
    for i in range(60):  # every row whole, on one page: its cells do not interleave
        assert f"{cell(i, 'a')} {cell(i, 'b')}" in text
    flow = text[: text.index("Page 1 of")]  # the pages' text, then their furniture
    assert flow.count("Head Body") == 1 and flow.endswith("b59x24 Footer title ")
    # a header repeated on a new page never runs into the footer ("BodyFooter title")
    assert "BodyFooter" not in text and "Head Body Footer title" in text


_HEBREW = "אבגדהוזחטיכלמנסעפצקרשת"
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_RTL_WORD = st.text(_HEBREW, min_size=1, max_size=6) | st.text(_ARABIC, min_size=1, max_size=6)
_OTHER = st.sampled_from(
    ["Test", "A", "김정은", "2027", "12,000", "-", ",", ".", "(x)", "'q'", '"q"', "/", ":", "…"]
)


@st.composite
def _rtl_texts(draw) -> str:
    """Ledger-like text that holds right-to-left words, most often as its last word."""
    words = draw(st.lists(_RTL_WORD | _OTHER, min_size=0, max_size=6))
    words.append(draw(_RTL_WORD))
    words += draw(st.sampled_from([[], [","], [", 2027"], [" 2027"], ["-", "1"], ["."]]))
    return " ".join(words).strip()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_rtl_texts(), min_size=6, max_size=6))
def test_right_to_left_words_keep_the_text_after_them_in_place(texts: list[str]):
    """A right-to-left word does not pull the number, date and citation after it into its
    run, in the PDF as laid out and as the audit reads it: "(2026-11-20) [6]" comes after
    the text, unmirrored, and every number in the text traces to it."""
    from reportlib.audit import _ltr_pieces, _norm, trace_text
    from reportlib.exporters.formats import render_pdf
    from reportlib.exporters.text import pdf_bytes_text

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"Claim {'ABCDEF'[i]}: {t} (2026-11-20) [{i}] said so.")
        for i, t in enumerate(texts)
    ]
    text = pdf_bytes_text(render_pdf(nb))
    for i in range(len(texts)):
        start = _norm(text).index(f"Claim {'ABCDEF'[i]}:")
        assert _norm(text).index(f"(2026-11-20) [{i}] said so.", start)
    ledger = [(p, "ledger") for t in texts for p in _ltr_pieces(_norm(t)) if re.search(r"\d", p)]
    assert [f for f in trace_text("r", text, [], ledger) if not f.ok] == []
