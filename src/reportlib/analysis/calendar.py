"""Ages and durations in calendar terms: "3 months before" counts calendar months as a
reader does (12 February to 12 May is 3 months), never days divided by an average month."""

from __future__ import annotations

from datetime import date


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
