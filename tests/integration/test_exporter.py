"""The Typst PDF exporter works on any notebook through nbconvert's entry point."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
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
