"""What a change makes the build do, decided by plan() on a copy of the project.

Markdown, templates and CSS re-render; the matplotlib style sheet re-executes. The
package is a copy too, so its files can be edited; the cache index is filled as a build
would fill it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reportlib.builds import cache as keys
from reportlib.builds import planning
from reportlib.builds.cache import BuildCache
from reportlib.builds.tasks import BuildRequest
from reportlib.paths import PACKAGE_DIR, ProjectPaths


@pytest.fixture
def built(project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    package = tmp_path / "reportlib"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(keys, "library_digest", lambda: keys.package_digests(package)[0])
    monkeypatch.setattr(keys, "render_digest", lambda: keys.package_digests(package)[1])
    paths = ProjectPaths(project_copy)
    tasks = _plan(paths)
    store = BuildCache(paths)
    for task in tasks:  # as a build records a success (no outputs on disk: digests None)
        store.executed_path(task.exec_key).parent.mkdir(parents=True, exist_ok=True)
        store.executed_path(task.exec_key).write_text("{}")
        entry = {"exec_key": task.exec_key, "render_key": task.render_key}
        store.record(task.job.key, {**entry, "html": None, "pdf": None, "facts": None})
    return paths, package


def _plan(paths: ProjectPaths):
    request = BuildRequest(only=("brief",), scenario="article")
    return planning.plan(paths, request, planning.resolve(paths, request)).tasks


def _action(paths: ProjectPaths) -> str:
    (task,) = _plan(paths)
    return task.action


def test_nothing_changed_is_fresh(built):
    assert _action(built[0]) == "fresh"


@pytest.mark.parametrize(
    "part",
    [
        "exporters/templates/reportlib_html/report.css",
        "exporters/templates/reportlib_html/index.html.j2",
        "exporters/templates/reportlib_typst/index.md.j2",
        "exporters/report.typ",
    ],
)
def test_template_and_css_edits_only_re_render(built, part):
    paths, package = built
    (package / part).write_text((package / part).read_text() + "\n")
    assert _action(paths) == "render"


def test_markdown_edit_only_re_renders(built):
    paths, _ = built
    path = paths.notebooks / "brief.ipynb"
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["source"] = ["An edited sentence.\n\n", *cell["source"]]
    path.write_text(json.dumps(nb))
    assert _action(paths) == "render"


def test_style_sheet_edit_re_executes(built):
    paths, package = built
    style = package / "styles" / "reportlib.mplstyle"
    style.write_text(style.read_text() + "\naxes.linewidth: 0.9\n")
    assert _action(paths) == "execute"


# what a ledger change re-runs (issue 29) ------------------------------------------------


def _exec_keys(paths: ProjectPaths) -> dict[str, str]:
    request = BuildRequest()
    tasks = planning.plan(paths, request, planning.resolve(paths, request)).tasks
    return {t.job.key: t.exec_key for t in tasks}


def _append(paths: ProjectPaths, table: str, cells: dict[str, str]) -> None:
    import csv
    import io

    path = paths.data / f"{table}.csv"
    header = next(csv.reader(io.StringIO(path.read_text())))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([cells.get(c, "") for c in header])
    text = path.read_text()
    path.write_text(text + ("" if text.endswith("\n") else "\n") + out.getvalue())


SOURCE = {"source_id": "zz-later", "publisher": "Test", "title": "A later report",
          "kind": "news"}  # fmt: skip
CLAIM = {"id": "zz-claim", "quantity": "casualties", "value": "7000", "qualifier": "about",
         "unit": "persons", "claimant": "National Intelligence Service", "period_start":
         "2024-12", "source_id": "zz-later", "locator": "para 1", "kind": "estimate",
         "reliability": "B", "cohort": "troops_total"}  # fmt: skip


def test_a_row_dated_after_an_as_of_re_runs_none_of_its_scenarios_reports(project_copy):
    """A claim (and its new source) dated after 9 April 2025 leaves the article and
    cross-checked reports' keys as they were; the latest reports, which admit it, re-run."""
    paths = ProjectPaths(project_copy)
    before = _exec_keys(paths)
    _append(paths, "sources", {**SOURCE, "date": "2026-06-01"})
    _append(paths, "claims", {**CLAIM, "claim_date": "2026-06-01", "period_end": "2026-05"})
    after = _exec_keys(paths)
    for key in before:
        if key.startswith(("article/", "cross-checked/")):
            assert after[key] == before[key], key
        else:
            assert after[key] != before[key], key


