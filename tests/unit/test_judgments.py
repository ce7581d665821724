"""ICD 203 bands applied exactly, and the typed model of data/judgments.toml."""

from __future__ import annotations

from fractions import Fraction

import pytest

from reportlib.analysis.judgments import (
    LIKELIHOOD_BANDS,
    JudgmentSpec,
    band,
    likelihood_term,
    on_scale,
)

BOUNDARIES = [(upper, term) for upper, term in LIKELIHOOD_BANDS[:-1]]


@pytest.mark.parametrize(("upper", "term"), BOUNDARIES)
def test_a_boundary_takes_the_lower_band(upper, term):
    assert likelihood_term(upper) == term
    assert likelihood_term(float(upper)) == term
    above = LIKELIHOOD_BANDS[[t for _, t in LIKELIHOOD_BANDS].index(term) + 1][1]
    assert likelihood_term(upper + Fraction(1, 10**6)) == above


def test_float_noise_does_not_cross_a_boundary():
    assert 0.90 + 0.05 == 0.9500000000000001  # the trap
    assert likelihood_term(0.90 + 0.05) == "very likely"
    assert 0.7 + 0.1 < 0.8 and likelihood_term(0.7 + 0.1) == "likely"


@pytest.mark.parametrize(
    ("p", "term"),
    [
        (Fraction(1, 50), "almost no chance"),
        (0.1, "very unlikely"),
        (0.3, "unlikely"),
        (0.5, "roughly even chance"),
        (0.7, "likely"),
        (0.9, "very likely"),
        (0.97, "almost certain"),
    ],
)
def test_terms_inside_bands(p, term):
    assert likelihood_term(p) == term
    low, high = band(term)
    assert low < Fraction(str(p)) <= high


def test_scale_runs_from_one_to_ninety_nine_percent():
    assert on_scale(Fraction(0)) == Fraction(1, 100)
    assert on_scale(Fraction(1)) == Fraction(99, 100)
    assert on_scale(Fraction(1, 2)) == Fraction(1, 2)


def test_rejects_non_probabilities():
    with pytest.raises(ValueError, match="expected a number from 0 to 1"):
        likelihood_term(1.2)
    with pytest.raises(ValueError, match="expected one of"):
        band("probably")


def test_spec_needs_the_fields_of_its_kind():
    with pytest.raises(ValueError, match="needs 'metric' and 'threshold'"):
        JudgmentSpec(id="x", kind="metric", proposition="p", why="w")
    with pytest.raises(ValueError, match="needs 'category'"):
        JudgmentSpec(id="x", kind="technology", proposition="p", why="w")
    with pytest.raises(ValueError, match="states 'why'"):
        JudgmentSpec(id="x", kind="metric", metric="m", threshold=1, proposition="p")
    spec = JudgmentSpec(id="x", kind="metric", metric="m", threshold=1, proposition="p", why="w")
    assert spec.comparison == "above"
