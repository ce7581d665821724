"""An estimate of the troop deal per soldier and month on the troops its source assumed,
and how it stands against the inferred pay (issue 28, 03-M2)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from reportlib.analysis.balance import CLOSE_TO, FAR_ABOVE, SoldierRate, soldier_rate

NAN = float("nan")


def claim(value, low=NAN, high=NAN, troops=10_000.0):
    return SimpleNamespace(id="c", value=value, low=low, high=high, troops_assumed=troops)


def test_a_yearly_estimate_is_divided_by_its_troops_and_twelve_months():
    rate = soldier_rate(claim(200e6, 200e6, 240e6), yearly=True)
    assert rate is not None
    assert rate.troops == 10_000
    assert rate.value == pytest.approx(200e6 / 10_000 / 12)
    assert (rate.low, rate.high) == pytest.approx((200e6 / 120_000, 240e6 / 120_000))


def test_a_claim_without_its_range_takes_its_value_at_both_ends():
    rate = soldier_rate(claim(280e6, troops=14_000.0), yearly=True)
    assert rate is not None and rate.low == rate.value == rate.high


@pytest.mark.parametrize("troops", [NAN, 0.0, -1.0, None])
def test_no_rate_without_the_troops_its_source_assumed(troops):
    assert soldier_rate(claim(200e6, troops=troops), yearly=True) is None


def test_no_rate_for_a_figure_over_another_period():
    assert soldier_rate(claim(200e6), yearly=False) is None


@pytest.mark.parametrize(
    ("low", "value", "high", "word"),
    [
        (1_667, 1_667, 2_000, "close to"),  # Wi Sung-lac: the NIS rate on fewer troops
        (2_667, 2_667, 11_167, "far above"),  # INSS: mercenary pricing at the top
        (4_100, 5_000, 6_000, "far above throughout"),
        (2_700, 2_700, 2_700, "above"),
        (1_000, 1_000, 1_000, "below"),
    ],
)
def test_a_rate_against_the_inferred_pay(low, value, high, word):
    assert SoldierRate("c", 10_000, low, value, high).against(2_000) == word


def test_the_thresholds_bound_each_word():
    at = SoldierRate("c", 1, 1.0, 1.0, FAR_ABOVE)
    assert at.against(1.0) == "far above"
    just_below = SoldierRate("c", 1, 1.0, CLOSE_TO, FAR_ABOVE * 0.99)
    assert just_below.against(1.0) == "close to"
    beyond = SoldierRate("c", 1, 1.0, CLOSE_TO * 1.01, FAR_ABOVE * 0.99)
    assert beyond.against(1.0) == "above"


def test_a_stated_rate_is_kept_and_is_what_the_comparisons_use():
    """03-M2: KIDA states at least US$2,000 a soldier a month for 14,000 troops; its rounded
    total (US$280 million) implies US$1,667. The stated rate is kept beside the quotient,
    and the comparison with the inferred pay is on the stated rate."""
    c = claim(280e6, troops=14_000.0)
    c.rate_assumed, c.rate_qualifier = 2_000.0, "at least"
    rate = soldier_rate(c, yearly=True)
    assert rate is not None
    assert rate.value == pytest.approx(280e6 / 14_000 / 12)
    assert (rate.stated, rate.stated_qualifier) == (2_000.0, "at least")
    assert rate.multiples(2_000.0) == (1.0, 1.0, 1.0)
    assert rate.against(1_000.0) == "far above throughout"


def test_without_a_stated_rate_the_quotient_is_compared():
    rate = soldier_rate(claim(280e6, troops=14_000.0), yearly=True)
    assert rate is not None and rate.stated is None
    assert rate.multiples(2_000.0)[1] == pytest.approx(280e6 / 14_000 / 12 / 2_000)
