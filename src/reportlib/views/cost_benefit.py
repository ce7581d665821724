"""Notebook 03: what the deployment earns against its losses, kept apart by what each
figure counts (the troops' pay, all benefits from Russia, the munitions trade), in
context, with the alternatives, the uncertainty and the technology evidence."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from ..analysis.metrics import METRICS, break_even_technology_value
from ..charts import Chart, break_even, distribution, tornado
from ..facts import INTERVAL, Prose, claim_fact, derived_fact, metric_fact, say
from ..formatting import fmt_value, md
from ..ledger.dates import parse_partial_date
from ..ledger.labels import GAIN_LABELS, INPUT_LABELS, claimant_label
from ..tables import Table
from .common import (
    benefit_metric,
    cumulative_reading,
    date_words,
    describe_unavailable,
    dispatch_date,
    nothing_to_list,
    stated_or_metric,
    tied_claim,
)

LABELS = {
    "troops_deployed": "Troops sent in all",
    "troops_cohort": "Troops the casualty count covers",
    "casualties": "Killed or wounded",
    "casualty_rate": "Casualty rate (of the troops the count covers)",
    "casualties_per_month": "Casualties per month of combat",
    "casualty_share_of_army": "Casualties as share of the active armed forces",
    "deployment_payment_usd": "Payment for the troops, to the end of the count",
    "deployment_payment_per_casualty_usd": "Payment for the troops, per casualty",
    "deployment_payment_per_soldier_usd": "Payment for the troops, per soldier sent",
    "pay_to_income_ratio": "A year's pay per soldier against income per person",
    "benefit_usd": "The ministry's estimate of benefits from Russia (scope unstated)",
    "implied_state_budget_usd": "Implied state budget",
    "benefit_per_deployed_soldier_usd": "Ministry's benefit estimate, per soldier sent",
    "benefit_per_casualty_usd": "Ministry's benefit estimate, per casualty (if cumulative)",
    "benefit_per_casualty_if_annual_usd": "Ministry's benefit estimate, per casualty (if yearly)",
    "benefit_share_of_gni": "Ministry's benefit estimate as share of GNI",
    "benefit_share_of_trade": "Ministry's benefit estimate against a year's trade",
}


def _pay_sentence(report: Any) -> Prose:
    r = report.analysis.results
    res = r["deployment_payment_per_casualty_usd"]
    if not res.available:
        return Prose(
            "The payment for the troops themselves cannot be set against the losses: "
            + describe_unavailable(res, report.as_of)
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
    pay = report.pick("pay_per_soldier_month")
    note = pay.note if isinstance(pay.note, str) and pay.note else "no caveat given"
    return say(
        "The payment for the troops themselves, {pay} per soldier ({who}, {when} {cite}: "
        "{note}), comes to {total} for the {troops} troops the casualty count covers, over "
        "about {months} from their deployment to the end of the count: {per} per soldier "
        "killed or wounded.",
        pay=claim_fact(pay),
        who=pay.claimant,
        when=pay.claim_date,
        cite=report.cite(pay.source_id),
        note=note[0].lower() + note[1:].rstrip("."),
        total=metric_fact(r["deployment_payment_usd"], "both"),
        troops=stated_or_metric(report, "troops_cohort"),
        months=metric_fact(r["deployment_months"]),
        per=metric_fact(res, "both"),
    )


def pay_fact(report: Any) -> Any:
    """A what-if pay per soldier and month, as the parameter it is."""
    value = report.params.pay_per_soldier_month_usd
    return derived_fact(
        "what-if:pay_per_soldier_month_usd",
        value,
        "USD",
        ("parameter:pay_per_soldier_month_usd",),
    )


def _benefit_sentence(report: Any) -> Prose:
    r = report.analysis.results
    per = r[benefit_metric(report)]
    if not per.available:
        return Prose(
            "The ministry's estimate of benefits from Russia cannot be set against the losses: "
            + describe_unavailable(per, report.as_of)
            + "."
        )
    benefit = stated_or_metric(report, "benefit_usd")
    if r["benefit_per_deployed_soldier_usd"].available:
        out = say(
            "The unification ministry's estimate of the economic benefits from Russia "
            "({benefit}, scope and period unstated) comes to {per_soldier} per soldier sent.",
            benefit=benefit,
            per_soldier=metric_fact(r["benefit_per_deployed_soldier_usd"]),
        )
    else:  # no count of the troops sent (or none to divide by)
        out = say(
            "The unification ministry's estimate of the economic benefits from Russia "
            "({benefit}) states neither its scope nor its period.",
            benefit=benefit,
        )
    chosen = report.params.benefit_period
    annual, cum = r["benefit_per_casualty_if_annual_usd"], cumulative_reading(report)
    yearly = None
    if annual.available and chosen != "cumulative":
        yearly = say(
            "Read as a yearly flow"
            + (" (a what-if)" if chosen else "")
            + ", the part of it for the {months} from the deployment to the end of the "
            "count comes to {annual} per soldier killed or wounded",
            months=metric_fact(r["deployment_months"]),
            annual=metric_fact(annual, "both"),
        )
    cumulative = None
    if cum is not None and chosen != "yearly":
        lead = "read as cumulative" if yearly is not None else "Read as cumulative"
        if chosen:
            lead += " (a what-if)"
        if cum.matched:
            cumulative = say(
                lead + ", it comes to {cum} per soldier killed or wounded on the {then} "
                "counted by " + md(date_words(cum.when)) + ", the estimate's own date",
                cum=cum.fact("both"),
                then=cum.casualties,
            )
        else:
            tail = (
                ", though the estimate (" + md(date_words(cum.when)) + ") and the casualty "
                "count cover different periods"
                if cum.differs
                else ""
            )
            cumulative = say(
                lead + ", it comes to {cum} per soldier killed or wounded" + tail,
                cum=cum.fact("both"),
            )
    parts = [x for x in (yearly, cumulative) if x is not None]
    if parts:
        joined = Prose("; ".join(x.text for x in parts) + ".", [f for x in parts for f in x.facts])
        out = out + joined
    return out


def balance_prose(report: Any) -> Prose:
    """The two per-casualty figures side by side, each saying what it counts."""
    return _pay_sentence(report).paragraph(_benefit_sentence(report))


#: figures that only pass an input through: shown as their source stated them, not here
PASS_THROUGH = ("troops_cohort", "casualties", "benefit_usd", "combat_months", "deployment_months")


def metrics_table(report: Any) -> Table:
    rows, facts = [], []
    for name, res in report.analysis.results.items():
        if name in PASS_THROUGH:
            continue
        if not res.available:
            rows.append(
                {
                    "Metric": LABELS[name],
                    "Central": "not available",
                    INTERVAL.capitalize(): describe_unavailable(res, report.as_of),
                }
            )
            continue
        c, rng = metric_fact(res, "central"), metric_fact(res, "range")
        facts += [c, rng]
        rows.append({"Metric": LABELS[name], "Central": c.text, INTERVAL.capitalize(): rng.text})
    return Table(
        pd.DataFrame(rows),
        caption="Every computed figure: central value (median of the simulation) and 90% interval",
        numeric=("Central", INTERVAL.capitalize()),
        facts=facts,
        empty=nothing_to_list(report, "computed figures"),
    )


def context_prose(report: Any) -> Prose:
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
        if not estimates.empty and budget.central > 0:
            last = estimates.iloc[-1]
            ratio = derived_fact(
                f"budget-ratio:{last.id}",
                last.value / budget.central,
                "share",
                (last.id, f"metric:{budget.name}"),
            )
            out = out + say(
                "North Korea publishes no budget totals; the latest outside estimate in "
                "dollars, {estimate} for {year} ({who} {cite}, at the official exchange rate), "
                "is {ratio} of that.",
                estimate=claim_fact(last),
                year=last.period_start,
                who=last.claimant,
                cite=report.cite(last.source_id),
                ratio=ratio,
            )
    if r["benefit_share_of_gni"].available:
        gni = report.pick("gni_nominal")
        out = out + say(
            "Against national income ({gni} for {year}, {who} {cite}) the benefits are {share}.",
            gni=claim_fact(gni),
            year=gni.period_start,
            who=gni.claimant,
            cite=report.cite(gni.source_id),
            share=metric_fact(r["benefit_share_of_gni"], "both"),
        )
    if r["benefit_share_of_trade"].available:
        trade = report.pick("trade_total")
        out = out + say(
            "They are {ratio} North Korea's trade in a year ({trade} for {year}, {who}).",
            ratio=metric_fact(r["benefit_share_of_trade"], "both"),
            trade=claim_fact(trade),
            year=trade.period_start,
            who=trade.claimant,
        )
    factors = report.admitted(report.ledger.factors)
    pet = factors[factors["id"] == "fx-pet-projects"]
    if not pet.empty and out.text:
        f = pet.iloc[0]
        out = out + say(
            "The ministry judged them enough for showcase projects, not to lift the whole "
            "economy ({who} {cite}).",
            who=f.claimant,
            cite=report.cite(f.source_id),
        )
    if r["pay_to_income_ratio"].available:
        income = report.pick("gni_per_capita")
        whatif = report.params.pay_per_soldier_month_usd is not None
        out = out.paragraph(
            say(
                "A year of the {which} pay per soldier is {ratio} North Korea's income per "
                "person ({income} for {year}, {who}).",
                which="what-if" if whatif else "reported",
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


GAIN_QUANTITIES = (
    "pay_per_soldier_month",
    "troop_deal_value_annual",
    "gains_troops",
    "economic_benefit",
    "gains_total",
    "gains_munitions",
    "arms_deliveries_value",
    "gains_technology",
)
#: what each estimate counts (attribution kept apart, see analysis.metrics)
GAIN_COUNTS = {
    "pay_per_soldier_month": "payment for the troops",
    "troop_deal_value_annual": "payment for the troops",
    "gains_troops": "payment for the troops",
    "economic_benefit": "the ministry's estimate of benefits from Russia",
    "gains_total": "total gains, munitions included",
    "gains_munitions": "munitions trade",
    "arms_deliveries_value": "munitions trade",
    "gains_technology": "technology received",
}
YEARLY = ("troop_deal_value_annual", "gains_troops")


#: Qualifiers that make a figure a floor or a ceiling: a ratio computed on it keeps them.
BOUND_QUALIFIERS = ("more than", "at least", "up to", "nearly", "fewer than")


def _per_casualty_text(report: Any, c: Any, factor: float, casualties: Any) -> tuple[str, Any]:
    """A gain estimate per casualty, keeping a stated range's two ends and an "up to"."""
    ids = (c.id, f"metric:{casualties.name}", *casualties.provenance)
    if c.quantity == "economic_benefit":
        f = metric_fact(report.analysis.results[benefit_metric(report)])
        return f.text, f
    if c.qualifier == "range" and c.low != c.high:
        lo = derived_fact(
            f"per-casualty:{c.id}:low", c.low * factor / casualties.central, "USD", ids
        )
        hi = derived_fact(
            f"per-casualty:{c.id}:high", c.high * factor / casualties.central, "USD", ids
        )
        text = derived_fact(
            f"per-casualty:{c.id}",
            c.value * factor / casualties.central,
            "USD",
            ids,
            text=f"{lo.text}–{hi.text}",
        )
        return text.text, text
    f = derived_fact(f"per-casualty:{c.id}", c.value * factor / casualties.central, "USD", ids)
    # a floor or a ceiling stays one per casualty ("more than US$44,000"); "about" does not
    # carry over to a figure we computed
    hedge = c.qualifier if c.qualifier in BOUND_QUALIFIERS else ""
    return (f"{hedge} {f.text}" if hedge else f.text), f


