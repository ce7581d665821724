"""Partial dates as sources give them: a day, a month, a quarter, a half or a year.

A claim's date is stored with its precision (``2025-04-09`` day, ``2025-03`` month,
``2025-Q1`` quarter, ``2025-H1`` half, ``2025`` year). A partial date stands for the whole
span it names, from ``start`` to ``end``.

Comparison with an as-of date is conservative: a claim counts as known by ``as_of`` only
when its span ends on or before ``as_of`` (``end <= as_of``). "Last month" in an article of
9 April 2025 is ``2025-03``, known by 2025-04-09; ``2025-Q2`` is not known by 2025-04-09,
because the claim may have been made after it. So as-of filtering never admits a claim
that could be later than the as-of date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("half", re.compile(r"^(\d{4})-H([12])$")),
    ("year", re.compile(r"^(\d{4})$")),
)

FORMATS_HELP = "a date as YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY"
#: Every form above as one regular expression (unanchored), e.g. for a Table Schema.
PARTIAL_DATE_PATTERN = "|".join(f"(?:{p.pattern[1:-1]})" for _, p in _PATTERNS)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a given precision; it covers the days ``start`` to ``end``."""

    start: date
    end: date
    precision: str
    text: str

    def __str__(self) -> str:
        return self.text

    def known_by(self, as_of: date) -> bool:
        """True when the whole span lies on or before ``as_of``."""
        return self.end <= as_of


def known_by(texts: Iterable[str], as_of: date) -> list[bool]:
    """For each partial date in ``texts``: is it known by ``as_of`` (``PartialDate.known_by``)?

    The one as-of rule for every ledger table (claims, events, technology, factors)."""
    return [parse_partial_date(t).known_by(as_of) for t in texts]


def _month_span(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


@lru_cache(maxsize=4096)  # a pure function of the text, asked thousands of times a report
def parse_partial_date(text: str) -> PartialDate:
    """Parse ``text``; raise ``ValueError`` saying what was expected."""
    value = text.strip()
    for precision, pattern in _PATTERNS:
        match = pattern.match(value)
        if not match:
            continue
        year = int(match.group(1))
        try:
            if precision == "day":
                day = date(year, int(match.group(2)), int(match.group(3)))
                return PartialDate(day, day, precision, value)
            if precision == "month":
                start, end = _month_span(year, int(match.group(2)), int(match.group(2)))
            elif precision == "quarter":
                q = int(match.group(2))
                start, end = _month_span(year, 3 * q - 2, 3 * q)
            elif precision == "half":
                h = int(match.group(2))
                start, end = _month_span(year, 6 * h - 5, 6 * h)
            else:
                start, end = date(year, 1, 1), date(year, 12, 31)
        except ValueError as exc:
            raise ValueError(f"{FORMATS_HELP} that exists ({exc})") from None
        return PartialDate(start, end, precision, value)
    raise ValueError(FORMATS_HELP)
