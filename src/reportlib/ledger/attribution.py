"""Who said a figure and when, as its own source gives it (review X-M4).

A scenario limited to some sources shows a claimant as its admitted source states it
(``organisations.csv``'s ``display``, else the claimant as stated) and never shows a date
its source does not give as that source's date (``claims.csv``'s ``undated``). These
checks keep both columns meaning one thing.
"""

from __future__ import annotations

from .validate import Problem, RawTable


def check_displays(organisations: RawTable, problems: list[Problem]) -> None:
    """A display name stands for one organisation: two claimants of different organisations
    never share one, and none is another claimant's own name under another organisation
    (a reader, and ``Ledger.organisation``, would take the two for one chain)."""
    f = organisations.display
    org_of = {r["claimant"]: r["organisation"] for r in organisations.rows}
    first: dict[str, str] = {}  # display name -> the organisation that first took it
    for row, line in zip(organisations.rows, organisations.lines, strict=True):
        shown, org = row.get("display", ""), row["organisation"]
        if not shown:
            continue
        other = org_of.get(shown)
        if other is not None and other != org:
            problems.append(
                Problem(
                    f,
                    line,
                    "display",
                    f"a name not listed as a claimant of another organisation ({other!r})",
                    repr(shown),
                )
            )
        taken = first.setdefault(shown, org)
        if taken != org:
            problems.append(
                Problem(
                    f,
                    line,
                    "display",
                    f"a name no claimant of another organisation ({taken!r}) displays",
                    repr(shown),
                )
            )


def check_undated(claims: RawTable, sources: RawTable, problems: list[Problem]) -> None:
    """A claim its source does not date (``undated`` = yes) stores the date it is known by:
    the relayed statement's where it relays one (``check_links`` holds every relayed claim
    to that), else its source's own date; any other date would be one nobody gave."""
    f = claims.display
    published = {r["source_id"]: r["date"] for r in sources.rows}
    for row, line in zip(claims.rows, claims.lines, strict=True):
        if row.get("undated", "") != "yes" or row.get("relays", ""):
            continue
        wanted, when = published.get(row["source_id"]), row["claim_date"]
        if wanted is not None and when != wanted:
            problems.append(
                Problem(
                    f,
                    line,
                    "claim_date",
                    f"its source's date, {wanted}, for an undated claim",
                    when,
                )
            )
