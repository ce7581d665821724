"""Notebook 03: the balance of benefit against casualties, alternatives, uncertainty,
technology evidence and the non-monetary gains and costs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..analysis.metrics import METRICS, break_even_technology_value
from ..charts import Chart, break_even, distribution, tornado
from ..facts import Prose, claim_fact, derived_fact, metric_fact, say
from ..formatting import fmt_value
from ..ledger.labels import GAIN_LABELS, INPUT_LABELS
from ..tables import Table

LABELS = {
    "troops_deployed": "Troops sent",
    "casualties": "Killed or wounded",
    "casualty_rate": "Casualty rate",
    "casualties_per_month": "Casualties per month",
    "killed_share": "Killed share of casualties",
    "benefit_usd": "Economic benefit",
    "implied_state_budget_usd": "Implied state budget",
    "benefit_per_deployed_soldier_usd": "Benefit per soldier sent",
    "benefit_per_casualty_usd": "Benefit per casualty",
    "benefit_per_death_usd": "Benefit per soldier killed",
    "benefit_share_of_gni": "Benefit as share of GNI",
    "gains_total_per_casualty_usd": "KIDA total gains per casualty",
    "gains_total_share_of_gni": "KIDA total gains as share of GNI",
    "pay_based_annual_usd": "A year of reported pay, all troops",
}


def balance_prose(report: Any) -> Prose:
    r = report.analysis.results
    if not r["benefit_per_casualty_usd"].available:
        return Prose("This scenario lacks the figures to set the benefit against the losses.")
    return say(
        "Against the economic benefit of {benefit}, each soldier sent brings the regime "
        "{per_soldier}, and each soldier killed or wounded stands for {per_casualty}.",
        benefit=metric_fact(r["benefit_usd"], "both"),
        per_soldier=metric_fact(r["benefit_per_deployed_soldier_usd"], "both"),
        per_casualty=metric_fact(r["benefit_per_casualty_usd"], "both"),
    )


def metrics_table(report: Any) -> Table:
    rows, facts = [], []
    for name, res in report.analysis.results.items():
        if not res.available:
            rows.append(
                {
                    "Metric": LABELS[name],
                    "Central": "not available",
                    "Range": "lacks " + ", ".join(INPUT_LABELS.get(m, m) for m in res.missing),
                }
            )
            continue
        c, rng = metric_fact(res, "central"), metric_fact(res, "range")
        facts += [c, rng]
        rows.append({"Metric": LABELS[name], "Central": c.text, "Range": rng.text})
    return Table(
        pd.DataFrame(rows),
        caption="Every metric, central value and range (5th to 95th percentile of the Monte Carlo)",
        numeric=("Central", "Range"),
        facts=facts,
    )


def context_prose(report: Any) -> Prose:
    r = report.analysis.results
    parts = []
    if r["implied_state_budget_usd"].available:
        parts.append(
            say(
                "If the benefit is {share} of the state budget, as the unification ministry "
                "said, the budget itself is {budget}.",
                share=claim_fact(report.pick("budget_share")),
                budget=metric_fact(r["implied_state_budget_usd"], "both"),
            )
        )
        kdb = report.claims_of("state_budget")
        if not kdb.empty:
            last = kdb.iloc[-1]
            parts.append(
                say(
                    "North Korea publishes no budget totals; the latest outside estimate found, "
                    "{kdb} for {year} ({who} {cite}), is consistent with that only at the "
                    "official exchange rate.",
                    kdb=claim_fact(last),
                    year=last.period_start,
                    who=last.claimant,
                    cite=report.cite(last.source_id),
                )
            )
    if r["benefit_share_of_gni"].available:
        gni = report.pick("gni_nominal")
        parts.append(
            say(
                "Against national income ({gni} for {year}, {who} {cite}) the benefit is "
                "{share}: enough for showcase projects, not to lift the whole economy.",
                gni=claim_fact(gni),
                year=gni.period_start,
                who=gni.claimant,
                cite=report.cite(gni.source_id),
                share=metric_fact(r["benefit_share_of_gni"], "both"),
            )
        )
    if not parts:
        return Prose("No budget or income figure is admitted in this scenario.")
    out = parts[0]
    for p in parts[1:]:
        out = Prose(out.text + " " + p.text, out.facts + p.facts)
    return out


GAIN_QUANTITIES = (
    "economic_benefit",
    "gains_total",
    "gains_munitions",
    "gains_troops",
    "gains_technology",
    "troop_deal_value_annual",
    "arms_deliveries_value",
)


def alternatives_table(report: Any) -> Table:
    """Gain estimates side by side, each per casualty and against GNI."""
    casualties = report.analysis.inputs.get("casualties")
    gni = report.analysis.inputs.get("gni_usd")
    rows, facts = [], []
    for c in report.claims_of(*GAIN_QUANTITIES).itertuples():
        stated = claim_fact(c)
        row = {
            "Estimate": GAIN_LABELS[c.quantity],
            "As stated": stated.text,
            "Claimed by": c.claimant,
            "Date": c.claim_date,
            "Grade": c.reliability,
            "Source": report.cite(c.source_id),
        }
        facts.append(stated)
        if casualties is not None:
            per = derived_fact(
                f"per-casualty:{c.id}",
                c.value / casualties.central,
                "USD",
                (c.id, *casualties.provenance),
            )
            row["Per casualty"] = per.text
            facts.append(per)
        if gni is not None:
            share = derived_fact(
                f"gni-share:{c.id}", c.value / gni.central, "share", (c.id, *gni.provenance)
            )
            row["Share of GNI"] = share.text
            facts.append(share)
        rows.append(row)
    return Table(
        pd.DataFrame(rows),
        caption="What the regime gains: the estimates side by side",
        numeric=("As stated", "Per casualty", "Share of GNI"),
        facts=facts,
    )


def alternatives_prose(report: Any) -> Prose:
    art, kida = report.pick("economic_benefit"), report.pick("gains_total")
    r = report.analysis.results
    if kida is None or not r["gains_total_per_casualty_usd"].available:
        return Prose(
            "This scenario holds only the article's estimate of the gains; the "
            "cross-checked and latest scenarios add the defence institute's much "
            "larger figure, which counts munitions sold as well."
        )
    return say(
        "Two estimates disagree by a factor of several. The unification ministry's {art} "
        "(scope unstated) gives {per_art} per casualty; the defence institute's {kida}, "
        "cumulative and mostly the value of munitions, gives {per_kida}. They measure "
        "different things, so neither refutes the other: the first is closer to aid, the "
        "second to trade.",
        art=claim_fact(art),
        kida=claim_fact(kida),
        per_art=metric_fact(r["benefit_per_casualty_usd"]),
        per_kida=metric_fact(r["gains_total_per_casualty_usd"]),
    )


def distribution_chart(report: Any, metric: str = "benefit_per_casualty_usd") -> Chart:
    res = report.analysis.results[metric]
    values = report.analysis.samples(metric)
    scale = 1e3 if METRICS[metric].unit == "USD" else 1.0
    unit = "thousand US$" if scale == 1e3 else METRICS[metric].unit
    central, rng = metric_fact(res, "central"), metric_fact(res, "range")
    figure = distribution(
        values,
        res.central,
        res.low,
        res.high,
        title=f"{LABELS[metric]}: Monte Carlo draws",
        xlabel=unit,
        source="reportlib Monte Carlo over the ledger ranges",
        scale=scale,
    )
    caption = say(
        "The central estimate is {c}; nine draws in ten fall within {r}.", c=central, r=rng
    ).text
    alt = (
        f"Histogram of {report.params.draws:,} draws of {LABELS[metric].lower()}; central "
        f"{central.text}, range {rng.text}."
    )
    draws = derived_fact(
        "draws", report.params.draws, "count", ("parameter:draws",), f"{report.params.draws:,}"
    )
    return Chart(figure, caption, alt, [central, rng, draws])


def tornado_chart(report: Any, metric: str = "benefit_per_casualty_usd") -> Chart:
    rows = report.analysis.sensitivity(metric)
    scale = 1e3 if METRICS[metric].unit == "USD" else 1.0
    top = rows[0]
    figure = tornado(
        rows,
        title=f"What moves {LABELS[metric].lower()} most",
        xlabel="thousand US$" if scale == 1e3 else METRICS[metric].unit,
        source="reportlib one-at-a-time sensitivity over the ledger ranges",
        scale=scale,
        labels=INPUT_LABELS,
    )
    caption = (
        f"The {INPUT_LABELS.get(top['input'], top['input'])} figure moves the result "
        "most; each bar sets one input to the ends of its range."
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
    alt = (
        "Tornado chart: "
        + "; ".join(
            f"{INPUT_LABELS.get(r['input'], r['input'])} from "
            f"{fmt_value(r['at_low'], METRICS[metric].unit)} to "
            f"{fmt_value(r['at_high'], METRICS[metric].unit)}"
            for r in rows
        )
        + "."
    )
    return Chart(figure, caption, alt, facts)


def admitted_technology(report: Any) -> pd.DataFrame:
    rows = report.admitted(report.ledger.technology)
    return rows.sort_values(["category", "date", "id"]).reset_index(drop=True)


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
        caption="Technology transfer: the evidence, item by item. No dollar value is put on it.",
    )


def break_even_chart(report: Any) -> Chart | Prose:
    inputs = report.analysis.inputs
    if "benefit_usd" not in inputs or "casualties" not in inputs:
        return Prose("This scenario lacks the benefit or casualty figure a break-even needs.")
    benefit, casualties = inputs["benefit_usd"].central, inputs["casualties"].central
    current = benefit / casualties
    targets = np.linspace(0, current * 4, 200)
    needed = break_even_technology_value(targets, benefit, casualties)
    two = derived_fact(
        "break-even:double",
        float(break_even_technology_value(current * 2, benefit, casualties)),
        "USD",
        (*inputs["benefit_usd"].provenance, *inputs["casualties"].provenance),
    )
    per = derived_fact(
        "break-even:current",
        current,
        "USD",
        (*inputs["benefit_usd"].provenance, *inputs["casualties"].provenance),
    )
    doubled = derived_fact("break-even:doubled-target", current * 2, "USD", per.provenance)
    figure = break_even(
        targets,
        needed,
        title="What the technology would have to be worth",
        xlabel="benefit per casualty, million US$",
        ylabel="technology value, billion US$",
        source="reportlib; technology value = target x casualties - benefit",
        marker=(current * 2, float(two.value)),
    )
    caption = say(
        "For the deal to be worth {doubled} per casualty instead of {per}, the "
        "technology received would have to be worth {two}.",
        doubled=doubled,
        per=per,
        two=two,
    ).text
    alt = (
        f"Line rising from zero at {per.text} per casualty: the technology value needed "
        f"for each benefit-per-casualty target; marked point at {doubled.text}, {two.text}."
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
    return Table(frame, caption="Gains and costs no one has priced")
