"""Metrics against values worked out by hand, plus properties (hypothesis).

Inputs are built here, never read from data/ (the scenarios of today's ledger are tested
in tests/data/test_metrics_data.py).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlib.analysis.inputs import Input
from reportlib.analysis.judgments import confidence_level, likelihood_term
from reportlib.analysis.metrics import break_even_technology_value, compute


def test_break_even():
    assert break_even_technology_value(1_000_000, 3e9, 4_000) == pytest.approx(1e9)
    assert break_even_technology_value(500_000, 3e9, 4_000) == 0.0
    grid = break_even_technology_value(np.array([1e6, 2e6]), 3e9, 4_000)
    assert grid.tolist() == [1e9, 5e9]


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
