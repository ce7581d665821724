"""How current an edition is: figures to, technology reports to, sources searched to.

A reader must be able to tell "no news" from "not looked". An edition therefore states
three dates, each computed here from the ledger and its scenario:

- **figures to**: the date of the newest claim the scenario admits, context series (GNI,
  budget, army size) aside, since they are background, not news of the deployment;
- **technology reports to**: the date of the newest technology report it admits;
- **sources searched to**: how far the public reporting was searched for news
  (``data/searches.csv``, one row per search, kept even when it finds nothing). Only a
  scenario that admits every source is served by the searches; one restricted to listed
  sources (the article alone) has no searched-to date. An edition that stands on a fixed
  date (declared, or an as-of override) was searched to that date at most, since later
  reporting is left out by design; ``latest`` stands on the newest report in the ledger,
  and the search may reach past it: that gap is what tells a reader that nothing newer
  was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..ledger.dates import PartialDate, parse_partial_date
from .scenarios import CONTEXT_QUANTITIES

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..ledger import Ledger
    from .scenarios import Scenario


@dataclass(frozen=True)
class Currency:
    """The dates an edition is current to (``None``: nothing of that kind is admitted).

    ``figures_to`` and ``technology_to`` are the newest admitted row's date as stored, at
    its precision (``2026-02-12``, ``2025-Q1``); ``searched_to`` is a day. ``searches`` is
    the number of recorded searches behind ``searched_to``; ``newest_found`` is the date of
    the newest on-topic report they found (or the edition admits, if later: a row added
    after the searches were recorded), given only where the search is not capped at the
    edition's date (for ``latest``: when it is the edition's date, nothing newer was
    found), else ``None``.
    """

    as_of: date
    figures_to: PartialDate | None
    technology_to: PartialDate | None
    searched_to: date | None
    searches: int
    newest_found: PartialDate | None
    #: where the searches reaching ``searched_to`` were made (``searches.csv``'s
    #: ``searched_in``, in the order first recorded, without repeats): a search's silence
    #: shows only what was searched there
    searched_in: tuple[str, ...] = ()


def newest(texts: Iterable[str]) -> PartialDate | None:
    """The latest of partial dates by the end of their span (then the narrower one)."""
    dates = [parse_partial_date(str(t)) for t in texts if str(t).strip()]
    return max(dates, key=lambda d: (d.end, d.start), default=None)


def searched_to(
    ledger: Ledger, scenario: Scenario, as_of: date | None = None
) -> tuple[date | None, int, PartialDate | None]:
    """The day the sources were searched to for ``scenario`` (as of ``as_of`` when given),
    the number of searches behind it and the newest on-topic date they found."""
    if scenario.sources is not None:
        return None, 0, None  # a scenario of listed sources does not draw on searches
    rows = ledger.searches
    if rows.empty:
        return None, 0, None
    reach = max(parse_partial_date(str(t)).start for t in rows["searched_to"])
    fixed = as_of is not None or scenario.as_of_spec != "latest"
    stands_on = scenario.as_of(ledger, as_of)
    found = newest(t for t in rows["newest_found"] if str(t) not in ("", "nan"))
    if fixed and reach >= stands_on:
        # every search reaching past the edition's date covered it; what the searches
        # found says nothing of an edition that leaves later reporting out by design
        return stands_on, len(rows), None
    return reach, len(rows), found


def searched_in(ledger: Ledger, reach: date | None) -> tuple[str, ...]:
    """Where the searches that reached ``reach`` (the searched-to day of an edition that
    reaches past its own date) were made, without repeats; () for none."""
    rows = ledger.searches
    if reach is None or rows.empty or "searched_in" not in rows:
        return ()
    places: list[str] = []
    for to, where in zip(rows["searched_to"], rows["searched_in"], strict=True):
        where = str(where).strip()
        if parse_partial_date(str(to)).start >= reach and where and where not in places:
            places.append(where)
    return tuple(places)


def currency(ledger: Ledger, scenario: Scenario, as_of: date | None = None) -> Currency:
    """The dates an edition of ``scenario`` (as of ``as_of`` when given, as in
    ``Scenario.claims``) is current to."""
    claims = scenario.claims(ledger, as_of)
    news = claims[~claims["quantity"].isin(sorted(CONTEXT_QUANTITIES))]
    technology = scenario.technology(ledger, as_of)
    reach, count, found = searched_to(ledger, scenario, as_of)
    figures_to, technology_to = newest(news["claim_date"]), newest(technology["date"])
    if found is not None:
        # a row added after the searches were recorded was found too: nothing newer than
        # the newest of what the searches and the ledger hold was found
        found = newest(str(d) for d in (found, figures_to, technology_to) if d is not None)
    return Currency(
        as_of=scenario.as_of(ledger, as_of),
        figures_to=figures_to,
        technology_to=technology_to,
        searched_to=reach,
        searches=count,
        newest_found=found,
        searched_in=searched_in(ledger, reach) if found is not None else (),
    )
