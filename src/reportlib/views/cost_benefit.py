"""Notebook 03: what the deployment earns against its losses, kept apart by what each
figure counts (the troops' pay, all benefits from Russia, the munitions trade): the
balance, every computed figure with its uncertainty, and the context. The alternatives
are in ``gains``, the readings side by side in ``readings``, the technology and what no
source prices in ``unpriced``."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis.protocol import Report
from ..facts import INTERVAL, Prose, claim_fact, count_fact, derived_fact, metric_fact, say
from ..formatting import md
from ..ledger.vocabulary import OVER_THE_DEPLOYMENT, metric_label
from ..tables import Table
from .common import (
    benefit_metric,
    claim_when,
    cumulative_reading,
    date_words,
    nothing_to_list,
    picked,
    stated_or_metric,
    unshown_reading,
    why_unavailable,
)


def _pay_sentence(report: Report) -> Prose:
    r = report.analysis.results
    res = r["deployment_payment_per_casualty_usd"]
    if not res.available:
        return Prose(
            "The payment for the troops themselves cannot be set against the losses: "
            + why_unavailable(res, report)
            + "."
        )
    if report.params.pay_per_soldier_month_usd is not None:  # a what-if pay, not a source's
        return say(
            "The payment for the troops themselves, at {pay} per soldier and month (a "
            "what-if), comes to {total} for the {troops} troops the casualty count covers, "
            "over about {months} from their deployment to the end of the count: {per} per "
            "soldier killed or wounded.",
            pay=pay_fact(report),
            total=metric_fact(r["deployment_payment_usd"], "both"),
            troops=metric_fact(r["troops_cohort"]),
            months=metric_fact(r["deployment_months"]),
            per=metric_fact(res, "both"),
        )
    pay = picked(report, "pay_per_soldier_month")  # the pay is available: it has a claim
    note = pay.note if isinstance(pay.note, str) and pay.note else "no caveat given"
    return _paid_throughout(
        report,
        say(
            "The payment for the troops themselves, {pay} per soldier ({who}, {when} {cite}: "
            "{note}), comes to {total} for the {troops} troops the casualty count covers, over "
            "about {months} from their deployment to the end of the count: {per} per soldier "
            "killed or wounded.",
            pay=claim_fact(pay),
            who=pay.claimant,
            when=claim_when(pay),
            cite=report.cite(pay.source_id),
            note=note[0].lower() + note[1:].rstrip("."),
            total=metric_fact(r["deployment_payment_usd"], "both"),
            troops=stated_or_metric(report, "troops_cohort"),
            months=metric_fact(r["deployment_months"]),
            per=metric_fact(res, "both"),
        ),
    )


def _paid_throughout(report: Report, out: Prose) -> Prose:
    """The assumption behind a payment over the months deployed (review 03-m1): every
    soldier paid throughout; an upper end where the casualty count covers a later wave,
    which arrived after the first (its admitted count and period)."""
    later = report.pick("troops_additional")
    chosen = report.pick("casualties")
    covers_later = chosen is not None and chosen.get("cohort", "") == "troops_total"
    if report.params.troops is None and later is not None and covers_later:
        return out + say(
            "It assumes every one of them was paid throughout, an upper end: the later wave "
            "({n}) arrived only in "
            + md(date_words(str(later.period_start or later.claim_date)))
            + ".",
            n=claim_fact(later),
        )
    return out + Prose("It assumes every one of them was paid throughout.")


def ministry_judgment(report: Report, cite_only: bool = False) -> Prose:
    """The ministry's own weighing of its estimate, where the scenario admits the factor
    with the ``benefit-scale`` role: "The ministry judged them enough for showcase projects,
    not to lift the whole economy (South Korea's unification ministry [4])." (``cite_only``:
    "... economy [4]."); else ""."""
    factors = report.admitted(report.ledger.factors)
    pet = factors[factors["id"].isin(report.ledger.role("benefit-scale"))]
    if pet.empty:
        return Prose("")
    f = pet.iloc[0]
    if cite_only:  # right after the ministry's estimate, which names it
        return say(
            "The ministry judged them enough for showcase projects, not to lift the whole "
            "economy {cite}.",
            cite=report.cite(f.source_id),
        )
    return say(
        "The ministry judged them enough for showcase projects, not to lift the whole "
        "economy ({who} {cite}).",
        who=f.claimant,
        cite=report.cite(f.source_id),
    )


def pay_fact(report: Report) -> Any:
    """A what-if pay per soldier and month, as the parameter it is."""
    value = report.params.pay_per_soldier_month_usd
    if value is None:
        raise ValueError("pay_fact: no what-if pay per soldier and month was set")
    return derived_fact(
        "what-if:pay_per_soldier_month_usd",
        value,
        "USD",
        ("parameter:pay_per_soldier_month_usd",),
    )


def _benefit_scope(report: Report) -> Prose:
    """The ministry's estimate as stated, and per soldier sent where there is a count."""
    r = report.analysis.results
    benefit = stated_or_metric(report, "benefit_usd")
    if r["benefit_per_deployed_soldier_usd"].available:
        return say(
            "The unification ministry's estimate of the economic benefits from Russia "
            "({benefit}, scope and period unstated) comes to {per_soldier} per soldier sent.",
            benefit=benefit,
            per_soldier=metric_fact(r["benefit_per_deployed_soldier_usd"]),
        )
    # no count of the troops sent (or none to divide by)
    return say(
        "The unification ministry's estimate of the economic benefits from Russia "
        "({benefit}) states neither its scope nor its period.",
        benefit=benefit,
    )


