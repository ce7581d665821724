"""Notebooks and briefs: thin notebooks, papermill directly, the committed briefs' content."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from pypdf import PdfReader

from reportlib.analysis.judgments import CONFIDENCE_LEVELS, LIKELIHOOD_TERMS
from reportlib.builds.runner import build
from reportlib.cli import main
from reportlib.paths import ProjectPaths, project
from tests.helpers import pdf_text

pytestmark = pytest.mark.slow
ROOT = project().root
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SCENARIOS = ("article", "cross-checked", "latest")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_thin(path: Path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert not re.search(r"\d", cell.source), f"a number typed into prose: {cell.source!r}"
        elif "parameters" not in cell.metadata.get("tags", []):
            assert not re.search(r"^\s*(def|class) ", cell.source, re.M), cell.source
            assert "sys.path" not in cell.source and "open(" not in cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_with_defaults_from_notebooks_folder(path: Path, tmp_path: Path):
    out = tmp_path / path.name
    nb = pm.execute_notebook(
        str(path),
        str(out),
        cwd=str(ROOT / "notebooks"),
        engine_name="reportlib",
        progress_bar=False,
    )
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


def test_papermill_cli_with_a_kernel(tmp_path: Path):
    out = tmp_path / "out.ipynb"
    papermill = Path(sys.executable).with_name("papermill")
    done = subprocess.run(
        [
            str(papermill),
            str(ROOT / "notebooks/03_cost_benefit.ipynb"),
            str(out),
            "-p",
            "scenario",
            "latest",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    nb = nbformat.read(out, as_version=4)
    text = json.dumps([c.get("outputs", []) for c in nb.cells])
    assert "Latest reporting" in text  # the latest scenario ran


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_brief_pdf(scenario: str, capsys):
    pdf = ROOT / "reports" / scenario / "brief.pdf"
    pages = len(PdfReader(str(pdf)).pages)
    assert 2 <= pages <= 4, f"{pages} pages"
    text = pdf_text(pdf)
    for code in ("open_report", "import ", "report)", "scenario = "):
        assert code not in text
    assert any(term in text for term in LIKELIHOOD_TERMS)
    assert any(f"{level} confidence" in text for level in CONFIDENCE_LEVELS)
    # likelihood and confidence never share a sentence
    for sentence in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")):
        if "confidence in this judgment" in sentence:
            assert not any(f" {term} " in f" {sentence} " for term in LIKELIHOOD_TERMS), sentence
    # key figures equal `reportlib metrics --json`
    assert main(["metrics", "--scenario", scenario, "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    facts = json.loads((ROOT / "reports" / scenario / "brief.facts.json").read_text())
    shown = {f["key"]: f for f in facts}
    for name in (
        "troops_deployed",
        "casualty_rate",
        "benefit_per_deployed_soldier_usd",
        "benefit_per_casualty_usd",
        "implied_state_budget_usd",
    ):
        fact = shown[f"metric:{name}:central"]
        assert fact["value"] == pytest.approx(metrics[name]["central"])
        rng = shown[f"metric:{name}:range"]
        assert (rng["low"], rng["high"]) == pytest.approx(
            (metrics[name]["low"], metrics[name]["high"])
        )
        assert fact["text"] in text and rng["text"] in text


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_figures_have_alt_text_and_headings_are_headings(scenario: str):
    for name in ("brief", "03_cost_benefit"):
        html = (ROOT / "reports" / scenario / f"{name}.html").read_text()
        imgs = re.findall(r"<img [^>]*>", html)
        assert imgs
        for img in imgs:
            alt = re.search(r'alt="([^"]*)"', img)
            assert alt and len(alt.group(1)) > 20, img[:120]
        assert re.search(r"<h1[ >]", html) and re.search(r"<h2[ >]", html)
        reader = PdfReader(str(ROOT / "reports" / scenario / f"{name}.pdf"))
        assert reader.outline, "PDF headings appear in its outline"


def test_hand_typed_number_fails_the_audit(project_copy: Path):
    nb_path = project_copy / "notebooks" / "brief.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    md = next(c for c in nb.cells if c.cell_type == "markdown" and "costly" in c.source)
    md.source += " Some 7,321 soldiers were lost."
    nbformat.write(nb, nb_path)
    result = build(ProjectPaths(project_copy), scenario="article", only=["brief"])
    outcome = result.outcomes[0]
    assert outcome.status == "audit-failed"
    assert "7,321" in outcome.error and "article/brief" in outcome.error
    assert (project_copy / "reports/article/brief.pdf").exists()  # written so it can be read
    entry = json.loads((project_copy / "reports/manifest.json").read_text())["reports"][0]
    assert entry["status"] == "audit-failed"
    assert main(["audit", "article/brief"]) == 1
