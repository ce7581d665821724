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


def open_report(**values):
    """The report for these parameters (the others at their defaults) in this checkout."""
    params = validate_params(scenarios=load_scenarios(PATHS.data), **values)
    return load_report(params, PATHS)


@pytest.fixture(scope="module")
def article():
    return open_report(scenario="article", draws=2000).analysis


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
    r = article.results
    assert r["troops_deployed"].central == 13_000  # 10,000 + 3,000
    assert r["casualties"].central == 4_000
    assert r["casualty_rate"].central == pytest.approx(4_000 / 13_000)
    assert r["implied_state_budget_usd"].central == pytest.approx(10e9)  # 3 bn / 0.30
    assert r["benefit_per_deployed_soldier_usd"].central == pytest.approx(3e9 / 13_000)
    assert r["benefit_per_casualty_usd"].central == pytest.approx(750_000)  # 3 bn / 4,000
    # GNI known by 2025-04-09: the Bank of Korea's 2023 figure, 40.9 tn won at 1,400/USD
    assert r["benefit_share_of_gni"].central == pytest.approx(3e9 / 29.2e9)
    # The article gives no killed figure: say so rather than guess
    assert not r["benefit_per_death_usd"].available
    assert r["benefit_per_death_usd"].missing == ("killed",)


def test_ranges_bounded_by_input_extremes(article):
    r = article.results["benefit_per_casualty_usd"]
    assert 3e9 * 0.9 / 4_400 <= r.low <= r.central <= r.high <= 3e9 * 1.1 / 3_600


def test_cross_checked_adds_killed_and_alternatives():
    a = open_report(scenario="cross-checked", draws=2000).analysis
    assert a.inputs["troops_initial"].provenance == ("xc-jcs-initial",)  # grade A, latest
    assert a.inputs["gains_total_usd"].provenance == ("xc-kida-total",)
    assert a.results["benefit_per_death_usd"].available
    assert a.results["pay_based_annual_usd"].central == pytest.approx(2_000 * 12 * 14_000)


def test_latest_uses_newest_claim_date():
    a = open_report(scenario="latest", draws=2000).analysis
    assert a.as_of == date(2025, 12, 12)
    assert a.inputs["casualties"].provenance == ("xc-ukmod-casualties",)


def test_overrides_replace_inputs():
    a = open_report(scenario="article", casualties=8000, benefit_usd=2e9, draws=500).analysis
    assert a.inputs["casualties"].provenance == ("parameter:casualties",)
    assert a.results["benefit_per_casualty_usd"].central == pytest.approx(250_000)


def test_sensitivity_ranks_inputs(article):
    rows = sensitivity(article.inputs, "benefit_per_casualty_usd")
    assert {r["input"] for r in rows} == {"benefit_usd", "casualties"}
    assert rows[0]["swing"] >= rows[-1]["swing"]


def test_json_is_base_units_and_deterministic():
    one = open_report(scenario="article", draws=1000, seed=7).analysis.as_json()
    two = open_report(scenario="article", draws=1000, seed=7).analysis.as_json()
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
    assert data["benefit_usd"]["central"] == 3e9 and data["casualty_rate"]["unit"] == "share"


LEDGER = load_ledger(PATHS.data)
SCENARIOS = load_scenarios(PATHS.data)


@settings(max_examples=60, deadline=None)
@given(st.dates(date(2023, 1, 1), date(2026, 6, 30)), st.sampled_from(sorted(SCENARIOS)))
def test_as_of_never_admits_a_later_claim(as_of, name):
    claims = SCENARIOS[name].claims(LEDGER, as_of)
    assert (claims["claim_end"] <= as_of).all()
    later = LEDGER.claims[LEDGER.claims["claim_start"] > as_of + timedelta(days=0)]
    assert not set(later["id"]) & set(claims["id"])
