"""Notebook 03's readings: the uncertainties that matter more than the sources' wording,
each reading side by side with what it implies."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from ..analysis.balance import yearly_pay
from ..analysis.calendar import whole_months
from ..analysis.protocol import Report
from ..analysis.selection import cohort_of
from ..facts import Fact, Prose, claim_fact, derived_fact, metric_fact
from ..formatting import bound_direction, fmt_value, join_range
from ..ledger.dates import parse_partial_date
from ..ledger.frames import rows
from ..ledger.vocabulary import PER_SOLDIER, QUANTITIES
from ..tables import Table
from .common import claim_when, date_words, nothing_to_list, stated_or_metric
from .gains import soldier_rate_facts

#: counts of the losses made at most this many calendar months before the count used are
#: readings of the same losses; older ones are earlier stages of a total that grows
RIVAL_MONTHS = 8


#: one reading: what is uncertain, the reading, its figure, what it implies, the facts used
Reading = tuple[str, str, str, str, list[Fact]]


def _benefit_readings(report: Report) -> list[Reading]:
    """The ministry's estimate read as yearly and as cumulative, each against national
    income, and what each implies the regime has received (review 03-M2: a recurring sum
    against a one-off one, not two prices per casualty on different counts, which agree
    only by chance; those stay in the per-casualty section)."""
    r = report.analysis.results
    gni, over = r["benefit_share_of_gni"], r["benefit_over_deployment_if_annual_usd"]
    if not (gni.available and r["benefit_usd"].available):
        return []
    benefit = stated_or_metric(report, "benefit_usd")
    c = report.pick("economic_benefit")
    when = date_words(str(c.claim_date)) if c is not None else ""
    out: list[Reading] = []
    if over.available:
        g, o, m = metric_fact(gni), metric_fact(over), metric_fact(r["deployment_months"])
        out.append(
            (
                "Scope of the ministry's estimate",
                "yearly",
                f"{g.text} of national income a year",
                f"{o.text} received over the {m.text} deployed, and {benefit.text} more "
                "each further year",
                [g, o, m, benefit],
            )
        )
    # the cumulative reading needs nothing more than the estimate and its date
    g = metric_fact(gni)
    by = f" by {when}" if when else ""
    out.append(
        (
            "" if out else "Scope of the ministry's estimate",
            "cumulative" + (f" to {when}" if when else ""),
            f"{g.text} of one year's national income, in all",
            f"{benefit.text} received in all{by}; nothing more implied since",
            [g, benefit],
        )
    )
    return out


def _rival_counts(report: Report) -> dict[str, Any]:
    """Each organisation's newest count of the same losses: made within ``RIVAL_MONTHS`` of
    the count used here."""
    chosen = report.pick("casualties")
    end = parse_partial_date(str(chosen.claim_date)).end if chosen is not None else None
    newest: dict[str, Any] = {}
    for c in rows(report.claims_of("casualties")):
        if end is not None and whole_months(parse_partial_date(str(c.claim_date)).end, end) > (
            RIVAL_MONTHS
        ):
            continue
        newest[report.ledger.organisation(str(c.claimant))] = c  # oldest first: last is newest
    return newest


def _casualty_readings(report: Report) -> list[Reading]:
    """Which casualty count: each organisation's newest, against the troops of the cohort
    it counts among."""
    out: list[Reading] = []
    newest = _rival_counts(report)
    for _org, c in sorted(newest.items(), key=lambda kv: str(kv[1].claim_date)):
        cohort = cohort_of(report.ledger.claim(c.id))
        troops = report.pick(cohort)
        if troops is None or not float(troops.value):
            continue
        stated, t = claim_fact(c), claim_fact(troops)
        rate = derived_fact(
            f"reading-rate:{c.id}:{troops.id}", c.value / troops.value, "share", (c.id, troops.id)
        )
        out.append(
            (
                "" if out else "Which casualty count",
                f"{report.scenario.speaker(report.ledger, str(c.claimant))}, "
                f"{claim_when(c, words=True)}",
                stated.text,
                f"{rate.text} of {QUANTITIES[cohort].cohort} ({t.text})",
                [stated, t, rate],
            )
        )
    return out


def _pay_readings(report: Report) -> list[Reading]:
    """The basis of the pay: the inferred rate against the other estimates of the troop
    deal, a year each."""
    pay, p = yearly_pay(report.analysis), report.pick("pay_per_soldier_month")
    if not pay.available or p is None:
        return []
    stated, y = claim_fact(p), metric_fact(pay)
    sent = report.analysis.results["troops_deployed"]
    org = report.scenario.speaker(report.ledger, str(p.claimant))
    # the yearly pay is over all the troops sent (``deployment_payment_yearly_usd``), which
    # a later wave makes more than the troops the casualty count covers
    on, used = "", [stated, y]
    if sent.available:
        n = metric_fact(sent)
        on, used = f" ({n.text})", [*used, n]
    out: list[Reading] = [
        (
            "Basis of the pay",
            f"{org}'s inferred rate",
            stated.text,
            f"{y.text} a year for all the combat troops sent{on}",
            used,
        )
    ]
    for c in rows(report.claims_of(*QUANTITIES.with_role(PER_SOLDIER))):
        f = claim_fact(c)
        implies, used = _per_soldier_words(c, p, org)
        out.append(
            (
                "",
                f"{report.ledger.display(str(c.claimant))}, {claim_when(c, words=True)}",
                f.text,
                implies,
                [f, *used],
            )
        )
    return out


def _per_soldier_words(c: Any, p: Any, org: str) -> tuple[str, list[Fact]]:
    """What an estimate of the troop deal implies: its rate per soldier and month on the
    troops its source assumed, the rate its source states where it states one (and what its
    total implies beside it), set against the inferred rate ``p`` of organisation ``org``
    ("close to" it, or how many times it where far above, as ``SoldierRate.against``
    says); "a year, on troops its source does not state" where it states none (03-M2)."""
    found = soldier_rate_facts(c)
    if found is None:
        return "a year, on troops its source does not state", []
    rate, per, troops = found.rate, found.per, found.troops
    on = f"per soldier on the {troops.text} troops it assumed"
    said, used, tail = f"{per.text} {on}", [per, troops], ""
    if found.stated is not None:
        said = f"{found.stated.text} {on.replace(' on ', ' (stated) on ', 1)}"
        used = [found.stated, per, troops]
        tail = f"; its {_total_words(c)} {per.text}"
    where = rate.against(float(p.value))
    low, value, high = rate.multiples(float(p.value))
    ids = (c.id, p.id)
    if where.startswith("far above"):
        hi = derived_fact(f"pay-multiple:{c.id}:high", high, "multiple", ids)
        if where == "far above throughout" and low != high:
            lo = derived_fact(f"pay-multiple:{c.id}:low", low, "multiple", ids)
            many = derived_fact(
                f"pay-multiple:{c.id}", value, "multiple", ids, text=join_range(lo.text, hi.text)
            )
            return f"{said}: {many.text} {org}'s rate, far above it{tail}", [*used, many]
        up = "up to " if low != high else ""
        if up:  # a ceiling of the multiple, rounded the safe way
            hi = replace(hi, text=fmt_value(high, "multiple", "up"))
        return f"{said}: {up}{hi.text} {org}'s rate, far above it{tail}", [*used, hi]
    if where == "close to":
        return f"{said}: close to {org}'s rate{tail}", used
    times = derived_fact(f"pay-multiple:{c.id}", value, "multiple", ids)
    return f"{said}: {times.text} {org}'s rate, {where} it{tail}", [*used, times]


def _total_words(c: Any) -> str:
    """What the estimate's total implies, by its qualifier: "rounded total implies about"
    for a figure its source rounded ("about"), else "total implies" (a bound's quotient
    keeps its own hedge)."""
    q = c.qualifier if isinstance(c.qualifier, str) else ""
    if q in ("", "exact", "range") or bound_direction(q) != "nearest":
        return "total implies"
    return "rounded total implies about"


def readings_table(report: Report) -> Table | Prose:
    """The uncertainties that matter more than the sources' wording, as readings side by side
    (issue 28), each with what it implies: whether the ministry's estimate is yearly or
    cumulative; which casualty count is right (each organisation's newest, against the
    troops of the cohort it counts among); and the basis of the pay (the intelligence
    service's inferred rate against the other estimates of the troop deal, a year each)."""
    readings = _benefit_readings(report) + _casualty_readings(report) + _pay_readings(report)
    if not readings:
        return Prose("")
    columns = ["Uncertainty", "Reading", "Figure", "What it implies"]
    return Table(
        pd.DataFrame([reading[:4] for reading in readings], columns=columns),
        caption=(
            "What matters more than the wording: each reading side by side, with what it implies"
        ),
        facts=[f for reading in readings for f in reading[4]],
        empty=nothing_to_list(report, "readings of the figures"),
    )