def alternatives_table(report: Any) -> Table:
    """Gain estimates side by side, each saying what it counts and over what period, set
    against the casualty figure in use (its median) on the same basis where the period
    allows."""
    r = report.analysis.results
    # set against the casualty count only where there is one to divide by
    counted = r["casualties"].available and r["casualties"].central > 0
    casualties = r["casualties"] if counted else None
    months = r["deployment_months"] if r["deployment_months"].available else None
    rows, facts = [], []
    for c in report.claims_of(*GAIN_QUANTITIES).itertuples():
        stated = claim_fact(c)
        facts.append(stated)
        label = GAIN_LABELS[c.quantity]
        if c.quantity == "arms_deliveries_value" and c.period_start:
            label = f"Arms delivered since {c.period_start}"
        row = {
            "Estimate": label,
            "Counts": GAIN_COUNTS[c.quantity],
            "As stated": stated.text,
            # who, when, how reliable and where, in one column: the table stays readable
            # on a page (nine narrow columns wrapped a name over six lines)
            "Source": (
                f"{claimant_label(c.claimant)}, {c.claim_date}, grade {c.reliability} "
                f"{report.cite(c.source_id)}"
            ),
        }
        per_text, basis = "", "not set against the count"
        if not tied_claim(report, c):
            dispatched = dispatch_date(report)
            began = parse_partial_date(c.period_start).start if c.period_start else None
            basis = (
                f"began {c.period_start}, before the deployment: not per casualty"
                if began is not None and dispatched is not None and began < dispatched
                else "not a payment for the deployment: not per casualty"
            )
        elif c.quantity == "pay_per_soldier_month":
            basis = "a month, per soldier"
        elif casualties is not None and c.quantity in YEARLY:
            if months is not None:
                per_text, f = _per_casualty_text(report, c, months.central / 12, casualties)
                facts.append(f)
                basis = "a year, scaled to the count's months"
        elif casualties is not None and (
            c.quantity != "economic_benefit" or r[benefit_metric(report)].available
        ):
            per_text, f = _per_casualty_text(report, c, 1.0, casualties)
            facts.append(f)
            reading = report.params.benefit_period
            basis = (
                f"period unstated, read as {reading or 'cumulative'}"
                + (" (a what-if), scaled to the count's months" if reading == "yearly" else "")
                if c.quantity == "economic_benefit"
                else "cumulative over its period"
            )
        row["Per casualty"] = per_text
        row["Basis"] = basis
        rows.append(row)
    columns = ["Estimate", "Counts", "As stated", "Per casualty", "Basis", "Source"]
    return Table(
        pd.DataFrame(rows, columns=columns),
        caption="What the regime gains: each estimate, what it counts, and per casualty",
        numeric=("As stated", "Per casualty"),
        facts=facts,
        empty=nothing_to_list(report, "estimates of what the regime gains"),
    )