def test_a_row_dated_by_an_as_of_re_runs_its_scenarios_reports(project_copy):
    """The same claim dated before 9 April 2025 changes what cross-checked can see."""
    paths = ProjectPaths(project_copy)
    before = _exec_keys(paths)
    _append(paths, "sources", {**SOURCE, "date": "2025-04-01"})
    _append(paths, "claims", {**CLAIM, "claim_date": "2025-04-01", "period_end": "2025-03"})
    after = _exec_keys(paths)
    assert all(after[k] != before[k] for k in before if k.startswith("cross-checked/"))


@pytest.mark.parametrize("table", ["units.csv", "scenarios.toml", "judgments.toml"])
def test_an_undated_table_re_runs_every_report(project_copy, table):
    paths = ProjectPaths(project_copy)
    before = _exec_keys(paths)
    path = paths.data / table
    path.write_text(path.read_text() + ("\n" if table.endswith(".toml") else ""))
    if table == "units.csv":
        path.write_text(path.read_text() + "zz_unit,a test unit\n")
    after = _exec_keys(paths)
    assert all(after[k] != before[k] for k in before)


def test_a_published_edition_before_the_as_of_re_runs_only_that_scenario(project_copy):
    """The previous edition comes from the archive: publishing one before the latest
    as-of changes what the latest reports compare with (and their keys), nothing else."""
    paths = ProjectPaths(project_copy)
    before = _exec_keys(paths)
    edition = paths.editions / "2025-06-01"
    edition.mkdir(parents=True)
    (edition / "edition.json").write_text(json.dumps({"as_of": "2025-06-01", "scenario": "latest"}))
    after = _exec_keys(paths)
    assert all((after[k] != before[k]) == k.startswith("latest/") for k in before)


# what a scenario's sources admit (issue 29): the article scenario admits only the article

EARLY = {**SOURCE, "title": "An earlier report", "date": "2025-04-01"}
EARLY_CLAIM = {**CLAIM, "claim_date": "2025-04-01", "period_end": "2025-03"}


def _changed(before: dict[str, str], after: dict[str, str], scenario: str) -> set[bool]:
    """For each report of ``scenario``: whether its execution key changed."""
    return {after[k] != before[k] for k in before if k.startswith(f"{scenario}/")}


def test_a_row_from_a_source_a_scenario_does_not_admit_re_runs_none_of_its_reports(
    project_copy,
):
    """A claim, an event, a technology report and a factor from another source than the
    article, all dated before 9 April 2025, leave every article report's key as it was;
    the cross-checked and latest reports, which admit every source, re-run."""
    paths = ProjectPaths(project_copy)
    before = _exec_keys(paths)
    _append(paths, "sources", EARLY)
    _append(paths, "claims", EARLY_CLAIM)
    _append(paths, "events", {"id": "zz-event", "date": "2025-03-30", "event": "A test event",
                              "actor": "North Korea", "status": "occurred",
                              "source_id": "zz-later", "locator": "para 2",
                              "reliability": "B"})  # fmt: skip
    _append(paths, "technology", {"id": "zz-tech", "item": "A test item", "category":
                                  "air defence", "status": "reported", "claimant":
                                  "National Intelligence Service", "date": "2025-03-30",
                                  "source_id": "zz-later", "locator": "para 3",
                                  "reliability": "B"})  # fmt: skip
    _append(paths, "factors", {"id": "zz-factor", "side": "gain", "factor": "A test gain",
                               "claimant": "National Intelligence Service", "date":
                               "2025-03-30", "source_id": "zz-later", "locator": "para 4",
                               "reliability": "B"})  # fmt: skip
    after = _exec_keys(paths)
    assert _changed(before, after, "article") == {False}
    assert _changed(before, after, "cross-checked") == {True}
    assert _changed(before, after, "latest") == {True}


