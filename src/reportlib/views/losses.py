"""Notebook 02: casualty estimates by source, splits, rates and the drone factor."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..charts import Chart
from ..facts import Prose, claim_fact, derived_fact, metric_fact, say
from ..tables import Table
from .common import claims_chart, claims_table

CASUALTIES = ("casualties",)


def casualties_chart(report: Any) -> Chart:
    chosen = report.pick("casualties")
    return claims_chart(
        report,
        CASUALTIES,
        title="Killed or wounded: estimates by the date of each claim",
        ylabel="persons",
        alt_subject="casualty estimates",
        caption=(
            "Estimates rose through the winter as the fighting in Kursk went on; the "
            "ringed point is the figure this scenario uses."
        ),
        highlight=chosen.id if chosen is not None else None,
    )


def casualties_table(report: Any) -> Table:
    return claims_table(
        report,
        ("casualties", "killed", "wounded"),
        "Casualty estimates by source, with the range each wording allows",
    )


def splits_table(report: Any) -> Table | Prose:
    """Killed and wounded where one source gave both, with the killed share it implies."""
    rows, facts = [], []
    claims = report.claims_of("killed", "wounded", "casualties")
    for (source_id, when, claimant), group in claims.groupby(
        ["source_id", "claim_date", "claimant"], sort=True
    ):
        by = {c.quantity: c for c in group.itertuples()}
        if "killed" not in by or ("casualties" not in by and "wounded" not in by):
            continue
        killed = by["killed"]
        total = by.get("casualties")
        total_value = total.value if total is not None else killed.value + by["wounded"].value
        share = derived_fact(
            f"killed-share:{killed.id}",
            killed.value / total_value,
            "share",
            tuple(c.id for c in group.itertuples()),
        )
        k_fact = claim_fact(killed)
        t_fact = (
            claim_fact(total)
            if total is not None
            else derived_fact(
                f"casualties:{killed.id}", total_value, "persons", (killed.id, by["wounded"].id)
            )
        )
        facts += [k_fact, t_fact, share]
        rows.append(
            {
                "Date": when,
                "Claimed by": claimant,
                "Killed": k_fact.text,
                "Killed or wounded": t_fact.text,
                "Killed share": share.text,
                "Source": report.cite(source_id),
            }
        )
    if not rows:
        return Prose(
            "No source admitted in this scenario splits the casualties into killed and wounded."
        )
    frame = pd.DataFrame(rows).sort_values("Date").reset_index(drop=True)
    return Table(
        frame,
        caption="Killed and wounded where one source gave both",
        numeric=("Killed", "Killed or wounded", "Killed share"),
        facts=facts,
    )


def rates_prose(report: Any) -> Prose:
    r = report.analysis.results
    if not (r["casualty_rate"].available and r["casualties_per_month"].available):
        return Prose("This scenario lacks the troop or casualty figures a casualty rate needs.")
    return say(
        "Set against the {troops} troops sent, the {casualties} killed or wounded give a "
        "casualty rate of {rate}. Spread over the months since the first deployment, that is "
        "{per_month} casualties a month.",
        troops=metric_fact(r["troops_deployed"]),
        casualties=metric_fact(r["casualties"]),
        rate=metric_fact(r["casualty_rate"], "both"),
        per_month=metric_fact(r["casualties_per_month"], "both"),
    )


def killed_share_prose(report: Any) -> Prose:
    r = report.analysis.results["killed_share"]
    if not r.available:
        return Prose(
            "No killed figure is admitted in this scenario, so the share of the "
            "casualties who died cannot be computed."
        )
    return say(
        "Taking the latest killed figure against the casualty figure in use, "
        "{share} of the casualties died; the sources' own splits, above, vary widely.",
        share=metric_fact(r, "both"),
    )


def drone_prose(report: Any) -> Prose:
    """What the sources say about drones: the cause of losses, then a lesson learned."""
    factors = report.ledger.factors
    parts = []
    for fid, lead in (
        ("fx-drone-losses", "Losses were put down to drone warfare the troops had not met before"),
        (
            "fx-combat-experience",
            "Later reports said the troops adapted to drones and began to contribute in combat",
        ),
    ):
        row = factors[factors["id"] == fid]
        if row.empty:
            continue
        f = row.iloc[0]
        parts.append(
            say(lead + " ({who}, {cite}).", who=f.claimant, cite=report.cite(f.source_id)).text
        )
    return Prose(" ".join(parts) or "No source admitted here speaks of drones.")


def disagreement_prose(report: Any) -> Prose:
    rows = report.claims_of("casualties")
    if len(rows) < 2:
        return Prose(
            "Only one casualty estimate is admitted in this scenario, so there is "
            "no disagreement to weigh; its reliability grade is shown in the table."
        )
    low, high = rows.loc[rows["value"].idxmin()], rows.loc[rows["value"].idxmax()]
    return say(
        "The estimates run from {low} ({low_who}, {low_when}) to {high} ({high_who}, "
        "{high_when}). Part of the spread is time, as losses mounted; part is the channel: "
        "figures from a party to the conflict tend to run higher than those officials give on "
        "the record.",
        low=claim_fact(low),
        high=claim_fact(high),
        low_who=low.claimant,
        low_when=low.claim_date,
        high_who=high.claimant,
        high_when=high.claim_date,
    )