def alternatives_prose(report: Any) -> Prose:
    art, kida = report.pick("economic_benefit"), report.pick("gains_total")
    if kida is None or art is None:
        return Prose("The sources drawn on here give only one estimate of what the regime gains.")
    ratio = derived_fact(
        "ratio:kida-to-ministry", kida.value / art.value, "multiple", (kida.id, art.id)
    )
    if kida.qualifier == "up to":  # a ratio on an "up to" figure keeps its hedge
        ratio = replace(ratio, text=f"up to {ratio.text}")
    out = say(
        "The two estimates of the regime's total gains differ: the defence institute's "
        "({kida}) is {ratio} the unification ministry's ({art}).",
        kida=claim_fact(kida),
        ratio=ratio,
        art=claim_fact(art),
    )
    munitions = report.pick("gains_munitions")
    if munitions is not None and munitions.source_id == kida.source_id:
        share = derived_fact(
            "share:kida-munitions", munitions.value / kida.value, "share", (munitions.id, kida.id)
        )
        out = out + say(
            "Of the institute's figure, {munitions} ({share}) is the munitions trade, and it "
            "is cumulative since {start}.",
            munitions=claim_fact(munitions),
            share=share,
            start=date_words(str(kida.period_start)),
        )
    return out + Prose(
        "They measure different things, so neither refutes the other: in our reading the "
        "ministry's figure is closer to aid, the institute's to trade."
    )


