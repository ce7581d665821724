from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportlib.ledger.dates import parse_partial_date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2025-04-09", date(2025, 4, 9), date(2025, 4, 9), "day"),
        ("2025-03", date(2025, 3, 1), date(2025, 3, 31), "month"),
        ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31), "quarter"),
        ("2025-H2", date(2025, 7, 1), date(2025, 12, 31), "half"),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
    ],
)
def test_parse_spans(text, start, end, precision):
    d = parse_partial_date(text)
    assert (d.start, d.end, d.precision, str(d)) == (start, end, precision, text)


@pytest.mark.parametrize("text", ["2025-13-45", "2025-13", "2025-Q5", "April 2025", "", "25-01-01"])
def test_rejects_bad_dates(text):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_partial_date(text)


def test_partial_date_known_only_when_whole_span_is_past():
    assert parse_partial_date("2025-03").known_by(date(2025, 4, 9))
    assert not parse_partial_date("2025-Q2").known_by(date(2025, 4, 9))
    assert parse_partial_date("2025-04-09").known_by(date(2025, 4, 9))


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_day_round_trip(d):
    parsed = parse_partial_date(d.isoformat())
    assert parsed.start == parsed.end == d
