"""A bound is rounded the safe way (review 03-M2): a floor ("more than") down, a ceiling
("up to") up, so the printed figure never says more than its source; one rule,
``formatting.BOUNDS``, for every unit a bound is shown in."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportlib.formatting import (
    BOUNDS,
    NOISE_DIGITS,
    bound_direction,
    fmt_bound,
    fmt_stated,
    fmt_value,
)

UNITS = ("USD", "USD/person-month", "persons", "share", "multiple", "months")
SCALE = {"billion": 1e9, "million": 1e6}


def printed(text: str, unit: str) -> float:
    """The number a formatted figure says, in the unit's base units."""
    m = re.search(r"(-?[\d,]+(?:\.\d+)?)(%)?(?: (billion|million))?", text)
    assert m is not None, text
    number = float(m[1].replace(",", ""))
    if m[2]:
        number /= 100
    return number * SCALE.get(m[3] or "", 1.0)


@pytest.mark.parametrize(
    ("value", "qualifier", "unit", "text"),
    [
        # Wi Sung-lac's "more than US$200 million" over 10,000 troops and 12 months: 1,667
        (200e6 / 10_000 / 12, "more than", "USD/person-month", "more than US$1,660 a month"),
        (1_667, "at least", "USD", "at least US$1,660"),
        (20.1e9, "up to", "USD", "up to US$20.1 billion"),
        (19.2e9, "up to", "USD", "up to US$19.2 billion"),  # two figures, 20, move it 4%
        (3.04e9, "more than", "USD", "more than US$3.0 billion"),
        (20.1e9 / 3.0e9, "up to", "multiple", "up to 6.7 times"),  # 6.700000000000001
        (5.58, "up to", "multiple", "up to 5.6 times"),
        (10_050, "more than", "persons", "more than 10,000"),
        (0.29, "more than", "share", "more than 29%"),  # 0.2899... in binary: still 29%
        (0.374, "fewer than", "share", "fewer than 38%"),
        (1_667, "about", "USD", "US$1,700"),  # no bound: the nearest, and no hedge
    ],
)
def test_a_bound_is_rounded_the_safe_way(value, qualifier, unit, text):
    assert fmt_bound(value, qualifier, unit) == text


def test_a_claim_as_stated_keeps_the_rule():
    assert fmt_stated(10_050, "more than", "persons") == "more than 10,000"
    assert fmt_stated(5_750e6, "up to", "USD") == "up to US$5.8 billion"
    assert fmt_stated(1_667, "about", "USD") == "about US$1,700"


def test_every_floor_and_ceiling_is_declared_once():
    assert {q for q, d in BOUNDS.items() if d == "down"} == {"more than", "at least"}
    assert {q for q, d in BOUNDS.items() if d == "up"} == {"up to", "nearly", "fewer than"}
    assert bound_direction("about") == bound_direction("") == "nearest"


#: a printed figure may differ from the value only by arithmetic's binary noise, which the
#: rounding reads past (``NOISE_DIGITS``)
NOISE = 10.0 ** (1 - NOISE_DIGITS)


@given(
    st.floats(min_value=1e-3, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.sampled_from(sorted(BOUNDS)),
    st.sampled_from(UNITS),
)
def test_the_printed_bound_never_overstates(value, qualifier, unit):
    """A floor is never printed above its value, a ceiling never below it."""
    if unit == "share":
        value = value / 1e12  # a share is 0-1
    text = fmt_bound(value, qualifier, unit)
    assert text.startswith(qualifier + " "), text
    shown = printed(text, unit)
    slack = NOISE * abs(value)
    if BOUNDS[qualifier] == "down":
        assert shown <= value + slack, (value, text)
    else:
        assert shown >= value - slack, (value, text)


@given(st.floats(min_value=1e-3, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_no_bound_is_the_nearest_as_before(value):
    assert fmt_bound(value, "about", "USD") == fmt_value(value, "USD")