def distribution_chart(report: Any, metric: str | None = None) -> Chart | Prose:
    metric = metric or benefit_metric(report)  # the reading in force
    res = report.analysis.results[metric]
    if not res.available:
        return Prose(f"No simulation of this figure: {describe_unavailable(res, report.as_of)}.")
    values = report.analysis.samples(metric)
    scale = 1e3 if METRICS[metric].unit == "USD" else 1.0
    unit = "thousand US$" if scale == 1e3 else METRICS[metric].unit
    central, rng = metric_fact(res, "central"), metric_fact(res, "range")
    figure = distribution(
        values,
        res.central,
        res.low,
        res.high,
        title=f"{LABELS[metric]}: simulated values",
        xlabel=unit,
        source="Monte Carlo over the stated ranges of the ledger's figures",
        scale=scale,
    )
    caption = say(
        "The central estimate (the median) is {c}; nine simulated values in ten fall within "
        "{r}, its 90% interval.",
        c=central,
        r=rng,
    ).text
    alt = (
        f"Histogram of {report.params.draws:,} simulated values of {LABELS[metric].lower()}; "
        f"median {central.text}, 90% interval {rng.text}."
    )
    draws = derived_fact(
        "draws", report.params.draws, "count", ("parameter:draws",), f"{report.params.draws:,}"
    )
    return Chart(figure, caption, alt, [central, rng, draws], data=f"From {draws.text} draws.")


