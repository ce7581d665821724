"""Hardening: bad parameters, hostile text, faults and concurrency never lose work or
mislead a reader. Each test fails without the protection it names."""

from __future__ import annotations

import csv
import json
import os
import re
import resource
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from reportlib.builds.runner import BuildLocked, build
from reportlib.cli import main
from reportlib.paths import ProjectPaths
from tests.helpers import Gate, edit_csv, pdf_text

pytestmark = pytest.mark.slow


# 1. Parameters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("assignment", "needles"),
    [
        ("draws=-1", ["parameter 'draws'", "greater than or equal to 100", "'-1'"]),
        ("as_of=2025-13-45", ["parameter 'as_of'", "'2025-13-45'"]),
        ("casualties=many", ["parameter 'casualties'", "valid number", "'many'"]),
        ("scenario=nowhere", ["parameter 'scenario'", "one of article", "'nowhere'"]),
        ("drawz=5", ["unknown parameter 'drawz'", "did you mean 'draws'"]),
        ("draws", ["malformed -p 'draws'", "NAME=VALUE"]),
    ],
)
def test_bad_parameters_refused_before_anything_runs(project_copy, capsys, assignment, needles):
    assert main(["build", "-p", assignment]) == 2
    err = capsys.readouterr().err
    for needle in needles:
        assert needle in err, err
    assert not (project_copy / "reports" / "manifest.json").exists()  # nothing ran


