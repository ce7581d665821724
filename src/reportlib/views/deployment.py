"""Notebook 01: the deployment's timeline and troop numbers by source."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..charts import Chart, timeline
from ..facts import Prose, claim_fact, derived_fact, say
from ..tables import Table
from .common import claims_chart, claims_table, midpoint, trend_words

TROOPS = ("troops_initial", "troops_additional", "troops_total")
OFFICIAL = ("A", "B")
TREATY_EVENT, DISPATCH_EVENT = "ev-treaty-signed", "ev-troops-dispatched"


def admitted_events(report: Any) -> pd.DataFrame:
    """Events reported by sources the scenario admits, dated on or before its as-of date.

    An expected event is shown as expected; one that later happened (or did not) appears
    only once a source dated by the as-of date reports it.
    """
    events = report.ledger.events.merge(
        report.ledger.sources[["source_id", "date"]].rename(columns={"date": "source_date"}),
        on="source_id",
    )
    rows = report.admitted(events, "source_date").copy()
    rows["when"] = rows["date"].map(midpoint)
    return rows.sort_values(["when", "id"]).reset_index(drop=True)


def _months_between(report: Any, rows: pd.DataFrame) -> Any:
    """Whole months from the treaty's signing to the troops' dispatch, as a fact."""
    by = {r.id: r for r in rows.itertuples()}
    if TREATY_EVENT not in by or DISPATCH_EVENT not in by:
        return None
    a, b = by[TREATY_EVENT].when, by[DISPATCH_EVENT].when
    months = round((b - a).days / (365.25 / 12))
    return derived_fact(
        "months:treaty-to-dispatch",
        months,
        "months",
        (f"event:{TREATY_EVENT}", f"event:{DISPATCH_EVENT}"),
    )


def timeline_prose(report: Any) -> Prose:
    rows = admitted_events(report)
    months = _months_between(report, rows)
    if months is None:
        return Prose("The timeline shows the events the admitted sources report.")
    return say(
        "The partnership treaty came first; the troops followed about {months} later. The "
        "timeline shows the events the admitted sources report.",
        months=months,
    )


def timeline_chart(report: Any) -> Chart:
    rows = admitted_events(report)
    events = [
        {
            "when": r.when,
            "label": r.event if len(r.event) <= 60 else r.event[:57] + "…",
            "status": r.status,
        }
        for r in rows.itertuples()
    ]
    figure = timeline(
        events,
        title="The events reported, from treaty to as-of date",
        source=report.source_line(list(rows["source_id"])),
    )
    alt = (
        "Timeline of events: "
        + "; ".join(f"{r.date}: {r.event} ({r.status})" for r in rows.itertuples())
        + "."
    )
    months = _months_between(report, rows)
    parts = []
    if months is not None:
        parts.append(f"The troops went about {months.text} after the treaty was signed")
    else:
        parts.append("The events the admitted sources report, by date")
    if (rows["status"] == "expected").any():
        parts.append("hollow markers are events still expected at the as-of date")
    caption = "; ".join(parts) + "."
    return Chart(figure, caption, alt, [months] if months is not None else [])


def events_table(report: Any) -> Table:
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
    return Table(frame, caption="The events of the story, as reported")


def troops_chart(report: Any) -> Chart:
    chosen = report.pick("troops_initial")
    first = report.claims_of("troops_initial")
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
        caption=f"First deployment: {trend_words(first).lower()}{ringed}.",
        highlight=chosen.id if chosen is not None else None,
    )


def troops_prose(report: Any) -> Prose:
    """How the first-deployment figures moved, in words true of them."""
    rows = report.claims_of("troops_initial")
    if rows.empty:
        return Prose("No figure for the first deployment is admitted in this scenario.")
    return Prose(
        f"{trend_words(rows)} of the first deployment; each came through a channel graded "
        "for reliability, shown in the table."
    )


def troops_table(report: Any) -> Table:
    return claims_table(report, TROOPS, "Troop numbers by source")


def article_against_others(report: Any) -> Prose:
    """How the article's first-deployment figure compares with officials' figures."""
    claims = report.claims_of("troops_initial")
    article = claims[claims["source_id"] == "art"]
    others = claims[(claims["source_id"] != "art") & claims["reliability"].isin(OFFICIAL)]
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
    low = others.loc[others["value"].idxmin()]
    high = others.loc[others["value"].idxmax()]
    if a.value < low.value:
        verdict = "is lower than every figure"
    elif a.value > high.value:
        verdict = "is higher than every figure"
    else:
        verdict = "falls within the figures"
    overlaps = all(a.low <= o.high and o.low <= a.high for o in others.itertuples())
    closing = (
        "Its stated range overlaps each of theirs, so it does not contradict them."
        if overlaps
        else "Its stated range misses at least one of theirs: the figures disagree."
    )
    return say(
        "The article's figure, {a}, " + verdict + " officials reported for the first "
        "deployment: from {lo} ({lo_who}, {lo_when} {lo_cite}) to {hi} ({hi_who}, {hi_when} "
        "{hi_cite}). " + closing,
        a=a_fact,
        lo=claim_fact(low, "stated"),
        hi=claim_fact(high, "stated"),
        lo_who=low.claimant,
        lo_when=low.claim_date,
        lo_cite=report.cite(low.source_id),
        hi_who=high.claimant,
        hi_when=high.claim_date,
        hi_cite=report.cite(high.source_id),
    )
