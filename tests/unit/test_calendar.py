"""Calendar-true ages: whole calendar months, never days divided by an average month."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportlib.analysis.calendar import age_words, whole_months


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2026, 2, 12), date(2026, 5, 12), 3),  # 89 days: three calendar months
        (date(2026, 2, 12), date(2026, 5, 11), 2),
        (date(2025, 1, 31), date(2025, 2, 28), 1),  # the last day of a shorter month
        (date(2024, 1, 31), date(2024, 2, 28), 0),  # 2024 is a leap year: not yet
        (date(2024, 10, 1), date(2026, 2, 12), 16),
        (date(2026, 5, 12), date(2026, 2, 12), 0),
    ],
)
def test_whole_months(start: date, end: date, months: int) -> None:
    assert whole_months(start, end) == months


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 400))
def test_adding_n_months_gives_n(start: date, n: int) -> None:
    y, m = divmod(start.month - 1 + n, 12)
    day = min(start.day, 28)
    begin = start.replace(day=day)
    end = date(start.year + y, m + 1, day)
    assert whole_months(begin, end) == n


def test_age_words() -> None:
    assert age_words(0) == "less than a month"
    assert age_words(1) == "1 month"
    assert age_words(3) == "3 months"
    assert age_words(12) == "a year"
    assert age_words(14) == "1 year and 2 months"
    assert age_words(24) == "2 years"


def test_nearest_months() -> None:
    from reportlib.analysis.calendar import nearest_months

    assert nearest_months(date(2024, 6, 19), date(2024, 10, 15)) == 4  # 3 months 26 days
    assert nearest_months(date(2024, 6, 19), date(2024, 10, 1)) == 3  # 3 months 12 days
    assert nearest_months(date(2024, 6, 19), date(2024, 6, 1)) == 0


def test_a_span_from_a_month_covers_all_its_days():
    """The one convention of a rate a month: a span from a month runs from its last day
    (shortest) or its first (longest) to the end, its central value their middle."""
    from reportlib.analysis.calendar import DAYS_PER_MONTH, span_months

    s = span_months((date(2024, 12, 1), date(2024, 12, 31)), (date(2025, 3, 27),) * 2)
    assert s.shortest == pytest.approx(86 / DAYS_PER_MONTH)  # 31 Dec to 27 Mar
    assert s.longest == pytest.approx(116 / DAYS_PER_MONTH)  # 1 Dec to 27 Mar
    assert s.central == pytest.approx(101 / DAYS_PER_MONTH)
    # two known days: one span; an end weeks after the start is still half a month
    day = span_months((date(2025, 4, 30),) * 2, (date(2026, 2, 12),) * 2)
    assert day.shortest == day.longest == pytest.approx(288 / DAYS_PER_MONTH)
    assert span_months((date(2025, 1, 1),) * 2, (date(2025, 1, 3),) * 2).longest == 0.5


def test_a_gap_short_of_a_month_by_days_is_nearly_that_month() -> None:
    """15 June 2025 to 12 February 2026 is 7 months and 28 days: "nearly 8 months", never
    "7 months" alone; a gap just past whole months keeps them."""
    from reportlib.analysis.calendar import gap_words

    assert gap_words(date(2025, 6, 15), date(2026, 2, 12)) == (8, "nearly 8 months")
    assert gap_words(date(2025, 6, 15), date(2026, 1, 20)) == (7, "7 months")
    assert gap_words(date(2025, 1, 1), date(2025, 12, 25)) == (12, "nearly a year")
