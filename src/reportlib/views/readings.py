"""Notebook 03's readings: the uncertainties that matter more than the sources' wording,
each reading side by side with what it implies."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis.protocol import Report
from ..facts import Prose, claim_fact, derived_fact, metric_fact
from ..ledger.dates import parse_partial_date
from ..ledger.labels import claimant_label
from ..ledger.vocabulary import (
    QUANTITIES,
)
from ..tables import Table
from .common import (
    cumulative_reading,
    date_words,
    nothing_to_list,
)

#: counts of the losses made at most this many calendar months before the count used are
#: readings of the same losses; older ones are earlier stages of a total that grows
RIVAL_MONTHS = 8


def readings_table(report: Report) -> Table | Prose:
    """The uncertainties that matter more than the sources' wording, as readings side by side
    (issue 28), each with what it implies: whether the ministry's estimate is yearly or
    cumulative; which casualty count is right (each organisation's newest, against the
    troops of the cohort it counts among); and the basis of the pay (the intelligence
    service's inferred rate against the other estimates of the troop deal, a year each)."""
    from ..analysis.balance import yearly_pay
    from ..analysis.calendar import whole_months
    from ..analysis.selection import cohort_of

    organisation = report.ledger.organisation

    r = report.analysis.results
    rows, facts = [], []

    def row(what: str, reading: str, figure: Any, implies: str, used: list) -> None:
        facts.extend(used)
        rows.append(
            {"Uncertainty": what, "Reading": reading, "Figure": figure, "What it implies": implies}
        )

    gni, annual = r["benefit_share_of_gni"], r["benefit_per_casualty_if_annual_usd"]
    cum = cumulative_reading(report)
    if gni.available and annual.available:
        g, a, m = metric_fact(gni), metric_fact(annual), metric_fact(r["deployment_months"])
        row(
            "Scope of the ministry's estimate",
            "yearly",
            f"{g.text} of national income a year",
            f"{a.text} per casualty over the {m.text} deployed",
            [g, a, m],
        )
    if gni.available and cum is not None:
        g, c = metric_fact(gni), cum.fact()
        on = (
            f" on the {cum.casualties.text} counted by {date_words(cum.when)}"
            if cum.matched
            else ""
        )
        row(
            "",
            "cumulative" + (f" to {date_words(cum.when)}" if cum.when else ""),
            f"{g.text} of one year's national income, in all",
            f"{c.text} per casualty{on}",
            [g, c] + ([cum.casualties] if cum.matched else []),
        )
    newest: dict[str, Any] = {}
    chosen = report.pick("casualties")
    end = parse_partial_date(str(chosen.claim_date)).end if chosen is not None else None
    for c in report.claims_of("casualties").itertuples():
        # a count of the same losses: made within RIVAL_MONTHS of the count used here
        if end is not None and whole_months(parse_partial_date(str(c.claim_date)).end, end) > (
            RIVAL_MONTHS
        ):
            continue
        newest[organisation(str(c.claimant))] = c  # oldest first: the last is the newest
    first = True
    for who, c in sorted(newest.items(), key=lambda kv: str(kv[1].claim_date)):
        troops = report.pick(cohort_of(report.ledger.claim(c.id)))
        if troops is None or not float(troops.value):
            continue
        stated, t = claim_fact(c), claim_fact(troops)
        rate = derived_fact(
            f"reading-rate:{c.id}:{troops.id}", c.value / troops.value, "share", (c.id, troops.id)
        )
        row(
            "Which casualty count" if first else "",
            f"{who}, {date_words(str(c.claim_date))}",
            stated.text,
            f"{rate.text} of {QUANTITIES[cohort_of(report.ledger.claim(c.id))].cohort} ({t.text})",
            [stated, t, rate],
        )
        first = False
    pay, p = yearly_pay(report.analysis), report.pick("pay_per_soldier_month")
    if pay.available and p is not None:
        stated, y = claim_fact(p), metric_fact(pay)
        row(
            "Basis of the pay",
            f"{organisation(str(p.claimant))}'s inferred rate",
            stated.text,
            f"{y.text} a year for the troops the count covers",
            [stated, y],
        )
        for c in report.claims_of("troop_deal_value_annual", "gains_troops").itertuples():
            f = claim_fact(c)
            row(
                "",
                f"{claimant_label(str(c.claimant))}, {date_words(str(c.claim_date))}",
                f.text,
                "a year, on the troops its source assumed",
                [f],
            )
    if not rows:
        return Prose("")
    return Table(
        pd.DataFrame(rows, columns=["Uncertainty", "Reading", "Figure", "What it implies"]),
        caption=(
            "What matters more than the wording: each reading side by side, with what it implies"
        ),
        facts=facts,
        empty=nothing_to_list(report, "readings of the figures"),
    )
