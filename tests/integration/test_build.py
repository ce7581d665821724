"""End to end: a build into a temporary project folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportlib.builds.runner import build
from reportlib.cli import main
from reportlib.paths import ProjectPaths
from tests.helpers import edit_csv, pdf_text

pytestmark = pytest.mark.slow


def test_build_writes_reports_manifest_and_index(project_copy: Path):
    paths = ProjectPaths(project_copy)
    result = build(paths, scenario="article", only=["brief"])
    assert result.ok, [o.error for o in result.outcomes]
    manifest = json.loads(paths.manifest.read_text())
    entry = next(e for e in manifest["reports"] if e["scenario"] == "article")
    built_from = entry.pop("built_from")  # what publish compares with the project
    assert sorted(built_from) == ["data", "render_key"]
    assert all(len(v) == 64 for v in built_from.values())
    assert entry == {
        "notebook": "notebooks/brief.ipynb",
        "scenario": "article",
        "parameters": {"scenario": "article", "draws": 20000, "seed": 20250409},
        "html": "reports/article/brief.html",
        "pdf": "reports/article/brief.pdf",
        "status": "ok",
    }
    html = (project_copy / entry["html"]).read_text()
    text = pdf_text(project_copy / entry["pdf"])
    assert "more than 10,000" in text and "more than 10,000" in html
    assert "around 4,000" in text and "South Korea" in text
    assert (project_copy / "reports/article/brief.facts.json").is_file()
    for code in ("open_report", "import ", "scenario = ", "report."):
        assert code not in text, code
        assert code not in html, code
    assert "<script" not in html
    index = paths.index.read_text()
    assert 'href="article/brief.html"' in index and 'href="article/brief.pdf"' in index


def test_failing_report_keeps_previous_outputs(project_copy: Path, monkeypatch):
    paths = ProjectPaths(project_copy)
    assert build(paths, scenario="article", only=["brief"]).ok
    good_pdf = (paths.reports / "article" / "brief.pdf").read_bytes()
    nb_path = paths.notebooks / "brief.ipynb"
    nb_path.write_text(nb_path.read_text().replace("brief_figures.headline_chart(report)", "1 / 0"))
    result = build(paths, scenario="article", only=["brief"])
    assert not result.ok
    outcome = result.outcomes[0]
    assert outcome.status == "failed" and "ZeroDivisionError" in outcome.error
    assert (paths.reports / "article" / "brief.pdf").read_bytes() == good_pdf
    entry = json.loads(paths.manifest.read_text())["reports"][-1]
    assert entry["status"] == "failed" and entry["error"]["cell"] is not None
    assert (project_copy / entry["executed_notebook"]).is_file()


def test_cli_exit_codes(project_copy: Path, capsys):
    assert main(["build", "-p", "drawz=5"]) == 2
    assert "did you mean 'draws'" in capsys.readouterr().err
    assert main(["build", "--only", "nothing"]) == 2
    edit_csv(project_copy / "data" / "claims.csv", "art-casualties", "value", "x")
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert "data/claims.csv:" in err and "column 'value'" in err
    assert not (project_copy / "reports" / "manifest.json").exists()


def test_one_report_rebuilt_after_a_ledger_change_is_checked_only_against_current_ones(
    project_copy: Path, capsys
):
    """`build --only brief` after `reportlib add`: the other reports of the scenario were
    built from the old ledger; the brief is not failed for disagreeing with them, and the
    console names them as stale. Reports built from the same ledger that disagree still
    fail, with the reason printed, not only in the manifest."""
    paths = ProjectPaths(project_copy)
    assert build(paths, scenario="latest", only=["brief", "02_casualties"]).ok
    # a current sibling that disagrees: the brief fails, and says why on the console
    sibling = project_copy / "reports/latest/02_casualties.facts.json"
    facts = json.loads(sibling.read_text())
    brief = {f["key"]: f for f in json.loads((sibling.parent / "brief.facts.json").read_text())}
    shared = next(f for f in facts if f["key"] in brief and f["key"].startswith("metric:"))
    shared["text"] = "999,999"
    sibling.write_text(json.dumps(facts))
    assert main(["build", "--scenario", "latest", "--only", "brief", "--force"]) == 1
    out = capsys.readouterr().out
    assert "audit-failed  latest/brief  (checked against its scenario's reports)" in out
    assert "'999,999' in latest/02_casualties" in out
    # a new claim: the sibling is from the old ledger, so it is stale, not a disagreement
    row = [
        "id=xc-test-later", "quantity=casualties", "value=7000", "qualifier=about",
        "unit=persons", "claimant=National Intelligence Service", "claim_date=2026-06-01",
        "period_start=2024-12", "period_end=2026-06", "source_id=xc-test-later",
        "locator=para 3", "kind=estimate", "reliability=B", "cohort=troops_total",
    ]  # fmt: skip
    source = ["source_id=xc-test-later", "publisher=Test", "title=A later report",
              "date=2026-06-01", "kind=news"]  # fmt: skip
    assert main(["add", "sources", *source]) == 0
    assert main(["add", "claims", *row]) == 0
    assert main(["build", "--scenario", "latest", "--only", "brief"]) == 0
    out = capsys.readouterr().out
    assert "note  latest/brief: latest/02_casualties built from another ledger" in out


def test_a_removed_scenario_leaves_the_manifest_and_a_pagefind_failure_is_one_line(
    project_copy: Path, capsys, monkeypatch
):
    """Renaming a scenario after a build: the next build exits 0 and neither the manifest
    nor the landing page keep the old name. Pagefind failing ends the build with one line,
    exit 1, the reports kept; the next build indexes them."""
    from reportlib.builds import search

    paths = ProjectPaths(project_copy)
    assert main(["build", "--only", "brief", "--scenario", "cross-checked"]) == 0
    scenarios = paths.data / "scenarios.toml"
    scenarios.write_text(scenarios.read_text().replace("[cross-checked]", "[checked]"))
    capsys.readouterr()
    with monkeypatch.context() as patched:  # (the project copy's root stays set)
        patched.setattr(search, "pagefind_executable", lambda: Path("/bin/false"))
        assert main(["build", "--only", "brief", "--scenario", "article"]) == 1
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert line.startswith("reportlib: error: search index: Pagefind exited 1")
    assert "every report is built and kept" in line and "Traceback" not in captured.err
    assert (paths.reports / "article" / "brief.html").is_file()
    assert main(["build", "--only", "brief", "--scenario", "article"]) == 0
    entries = json.loads(paths.manifest.read_text())["reports"]
    assert {e["scenario"] for e in entries} == {"article"}
    assert "cross-checked" not in paths.index.read_text()
    assert (paths.reports / "pagefind").is_dir()
