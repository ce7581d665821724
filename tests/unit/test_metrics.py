"""Metrics against values worked out by hand, plus properties (hypothesis)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlib.analysis.inputs import Input
from reportlib.analysis.judgments import confidence_level, likelihood_term
from reportlib.analysis.metrics import break_even_technology_value, compute, sensitivity
from reportlib.analysis.scenarios import load_scenarios
from reportlib.ledger import load_ledger
from reportlib.report import open_report


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
    a = open_report(scenario="cross-checked", draws=2000).analysis
    assert a.inputs["troops_initial"].provenance == ("xc-jcs-initial",)  # grade A, latest
    assert a.inputs["gains_total_usd"].provenance == ("xc-kida-total",)
    assert a.results["deployment_payment_per_casualty_usd"].available
    # US$2,000 a month x about 11,000 troops x about 5 months (Oct 2024 to Mar 2025)
    assert a.results["deployment_payment_usd"].central == pytest.approx(2_000 * 11_000 * 5, rel=0.1)


def test_latest_uses_newest_claim_date():
    a = open_report(scenario="latest", draws=2000).analysis
    assert a.as_of == date(2025, 12, 12)
    assert a.inputs["casualties"].provenance == ("xc-ukmod-casualties",)


def test_overrides_replace_inputs():
    a = open_report(scenario="article", casualties=8000, benefit_usd=2e9, draws=500).analysis
    assert a.inputs["casualties"].provenance == ("parameter:casualties",)
    assert a.results["benefit_per_casualty_usd"].central == pytest.approx(250_000)  # points


def test_sensitivity_ranks_inputs(article):
    rows = sensitivity(article.inputs, "benefit_per_casualty_usd")
    assert {r["input"] for r in rows} == {"benefit_usd", "casualties"}
    assert rows[0]["swing"] >= rows[-1]["swing"]


def test_break_even():
    assert break_even_technology_value(1_000_000, 3e9, 4_000) == pytest.approx(1e9)
    assert break_even_technology_value(500_000, 3e9, 4_000) == 0.0
    grid = break_even_technology_value(np.array([1e6, 2e6]), 3e9, 4_000)
    assert grid.tolist() == [1e9, 5e9]


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
    assert data["benefit_usd"]["central"] == pytest.approx(3e9, rel=0.01)
    assert data["casualty_rate"]["unit"] == "share"


@pytest.mark.parametrize(
    ("p", "term"),
    [
        (0.02, "almost no chance"),
        (0.1, "very unlikely"),
        (0.3, "unlikely"),
        (0.5, "roughly even chance"),
        (0.7, "likely"),
        (0.9, "very likely"),
        (0.97, "almost certain"),
    ],
)
def test_likelihood_terms(p, term):
    assert likelihood_term(p) == term


def test_likelihood_rejects_non_probabilities():
    with pytest.raises(ValueError, match="expected a number from 0 to 1"):
        likelihood_term(1.2)


def test_confidence_levels():
    assert confidence_level([1.0, 0.8], 2) == "high"
    assert confidence_level([1.0], 1) == "moderate"
    assert confidence_level([0.5, 0.4], 2) == "moderate"
    assert confidence_level([0.4], 1) == "low"


# --- properties -------------------------------------------------------------------------

positive = st.floats(min_value=1.0, max_value=1e10, allow_nan=False, allow_infinity=False)


@st.composite
def an_input(draw, name: str, unit: str = "persons"):
    central = draw(positive)
    low = central * draw(st.floats(0.5, 1.0))
    high = central * draw(st.floats(1.0, 1.5))
    return Input(name, central, low, high, unit, (f"test-{name}",))


@st.composite
def input_sets(draw):
    return {
        "troops_initial": draw(an_input("troops_initial")),
        "casualties": draw(an_input("casualties")),
        "benefit_usd": draw(an_input("benefit_usd", "USD")),
        "budget_share": Input("budget_share", 0.3, 0.27, 0.33, "share", ("x",)),
    }


@settings(max_examples=40, deadline=None)
@given(input_sets(), st.integers(0, 2**32))
def test_ranges_contain_central(inputs, seed):
    for r in compute(inputs, 300, seed).values():
        if r.available:
            assert r.low <= r.central <= r.high


@settings(max_examples=40, deadline=None)
@given(input_sets(), st.floats(1, 1e6), st.floats(1, 1e6))
def test_more_casualties_never_raise_benefit_per_casualty(inputs, a, b):
    fewer, more = sorted((a, b))

    def per_casualty(c):
        pinned = {**inputs, "casualties": Input("casualties", c, c, c, "persons", ("p",))}
        return compute(pinned, 200, 1)["benefit_per_casualty_usd"]

    lo, hi = per_casualty(fewer), per_casualty(more)
    assert hi.central <= lo.central and hi.high <= lo.high and hi.low <= lo.low


@settings(max_examples=20, deadline=None)
@given(input_sets(), st.integers(0, 2**32))
def test_same_seed_same_result(inputs, seed):
    assert compute(inputs, 500, seed) == compute(inputs, 500, seed)


LEDGER = load_ledger()
SCENARIOS = load_scenarios()


@settings(max_examples=60, deadline=None)
@given(st.dates(date(2023, 1, 1), date(2026, 6, 30)), st.sampled_from(sorted(SCENARIOS)))
def test_as_of_never_admits_a_later_claim(as_of, name):
    claims = SCENARIOS[name].claims(LEDGER, as_of)
    assert (claims["claim_end"] <= as_of).all()
    later = LEDGER.claims[LEDGER.claims["claim_start"] > as_of + timedelta(days=0)]
    assert not set(later["id"]) & set(claims["id"])