def tornado_chart(report: Any, metric: str | None = None) -> Chart | Prose:
    metric = metric or benefit_metric(report)  # the reading in force
    rows = report.analysis.sensitivity(metric) if report.analysis.results[metric].available else []
    if not rows:
        return Prose("No input of this figure has a range, so nothing moves it.")
    scale = 1e3 if METRICS[metric].unit == "USD" else 1.0
    top = rows[0]
    figure = tornado(
        rows,
        title=f"What moves {LABELS[metric][0].lower() + LABELS[metric][1:]} most",
        xlabel="thousand US$" if scale == 1e3 else METRICS[metric].unit,
        source="one input at a time at the ends of its stated range, the others central",
        scale=scale,
        labels=INPUT_LABELS,
    )
    name = INPUT_LABELS.get(top["input"], top["input"])
    if len(rows) > 1 and rows[1]["swing"] >= 0.9 * top["swing"]:
        second = INPUT_LABELS.get(rows[1]["input"], rows[1]["input"])
        caption = (
            f"The {name} and {second} figures move the result about equally; each bar sets "
            "one input to the ends of its range."
        )
    else:
        caption = (
            f"The {name} figure moves the result most; each bar sets one input to the ends "
            "of its range."
        )
    facts = []
    for r in rows:
        for end in ("at_low", "at_high"):
            facts.append(
                derived_fact(
                    f"sensitivity:{metric}:{r['input']}:{end}",
                    r[end],
                    METRICS[metric].unit,
                    (f"metric:{metric}",),
                )
            )
    shown = (
        "; ".join(
            f"{INPUT_LABELS.get(r['input'], r['input'])} from "
            f"{fmt_value(r['at_low'], METRICS[metric].unit)} to "
            f"{fmt_value(r['at_high'], METRICS[metric].unit)}"
            for r in rows
        )
        + "."
    )
    alt = f"Tornado chart: {shown}"
    return Chart(
        figure, caption, alt, facts, data=f"Each input from its low to its high end: {shown}"
    )


