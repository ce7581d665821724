"""Notebook 03: what the deployment earns against its losses, kept apart by what each
figure counts (the troops' pay, all benefits from Russia, the munitions trade), in
context, with the alternatives, the uncertainty and the technology evidence."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from ..analysis.metrics import METRICS, break_even_technology_value
from ..analysis.protocol import Report
from ..charts import Chart, break_even, distribution, tornado
from ..facts import INTERVAL, Prose, claim_fact, derived_fact, metric_fact, say
from ..formatting import fmt_value, md
from ..ledger.dates import parse_partial_date
from ..ledger.labels import claimant_label
from ..ledger.vocabulary import (
    GAIN,
    INPUTS,
    OVER_THE_DEPLOYMENT,
    QUANTITIES,
    input_label,
    metric_label,
)
from ..ledger.vocabulary import IN_KIND as IN_KIND_ROLE
from ..ledger.vocabulary import YEARLY as YEARLY_ROLE
from ..tables import Table
from .common import (
    benefit_metric,
    cumulative_reading,
    date_words,
    dispatch_date,
    nothing_to_list,
    stated_or_metric,
    tied_claim,
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


def pay_fact(report: Report) -> Any:
    """A what-if pay per soldier and month, as the parameter it is."""
    value = report.params.pay_per_soldier_month_usd
    return derived_fact(
        "what-if:pay_per_soldier_month_usd",
        value,
        "USD",
        ("parameter:pay_per_soldier_month_usd",),
    )


def _benefit_sentence(report: Report) -> Prose:
    r = report.analysis.results
    per = r[benefit_metric(report)]
    if not per.available:
        return Prose(
            "The ministry's estimate of benefits from Russia cannot be set against the losses: "
            + why_unavailable(per, report)
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
        if name == "benefit_per_casualty_usd" and cum is not None:
            # the cumulative reading on the casualties of the estimate's own date, under a
            # label that says so; a later count would mix periods under the same name
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
            out = out + say(
                "North Korea publishes no budget totals; the only outside estimate in "
                "dollars, {estimate} for {year} ({who} {cite}), is converted at the official "
                "exchange rate and cannot be compared with it.",
                estimate=claim_fact(last),
                year=last.period_start,
                who=last.claimant,
                cite=report.cite(last.source_id),
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
    pet = factors[factors["id"].isin(report.ledger.role("benefit-scale"))]
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


#: The gain estimates by stream, in the order the table shows them (the vocabulary's role
#: "gain"): the pay for the troops, the ministry's estimate, the munitions and arms trade
#: (a total before its parts, so an "of which" row sits under its own total, never under
#: another estimate), then what comes in kind or as labour (issue 28, 03-C2 and 03-M4).
GAIN_QUANTITIES = QUANTITIES.with_role(GAIN)
#: gains in kind or labour, shown as stated, never priced (role "in-kind")
IN_KIND = QUANTITIES.with_role(IN_KIND_ROLE)


def gain_claims(report: Report) -> list[Any]:
    """The admitted gain estimates in the table's order: by stream (``STREAMS``), then by
    quantity within it, then oldest first."""
    order = {q: i for i, q in enumerate(GAIN_QUANTITIES)}
    rows = list(report.claims_of(*GAIN_QUANTITIES).itertuples())
    return sorted(rows, key=lambda c: order[c.quantity])  # stable: oldest first within


#: gains stated per year: scaled to the count's months before set per casualty
YEARLY = QUANTITIES.with_role(YEARLY_ROLE)


#: Qualifiers that make a figure a floor or a ceiling: a ratio computed on it keeps them.
BOUND_QUALIFIERS = ("more than", "at least", "up to", "nearly", "fewer than")


def _per_casualty_text(report: Report, c: Any, factor: float, casualties: Any) -> tuple[str, Any]:
    """A gain estimate per casualty, keeping a stated range's two ends and an "up to". The
    ministry's estimate read as cumulative is set against the casualties of its own date
    (``common.cumulative_reading``), never against a later count under the same label."""
    ids = (c.id, f"metric:{casualties.name}", *casualties.provenance)
    if c.quantity == "economic_benefit":
        cum = cumulative_reading(report) if report.params.benefit_period != "yearly" else None
        f = (
            cum.fact()
            if cum is not None
            else metric_fact(report.analysis.results[benefit_metric(report)])
        )
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


def alternatives_table(report: Report) -> Table:
    """Gain estimates side by side, each saying what it counts and over what period, set
    against the casualty figure in use (its median) on the same basis where the period
    allows."""
    r = report.analysis.results
    # set against the casualty count only where there is one to divide by
    counted = r["casualties"].available and r["casualties"].central > 0
    casualties = r["casualties"] if counted else None
    months = r["deployment_months"] if r["deployment_months"].available else None
    rows, facts = [], []
    for c in gain_claims(report):
        stated = claim_fact(c)
        facts.append(stated)
        label = QUANTITIES[c.quantity].gain
        if c.quantity == "arms_deliveries_value" and c.period_start:
            label = f"Arms delivered since {c.period_start}"
        row = {
            "Estimate": label,
            "Counts": QUANTITIES[c.quantity].counts,
            "As stated": stated.text,
            # who, when, how reliable and where, in one column: the table stays readable
            # on a page (nine narrow columns wrapped a name over six lines)
            "Source": (
                f"{claimant_label(c.claimant)}, {c.claim_date}, grade {c.reliability} "
                f"{report.cite(c.source_id)}"
            ),
        }
        per_text, basis = "", "not set against the count"
        if c.quantity in IN_KIND:
            basis = QUANTITIES[c.quantity].basis
        elif not tied_claim(report, c):
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
            cum = cumulative_reading(report) if reading != "yearly" else None
            on = (
                f", on the casualties counted by {date_words(cum.when)}"
                if cum is not None and cum.matched
                else (", against a later count: periods differ" if cum and cum.differs else "")
            )
            basis = (
                f"period unstated, read as {reading or 'cumulative'}"
                + (" (a what-if), scaled to the count's months" if reading == "yearly" else on)
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


def alternatives_prose(report: Report) -> Prose:
    art, kida = report.pick("economic_benefit"), report.pick("gains_total")
    if kida is None or art is None:
        return Prose("The sources drawn on here give only one estimate of what the regime gains.")
    ratio = derived_fact(
        "ratio:kida-to-ministry", kida.value / art.value, "multiple", (kida.id, art.id)
    )
    if kida.qualifier == "up to":  # a ratio on an "up to" figure keeps its hedge
        ratio = replace(ratio, text=f"up to {ratio.text}")
    munitions = report.pick("gains_munitions")
    values = {"kida": claim_fact(kida), "ratio": ratio, "art": claim_fact(art)}
    part = ""
    if munitions is not None and munitions.source_id == kida.source_id:
        values["share"] = derived_fact(
            "share:kida-munitions", munitions.value / kida.value, "share", (munitions.id, kida.id)
        )
        values["munitions"] = claim_fact(munitions)
        part = ": {munitions} ({share}) of it is the munitions trade, cumulative since " + md(
            date_words(str(kida.period_start))
        )
    # the ministry's figure is an estimate of economic benefits, not of total gains (m-4)
    return say(
        "The defence institute's estimate of the regime's gains ({kida}, {ratio} the "
        "ministry's {art}) measures something else" + part + ". In our reading the "
        "ministry's figure is closer to aid, the institute's to trade; neither refutes the "
        "other.",
        **values,
    )


def distribution_chart(report: Report, metric: str | None = None) -> Chart | Prose:
    metric = metric or benefit_metric(report)  # the reading in force
    res = report.analysis.results[metric]
    if not res.available:
        return Prose(f"No simulation of this figure: {why_unavailable(res, report)}.")
    values = report.analysis.samples(metric)
    scale = 1e3 if METRICS[metric].unit == "USD" else 1.0
    unit = "thousand US$" if scale == 1e3 else METRICS[metric].unit
    central, rng = metric_fact(res, "central"), metric_fact(res, "range")
    figure = distribution(
        values,
        res.central,
        res.low,
        res.high,
        title=f"{metric_label(metric)}: simulated values",
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
        f"Histogram of {report.params.draws:,} simulated values of {metric_label(metric).lower()}; "
        f"median {central.text}, 90% interval {rng.text}."
    )
    draws = derived_fact(
        "draws", report.params.draws, "count", ("parameter:draws",), f"{report.params.draws:,}"
    )
    return Chart(figure, caption, alt, [central, rng, draws], data=f"From {draws.text} draws.")


def tornado_chart(report: Report, metric: str | None = None) -> Chart | Prose:
    metric = metric or benefit_metric(report)  # the reading in force
    rows = report.analysis.sensitivity(metric) if report.analysis.results[metric].available else []
    if not rows:
        return Prose("No input of this figure has a range, so nothing moves it.")
    scale = 1e3 if METRICS[metric].unit == "USD" else 1.0
    top = rows[0]
    figure = tornado(
        rows,
        title=f"What moves {metric_label(metric)[0].lower() + metric_label(metric)[1:]} most",
        xlabel="thousand US$" if scale == 1e3 else METRICS[metric].unit,
        source="one input at a time at the ends of its stated range, the others central",
        scale=scale,
        labels={i: INPUTS[i].label for i in INPUTS},
    )
    name = input_label(top["input"])
    if len(rows) > 1 and rows[1]["swing"] >= 0.9 * top["swing"]:
        second = input_label(rows[1]["input"])
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
            f"{input_label(r['input'])} from "
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


def admitted_technology(report: Report) -> pd.DataFrame:
    return report.scenario.technology(report.ledger, report.as_of)


def technology_prose(report: Report) -> Prose:
    """Whether any admitted source prices the technology, in words true of the data."""
    priced = report.claims_of("gains_technology")
    if priced.empty:
        return Prose(
            "No source admitted here puts a price on the technology Russia supplies. The "
            "matrix lists each report; below it, why the technology matters."
        )
    c = priced.iloc[-1]
    return say(
        "Only {who} puts a price on the technology received, {value} {cite}; the matrix lists "
        "each report, and below it is why the technology matters, not what it would cost.",
        who=c.claimant,
        value=claim_fact(c),
        cite=report.cite(c.source_id),
    )


def evidence_matrix(report: Report) -> Table:
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


def break_even_chart(report: Report) -> Chart | Prose:
    r = report.analysis.results
    name = benefit_metric(report)
    if not (r[name].available and r["casualties"].available):
        return Prose("No break-even is drawn: " + why_unavailable(r[name], report) + ".")
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


def factors_table(report: Report) -> Table:
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


def technology_weight(report: Report) -> Prose:
    """Why the technology gains matter, in words, not priced: what the key judgments hold
    likely or better, and any transfer reported attempted, for South Korea's and the United
    States' security (issue 28: replaces a chart pricing technology against a target)."""
    from ..analysis.assess import assess, attempted

    held = [
        j
        for j in assess(report)
        if j.spec.kind == "technology"
        and j.assessable
        and j.likelihood in ("likely", "very likely", "almost certain")
    ]
    tech = report.scenario.technology(report.ledger, report.as_of)
    tried = sorted(
        {str(t["category"]) for _, t in tech.iterrows() if t["status"] == "sought" and attempted(t)}
    )
    if not held and not tried:
        return Prose("")
    parts = [f"it is {j.likelihood} that {j.spec.proposition}" for j in held]
    text = "The technology gains are not priced here: "
    text += "; ".join(parts) if parts else "no transfer is judged likely"
    if tried:
        text += "; and a transfer of " + ", ".join(tried) + " technology was reported attempted"
    why = [
        WHY_IT_MATTERS[c] for c in [j.spec.category for j in held] + tried if c in WHY_IT_MATTERS
    ]
    text += ". Each matters more to South Korea's and the United States' security than to the "
    text += "cash balance" + (": " + ", ".join(dict.fromkeys(why)) if why else "") + "."
    return Prose(md(text))


#: why a category of technology matters, in words (the analysts' reading, not a source's)
WHY_IT_MATTERS = {
    "air defence": "air defence shields the regime's own sites",
    "missile guidance": "better guidance makes its missiles more accurate",
    "submarine reactor": "a naval reactor would give it submarines of longer reach",
}
