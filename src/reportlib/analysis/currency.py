"""How current a report is: the newest figure and technology report it admits, and how far
the sources were searched (``data/searches.csv``).

``searches.csv`` records each search of the stored reporting for what is new since the
ledger's newest rows, one row per search, kept even where it finds nothing:

- ``searched_to``: the date the search ran to (YYYY-MM-DD);
- ``topics``: what was searched, in words;
- ``queries``: how many queries were run;
- ``newest_found``: the date of the newest on-topic report found (YYYY-MM-DD, or empty);
- ``result``: what it found, in words ("nothing later on the deployment").

The file is optional: without it a report says nothing of a search.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..ledger.dates import parse_partial_date
from .scenarios import CONTEXT_QUANTITIES

SEARCHES_FILE = "searches.csv"


@dataclass(frozen=True)
class Search:
    """The newest search of the stored reporting (one row of ``searches.csv``)."""

    searched_to: date
    newest_found: date | None
    result: str


class SearchesError(ValueError):
    """``searches.csv`` has a row that cannot be read: names the file, line and column."""


def last_search(data_dir: Path) -> Search | None:
    """The search that ran furthest (the latest ``searched_to``), or None if no search is
    recorded."""
    path = Path(data_dir) / SEARCHES_FILE
    if not path.exists():
        return None
    found: list[Search] = []
    with path.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            found.append(_row(path, line, row))
    return max(found, key=lambda s: s.searched_to, default=None)


def _row(path: Path, line: int, row: dict[str, str]) -> Search:
    def day(column: str, required: bool) -> date | None:
        text = (row.get(column) or "").strip()
        if not text and not required:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise SearchesError(
                f"{path}:{line}: column {column}: expected a date YYYY-MM-DD, found {text!r}"
            ) from None

    searched = day("searched_to", True)
    assert searched is not None
    return Search(searched, day("newest_found", False), (row.get("result") or "").strip())


@dataclass(frozen=True)
class Currency:
    """How current a report is: the newest admitted figure about the deployment (context
    series such as national income are left out), the newest admitted technology report,
    and the last search of the sources when the report stands on every source to date."""

    figures_to: date | None
    technology_to: date | None
    search: Search | None


def currency(report: Any) -> Currency:
    """The report's currency (see ``Currency``). The search is given only for a scenario
    that admits every source and stands on the newest report: a scenario fixed at an earlier
    date or limited to some sources is not made more current by a later search."""
    claims = report.claims
    own = claims[~claims["quantity"].isin(CONTEXT_QUANTITIES)]
    figures = max((parse_partial_date(str(d)).end for d in own["claim_date"]), default=None)
    tech = report.scenario.technology(report.ledger, report.as_of)
    technology = max((parse_partial_date(str(d)).end for d in tech["date"]), default=None)
    s = report.scenario
    search = None
    if s.sources is None and s.as_of_spec == "latest" and report.params.as_of is None:
        search = last_search(report.ledger.data_dir)
    return Currency(figures, technology, search)
