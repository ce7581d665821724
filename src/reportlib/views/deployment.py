"""Notebook 01: the deployment's timeline and troop numbers by source."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis.calendar import nearest_months
from ..analysis.protocol import Report
from ..charts import Chart, timeline
from ..facts import Prose, claim_fact, derived_fact, say
from ..ledger import frames
from ..ledger.vocabulary import QUANTITIES, TROOP_TABLE
from ..tables import Table
from .common import (
    claim_when,
    claims_chart,
    claims_table,
    date_words,
    midpoint,
    nothing_to_list,
    shown,
    trend_words,
)

#: the troop numbers table's quantities (the vocabulary's role "troop-table")
TROOPS = QUANTITIES.with_role(TROOP_TABLE)


def admitted_events(report: Report) -> pd.DataFrame:
    """Events reported by sources the scenario admits, dated on or before its as-of date.

    An expected event is shown as expected until an admitted event settles it
    (``resolves``: it happened, or did not); then only the settling event is shown.
    """
    rows = report.scenario.events(report.ledger, report.as_of).copy()
    settled = sorted(set(rows["resolves"]) - {""}) if "resolves" in rows else []
    rows = rows.loc[~rows["id"].isin(settled)].copy()  # an expectation a later event settled
    rows["when"] = rows["date"].map(midpoint)
    return rows.sort_values(["when", "id"]).reset_index(drop=True)


def _months_between(report: Report, rows: pd.DataFrame) -> Any:
    """Whole months from the treaty's signing to the troops' dispatch, as a fact."""
    by = {r.id: r for r in frames.rows(rows)}
    (treaty,), (dispatch,) = (
        report.ledger.role("treaty-signed"),
        report.ledger.role("troops-dispatched"),
    )
    if treaty not in by or dispatch not in by:
        return None
    a, b = by[treaty].when, by[dispatch].when
    months = nearest_months(a, b)  # calendar months, to the nearest ("about")
    return derived_fact(
        "months:treaty-to-dispatch",
        months,
        "months",
        (f"event:{treaty}", f"event:{dispatch}"),
    )


def timeline_prose(report: Report) -> Prose:
    rows = admitted_events(report)
    months = _months_between(report, rows)
    if months is None:
        return Prose("The timeline shows the events the admitted sources report.")
    return say(
        "The partnership treaty came first; the troops followed about {months} later. The "
        "timeline shows the events the admitted sources report.",
        months=months,
    )


def timeline_chart(report: Report) -> Chart | Prose:
    rows = admitted_events(report)
    if rows.empty:
        return Prose(f"No event of the story had been reported by {date_words(report.as_of)}.")
    events = [
        {
            "when": r.when,
            "label": r.event if len(r.event) <= 60 else r.event[:57] + "…",
            "status": r.status,
        }
        for r in frames.rows(rows)
    ]
    figure = timeline(
        events,
        title="The events reported, from treaty to as-of date",
        source=report.source_line(list(rows["source_id"])),
    )
    alt = (
        "Timeline of events: "
        + "; ".join(f"{r.date}: {r.event} ({r.status})" for r in frames.rows(rows))
        + "."
    )
    months = _months_between(report, rows)
    parts = []
    if months is not None:
        parts.append(f"The troops went about {months.text} after the treaty was signed")
    else:
        parts.append("The events the admitted sources report, by date")
    if "expected" in rows["status"].tolist():
        parts.append("hollow markers are events still expected at the as-of date")
    caption = "; ".join(parts) + "."
    return Chart(figure, caption, alt, [months] if months is not None else [])


def events_table(report: Report) -> Table:
    rows = admitted_events(report)
    frame = pd.DataFrame(
        {
            "Date": rows["date"],
            "Event": rows["event"],
            "Who": rows["actor"],
            "Status": rows["status"],
            "Source": [report.cite(s) for s in rows["source_id"]],
        }
    )
    return Table(
        frame,
        caption="The events of the story, as reported",
        empty=nothing_to_list(report, "events"),
    )


def _official_first(report: Report) -> pd.DataFrame:
    """First-deployment figures from official channels, one per statement."""
    rows = shown(report, report.claims_of("troops_initial"))
    return rows.loc[rows["reliability"].isin(report.ledger.grades("official"))].reset_index(
        drop=True
    )


def troops_chart(report: Report) -> Chart | Prose:
    chosen = report.pick("troops_initial")
    official = _official_first(report)
    trend = (
        f"official figures for the first deployment: {trend_words(official).lower()}"
        if len(official) >= 2
        else "each figure as its source gave it"
    )
    ringed = (
        "; the ringed point is the figure this scenario uses for the first deployment"
        if chosen is not None
        else ""
    )
    return claims_chart(
        report,
        TROOPS,
        title="Troops reported sent, by the date of each claim",
        ylabel="persons",
        alt_subject="troop numbers",
        caption=f"Troops sent, by the date of each claim; {trend}{ringed}.",
        highlight=chosen.id if chosen is not None else None,
    )


def troops_prose(report: Report) -> Prose:
    """How the official first-deployment figures moved, in words true of them."""
    if report.claims_of("troops_initial").empty:
        return Prose("No figure for the first deployment is admitted in this scenario.")
    official = _official_first(report)
    if len(official) < 2:
        return Prose(
            "Fewer than two official figures for the first deployment are admitted here; "
            "each figure's channel and grade are shown in the table."
        )
    return Prose(
        f"Official figures for the first deployment: {trend_words(official).lower()}. Each "
        "figure's channel and reliability grade are shown in the table."
    )


def troops_table(report: Report) -> Table:
    return claims_table(report, TROOPS, "Troop numbers by source", "troop numbers")


def article_against_others(report: Report) -> Prose:
    """How the article's first-deployment figure compares with officials' figures."""
    claims = report.claims_of("troops_initial")
    (art,) = report.ledger.role("the-article")
    article = claims.loc[claims["source_id"] == art]
    others = claims.loc[
        (claims["source_id"] != art) & claims["reliability"].isin(report.ledger.grades("official"))
    ]
    if article.empty:
        return Prose("The article's troop figure is not admitted in this scenario.")
    a = article.iloc[0]
    a_fact = claim_fact(a, "stated")
    if others.empty:
        return say(
            "This scenario reads the article alone: its first-deployment figure, "
            "{a}, stands without a cross-check. The cross-checked and latest "
            "scenarios set it against other reporting.",
            a=a_fact,
        )
    listed, values = [], {}
    for i, o in enumerate(frames.rows(others)):
        listed.append(f"{{f{i}}} ({{who{i}}}, {{when{i}}} {{cite{i}}})")
        values |= {
            f"f{i}": claim_fact(o, "stated"),
            f"who{i}": o.claimant,
            f"when{i}": claim_when(o),
            f"cite{i}": report.cite(o.source_id),
        }
    overlaps = all(a.low <= o.high and o.low <= a.high for o in frames.rows(others))
    verdict = (
        "is consistent with what officials reported for the first deployment: its stated "
        "range overlaps each of theirs"
        if overlaps
        else "disagrees with at least one official figure for the first deployment: their "
        "stated ranges do not overlap"
    )
    return say(
        "The article's figure, {a}, " + verdict + ". Officials gave " + "; ".join(listed) + ".",
        a=a_fact,
        **values,
    )
