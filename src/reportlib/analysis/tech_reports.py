"""Technology reports in words: which reports are one statement, which speak of an
attempt rather than an aim, what they say where no report confirms a transfer, and each
report's caveat (split from ``assess``: the judgments themselves are there)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .protocol import Report


def within(a: str, b: str) -> bool:
    """Whether partial date ``a`` lies within ``b`` ("2024-11-22" within "2024-11")."""
    from ..ledger.dates import parse_partial_date

    try:
        pa, pb = parse_partial_date(a), parse_partial_date(b)
    except ValueError:
        return a == b
    return pb.start <= pa.start and pa.end <= pb.end


def statements(ledger: Any, rows: pd.DataFrame) -> list[list[int]]:
    """The technology reports in ``rows`` grouped by the statement they report, as lists of
    row positions (the rows' order kept): reports of one category by the same organisation
    (``Ledger.organisation``) whose dates lie one within the other are one statement
    carried by two publications ("November 2024" in the article and "22 November 2024" in
    the newspaper: Shin Won-sik's one statement), never two reports (issue 28)."""
    groups: list[list[int]] = []
    keys: list[tuple[str, str, list[str]]] = []
    for i, (_, r) in enumerate(rows.iterrows()):
        who, category, when = (
            ledger.organisation(str(r["claimant"])),
            str(r["category"]),
            str(r["date"]),
        )
        for n, (g_who, g_category, dates) in enumerate(keys):
            if (g_who, g_category) == (who, category) and any(
                within(when, d) or within(d, when) for d in dates
            ):
                groups[n].append(i)
                dates.append(when)
                break
        else:
            groups.append([i])
            keys.append((who, category, [when]))
    return groups


def attempted(row: Any) -> bool:
    """Whether a report filed as ``sought`` is of an attempted transfer (a shipment that
    never arrived), as its ledger note says, rather than of an aim."""
    return "attempt" in f"{row.get('note', '')} {row.get('item', '')}".lower()


def aim_words(rows: Any) -> str:
    """What reports of an aim say, from the admitted rows alone: "that a transfer is
    sought", "that a transfer was attempted", or both where both are admitted."""
    kinds = {attempted(r) for _, r in rows.iterrows()}
    if kinds == {True}:
        return "that a transfer was attempted"
    if kinds == {False}:
        return "that a transfer is sought"
    return "that a transfer is sought or was attempted"


def none_says(report: Report) -> str:
    """ "no report ... says": of the sources used where the scenario is limited to some,
    and of the world by the brief's date only where it admits every source (issue 28)."""
    if report.scenario.sources is not None:
        return "none of the sources used here says"
    when = report.as_of
    return f"no report by {when.day} {when:%B %Y} says"


def attempts_words(rows: pd.DataFrame) -> str:
    """Who reports an attempted transfer, for the basis of its judgment: " (the attempt:
    Spanish investigators; CNN investigation)", or ""."""
    who = [str(r["organisation"]) for _, r in rows.iterrows() if attempted(r)]
    return f" (the attempt: {'; '.join(dict.fromkeys(who))})" if who else ""


def attempt_ids(rows: pd.DataFrame) -> tuple[str, ...]:
    return tuple(str(r["id"]) for _, r in rows.iterrows() if attempted(r))


def caveats(rows: pd.DataFrame) -> str:
    """The rows' caveats (``technology.csv`` ``caveat``), each once, in file order."""
    if "caveat" not in rows.columns:
        return ""
    found = [str(c).strip() for c in rows["caveat"] if isinstance(c, str) and c.strip()]
    return "; ".join(dict.fromkeys(found))
