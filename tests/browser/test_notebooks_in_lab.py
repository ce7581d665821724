"""Each notebook opened in JupyterLab and run with Run All, read as a user reads it.

JupyterLab runs on loopback with the project's kernel, on a temporary copy of
``notebooks/``, with its own settings, workspaces and runtime folders (``lab.py``). The
facts each output must show come from the same run, saved to that copy.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import nbformat
import pytest

from . import checks, lab

#: the report notebooks; explore.ipynb, a live form with no facts in its outputs, is read
#: by test_explorer_in_browser.py
NOTEBOOKS = sorted(
    p.name for p in (lab.ROOT / "notebooks").glob("*.ipynb") if p.name != "explore.ipynb"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    notebooks = lab.copy_notebooks(home / "notebooks")
    plants(notebooks)
    s = lab.start_lab(home, notebooks)
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def lab_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    try:
        yield p
    finally:
        context.close()


def screenshot(page, name: str, tmp_path: Path) -> Path:
    """A full-page screenshot, into ``REPORTLIB_SCREENSHOTS`` if set (to look at)."""
    folder = Path(os.environ.get("REPORTLIB_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"lab-{Path(name).stem}.png"
    lab.screenshot_notebook(page, target)
    return target


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_reads_in_jupyterlab_as_in_the_reports(server, lab_page, name, tmp_path):
    project_copy = (lab.ROOT / "notebooks" / name).read_bytes()
    cells = lab.open_and_run(lab_page, server, name)
    assert lab.kernel_dialog(lab_page) is None, "JupyterLab asked for a kernel"
    lab.save(lab_page)
    screenshot(lab_page, name, tmp_path)
    saved = json.loads((server.notebooks / name).read_text(encoding="utf-8"))
    facts = checks.output_facts(saved)
    assert any(any(f for f in cell) for cell in facts), f"{name}: no output carries facts"
    problems = checks.notebook_problems(cells, facts)
    assert not problems, f"{name}:\n" + "\n".join(problems)
    lab.shutdown_kernel(lab_page)
    assert (lab.ROOT / "notebooks" / name).read_bytes() == project_copy


def test_kernel_parameter_errors_and_planted_faults(server, lab_page):
    """One notebook of plants (one kernel start): the kernel is the project's; the
    checker fails a ``$...$`` pair and a ``:::`` fence in a view's prose, raw Markdown
    math that bypasses ``Prose``, and a fact shown nowhere; a bad parameter shows as the
    CLI's one line, with no traceback, and the cell fails."""
    cells = lab.open_and_run(lab_page, server, "planted.ipynb")
    assert lab.kernel_dialog(lab_page) is None, "JupyterLab asked for a kernel"
    assert {s["kernel"]["name"] for s in server.api("sessions")} == {"python3"}
    lab.save(lab_page)
    lab.shutdown_kernel(lab_page)
    assert cells[0]["outputs"][0]["text"].strip() == sys.executable

    saved = json.loads((server.notebooks / "planted.ipynb").read_text(encoding="utf-8"))
    text = "\n".join(checks.notebook_problems(cells, checks.output_facts(saved)))
    assert "cell 1 output 0: a '$' not followed by an amount" in text  # $x$ in Prose
    assert "cell 2 output 0: literal ':::'" in text  # a pandoc fence in Prose
    assert re.search(r"cell 3 output 0: \d+ rendered math element", text)  # typeset: caught
    assert "cell 4 output 0: fact text 'US$9.9 billion' not shown" in text

    message = (
        "parameter 'scenario': expected one of article, cross-checked, latest, given 'nowhere'"
    )
    (output,) = cells[5]["outputs"]
    assert output["text"].strip() == f"reportlib: error: {message}"
    assert cells[5]["errors"] == [f"ParameterError: {message}"]


def plants(folder: Path) -> None:
    """Small notebooks the tests above run beside the project's."""

    def write(name: str, *sources: str) -> None:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
        }
        nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
        nbformat.write(nb, str(folder / name))

    fact = 'Fact("k", "US$3.0 billion", "USD", 3e9)'
    write(
        "planted.ipynb",
        "import sys\nprint(sys.executable)",
        f"from reportlib.facts import Fact, Prose\n"
        f'Prose("A planted pair: $x$ and $y$, beside US$3.0 billion.", [{fact}])',
        'Prose("::: keybox\\n1. A planted fence.\\n:::")',
        "from IPython.display import Markdown\n"
        'Markdown("Raw math: US$3.0 billion works out at US$750,000 per casualty.")',
        'Prose("A fact shown only in a picture.", [Fact("k", "US$9.9 billion", "USD", 9.9e9)])',
        'from reportlib import open_report\nreport = open_report(scenario="nowhere")',
    )