def admitted_technology(report: Any) -> pd.DataFrame:
    return report.scenario.technology(report.ledger, report.as_of)


def technology_prose(report: Any) -> Prose:
    """Whether any admitted source prices the technology, in words true of the data."""
    priced = report.claims_of("gains_technology")
    if priced.empty:
        return Prose(
            "No source admitted here puts a price on the technology Russia supplies. The "
            "matrix lists each report; the chart asks instead what the technology would "
            "have to be worth to change the balance."
        )
    c = priced.iloc[-1]
    return say(
        "Only {who} puts a price on the technology received, {value} {cite}; the matrix lists "
        "each report, and the chart asks what the technology would have to be worth to change "
        "the balance.",
        who=c.claimant,
        value=claim_fact(c),
        cite=report.cite(c.source_id),
    )


def evidence_matrix(report: Any) -> Table:
    rows = admitted_technology(report)
    frame = pd.DataFrame(
        {
            "Item": rows["item"],
            "Category": rows["category"],
            "Status": rows["status"],
            "Claimed by": rows["claimant"],
            "Grade": rows["reliability"],
            "Date": rows["date"],
            "Source": [report.cite(s) for s in rows["source_id"]],
        }
    )
    return Table(
        frame,
        caption="Technology transfer: the evidence, item by item",
        empty=nothing_to_list(report, "reports of technology transfer"),
    )


def break_even_chart(report: Any) -> Chart | Prose:
    r = report.analysis.results
    name = benefit_metric(report)
    if not (r[name].available and r["casualties"].available):
        return Prose("No break-even is drawn: " + describe_unavailable(r[name], report.as_of) + ".")
    benefit, casualties = r["benefit_usd"].central, r["casualties"].central
    if name != "benefit_per_casualty_usd":  # read as yearly: the share for the count's months
        benefit *= r["deployment_months"].central / 12
    per = metric_fact(r[name])
    current = r[name].central
    targets = np.linspace(0, current * 4, 200)
    needed = break_even_technology_value(targets, benefit, casualties)
    provenance = (*r["benefit_usd"].provenance, *r["casualties"].provenance)
    doubled = derived_fact("break-even:doubled-target", current * 2, "USD", provenance)
    two = derived_fact(
        "break-even:double",
        float(break_even_technology_value(current * 2, benefit, casualties)),
        "USD",
        provenance,
    )
    figure = break_even(
        targets,
        needed,
        title="What the technology would have to be worth",
        xlabel="benefits per casualty, million US$",
        ylabel="technology value, billion US$",
        source="value needed = target per casualty x casualties, less all economic benefits",
        marker=(current * 2, float(two.value)),
    )
    caption = say(
        "For the benefits in all (the ministry's estimate plus technology) to be worth "
        "{doubled} per casualty instead of {per}, the technology received would have to be "
        "worth {two}.",
        doubled=doubled,
        per=per,
        two=two,
    ).text
    alt = (
        f"Line rising from zero: the technology value needed for each target of the benefits "
        f"per casualty; marked point at {doubled.text}, {two.text}."
    )
    return Chart(figure, caption, alt, [per, doubled, two])


def factors_table(report: Any) -> Table:
    rows = report.admitted(report.ledger.factors)
    rows = rows.sort_values(["side", "id"], ascending=[False, True])
    frame = pd.DataFrame(
        {
            "Side": rows["side"],
            "What": rows["factor"],
            "Claimed by": rows["claimant"],
            "Source": [report.cite(s) for s in rows["source_id"]],
        }
    )
    return Table(
        frame,
        caption="Gains and costs the sources give no price",
        empty=nothing_to_list(report, "gains or costs without a price"),
    )
