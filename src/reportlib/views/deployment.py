"""Notebook 01: the deployment's timeline and troop numbers by source."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..charts import Chart, timeline
from ..facts import Prose, claim_fact, say
from ..tables import Table
from .common import claims_chart, claims_table, midpoint

TROOPS = ("troops_initial", "troops_additional", "troops_total")


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
        title="From treaty to deployment: the events reported",
        source=report.source_line(list(rows["source_id"])),
    )
    alt = (
        "Timeline of events: "
        + "; ".join(f"{r.date}: {r.event} ({r.status})" for r in rows.itertuples())
        + "."
    )
    caption = (
        "The troops went within months of the treaty; hollow markers are events "
        "expected at the as-of date."
    )
    return Chart(figure, caption, alt)


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
    return claims_chart(
        report,
        TROOPS,
        title="Troops reported sent, by the date of each claim",
        ylabel="persons",
        alt_subject="troop numbers",
        caption=(
            "Estimates of the force grew as officials learned more; the ringed point is "
            "the figure this scenario uses for the first deployment."
        ),
        highlight=chosen.id if chosen is not None else None,
    )


def troops_table(report: Any) -> Table:
    return claims_table(report, TROOPS, "Troop numbers by source")


def article_against_others(report: Any) -> Prose:
    """How the article's first-deployment figure compares with other reporting."""
    art = report.claims_of("troops_initial", "troops_total")
    article = art[art["source_id"] == "art"]
    others = art[(art["source_id"] != "art") & (art["quantity"] == "troops_initial")]
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
    low = others.loc[others["low"].idxmin()]
    high = others.loc[others["high"].idxmax()]
    lo_f, hi_f = claim_fact(low, "stated"), claim_fact(high, "stated")
    verdict = "sits at the low end of" if a.value <= low.value else "falls within"
    return say(
        "The article's figure, {a}, " + verdict + " what officials reported for the first "
        "deployment: from {lo} ({lo_who}, {lo_when} {lo_cite}) to {hi} ({hi_who}, {hi_when} "
        "{hi_cite}). The article rounds down; it does not contradict them.",
        a=a_fact,
        lo=lo_f,
        hi=hi_f,
        lo_who=low.claimant,
        lo_when=low.claim_date,
        lo_cite=report.cite(low.source_id),
        hi_who=high.claimant,
        hi_when=high.claim_date,
        hi_cite=report.cite(high.source_id),
    )
