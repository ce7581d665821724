"""The executive brief: bottom line, key judgments, key figures, indicators, sources."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd

from .. import __version__
from ..analysis.assess import assess
from ..charts import Chart, range_bars
from ..facts import Fact, Prose, claim_fact, derived_fact, metric_fact, say
from ..formatting import fmt_value, md
from ..paths import project
from ..tables import Table
from .cost_benefit import LABELS

INPUTS = (
    ("troops_initial", "Troops, first deployment"),
    ("troops_additional", "Troops, later wave"),
    ("casualties", "Killed or wounded"),
    ("killed", "Killed"),
    ("economic_benefit", "Economic benefit"),
    ("budget_share", "Share of state budget"),
)
DERIVED = (
    "troops_deployed",
    "casualty_rate",
    "benefit_per_deployed_soldier_usd",
    "benefit_per_casualty_usd",
    "implied_state_budget_usd",
)


def bluf(report: Any) -> Prose:
    r = report.analysis.results
    return say(
        "**Bottom line.** North Korea has traded lives for money and military technology. "
        "On the figures in this scenario, about {casualties} of the {troops} troops it sent "
        "have been killed or wounded ({rate}), while Russia's economic benefit of "
        "{benefit} works out at {per_casualty} per casualty. The technology it received, "
        "chiefly air defence, has no public price, and the money is small beside the "
        "munitions trade that runs alongside the deployment.",
        casualties=metric_fact(r["casualties"]),
        troops=metric_fact(r["troops_deployed"]),
        rate=metric_fact(r["casualty_rate"]),
        benefit=metric_fact(r["benefit_usd"]),
        per_casualty=metric_fact(r["benefit_per_casualty_usd"]),
    )


def _threshold_fact(j: Any) -> Fact:
    return derived_fact(
        f"threshold:{j.id}",
        j.threshold,
        j.threshold_unit,
        (f"assumption:data/judgments.toml#{j.id}",),
        text=fmt_value(j.threshold, j.threshold_unit),
    )


def key_judgments(report: Any) -> Prose:
    """Numbered judgments: a bold lead with its likelihood word, then a separate sentence
    with the confidence level and why (ICD 203 keeps the two apart)."""
    items, facts = [], []
    for n, j in enumerate(assess(report), start=1):
        values: dict[str, Any] = {}
        if j.threshold is not None:
            t = _threshold_fact(j)
            facts.append(t)
            values["threshold"] = t.text
        if not j.assessable:
            lead = j.lead.format(likelihood="not assessable here whether", **values)
            lead = lead.replace("It is not assessable here whether that ", "Whether ")
            items.append(f"{n}. **{md(lead)}** This scenario cannot say: {md(j.basis)}.")
            continue
        lead = j.lead.format(likelihood=j.likelihood, **values)
        items.append(
            f"{n}. **{md(lead)}** We have {j.confidence} confidence in this "
            f"judgment: {md(j.basis)}."
        )
    return Prose("::: keybox\n" + "\n".join(items) + "\n:::", facts)


def headline_chart(report: Any) -> Chart:
    r = report.analysis.results
    names = [
        n
        for n in (
            "benefit_per_deployed_soldier_usd",
            "benefit_per_casualty_usd",
            "benefit_per_death_usd",
        )
        if r[n].available
    ]
    facts = [metric_fact(r[n], "both") for n in names]
    figure = range_bars(
        [LABELS[n] for n in names],
        [r[n].central / 1e3 for n in names],
        [r[n].low / 1e3 for n in names],
        [r[n].high / 1e3 for n in names],
        title="What the deployment earns North Korea, per soldier",
        xlabel="thousand US$",
        source="reportlib metrics over the ledger; ranges: 5th-95th percentile",
        value_labels=[metric_fact(r[n]).text for n in names],
    )
    caption = say(
        "Each soldier killed or wounded stands for about {per_casualty} of economic benefit.",
        per_casualty=metric_fact(r["benefit_per_casualty_usd"]),
    ).text
    alt = (
        "Bar chart: "
        + "; ".join(f"{LABELS[n]} {f.text}" for n, f in zip(names, facts, strict=True))
        + "."
    )
    return Chart(figure, caption, alt, facts)


def key_figures_table(report: Any) -> Table:
    rows, facts = [], []
    for quantity, label in INPUTS:
        c = report.pick(quantity)
        if c is None:
            continue
        stated, rng = claim_fact(c), claim_fact(c, "range")
        facts += [stated, rng]
        rows.append(
            {
                "Figure": label,
                "Value": stated.text,
                "Range": rng.text,
                "Source": f"{c.claimant}, {c.claim_date} {report.cite(c.source_id)}",
            }
        )
    for name in DERIVED:
        res = report.analysis.results[name]
        if not res.available:
            continue
        c, rng = metric_fact(res), metric_fact(res, "range")
        facts += [c, rng]
        rows.append(
            {
                "Figure": LABELS[name],
                "Value": c.text,
                "Range": rng.text,
                "Source": "derived (reportlib)",
            }
        )
    return Table(
        pd.DataFrame(rows),
        caption="Key figures: inputs as their sources stated them, then derived figures",
        numeric=("Value", "Range"),
        facts=facts,
    )


def what_would_change(report: Any) -> Prose:
    inputs = report.analysis.inputs
    items, facts = [], []
    if "benefit_usd" in inputs:
        benefit = inputs["benefit_usd"]
        line = derived_fact(
            "indicator:casualties-for-half-million",
            benefit.central / 500_000,
            "persons",
            (*benefit.provenance, "assumption:data/judgments.toml#price-per-casualty"),
        )
        facts.append(line)
        items.append(
            say(
                "- **Casualties.** Once losses pass {line}, the benefit per "
                "casualty falls below the price-per-casualty threshold: watch for "
                "new official counts of killed and wounded.",
                line=line,
            ).text
        )
    items.append(
        "- **Scope of the benefit.** If the unification ministry's estimate turns out "
        "to be cumulative rather than annual, or in kind rather than cash, the "
        "per-casualty figures shrink accordingly."
    )
    items.append(
        "- **Technology.** Confirmation of reactor, satellite or re-entry "
        "technology transfers would change the balance more than any cash figure."
    )
    items.append(
        "- **New deployments.** Further waves, including non-combat contingents, "
        "raise both the pay the regime collects and its exposure to losses."
    )
    return Prose("\n".join(items), facts)


def data_version() -> str:
    """A short hash of the ledger's data files (the same files the build cache hashes)."""
    h = hashlib.sha256()
    for f in project().data_files():
        h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()[:12]