def _yearly_clause(report: Report) -> Prose | None:
    """The estimate read as a yearly flow, per casualty (None where not read so)."""
    r = report.analysis.results
    chosen = report.params.benefit_period
    annual = r["benefit_per_casualty_if_annual_usd"]
    if not annual.available or chosen == "cumulative":
        return None
    return say(
        "Read as a yearly flow"
        + (" (a what-if)" if chosen else "")
        + ", the part of it for the {months} from the deployment to the end of the "
        "count comes to {annual} per soldier killed or wounded",
        months=metric_fact(r["deployment_months"]),
        annual=metric_fact(annual, "both"),
    )


def _cumulative_clause(report: Report, after_yearly: bool) -> Prose | None:
    """The estimate read as cumulative, per casualty of its own date where the count
    matches it (None where not read so)."""
    chosen = report.params.benefit_period
    cum = cumulative_reading(report)
    if cum is None or chosen == "yearly":
        return None
    lead = "read as cumulative" if after_yearly else "Read as cumulative"
    if chosen:
        lead += " (a what-if)"
    if cum.matched:
        return say(
            lead + ", it comes to {cum} per soldier killed or wounded on the {then} "
            "counted by " + md(date_words(cum.when)) + ", the estimate's own date",
            cum=cum.fact("both"),
            then=cum.casualties,
        )
    tail = (
        ", though the estimate (" + md(date_words(cum.when)) + ") and the casualty "
        "count cover different periods"
        if cum.differs
        else ""
    )
    return say(
        lead + ", it comes to {cum} per soldier killed or wounded" + tail,
        cum=cum.fact("both"),
    )


def _benefit_sentence(report: Report) -> Prose:
    per = report.analysis.results[benefit_metric(report)]
    if not per.available:
        return Prose(
            "The ministry's estimate of benefits from Russia cannot be set against the losses: "
            + why_unavailable(per, report)
            + "."
        )
    out = _benefit_scope(report)
    yearly = _yearly_clause(report)
    cumulative = _cumulative_clause(report, after_yearly=yearly is not None)
    parts = [x for x in (yearly, cumulative) if x is not None]
    if parts:
        joined = Prose("; ".join(x.text for x in parts) + ".", [f for x in parts for f in x.facts])
        out = out + joined
    return out


def balance_prose(report: Report) -> Prose:
    """The two per-casualty figures side by side, each saying what it counts."""
    return _pay_sentence(report).paragraph(_benefit_sentence(report))


#: figures that only pass an input through: shown as their source stated them, not here
PASS_THROUGH = ("troops_cohort", "casualties", "benefit_usd", "combat_months", "deployment_months")