def test_bad_parameter_through_papermill_fails_first_cell_after_parameters(tmp_path):
    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "out.ipynb"
    with pytest.raises(pm.PapermillExecutionError) as err:
        pm.execute_notebook(
            str(root / "notebooks/brief.ipynb"),
            str(out),
            parameters={"draws": -1},
            engine_name="reportlib",
            cwd=str(root / "notebooks"),
            progress_bar=False,
        )
    assert err.value.ename == "ParameterError"
    assert "parameter 'draws': expected greater than or equal to 100, given -1" in err.value.evalue
    nb = nbformat.read(out, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    failing = next(
        i for i, c in enumerate(code) if any(o.output_type == "error" for o in c.get("outputs", []))
    )
    # the first cell after the parameters (papermill injects its cell after ours)
    assert "injected-parameters" in code[failing - 1].metadata.get("tags", [])


# 2. Data: a large ledger ------------------------------------------------------------------


def test_large_ledger_validated_correctly(data_copy):
    from reportlib.ledger import validate_ledger

    path = data_copy / "claims.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, template = rows[0], rows[3]
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for i in range(100_000 - (len(rows) - 1)):
            row = list(template)
            row[0] = f"bulk-{i}"
            writer.writerow(row)
        bad = list(template)
        bad[0], bad[header.index("value")] = "bulk-bad", "lots"
        writer.writerow(bad)
    problems = validate_ledger(data_copy)
    assert [str(p) for p in problems] == [
        f"{path}:100002: column 'value': expected a number, found 'lots'"
    ] or (len(problems) == 1 and ":100002: column 'value'" in str(problems[0]))


# 3. Hostile text --------------------------------------------------------------------------

HOSTILE = (
    '<script>alert("x")</script> #set text(red) *bold* $x^2$ ] [link](http://a.b) '
    "Supercalifragilisticexpialidociousandthensomemorelettersonandon "
    "שלום مرحبا 북한 국방부"
)


def test_hostile_text_is_shown_literally(project_copy):
    data = project_copy / "data"
    edit_csv(data / "claims.csv", "art-troops-initial", "claimant", HOSTILE)
    edit_csv(data / "events.csv", "ev-treaty-signed", "event", HOSTILE)
    paths = ProjectPaths(project_copy)
    result = build(paths, scenario="article", only=["brief", "01_deployment"])
    assert result.ok, [o.error for o in result.outcomes]
    for name in ("brief", "01_deployment"):
        html = (paths.reports / f"article/{name}.html").read_text()
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert 'href="http://a.b"' not in html  # Markdown in data is not a link
        squeeze = re.compile(r"[\s\u200b]+")
        text = squeeze.sub("", pdf_text(paths.reports / f"article/{name}.pdf"))
        for literal in (
            "#set text(red)",
            "*bold*",
            "$x^2$",
            "[link](http://a.b)",
            "북한 국방부",
            '<script>alert("x")</script>',
        ):
            assert squeeze.sub("", literal) in text, (name, literal)  # line breaks aside


def test_character_no_font_has_is_refused_before_any_build(project_copy, capsys):
    line = edit_csv(
        project_copy / "data/claims.csv", "art-troops-initial", "claimant", "Officials \U00010000"
    )
    assert main(["build", "--only", "brief"]) == 2  # nothing runs
    err = capsys.readouterr().err
    assert f"data/claims.csv:{line}: column 'claimant'" in err
    assert "U+10000 LINEAR B SYLLABLE B008 A" in err
    assert not list((project_copy / "reports").glob("*/*.pdf"))


EVERY_CLAIMANT = "<script>alert(1)</script> #set page(width: 1cm) $x^2$ *bold* 김정은"


def test_hostile_text_in_every_claimant_builds_literal_and_audited(project_copy):
    """Every claim's and technology report's claimant hostile at once: every report of
    every scenario builds, passes its audit, and shows the text as written."""
    data = project_copy / "data"
    for table in ("claims", "technology"):
        path = data / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        at = rows[0].index("claimant")
        for row in rows[1:]:
            row[at] = EVERY_CLAIMANT
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    paths = ProjectPaths(project_copy)
    result = build(paths)
    assert result.ok, [(o.job.key, o.status, o.error) for o in result.outcomes if o.error]
    squeeze = re.compile(r"[\s\u200b]+")
    for scenario in ("article", "latest"):
        html = (paths.reports / f"{scenario}/brief.html").read_text()
        assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
        text = squeeze.sub("", pdf_text(paths.reports / f"{scenario}/brief.pdf"))
        assert squeeze.sub("", EVERY_CLAIMANT) in text


def test_right_to_left_claimant_before_a_year_builds_audited(project_copy, capsys):
    """A claimant that ends in a right-to-left word, then ", 2027", on the newest claims:
    the bidirectional algorithm would carry the date and citation after it into the
    right-to-left run (a mirrored "]6["); every latest report builds and passes its audit,
    and the PDF reads in order."""
    claimant = "<b>Test</b> #set $x$ 김정은 שלום, 2027"
    common = f"claimant={claimant}", "claim_date=2026-11-20", "source_id=z-rtl-source"
    source = ["source_id=z-rtl-source", "publisher=Test", "title=A later report",
              "date=2026-11-20", "kind=news"]  # fmt: skip
    assert main(["add", "sources", *source]) == 0, capsys.readouterr().err
    for row in (
        ["id=z-rtl-1", "quantity=casualties", "value=9000", "qualifier=about", "low=8000",
         "high=10000", "period_start=2024-12", "period_end=2026-11", "cohort=troops_total"],
        ["id=z-rtl-2", "quantity=troops_total", "value=21000", "qualifier=more than",
         "period_start=2024-10", "period_end=2026-11"],
    ):  # fmt: skip
        extra = ["unit=persons", "locator=para 1", "kind=estimate", "reliability=B", *common]
        assert main(["add", "claims", *row, *extra]) == 0, capsys.readouterr().err
    paths = ProjectPaths(project_copy)
    result = build(paths, scenario="latest")
    assert result.ok, [(o.job.key, o.status, o.error) for o in result.outcomes if o.error]
    text = re.sub(r"\s+", " ", pdf_text(paths.reports / "latest/brief.pdf"))
    # "X, 2027 (2026-11-20) [n]" or, in "What changed" (issue 23c), "X, 2027 [n] said"
    assert re.search(r"2027,? (\(?2026-11-20\)? )?\[\d+\]", text)


# 4. Faults --------------------------------------------------------------------------------


def _edit_notebook(root: Path, name: str, old: str, new: str) -> None:
    path = root / "notebooks" / f"{name}.ipynb"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_killed_kernel_fails_only_its_report(project_copy):
    paths = ProjectPaths(project_copy)
    assert build(paths, scenario="article", only=["brief", "01_deployment"]).ok
    before = (paths.reports / "article/brief.pdf").read_bytes()
    _edit_notebook(
        project_copy,
        "brief",
        "brief.bluf(report)",
        "import os, signal; os.kill(os.getpid(), signal.SIGKILL)",
    )
    _edit_notebook(
        project_copy,
        "01_deployment",
        "deployment.events_table(report)",
        "deployment.events_table(report) ",
    )
    result = build(paths, scenario="article", only=["brief", "01_deployment"])
    by = {o.job.key: o for o in result.outcomes}
    assert by["article/brief"].status == "failed"
    assert "died (signal 9)" in by["article/brief"].error
    assert by["article/01_deployment"].status == "ok"
    assert (paths.reports / "article/brief.pdf").read_bytes() == before
    assert not list(paths.reports.rglob("*.tmp"))


def test_hanging_cell_times_out(project_copy, tmp_path):
    paths = ProjectPaths(project_copy)
    gate = Gate(tmp_path / "gate")  # kept: the gate stays closed while the test holds it
    gate.install(project_copy, "brief")  # never released
    result = build(paths, scenario="article", only=["brief"], cell_timeout=2)
    outcome = result.outcomes[0]
    assert outcome.status == "failed" and "execution timeout of 2 s" in outcome.error


def test_hanging_report_is_stopped(project_copy, tmp_path):
    paths = ProjectPaths(project_copy)
    gate = Gate(tmp_path / "gate")  # kept: the gate stays closed while the test holds it
    gate.install(project_copy, "brief")  # never released
    result = build(paths, scenario="article", only=["brief"], timeout=5)
    assert "timed out after 5 s" in result.outcomes[0].error


def test_full_output_folder_keeps_previous_reports(project_copy):
    """Files over 100 KB cannot be written (RLIMIT_FSIZE, SIGXFSZ ignored): writes fail
    with EFBIG as on a full disk, in the CLI and in every report process."""
    paths = ProjectPaths(project_copy)
    assert build(paths, scenario="article", only=["brief"]).ok
    before = {p: p.read_bytes() for p in (paths.reports / "article").glob("brief.*")}
    _edit_notebook(project_copy, "brief", "brief.bluf(report)", "brief.bluf(report) ")

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    env = {**os.environ, "REPORTLIB_ROOT": str(project_copy)}
    cmd = [sys.executable, "-m", "reportlib", "build", "--scenario", "article", "--only", "brief"]
    done = subprocess.run(
        cmd, env=env, capture_output=True, text=True, timeout=300, preexec_fn=small_disk
    )
    assert done.returncode == 1, done.stderr
    assert "cannot write the report's files (File too large" in done.stdout
    after = {p: p.read_bytes() for p in (paths.reports / "article").glob("brief.*")}
    assert after == before  # the previous report is intact
    assert not list(paths.reports.rglob("*.tmp"))
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr  # the next build completes


def test_sigterm_mid_build(project_copy, tmp_path):
    """SIGTERM while a report is mid-execution: exit 143, the child stopped, nothing
    half-written, previous outputs intact, and the next build completes."""
    env = {**os.environ, "REPORTLIB_ROOT": str(project_copy)}
    cmd = [sys.executable, "-m", "reportlib", "build", "--scenario", "article", "--only", "brief"]
    assert subprocess.run(cmd, env=env, capture_output=True, timeout=300).returncode == 0
    reports = project_copy / "reports"
    before = {p: p.read_bytes() for p in (reports / "article").glob("brief.*")}
    gate = Gate(tmp_path / "gate")
    gate.install(project_copy, "brief")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert gate.wait_started(proc) == ["article"]
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
    finally:
        gate.release()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "interrupted" in err
    assert not list(reports.rglob("*.tmp"))
    assert {p: p.read_bytes() for p in (reports / "article").glob("brief.*")} == before
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


# 5. Concurrency ---------------------------------------------------------------------------


def test_second_build_refuses_while_one_runs(project_copy, capsys, tmp_path):
    env = {**os.environ, "REPORTLIB_ROOT": str(project_copy)}
    gate = Gate(tmp_path / "gate")
    gate.install(project_copy, "brief")
    first = subprocess.Popen(
        [sys.executable, "-m", "reportlib", "build", "--scenario", "article", "--only", "brief"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        gate.wait_started(first)  # the first build holds the lock and is mid-report
        with pytest.raises(BuildLocked, match="another reportlib build is running"):
            build(ProjectPaths(project_copy), only=["brief"])
        assert main(["build", "--only", "brief"]) == 1
        assert "another reportlib build is running" in capsys.readouterr().err
    finally:
        gate.release()
        first.wait(timeout=300)
    assert first.returncode == 0
    manifest = json.loads((project_copy / "reports/manifest.json").read_text())
    assert {e["status"] for e in manifest["reports"]} == {"ok"}
