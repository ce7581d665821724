"""Ages and durations in calendar terms: "3 months before" counts calendar months as a
reader does (12 February to 12 May is 3 months), never days divided by an average month.

A rate "a month" is the one place days are divided by an average month
(``DAYS_PER_MONTH``), and it has one convention (``span_months``), used by every rate
over a span (the casualties per month of combat, the pace of the losses, the months
deployed): a date known only to its month covers all its days, so a span from or to it
is a range, from its shortest (the last day of the first month to the first day the end
may fall on) to its longest; its central value is the middle of the two, as if the
month's date were its middle day. A span is never taken as shorter than half a month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: the average calendar month, in days: a year's days over twelve (for rates a month only)
DAYS_PER_MONTH = 365.25 / 12
#: the shortest span a rate a month is taken over (a count days after another is not a rate)
SHORTEST_SPAN_MONTHS = 0.5


@dataclass(frozen=True)
class Span:
    """Months between two dates each known to a range of days: ``shortest`` to
    ``longest``, ``central`` their middle."""

    shortest: float
    longest: float

    @property
    def central(self) -> float:
        return (self.shortest + self.longest) / 2


def span_months(start: tuple[date, date], end: tuple[date, date]) -> Span:
    """The months from ``start`` to ``end``, each given as the first and last day it may
    fall on (the same day twice for a known day), by the module's one convention."""
    shortest = max((end[0] - start[1]).days / DAYS_PER_MONTH, SHORTEST_SPAN_MONTHS)
    longest = max((end[1] - start[0]).days / DAYS_PER_MONTH, shortest)
    return Span(shortest, longest)


def whole_months(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when ``end`` is not later): a
    month is complete on the same day of the month, or on the last day of a shorter month
    (31 January to 28 February is one month)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and not _last_day(end):
        months -= 1
    return max(months, 0)


def nearest_months(start: date, end: date) -> int:
    """Calendar months from ``start`` to ``end`` to the nearest month: the whole months,
    plus one where more than half of the next month has also passed (for "about N
    months later")."""
    n = whole_months(start, end)
    if end <= start:
        return 0
    y, m = divmod(start.month - 1 + n, 12)
    day = min(start.day, 28)
    passed = date(start.year + y, m + 1, day)
    y2, m2 = divmod(start.month + n, 12)
    following = date(start.year + y2, m2 + 1, day)
    return n + (2 * (end - passed).days > (following - passed).days)


def gap_words(start: date, end: date) -> tuple[int, str]:
    """The months from ``start`` to ``end`` as a reader says a gap: the whole months, or
    "nearly" the next where more than half of it has passed too ("nearly 8 months" for 7
    months and 28 days, which "7 months" would understate); with the number said."""
    whole, nearest = whole_months(start, end), nearest_months(start, end)
    return (
        (whole, age_words(whole)) if nearest == whole else (nearest, f"nearly {age_words(nearest)}")
    )


def _last_day(d: date) -> bool:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return (nxt - d).days == 1


def age_words(months: int) -> str:
    """A whole number of calendar months as a reader says it: "less than a month",
    "1 month", "3 months", "a year", "1 year and 2 months", "2 years"."""
    if months < 1:
        return "less than a month"
    years, rest = divmod(months, 12)
    if years == 0:
        return f"{months} month{'s' if months != 1 else ''}"
    head = "a year" if years == 1 and not rest else f"{years} year{'s' if years != 1 else ''}"
    if not rest:
        return head
    return f"{head} and {rest} month{'s' if rest != 1 else ''}"
