"""Batch rendering: what-if runs kept apart, parameter grids, and a Dask cluster.

Fast on purpose: one notebook (the brief), one scenario, 2,000 Monte Carlo draws.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import threading
from pathlib import Path

import pytest

from reportlib.builds.check import check
from reportlib.builds.runner import build
from reportlib.cli import main
from reportlib.exporters.text import html_string_text
from reportlib.paths import ProjectPaths
from tests.helpers import Gate, wait_gone

pytestmark = pytest.mark.slow

ONE = ["--only", "brief", "--scenario", "article"]
GRID = {"casualties": "4000,6000", "benefit_usd": "1e9,3e9", "draws": "2000"}
REPO = Path(__file__).resolve().parents[2]


def snapshot(folder: Path, skip: str | None = None) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not (skip and p.relative_to(folder).as_posix().startswith(skip))
    }


def test_what_if_never_touches_the_canonical_reports(project_copy: Path, capsys):
    paths = ProjectPaths(project_copy)
    assert main(["build", *ONE]) == 0
    before = snapshot(paths.reports)
    assert main(["build", *ONE, "-p", "casualties=9000", "-p", "draws=2000"]) == 0
    assert "the canonical reports were not touched" in capsys.readouterr().out
    after = snapshot(paths.reports, skip="what-if/")
    assert after == before  # reports, manifest, index and cache: byte for byte
    folder = paths.reports / "what-if" / "casualties=9000,draws=2000"
    for name in ("article/brief.html", "article/brief.pdf", "article/brief.facts.json"):
        assert (folder / name).is_file(), name
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [e["html"] for e in manifest["reports"]] == [
        "reports/what-if/casualties=9000,draws=2000/article/brief.html"
    ]
    index = (folder / "index.html").read_text()
    assert 'href="article/brief.html"' in index
    shown = html_string_text(index)
    assert "Killed or wounded set to 9,000" in shown and "9000.0" not in shown
    assert "This run against the canonical report" in shown and "Bottom line." in shown
    text = html_string_text((folder / "article/brief.html").read_text())
    assert "What-if run" in text and "overrides casualties=9000.0, draws=2000" in text
    canonical = html_string_text((paths.reports / "article/brief.html").read_text())
    assert "What-if" not in canonical
    # deterministic: the same overrides, in any order, go to the same folder (and are fresh)
    again = build(
        paths,
        only=["brief"],
        scenario="article",
        overrides={"draws": "2000"} | {"casualties": "9000.0"},
    )
    assert [(o.run, o.action) for o in again.outcomes] == [("casualties=9000,draws=2000", "fresh")]
    _, differences = check(paths, only=["brief"], scenario="article")
    assert differences == {}


def test_what_if_folders_are_git_ignored():
    done = subprocess.run(
        ["git", "check-ignore", "-q", "reports/what-if/casualties=9000/article/brief.html"],
        cwd=REPO,
    )
    assert done.returncode == 0


def _whole(value):
    """A number as comparison.json writes it (a whole number as an integer)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _metrics_json(capsys, scenario: str, values: dict[str, str]) -> dict:
    args = ["metrics", "--scenario", scenario, "--json"]
    for k, v in values.items():
        args += ["-p", f"{k}={v}"]
    capsys.readouterr()
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def test_grid_renders_every_combination_and_compares_them(project_copy: Path, capsys):
    from reportlib.analysis.assess import assess
    from reportlib.analysis.metrics import HEADLINE
    from reportlib.report import report_with

    paths = ProjectPaths(project_copy)
    args = ["build", *ONE, "--name", "g", "--jobs", "2"]
    for k, v in GRID.items():
        args += ["-p", f"{k}={v}"]
    assert main(args) == 0
    sweep = paths.reports / "what-if" / "g"
    with (sweep / "comparison.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    table = json.loads((sweep / "comparison.json").read_text())
    assert len(rows) == len(table["rows"]) == 5
    assert list(rows[0])[:5] == ["run", "casualties", "benefit_usd", "draws", "scenario"]
    # first the baseline: the canonical report's figures (no override), then the grid
    baseline, rows = rows[0], rows[1:]
    base_record, table["rows"] = table["rows"][0], table["rows"][1:]
    assert baseline["run"] == "baseline" and baseline["casualties"] == ""
    canonical = _metrics_json(capsys, "article", {})
    for name in HEADLINE:
        assert base_record[f"{name}_central"] == _whole(canonical[name]["central"])
    # both readings of the benefit per casualty; whole numbers written as integers
    assert "benefit_per_casualty_if_annual_usd_central" in rows[0]
    assert {(r["casualties"], r["benefit_usd"]) for r in rows} == {
        ("4000", "1000000000"),
        ("4000", "3000000000"),
        ("6000", "1000000000"),
        ("6000", "3000000000"),
    }
    index = (sweep / "index.html").read_text()
    page = html_string_text(index)
    # the page: formatted settings, figures, per-casualty figures and judgment words
    for text in ("US$1.0 billion", "4,000", "per casualty (if yearly)", "almost certain"):
        assert text in page, text
    assert "casualty_rate_central" not in page and "4000.0" not in page
    for row, record in zip(rows, table["rows"], strict=True):
        values = {k: row[k] for k in GRID}
        metrics = _metrics_json(capsys, "article", values)
        for name in HEADLINE:
            for part in ("central", "low", "high"):
                assert record[f"{name}_{part}"] == _whole(metrics[name][part]), (values, name)
                if metrics[name][part] is None:  # not computable in this scenario
                    assert row[f"{name}_{part}"] == ""
                else:
                    assert float(row[f"{name}_{part}"]) == metrics[name][part]
        for j in assess(report_with(scenario="article", **values)):
            assert record[f"{j.id}_term"] == j.likelihood  # None: not assessable here
            assert row[f"{j.id}_term"] == (j.likelihood or "")
        report = project_copy / row["brief_html"]
        assert report.is_file() and report.parent.parent.parent.name != "g"
        href = Path(os.path.relpath(report, sweep)).as_posix()
        assert f'href="{href}"' in index
    # one more value: only the new combinations render; the rest come from their caches
    grown = build(
        paths,
        only=["brief"],
        scenario="article",
        name="g",
        overrides={**GRID, "casualties": "4000,6000,9000"},
    )
    assert sorted(o.action for o in grown.outcomes) == ["execute"] * 2 + ["fresh"] * 4
    assert len(json.loads((sweep / "comparison.json").read_text())["rows"]) == 7  # and a baseline


def test_bad_value_anywhere_in_a_grid_is_refused_before_anything_runs(project_copy, capsys):
    code = main(["build", *ONE, "-p", "casualties=4000,-5", "-p", "draws=2000,3000"])
    assert code == 2
    err = capsys.readouterr().err
    assert "combination casualties=-5, draws=2000" in err and "parameter 'casualties'" in err
    assert not (project_copy / "reports" / "what-if").exists()


def test_grid_file(project_copy: Path, tmp_path: Path, capsys):
    grid = tmp_path / "grid.toml"
    grid.write_text('name = "from-file"\n[parameters]\ncasualties = [4000, "x"]\ndraws = 2000\n')
    assert main(["build", *ONE, "--grid", str(grid)]) == 2
    assert "combination casualties=x, draws=2000" in capsys.readouterr().err


# The cluster ------------------------------------------------------------------------------


@pytest.fixture
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as c:
        yield c


def test_cluster_build_is_byte_identical_to_a_local_build(project_copy: Path, tmp_path, cluster):
    grid = {"casualties": "4000,6000", "draws": "2000"}
    local = ProjectPaths(project_copy)
    remote = ProjectPaths(project_copy, tmp_path / "cluster-reports")
    first = build(local, only=["brief"], scenario="article", overrides=grid, jobs=2)
    assert first.ok, [o.error for o in first.outcomes]
    second = build(
        remote,
        only=["brief"],
        scenario="article",
        overrides=grid,
        scheduler=cluster.scheduler_address,
    )
    assert second.ok, [o.error for o in second.outcomes]
    assert [o.action for o in second.outcomes] == ["execute", "execute"]
    wanted = (".html", ".pdf", ".json", ".csv")
    a = {k: v for k, v in snapshot(local.reports / "what-if").items() if k.endswith(wanted)}
    b = {k: v for k, v in snapshot(remote.reports / "what-if").items() if k.endswith(wanted)}
    a.pop(".runlog/last.json")
    b.pop(".runlog/last.json")
    assert len([k for k in a if k.endswith("brief.pdf")]) == 2
    assert a.keys() == b.keys() and a == b


def test_worker_lost_mid_run_is_retried_once_and_said(project_copy: Path, tmp_path, cluster):
    """Both reports reach a gate on their two workers; one worker is killed there. Its
    report starts again elsewhere and says so; the other report completes."""
    import psutil
    from distributed import Client

    gate = Gate(tmp_path / "gate")
    gate.install(project_copy, "brief")
    with Client(cluster.scheduler_address) as client:
        worker_pids = set(client.run(os.getpid).values())
    killed: dict[str, int] = {}

    def saboteur() -> None:
        try:
            gate.wait_started(count=2)  # both reports mid-run
            child = gate.arrivals()[0][1]
            worker = psutil.Process(child).parent().parent()
            assert worker.pid in worker_pids
            killed["worker"] = worker.pid
            os.kill(worker.pid, signal.SIGKILL)
            os.kill(child, signal.SIGKILL)  # the orphaned report process, for tidiness
            gate.wait_started(count=3)  # the lost report started again
        finally:
            gate.release()

    thread = threading.Thread(target=saboteur)
    thread.start()
    try:
        result = build(
            ProjectPaths(project_copy),
            only=["brief"],
            scenario="article",
            overrides={"casualties": "4000,6000", "draws": "2000"},
            scheduler=cluster.scheduler_address,
        )
    finally:
        gate.release()
        thread.join(timeout=300)
    assert killed, "the saboteur never killed a worker"
    assert [o.status for o in result.outcomes] == ["ok", "ok"], [o.error for o in result.outcomes]
    notes = [o.note for o in result.outcomes if o.note]
    assert len(notes) == 1 and "was lost mid-run; retried once" in notes[0]


def test_interrupt_stops_the_reports_running_on_workers(project_copy: Path, tmp_path, cluster):
    """Ctrl-C in the coordinating process (raised here as a report starts) stops the
    report's process on its worker: nothing is left running, nothing is written."""

    gate = Gate(tmp_path / "gate")
    gate.install(project_copy, "brief")
    pids: list[int] = []

    def interrupt(task) -> None:
        gate.wait_started()  # the report is mid-run
        pids.extend(pid for _, pid in gate.arrivals())
        raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            build(
                ProjectPaths(project_copy),
                only=["brief"],
                scenario="article",
                overrides={"draws": "2000"},
                scheduler=cluster.scheduler_address,
                on_start=interrupt,
            )
        wait_gone(pids, limit=60)
    finally:
        gate.release()
    folder = project_copy / "reports" / "what-if" / "draws=2000"
    assert not (folder / "article" / "brief.html").exists()
    assert not list((project_copy / "reports").rglob("*.tmp"))
