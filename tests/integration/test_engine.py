"""The rendering engine: cache, determinism, parallelism, check, interruption, HTML."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from reportlib.builds.check import check
from reportlib.builds.runner import build
from reportlib.paths import ProjectPaths
from tests.helpers import Gate, edit_csv

pytestmark = pytest.mark.slow


def actions(result) -> dict[str, str]:
    return {o.job.key: o.action for o in result.outcomes}


def test_cache_skips_what_did_not_change(project_copy: Path):
    paths = ProjectPaths(project_copy)
    first = build(paths, scenario="article", only=["brief"])
    assert actions(first) == {"article/brief": "execute"}
    assert actions(build(paths, scenario="article", only=["brief"])) == {"article/brief": "fresh"}

    # prose only: rendered again from the cached run, not executed
    nb_path = paths.notebooks / "brief.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    prose = [c for c in nb.cells if c.cell_type == "markdown"][-1]
    prose.source += "\n\nA sentence added by the test."
    nbformat.write(nb, nb_path)
    again = build(paths, scenario="article", only=["brief"])
    assert actions(again) == {"article/brief": "render"}
    assert "A sentence added by the test." in (paths.reports / "article/brief.html").read_text()

    # data: executed again
    edit_csv(paths.data / "claims.csv", "art-casualties", "note", "changed by the test")
    assert actions(build(paths, scenario="article", only=["brief"])) == {"article/brief": "execute"}

    # a deleted output is rebuilt, from the cache
    (paths.reports / "article/brief.pdf").unlink()
    assert actions(build(paths, scenario="article", only=["brief"])) == {"article/brief": "render"}
    assert (paths.reports / "article/brief.pdf").exists()

    # --force executes whatever the cache says
    assert actions(build(paths, scenario="article", only=["brief"], force=True)) == {
        "article/brief": "execute"
    }


def test_parallel_build_is_deterministic(project_copy: Path):
    paths = ProjectPaths(project_copy)
    result = build(paths, jobs=2, force=True, only=["brief"])
    assert result.ok and len(result.outcomes) == 3
    first = {p: p.read_bytes() for p in sorted(paths.reports.glob("*/brief.*"))}
    assert len(first) == 9  # html, pdf and facts for three scenarios
    build(paths, jobs=1, force=True, only=["brief"])
    second = {p: p.read_bytes() for p in sorted(paths.reports.glob("*/brief.*"))}
    assert first == second  # same inputs, same bytes, whatever the parallelism
    leftovers = [p for p in paths.reports.rglob("*.tmp")]
    assert leftovers == []


def test_check_names_reports_that_differ(project_copy: Path):
    paths = ProjectPaths(project_copy)
    assert build(paths, only=["brief"]).ok
    _, differences = check(paths, only=["brief"])
    assert differences == {}
    html = paths.reports / "latest/brief.html"
    html.write_text(html.read_text().replace("Key judgments", "Key verdicts"))
    _, differences = check(paths, only=["brief"])
    assert list(differences) == ["latest/brief"]
    assert "brief.html: its text differs" in differences["latest/brief"][0]


def test_html_is_self_contained_and_lean(project_copy: Path):
    paths = ProjectPaths(project_copy)
    assert build(paths, scenario="article", only=["brief"]).ok
    html = (paths.reports / "article/brief.html").read_text()
    assert "<script" not in html
    assert not re.search(r'<(link|img|script|iframe)[^>]+(src|href)="https?://', html)
    assert "@import" not in html and "url(http" not in html
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert len(style) < 8_000  # a small stylesheet, not nbconvert's 300 KB
    assert "@media print" in style
    assert re.search(r"src=\"data:image/(png|svg\+xml);base64,", html) or "<svg" in html


def test_sigint_leaves_no_partial_files_and_next_build_completes(project_copy: Path, tmp_path):
    """Ctrl-C (SIGINT to the process group) while reports are mid-execution: exit 130,
    children stopped, no temporary files, a readable cache index, and the next build
    completes every report."""
    env = {**os.environ, "REPORTLIB_ROOT": str(project_copy)}
    cmd = [sys.executable, "-m", "reportlib", "build", "--jobs", "2", "--only", "brief"]
    gate = Gate(tmp_path / "gate")
    gate.install(project_copy, "brief")
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        gate.wait_started(proc)
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=120)
    finally:
        gate.release()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signal.SIGINT
    reports = project_copy / "reports"
    assert [p for p in reports.rglob("*.tmp")] == []
    assert not list(reports.glob("*/brief.html"))  # no report was half-finished into place
    index = reports / ".cache" / "index.json"
    if index.exists():
        json.loads(index.read_text())  # consistent: valid JSON
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((reports / "manifest.json").read_text())
    assert {e["status"] for e in manifest["reports"]} == {"ok"}
