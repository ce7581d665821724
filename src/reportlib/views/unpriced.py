"""Notebook 03's unpriced side: the technology evidence and why it matters, the
break-even it would need, and the gains and costs no source prices."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analysis.assess import Judgment, assess, attempted, statements
from ..analysis.judgments import load_definitions
from ..analysis.metrics import break_even_technology_value
from ..analysis.protocol import Report
from ..charts import Chart, break_even
from ..facts import Fact, Prose, claim_fact, derived_fact, metric_fact, say
from ..formatting import md
from ..ledger import frames
from ..ledger.copies import publisher_name
from ..ledger.dates import parse_partial_date
from ..tables import Table
from .brief_judgments import likely
from .common import (
    NO_DATE,
    benefit_metric,
    central,
    date_words,
    nothing_to_list,
    undated,
    why_unavailable,
)
from .deployment import admitted_events


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
    """One row per statement: a statement two publications carry (``assess.statements``)
    is one row citing both, its other wording noted beside the status."""
    rows = admitted_technology(report)
    labels = load_definitions(report.ledger.data_dir)
    rank = {s: n for n, s in enumerate(("delivered", "reported", "suspected", "sought"))}
    out = []
    for group in statements(report.ledger, rows):
        part = rows.iloc[group]
        # the firmest wording leads, and the most precise date
        lead = part.iloc[
            sorted(range(len(part)), key=lambda k: rank.get(part.iloc[k]["status"], 9))[0]
        ]
        others = [
            f"{r['status']} in {report.cite(str(r['source_id']))}"
            for _, r in part.iterrows()
            if r["status"] != lead["status"]
        ]
        cites = dict.fromkeys(report.cite(str(s)) for s in part["source_id"])
        out.append(
            {
                "Item": lead["item"],
                "Category": labels.category_label(str(lead["category"])),
                "Status": str(lead["status"]) + (f" ({'; '.join(others)})" if others else ""),
                "Claimed by": lead["claimant"],
                "Grade": report.ledger.best_grade(part["reliability"]),
                "Date": max(part["date"], key=lambda d: (len(str(d)), str(d))),
                "Source": " ".join(cites),
            }
        )
    frame = pd.DataFrame(
        out, columns=["Item", "Category", "Status", "Claimed by", "Grade", "Date", "Source"]
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
    benefit, casualties = central(r["benefit_usd"]), central(r["casualties"])
    if name != "benefit_per_casualty_usd":  # read as yearly: the share for the count's months
        benefit *= central(r["deployment_months"]) / 12
    per = metric_fact(r[name])
    current = central(r[name])
    targets = np.linspace(0, current * 4, 200)
    needed = np.asarray(break_even_technology_value(targets, benefit, casualties))
    provenance = (*r["benefit_usd"].provenance, *r["casualties"].provenance)
    doubled = derived_fact("break-even:doubled-target", current * 2, "USD", provenance)
    needed_at_double = float(break_even_technology_value(current * 2, benefit, casualties))
    two = derived_fact("break-even:double", needed_at_double, "USD", provenance)
    figure = break_even(
        targets,
        needed,
        title="What the technology would have to be worth",
        xlabel="benefits per casualty, million US$",
        ylabel="technology value, billion US$",
        source="value needed = target per casualty x casualties, less all economic benefits",
        marker=(current * 2, needed_at_double),
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


def _factor_rows(report: Report, side: str) -> list[dict[str, str]]:
    rows = report.admitted(report.ledger.factors)
    return [
        {
            "Side": side,
            "What": str(r.factor),
            "Claimed by": str(r.claimant),
            "Source": report.cite(str(r.source_id)),
        }
        for r in frames.rows(rows.loc[rows["side"] == side].sort_values("id"))
    ]


def unpriced_words(report: Report) -> Prose:
    """For the brief's "What the reader must not miss": the gains and the costs the admitted
    sources give no price, each as its factor row states it, attributed and cited, the
    best-graded first (review X-M5: the ministry's judgment of what the money pays for,
    Hong Min's of what the deployment brought, the soldiers not told, the one who would
    defect, the "cannon fodder" criticism). Left out: the military gains the brief names
    beside the earnings (role ``military-gain``), what the sources give as the cause of the
    losses counted (role ``drone-losses``), and a gain or cost the reports give as a figure
    (role ``counted``: the oil over the UN cap). An edition with
    a previous one names only those reported since it (the earlier ones stand in the
    cost-benefit report's table of them, and in the edition before). "" where there are none."""
    factors = report.admitted(report.ledger.factors)
    shown = {
        r for role in ("military-gain", "drone-losses", "counted") for r in report.ledger.role(role)
    }
    if report.analysis.results["benefit_usd"].available:
        # the ministry's own weighing closes the bottom line's sentence on its estimate
        shown |= set(report.ledger.role("benefit-scale"))
    since = report.scenario.previous_edition
    if since is not None and since < report.as_of:
        known = [parse_partial_date(str(d)).start <= since for d in factors["date"]]
        shown |= set(factors.loc[known, "id"]) if any(known) else set()
    rank = report.ledger.grade_order
    parts = []
    for side, word in (("gain", "Gains"), ("cost", "Costs")):
        rows = [f for f in frames.rows(factors) if f.side == side and f.id not in shown]
        rows.sort(key=lambda f: rank.get(str(f.reliability), len(rank)))  # stable: file order
        items = [
            say(
                "{what} ({who} {cite})",
                what=str(f.factor),  # as the row has it: its first word may be a name
                who=report.scenario.speaker(report.ledger, str(f.claimant)),
                cite=report.cite(str(f.source_id)),
            ).text
            for f in rows
        ]
        if items:
            parts.append(f"{word}: " + "; ".join(items) + ".")
    if not parts:
        return Prose("")
    return Prose("- **Gains and costs without a price.** " + " ".join(parts))


def _legitimacy_rows(report: Report) -> list[dict[str, str]]:
    """Each admitted event that took place and marks the losses made a cause at home (role
    ``legitimacy``), oldest first: a gain in legitimacy, as the brief's "must not miss"
    names the newest of them (03-M5)."""
    events = admitted_events(report)
    marked = events.loc[
        events["id"].isin(list(report.ledger.role("legitimacy"))) & (events["status"] == "occurred")
    ]
    return [
        {
            "Side": "gain",
            "What": f"Legitimacy at home, the losses made a cause: {e.event} "
            f"({date_words(str(e.date))})",
            "Claimed by": publisher_name(report.source(str(e.source_id))),
            "Source": report.cite(str(e.source_id)),
        }
        for e in frames.rows(marked)
    ]


def _loss_row(report: Report) -> tuple[list[dict[str, str]], list[Fact]]:
    """The human cost the other rows leave unpriced, from the count the selection rule
    picks: the dead where a count of them is admitted, else the killed and wounded (03-M5:
    the costs were only as others saw them)."""
    for quantity, what in (("killed", "Soldiers killed"), ("casualties", "Killed or wounded")):
        c = report.pick(quantity)
        if c is None:
            continue
        n = claim_fact(c)
        row = {
            "Side": "cost",
            "What": f"{what}: {n.text} "
            + (f"({NO_DATE})" if undated(c) else f"by {date_words(str(c.claim_date))}"),
            "Claimed by": report.ledger.display(str(c.claimant)),
            "Source": report.cite(str(c.source_id)),
        }
        return [row], [n]
    return [], []


def factors_table(report: Report) -> Table:
    """The gains and costs the sources give no price: the factor rows of each side, the
    gains in legitimacy (events marked ``legitimacy``) and, first of the costs, the dead
    (or the killed and wounded) as the picked count gives them."""
    losses, facts = _loss_row(report)
    rows = (
        _factor_rows(report, "gain")
        + _legitimacy_rows(report)
        + losses
        + _factor_rows(report, "cost")
    )
    return Table(
        pd.DataFrame(rows, columns=["Side", "What", "Claimed by", "Source"]),
        caption="Gains and costs the sources give no price",
        facts=facts,
        empty=nothing_to_list(report, "gains or costs without a price"),
    )


#: the likelihoods at which a technology judgment is held: a roughly even chance or better
HELD = ("roughly even chance", "likely", "very likely", "almost certain")


def _held_judgments(report: Report) -> list[Judgment]:
    """The technology judgments the assessment holds likely or better."""
    return [
        j
        for j in assess(report)
        if j.spec.kind == "technology" and j.assessable and j.likelihood in HELD
    ]


def _tried_categories(report: Report) -> list[str]:
    """The categories of technology whose transfer was sought and reported attempted."""
    tech = report.scenario.technology(report.ledger, report.as_of)
    return sorted(
        {
            str(t.category)
            for t in frames.rows(tech)
            if t.status == "sought" and attempted(t._asdict())
        }
    )


def technology_weight(report: Report) -> Prose:
    """Why the technology gains matter, in words, not priced: what the key judgments hold
    likely or better, and any transfer reported attempted, for South Korea's and the United
    States' security (issue 28: replaces a chart pricing technology against a target)."""
    held, tried = _held_judgments(report), _tried_categories(report)
    if not held and not tried:
        return Prose("")
    parts = [f"{likely(str(j.likelihood)).lower()} that {j.spec.proposition}" for j in held]
    text = "The technology gains are not priced here: "
    text += "; ".join(parts) if parts else "no transfer is judged likely"
    if tried:
        text += "; and a transfer of " + ", ".join(tried) + " technology was reported attempted"
    categories = [j.spec.category for j in held] + tried
    why = [WHY_IT_MATTERS[c] for c in categories if c in WHY_IT_MATTERS]
    text += ". Each matters more to South Korea's and the United States' security than to the "
    text += "cash balance" + (": " + ", ".join(dict.fromkeys(why)) if why else "") + "."
    return Prose(md(text))


#: why a category of technology matters, in words (the analysts' reading, not a source's)
WHY_IT_MATTERS = {
    "air defence": "air defence shields the regime's own sites",
    "missile guidance": "better guidance makes its missiles more accurate",
    "submarine reactor": "a naval reactor would give it submarines of longer reach",
}
