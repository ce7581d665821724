"""Any valid parameters render every report true and audited: an as-of date anywhere from
the ledger's first report to 2030 (before the deployment, between two counts, after every
claim), and any what-if reading of the figures. A what-if run says so under its title,
in a reader's words, with the settings it changed.

Each example is a what-if build, as ``reportlib build --scenario S -p ...`` makes it
(``tests/rendering.py``: the HTML and Typst PDF exporters, the audit of both), into a
temporary folder; the same profiles as the generated ledgers (``make test-fuzz`` runs more
examples from a random seed it prints).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, note
from hypothesis import strategies as st

from reportlib.analysis.scenarios import first_report
from reportlib.params import ParameterError
from reportlib.report import report_with
from tests.data.test_generated_ledgers import NOTEBOOKS, SCENARIOS, fuzzed
from tests.rendering import ROOT, build_reports

FIRST = first_report(ROOT / "data")

pytestmark = pytest.mark.slow

what_if = st.fixed_dictionaries(
    {},
    optional={
        "as_of": st.dates(min_value=FIRST, max_value=date(2030, 12, 31)).map(date.isoformat),
        "casualties": st.integers(0, 200_000),
        "troops": st.integers(1, 500_000),
        "benefit_usd": st.sampled_from([0, 1e6, 3e9, 5e10]),
        "budget_share": st.sampled_from([0.01, 0.3, 1.0]),
        "benefit_period": st.sampled_from(["cumulative", "yearly"]),
        "pay_per_soldier_month_usd": st.sampled_from([0, 500, 2000, 10_000]),
    },
)


@fuzzed
@given(scenario=st.sampled_from(SCENARIOS), params=what_if)
@example(scenario="article", params={"as_of": FIRST.isoformat()})  # the ledger's first report
@example(scenario="article", params={"as_of": "2025-02-01"})  # no key figure yet (issue 27)
@example(scenario="article", params={"as_of": "2024-11-01"})  # before any count
@example(scenario="cross-checked", params={"as_of": "2024-06-01"})  # before the deployment
@example(scenario="latest", params={"as_of": "2030-01-01", "casualties": 0})
def test_any_parameters_render_every_report_true_and_audited(scenario, params):
    note(
        f"reportlib build --scenario {scenario} " + " ".join(f"-p {k}={params[k]}" for k in params)
    )
    try:  # casualties above the troops they are counted among: refused, in one line
        report_with(scenario=scenario, **params)
    except ParameterError as exc:
        assert "expected casualties at most the troops" in str(exc), exc
        return
    with tempfile.TemporaryDirectory(prefix="reportlib-what-if-") as tmp:
        edition = build_reports(ROOT, Path(tmp), scenario=scenario, **params)
    failures = edition.failures()
    assert not failures, "\n".join(failures[:5])
    reports = edition[scenario]
    assert sorted(reports) == sorted(NOTEBOOKS)
    for report in reports.values():  # each report says it is a what-if, under its title
        for text in (report.html, report.pdf):
            assert ("What-if run, not a canonical report:" in text) == bool(params), report
