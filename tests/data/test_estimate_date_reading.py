"""The ministry's benefit estimate per casualty set against the casualties known at the
estimate's own date is its own metric (``benefit_per_casualty_at_estimate_date_usd``),
computed in the analysis from the analysis as of that date (issue 27)."""

from __future__ import annotations

from reportlib.analysis.readings import AT_ESTIMATE_DATE, CUMULATIVE
from reportlib.ledger import parse_partial_date
from reportlib.report import report_with


def test_a_later_count_is_replaced_by_the_count_of_the_estimates_date():
    report = report_with(scenario="latest", draws=2000)
    reading = report.analysis.at_estimate_date
    assert reading.matched and not reading.differs
    benefit = report.ledger.claim(report.analysis.inputs["benefit_usd"].claim_id)
    ends = parse_partial_date(str(benefit.claim_date)).end
    then = report_with(scenario="latest", draws=2000, as_of=ends.isoformat())
    early, now = then.analysis.results[CUMULATIVE], report.analysis.results
    at = now[AT_ESTIMATE_DATE]
    assert (at.central, at.low, at.high) == (early.central, early.low, early.high)
    assert at.central != now[CUMULATIVE].central  # two readings, two ids, two values
    assert reading.casualties == then.analysis.inputs["casualties"].claim_id


def test_a_count_known_at_the_estimates_date_gives_the_cumulative_figure():
    report = report_with(scenario="article", draws=2000)
    r = report.analysis.results
    assert not report.analysis.at_estimate_date.matched
    at, cum = r[AT_ESTIMATE_DATE], r[CUMULATIVE]
    assert (at.central, at.low, at.high) == (cum.central, cum.low, cum.high)


def test_a_what_if_count_has_no_date_to_match():
    report = report_with(scenario="latest", draws=2000, casualties=9000)
    r = report.analysis.results
    assert r[AT_ESTIMATE_DATE].central == r[CUMULATIVE].central