@pytest.mark.parametrize("table", ["claims", "events", "technology", "factors"])
def test_each_table_keeps_the_article_keys_for_another_sources_row(project_copy, table):
    """Each dated table by itself: its row from another source changes no article key."""
    paths = ProjectPaths(project_copy)
    before = _exec_keys(paths)
    _append(paths, "sources", EARLY)
    row = {
        "claims": EARLY_CLAIM,
        "events": {"id": "zz-event", "date": "2025-03-30", "event": "A test event",
                   "actor": "North Korea", "status": "occurred", "source_id": "zz-later",
                   "locator": "para 2", "reliability": "B"},
        "technology": {"id": "zz-tech", "item": "A test item", "category": "air defence",
                       "status": "reported", "claimant": "National Intelligence Service",
                       "date": "2025-03-30", "source_id": "zz-later", "locator": "para 3",
                       "reliability": "B"},
        "factors": {"id": "zz-factor", "side": "gain", "factor": "A test gain", "claimant":
                    "National Intelligence Service", "date": "2025-03-30", "source_id":
                    "zz-later", "locator": "para 4", "reliability": "B"},
    }[table]  # fmt: skip
    _append(paths, table, row)
    after = _exec_keys(paths)
    assert _changed(before, after, "article") == {False}
    assert _changed(before, after, "cross-checked") == {True}


def test_a_context_claim_from_any_source_re_runs_the_article_reports(project_copy):
    """Context series (GNI, budgets) serve every scenario whatever its sources: such a
    claim from another source, dated before the article's date, re-runs its reports."""
    paths = ProjectPaths(project_copy)
    before = _exec_keys(paths)
    _append(paths, "sources", EARLY)
    _append(paths, "claims", {**EARLY_CLAIM, "id": "zz-gni", "quantity": "gni_nominal",
                              "value": "30000000000", "unit": "USD", "claimant":
                              "Bank of Korea", "period_start": "2024", "period_end": "2024",
                              "cohort": ""})  # fmt: skip
    after = _exec_keys(paths)
    assert _changed(before, after, "article") == {True}
    assert _changed(before, after, "cross-checked") == {True}


def test_an_article_claim_relaying_another_source_keeps_that_claim_in_the_key(project_copy):
    """A claim the article relays is shown with it: editing the relayed claim, from a
    source the article scenario does not admit, re-runs the article reports."""
    paths = ProjectPaths(project_copy)
    _append(paths, "sources", EARLY)
    _append(paths, "claims", EARLY_CLAIM)
    _append(paths, "claims", {**EARLY_CLAIM, "id": "zz-relay", "source_id": "art",
                              "relays": "zz-claim"})  # fmt: skip
    before = _exec_keys(paths)
    path = paths.data / "claims.csv"
    text = path.read_text()
    assert "zz-claim,casualties,7000" in text
    path.write_text(text.replace("zz-claim,casualties,7000", "zz-claim,casualties,7500"))
    after = _exec_keys(paths)
    assert _changed(before, after, "article") == {True}


def test_a_row_a_role_names_is_kept_whatever_the_scenario_admits(project_copy):
    """The reports look up a row by its role (the troops' dispatch, the start of combat)
    whatever the scenario admits: editing one from another source than the article
    (the start of combat) re-runs the article reports."""
    paths = ProjectPaths(project_copy)
    before = _exec_keys(paths)
    path = paths.data / "events.csv"
    text = path.read_text()
    (line,) = [x for x in text.splitlines() if x.endswith(",combat-start")]
    assert ",art," not in line  # from another source: the article scenario does not admit it
    path.write_text(text.replace(line, line.replace(",2024-12,", ",2024-11,", 1)))
    after = _exec_keys(paths)
    assert _changed(before, after, "article") == {True}
