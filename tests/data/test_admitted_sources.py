"""The cache key's promise, checked on real builds (issue 29): a report's key covers only
the ledger rows its scenario admits (``builds.cache.admitted_digest``), so rows from a
source the scenario does not admit must change nothing a reader of its reports sees.

The article scenario admits the article alone. Rows from another source, dated before the
article's date (a claim of a figure the article gives, an event, a technology report, a
factor), are put at the top of their tables (so every admitted row moves in its file);
the article reports, built again without the cache, must be the same in their HTML's
text, their PDF's text and their facts, and their keys the same. One scenario is built,
twice (the machine is slow).
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest

from reportlib.analysis.scenarios import load_scenarios
from reportlib.builds import planning
from reportlib.builds.tasks import BuildRequest
from reportlib.ledger import load_ledger, validate_ledger
from reportlib.paths import ProjectPaths
from tests.rendering import build_reports, copy_project

pytestmark = pytest.mark.slow

SCENARIO = "article"
FOREIGN = "zz-other"

#: Rows from a source the article scenario does not admit, dated before 9 April 2025.
ROWS = {
    "sources": [
        {"source_id": FOREIGN, "publisher": "Another outlet", "title": "An earlier report",
         "date": "2025-04-01", "kind": "news"},
    ],
    "claims": [
        {"id": "zz-troops", "quantity": "troops_initial", "value": "13000", "qualifier":
         "about", "unit": "persons", "claimant": "National Intelligence Service",
         "claim_date": "2025-04-01", "period_start": "2024-10", "period_end": "2024-12",
         "source_id": FOREIGN, "locator": "para 1", "kind": "estimate", "reliability": "B",
         "cohort": "troops_initial"},
        {"id": "zz-casualties", "quantity": "casualties", "value": "7000", "qualifier":
         "about", "unit": "persons", "claimant": "National Intelligence Service",
         "claim_date": "2025-04-01", "period_start": "2024-12", "period_end": "2025-03",
         "source_id": FOREIGN, "locator": "para 2", "kind": "estimate", "reliability": "B",
         "cohort": "troops_total"},
    ],
    "events": [
        {"id": "zz-event", "date": "2025-03-30", "event": "Troops move to a new front",
         "actor": "North Korea", "status": "occurred", "source_id": FOREIGN,
         "locator": "para 3", "reliability": "B"},
    ],
    "technology": [
        {"id": "zz-tech", "item": "Air-defence radars", "category": "air defence",
         "status": "reported", "claimant": "National Intelligence Service",
         "date": "2025-03-30", "source_id": FOREIGN, "locator": "para 4",
         "reliability": "B"},
    ],
    "factors": [
        {"id": "zz-factor", "side": "gain", "factor": "Experience of artillery duels",
         "claimant": "National Intelligence Service", "date": "2025-03-30",
         "source_id": FOREIGN, "locator": "para 5", "reliability": "B"},
    ],
}  # fmt: skip


def _put_first(data: Path, table: str, rows: list[dict[str, str]]) -> None:
    """``rows`` at the top of ``table``, right under its header."""
    path = data / f"{table}.csv"
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    columns = next(csv.reader(io.StringIO(header)))
    out = io.StringIO()
    csv.DictWriter(out, columns, lineterminator="\n").writerows(
        [{c: r.get(c, "") for c in columns} for r in rows]
    )
    path.write_text(header + "\n" + out.getvalue() + body, encoding="utf-8")


def _exec_keys(paths: ProjectPaths) -> dict[str, str]:
    request = BuildRequest(scenario=SCENARIO)
    tasks = planning.plan(paths, request, planning.resolve(paths, request)).tasks
    return {t.job.key: t.exec_key for t in tasks}


def _seen(root: Path, output: Path) -> dict[str, tuple[str, str, list]]:
    """Each report of the scenario as a reader sees it, built without the cache."""
    edition = build_reports(root, output, scenario=SCENARIO)
    failures = edition.failures()
    assert not failures, "\n".join(failures[:5])
    return {n: (b.html, b.pdf, b.facts) for n, b in edition[SCENARIO].items()}


def test_rows_from_a_source_the_scenario_does_not_admit_change_nothing_in_it() -> None:
    with tempfile.TemporaryDirectory(prefix="reportlib-admitted-") as tmp:
        root = copy_project(Path(tmp) / "project")
        paths = ProjectPaths(root, Path(tmp) / "keys")
        before, keys_before = _seen(root, Path(tmp) / "before"), _exec_keys(paths)
        for table, rows in ROWS.items():
            _put_first(root / "data", table, rows)
        assert not validate_ledger(root / "data", root), "the test's rows must check"
        # the rows are admitted where every source is: they are seen, only not here
        ledger = load_ledger(root / "data", root)
        everything = load_scenarios(root / "data")["cross-checked"]
        assert {"zz-troops", "zz-casualties"} <= set(everything.claims(ledger)["id"])
        assert "zz-factor" in set(everything.admitted(ledger, ledger.factors)["id"])
        after, keys_after = _seen(root, Path(tmp) / "after"), _exec_keys(paths)
        assert sorted(after) == sorted(before)
        for notebook, (html, pdf, facts) in before.items():
            now = after[notebook]
            assert now[0] == html, f"{SCENARIO}/{notebook}: the HTML's text changed"
            assert now[1] == pdf, f"{SCENARIO}/{notebook}: the PDF's text changed"
            assert now[2] == facts, f"{SCENARIO}/{notebook}: the facts changed"
        assert keys_after == keys_before, "the rows changed the article reports' keys"
