"""Metrics of today's ledger: the scenarios' inputs and results, worked out by hand.

These pin the live data in data/ (which claim each scenario selects, the latest as-of
date), so they sit in the data tier; the metrics' own rules are tested in tests/unit.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlib.analysis.metrics import sensitivity
from reportlib.analysis.scenarios import load_scenarios
from reportlib.ledger import load_ledger
from reportlib.params import validate_params
from reportlib.paths import project
from reportlib.report import load_report

PATHS = project()


def report_with(**values):
    """The report for these parameters (the others at their defaults) in this checkout."""
    params = validate_params(scenarios=load_scenarios(PATHS.data), **values)
    return load_report(params, PATHS)


@pytest.fixture(scope="module")
def article():
    return report_with(scenario="article", draws=2000).analysis


def test_article_inputs_are_the_articles_claims(article):
    i = article.inputs
    assert i["troops_initial"].provenance == ("art-troops-initial",)
    assert (i["troops_initial"].low, i["troops_initial"].high) == (
        10_000,
        12_000,
    )  # more than: +20%
    assert (i["troops_additional"].low, i["troops_additional"].high) == pytest.approx(
        (2_700, 3_300)
    )
    assert (i["casualties"].low, i["casualties"].high) == pytest.approx((3_600, 4_400))
    assert i["benefit_usd"].central == 3e9 and i["budget_share"].central == 0.30


def test_article_metrics_by_hand(article):
    """Central values are medians of the draws: close to the hand-worked figure at the
    stated values, and pulled the way each triangle leans ("more than" leans up)."""
    r = article.results
    assert r["troops_deployed"].central == pytest.approx(13_600, rel=0.02)  # 10,000+ + 3,000
    assert r["casualties"].central == pytest.approx(4_000, rel=0.01)
    # the rate divides by the troops the count covers: the first deployment, not the later wave
    assert r["casualty_rate"].central == pytest.approx(4_000 / 10_600, rel=0.02)
    assert r["implied_state_budget_usd"].central == pytest.approx(10e9, rel=0.01)  # 3 bn / 0.30
    assert r["benefit_per_casualty_usd"].central == pytest.approx(750_000, rel=0.01)
    # GNI known by 2025-04-09: the Bank of Korea's 2023 figure, 40.9 tn won at 1,400/USD
    assert r["benefit_share_of_gni"].central == pytest.approx(3e9 / 29.2e9, rel=0.01)
    # The article reports no pay per soldier: say so rather than guess
    assert not r["deployment_payment_per_casualty_usd"].available
    assert r["deployment_payment_per_casualty_usd"].missing == ("pay_per_soldier_month_usd",)


def test_ranges_bounded_by_input_extremes(article):
    r = article.results["benefit_per_casualty_usd"]
    assert 3e9 * 0.9 / 4_400 <= r.low <= r.central <= r.high <= 3e9 * 1.1 / 3_600


def test_cross_checked_adds_pay_and_alternatives():
    a = report_with(scenario="cross-checked", draws=2000).analysis
    assert a.inputs["troops_initial"].provenance == ("xc-jcs-initial",)  # grade A, latest
    assert a.inputs["gains_total_usd"].provenance == ("xc-kida-total",)
    assert a.results["deployment_payment_per_casualty_usd"].available
    # US$2,000 a month x about 11,000 troops x about 5 months (Oct 2024 to Mar 2025)
    assert a.results["deployment_payment_usd"].central == pytest.approx(2_000 * 11_000 * 5, rel=0.1)


def test_latest_stands_on_the_newest_report_of_any_kind():
    """The newest claim is of 2026-02-12; a technology report (and its source) of
    2026-05-12 is newer: latest stands on it, so no row waits for a later claim."""
    a = report_with(scenario="latest", draws=2000).analysis
    assert a.as_of == date(2026, 5, 12)
    assert a.inputs["casualties"].provenance == ("xc-nis-casualties-feb26",)


def test_overrides_replace_inputs():
    a = report_with(scenario="article", casualties=8000, benefit_usd=2e9, draws=500).analysis
    assert a.inputs["casualties"].provenance == ("parameter:casualties",)
    assert a.results["benefit_per_casualty_usd"].central == pytest.approx(250_000)


def test_sensitivity_ranks_inputs(article):
    rows = sensitivity(article.inputs, "benefit_per_casualty_usd")
    assert {r["input"] for r in rows} == {"benefit_usd", "casualties"}
    assert rows[0]["swing"] >= rows[-1]["swing"]


def test_json_is_base_units_and_deterministic():
    one = report_with(scenario="article", draws=1000, seed=7).analysis.as_json()
    two = report_with(scenario="article", draws=1000, seed=7).analysis.as_json()
    assert one == two
    data = json.loads(one)
    for key in (
        "troops_deployed",
        "casualties",
        "casualty_rate",
        "benefit_usd",
        "implied_state_budget_usd",
        "benefit_per_deployed_soldier_usd",
        "benefit_per_casualty_usd",
    ):
        assert set(data[key]) >= {"central", "low", "high", "unit"}
    assert data["benefit_usd"]["central"] == pytest.approx(3e9, rel=0.01)
    assert data["casualty_rate"]["unit"] == "share"


LEDGER = load_ledger(PATHS.data)
SCENARIOS = load_scenarios(PATHS.data)


@settings(max_examples=60, deadline=None)
@given(st.dates(date(2023, 1, 1), date(2026, 6, 30)), st.sampled_from(sorted(SCENARIOS)))
def test_as_of_never_admits_a_later_claim(as_of, name):
    claims = SCENARIOS[name].claims(LEDGER, as_of)
    assert (claims["claim_end"] <= as_of).all()
    later = LEDGER.claims[LEDGER.claims["claim_start"] > as_of + timedelta(days=0)]
    assert not set(later["id"]) & set(claims["id"])