#: per-casualty and per-soldier figures whose numerator runs over the months deployed: the
#: table names the period with the figure (the vocabulary's role "over-the-deployment")
def metrics_table(report: Report) -> Table:
    rows, facts = [], []
    cum = cumulative_reading(report)
    months = report.analysis.results["deployment_months"]
    for name, res in report.analysis.results.items():
        if name in PASS_THROUGH or unshown_reading(report, name):
            continue
        if not res.available:
            rows.append(
                {
                    "Metric": metric_label(name),
                    "Central": "not available",
                    INTERVAL.capitalize(): why_unavailable(res, report),
                }
            )
            continue
        c, rng = metric_fact(res, "central"), metric_fact(res, "range")
        label = metric_label(name)
        if name == "benefit_per_casualty_usd" and cum is not None and cum.matched:
            continue  # the cumulative reading is its own metric's row (the estimate's date)
        if name == "benefit_per_casualty_at_estimate_date_usd" and not (cum and cum.matched):
            continue  # the count of the estimate's date is the report's own: one row says it
        if name == "benefit_per_casualty_usd" and cum is not None:
            # the cumulative reading, under a label that says when periods differ
            c, rng, label = cum.fact(), cum.fact("range"), cum.label()
            if cum.differs:
                label = label[:-1] + ", set against a later count: periods differ)"
        elif name in OVER_THE_DEPLOYMENT and months.available:
            m = metric_fact(months)
            facts.append(m)
            label = f"{label}, over the {m.text} deployed"
        facts += [c, rng]
        rows.append({"Metric": label, "Central": c.text, INTERVAL.capitalize(): rng.text})
    return Table(
        pd.DataFrame(rows),
        caption=(f"Every computed figure: central value (median of the simulation) and {INTERVAL}"),
        numeric=("Central", INTERVAL.capitalize()),
        facts=facts,
        empty=nothing_to_list(report, "computed figures"),
    )


def context_prose(report: Report) -> Prose:
    r = report.analysis.results
    out = Prose("")
    stated_share = report.pick("budget_share")
    what_if_share = report.params.budget_share
    if r["implied_state_budget_usd"].available and (
        stated_share is not None or what_if_share is not None
    ):
        budget = r["implied_state_budget_usd"]
        if what_if_share is not None:  # the parameter's share, not the ministry's
            share = derived_fact(
                "what-if:budget_share", what_if_share, "share", ("parameter:budget_share",)
            )
            lead = "If the benefits are {share} of the state budget (a what-if), "
        else:
            share = claim_fact(stated_share)
            lead = (
                "If the benefits are {share} of the state budget, as the unification "
                "ministry said, "
            )
        out = out + say(
            lead + "the budget itself is {budget}.",
            share=share,
            budget=metric_fact(budget, "both"),
        )
        estimates = report.claims_of("state_budget")
        if not estimates.empty:
            # a budget converted at the official exchange rate is not commensurable with
            # market-rate dollars: named, never set against the implied budget (issue 28)
            last = estimates.iloc[-1]
            # "the only" only where it is; else the newest, and how many came before (03-M1)
            which = (
                "the only outside estimate in dollars"
                if len(estimates) == 1
                else "the newest of {n} outside estimates in dollars"
            )
            out = out + say(
                "North Korea publishes no budget totals; " + which + ", {estimate} for {year} "
                "({who} {cite}), is converted at the official exchange rate and cannot be "
                "compared with it.",
                n=count_fact("state-budget-estimates", len(estimates), tuple(estimates["id"])),
                estimate=claim_fact(last),
                year=last.period_start,
                who=last.claimant,
                cite=report.cite(last.source_id),
            )
    if r["benefit_share_of_gni"].available:
        gni = picked(report, "gni_nominal")
        out = out + say(
            "Against national income ({gni} for {year}, {who} {cite}) the benefits are {share}.",
            gni=claim_fact(gni),
            year=gni.period_start,
            who=gni.claimant,
            cite=report.cite(gni.source_id),
            share=metric_fact(r["benefit_share_of_gni"], "both"),
        )
    if r["benefit_share_of_trade"].available:
        trade = picked(report, "trade_total")
        out = out + say(
            "They are {ratio} North Korea's trade in a year ({trade} for {year}, {who}).",
            ratio=metric_fact(r["benefit_share_of_trade"], "both"),
            trade=claim_fact(trade),
            year=trade.period_start,
            who=trade.claimant,
        )
    if out.text:
        out = out + ministry_judgment(report)
    if r["pay_to_income_ratio"].available:
        income = picked(report, "gni_per_capita")
        whatif = report.params.pay_per_soldier_month_usd is not None
        out = out.paragraph(
            say(
                "The regime's take per soldier-year, at the {which} pay (most of it kept by "
                "the state), is {ratio} North Korea's income per person ({income} for "
                "{year}, {who}).",
                which="what-if" if whatif else "inferred",
                ratio=metric_fact(r["pay_to_income_ratio"], "both"),
                income=claim_fact(income),
                year=income.period_start,
                who=income.claimant,
            )
        )
    return (
        out
        if out.text
        else Prose(f"No budget or income figure had been reported by {date_words(report.as_of)}.")
    )
