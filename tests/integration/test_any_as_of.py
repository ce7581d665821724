"""Every report of every scenario builds to PDF at any as-of date from the ledger's first
report on (issue 27): one grid build, as ``reportlib build -p as_of=A,B,...`` makes it, at
a handful of dates read from the ledger, every audit passing.

The dates: the ledger's first report (almost nothing known), 1 February 2025 (before the
article: no key figure yet, which once stopped Typst on an empty table), the date by which
half the claims had been made, and the newest report. The reports are the catalogue's, the scenarios
``data/scenarios.toml``'s: a new notebook or scenario is covered without editing this.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reportlib.analysis.scenarios import first_report
from reportlib.ledger import check_ledger, load_ledger
from tests.rendering import ROOT, Edition, build_reports, catalogue

pytestmark = pytest.mark.slow

NOTEBOOKS, SCENARIOS = catalogue()
BEFORE_THE_ARTICLE = date(2025, 2, 1)


def as_of_dates(data: Path = ROOT / "data") -> list[date]:
    """The dates the grid builds at, from the ledger (see the module's docstring)."""
    first = first_report(data)
    assert first is not None, "the ledger dates no source"
    made = sorted(load_ledger(data, data.parent).claims["claim_end"])
    newest = check_ledger(data)[1]
    assert newest is not None, "the ledger does not check"
    return sorted({first, BEFORE_THE_ARTICLE, made[len(made) // 2], newest})


@pytest.fixture(scope="module")
def grid(tmp_path_factory) -> Edition:
    dates = [d.isoformat() for d in as_of_dates()]
    return build_reports(ROOT, tmp_path_factory.mktemp("any-as-of"), as_of=dates)


def test_the_dates_start_at_the_first_report_and_cross_the_article():
    dates = as_of_dates()
    assert dates[0] == first_report(ROOT / "data")
    assert BEFORE_THE_ARTICLE in dates and len(dates) >= 3


def test_every_report_of_every_scenario_builds_at_every_date(grid: Edition):
    runs = [f"as_of={d.isoformat()}" for d in as_of_dates()]
    expected = {(r, s, n) for r in runs for s in SCENARIOS for n in NOTEBOOKS}
    assert {(b.run, b.scenario, b.notebook) for b in grid} == expected
    failures = grid.failures()
    assert not failures, f"{len(failures)} of {len(expected)} reports failed:\n" + "\n".join(
        failures[:10]
    )


def test_each_pdf_says_its_date_and_that_it_is_a_what_if(grid: Edition):
    for b in grid:
        day = date.fromisoformat(b.run.removeprefix("as_of="))
        assert f"as of {day.isoformat()}" in b.pdf, b  # the running footer
        assert "What-if run, not a canonical report" in b.pdf, b