def provenance_line(report: Any) -> Prose:
    p = report.params
    draws = derived_fact(
        "parameter:draws", p.draws, "count", ("parameter:draws",), text=f"{p.draws}"
    )
    seed = derived_fact("parameter:seed", p.seed, "count", ("parameter:seed",), text=f"{p.seed}")
    version = derived_fact(
        "reportlib-version", 0, "version", ("reportlib.__version__",), text=__version__
    )
    facts = [draws, seed, version]
    extra = []
    for k, v in p.model_dump(mode="json", exclude_none=True).items():
        if k in ("scenario", "draws", "seed"):
            continue
        facts.append(
            derived_fact(f"parameter:{k}", 0, "parameter", (f"parameter:{k}",), text=str(v))
        )
        extra.append(f"{k}={md(v)}")
    what_if = [
        f"{k}={md(v)}"
        for k, v in p.model_dump(mode="json").items()
        if k != "scenario" and v != type(p).model_fields[k].default
    ]
    lead = ""
    if what_if:  # a what-if run says so first, and what it changed
        lead = f"**What-if run**, not a canonical report: overrides {', '.join(what_if)}. "
    return Prose(
        f"{lead}*Provenance: data version {data_version()}; reportlib {version.text}; parameters "
        f"scenario={md(p.scenario)}, draws={draws.text}, seed={seed.text}"
        f"{'; ' + ', '.join(extra) if extra else ''}. Every number in this brief is traced "
        "to the ledger or to a metric by the build's audit.*",
        facts,
    )
