"""The brief's key figures: the balance chart (Figure 1) and the key-figures table, the
inputs as their sources stated them and the balance computed from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..analysis.balance import yearly_pay, yearly_pay_share_of_gni
from ..analysis.protocol import Report
from ..analysis.selection import cohort_of
from ..charts import Chart, balance
from ..facts import (
    INTERVAL,
    STATED_RANGE,
    Fact,
    Prose,
    claim_fact,
    metric_fact,
    say,
)
from ..formatting import md, plain
from ..ledger.dates import parse_partial_date
from ..ledger.vocabulary import (
    BRIEF_INPUT,
    BRIEF_KEY,
    METRICS,
    QUANTITIES,
    metric_label,
)
from ..ledger.vocabulary import PER_CASUALTY as PER_CASUALTY_ROLE
from ..tables import Table
from .common import (
    baseline_sources,
    claim_when,
    date_words,
    provenance_notes,
    stated_or_metric,
)
from .gains import other_arms_estimates
from .losses import killed_rivals

#: the stated rows of the key-figures table (the vocabulary's role "brief-input")
INPUTS = tuple((q, QUANTITIES[q].heading) for q in QUANTITIES.with_role(BRIEF_INPUT))
#: the computed rows of the key-figures table (the vocabulary's role "brief-key")
DERIVED = METRICS.with_role(BRIEF_KEY)
#: the per-casualty readings the brief's chart sets side by side (role "per-casualty")
PER_CASUALTY = METRICS.with_role(PER_CASUALTY_ROLE)


@dataclass
class _Panel:
    """One panel's bars (or marks) of Figure 1, with the facts they show and their words
    for the chart's text alternative."""

    bars: list[tuple] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    described: list[str] = field(default_factory=list)


def _number(fact: Fact) -> float:
    """The number a bar of Figure 1 draws for ``fact`` (every figure drawn has one)."""
    if fact.value is None:
        raise ValueError(f"Figure 1 cannot draw {fact.key}: it has no value")
    return fact.value


def _gets(report: Report, munitions: Any) -> _Panel:
    """What North Korea gets: a year of the troops' pay, the ministry's estimate, and the
    munitions trade (``munitions``, the picked claim, if any) kept apart, muted."""
    panel = _Panel()

    def bar(label: str, fact: Fact, muted: bool = False) -> None:
        value = _number(fact)
        low = fact.low if fact.low is not None else value
        high = fact.high if fact.high is not None else value
        panel.bars.append((label, value / 1e9, low / 1e9, high / 1e9, muted, fact.text))
        panel.facts.append(fact)
        panel.described.append(f"{label.replace(chr(10), ' ')}: {fact.text}")

    pay = yearly_pay(report.analysis)
    if pay.available:
        bar("Troops' pay, a year", metric_fact(pay))
    if report.analysis.results["benefit_usd"].available:
        bar("Ministry's estimate", stated_or_metric(report, "benefit_usd"))
    if munitions is not None:
        m = munitions
        start = parse_partial_date(str(m.period_start)).start if m.period_start else None
        since = f" since {start:%b %Y}" if start else ""
        bar(f"Munitions{since}, apart", claim_fact(m), muted=True)
    return panel


#: the size of the economy marked against what North Korea gets: (figure, label, stated)
ECONOMY = (
    ("gni_usd", "national income", True),
    ("implied_state_budget_usd", "state budget (implied)", False),
    ("trade_usd", "trade", True),
)


def _economy(report: Report) -> _Panel:
    """The size of the economy, a year each: national income and trade as stated (where
    the analysis has them as inputs), the implied state budget as computed."""
    a = report.analysis
    panel = _Panel()
    for name, label, stated in ECONOMY:
        if stated:
            if name not in a.inputs:
                continue
            fact = stated_or_metric(report, name)
        else:
            if not a.results[name].available:
                continue
            fact = metric_fact(a.results[name])
        panel.bars.append(
            (f"{label[:1].upper()}{label[1:]}, a year", _number(fact) / 1e9, fact.text)
        )
        panel.facts.append(fact)
        panel.described.append(f"{label}, a year: {fact.text}")
    return panel


def _loses(report: Report) -> _Panel:
    """What North Korea loses: the troops sent, the killed or wounded, and the killed where
    one count of the dead is agreed (a range is in "The losses")."""
    panel = _Panel()
    if not report.analysis.results["casualty_rate"].available:
        return panel
    troops = stated_or_metric(report, "troops_cohort")
    hurt = stated_or_metric(report, "casualties")
    # the troops the count covers, named as such where it covers one wave only
    cohort = cohort_of(report.pick("casualties")) if report.params.troops is None else ""
    label = "Troops sent" if cohort in ("", "troops_total") else _cap(QUANTITIES[cohort].figure)
    panel.bars.append((label, troops.value, False, troops.text))
    panel.bars.append(("Killed or wounded", hurt.value, True, hurt.text))
    panel.facts += [troops, hurt]
    panel.described += [f"{label.lower()}: {troops.text}", f"killed or wounded: {hurt.text}"]
    killed = report.pick("killed")
    if (
        killed is not None
        and float(killed.value) <= _number(hurt)
        and not killed_rivals(report, killed)
    ):
        k = claim_fact(killed)
        panel.bars.append(("Killed", k.value, True, k.text))
        panel.facts.append(k)
        panel.described.append(f"of them killed: {k.text}")
    return panel


def _headline_caption(report: Report, munitions: Any) -> Prose:
    """Figure 1's caption: the pay and the ministry's estimate as shares of national
    income, and the munitions trade where it is larger than both."""
    a = report.analysis
    parts = []
    values: dict[str, Fact] = {}
    share = yearly_pay_share_of_gni(a)
    if share.available:
        parts.append("a year of the troops' pay is {pay} of national income")
        values["pay"] = metric_fact(share)
    gni = a.results["benefit_share_of_gni"]
    if gni.available:
        chosen = report.params.benefit_period  # a what-if's reading, stated as the reading
        parts.append(
            "the ministry's estimate {gni} "
            + (f"reading that figure as {chosen} (a what-if)" if chosen else "if it is yearly")
        )
        values["gni"] = metric_fact(gni)
    benefit = a.results["benefit_usd"]
    central = benefit.central if benefit.available else None
    others = other_arms_estimates(report, munitions) if munitions is not None else Prose("")
    if munitions is not None and central is not None and float(munitions.value) > central:
        # on the highest estimate only, where there are lower ones: named beside it (L-M2)
        highest = " on the highest estimate" if "are lower" in others.text else ""
        parts.append("the munitions trade, kept apart, is larger than both" + highest)
    lead = "What North Korea gets against its economy, and what it loses"
    text = say(lead + (": " + "; ".join(parts) if parts else ""), **values).text
    facts = list(values.values())
    if others.text:  # Markdown prose, in a caption that is plain text
        text, facts = text + "; " + plain(others.text), facts + others.facts
    return Prose(text + ".", facts)


def _source_line(report: Report) -> str:
    """Figure 1's source line: the key figures, and who estimated each size of the economy
    drawn, cited in the report's numbered list ("national income and trade: Bank of Korea
    [2]"), since the shares of income rest on them (review X-M2, L-M4)."""
    named = baseline_sources(report, tuple((n, label) for n, label, stated in ECONOMY if stated))
    cited = "".join(f"; {words}: {who} {cite}" for words, who, cite in named)
    return f"the sourced key figures{cited}; whiskers: range; hollow bars: the economy"


def headline_chart(report: Report) -> Chart | Prose:
    """Figure 1, the balance: what North Korea gets (a year of the troops' pay, the
    ministry's estimate of unstated period, and the munitions trade kept apart, muted)
    against the size of its economy (national income, the implied state budget and trade,
    a year each), beside what it loses (the troops sent, killed or wounded, killed). No
    figure is per casualty."""
    munitions = report.pick("gains_munitions")
    gets, economy, loses = _gets(report, munitions), _economy(report), _loses(report)
    if not gets.bars or not loses.bars:
        return Prose("")
    figure = balance(
        gets.bars,
        economy.bars,
        loses.bars,
        titles=("What North Korea gets", "What it loses"),
        units=("US$ billion", "persons"),
        source=_source_line(report),
    )
    caption = _headline_caption(report, munitions)
    data = "; ".join(gets.described + economy.described + loses.described)
    alt = "Two bar charts. " + data + "."
    facts = gets.facts + economy.facts + loses.facts + caption.facts
    return Chart(figure, caption.text, alt, facts, data=f"{data}.")


def _stated_total(report: Report) -> Any:
    """The claim of the troops sent in all, where the troops the count covers are a stated
    total (not the waves added up); else None."""
    cohort = report.analysis.inputs.get("troops_cohort")
    if cohort is None or cohort.claim_id is None:
        return None
    c = report.ledger.claim(cohort.claim_id)
    return c if str(c.quantity) == "troops_total" else None


def _source_cell(report: Report, c: Any) -> str:
    """Who stated claim ``c`` (and whom they cited), when, its citation, and where it is known
    from one publication only, that ("South Korea's unification ministry, citing expert
    analysis, 2025-03 [2]; one publication only")."""
    # a figure stated about another (the budget share, of the ministry's own estimate) has
    # its partner's provenance, given on the partner's row
    entry = QUANTITIES.get(str(c.quantity))
    notes = [] if entry is not None and entry.stated_about else provenance_notes(report, c)
    cited = "".join(f", {n}" for n in notes if n.startswith("citing "))
    # a table cell is narrow: "reported by one publication only" is "one publication only"
    rest = "".join(
        f"; {n.removeprefix('reported by ')}" for n in notes if not n.startswith("citing ")
    )
    who = report.scenario.speaker(report.ledger, str(c.claimant))
    return f"{who}{cited}, {claim_when(c)} {report.cite(c.source_id)}{rest}"


def _stated_row(report: Report, label: str, c: Any) -> tuple[dict[str, str], list[Fact]]:
    """A row of the key-figures table for claim ``c`` as its source stated it."""
    stated, rng = claim_fact(c), claim_fact(c, "range")
    row = {
        "Figure": label,
        "Value": stated.text,
        "Range": rng.text,
        "Source": _source_cell(report, c),
    }
    return row, [stated, rng]


def _input_rows(report: Report, stated_total: Any) -> tuple[list[dict[str, str]], list[Fact]]:
    """The inputs as their sources stated them; the troops sent in all in place of the
    waves where a source states that count (the waves are not what any figure here is
    computed on)."""
    inputs = list(INPUTS)
    if stated_total is not None:
        inputs = [("troops_additional", "")] + [
            x for x in inputs if x[0] not in ("troops_initial", "troops_additional")
        ]
    rows, facts = [], []
    for quantity, label in inputs:
        c = report.pick(quantity) if label else None
        if c is None and quantity == "troops_additional" and stated_total is not None:
            c, label = stated_total, "Troops sent in all"
        if c is None:
            continue
        row, shown = _stated_row(report, label, c)
        rows.append(row)
        facts += shown
    return rows, facts


def _computed_rows(report: Report, stated_total: Any) -> tuple[list[dict[str, str]], list[Fact]]:
    """The balance computed from the inputs, with a year of the troops' pay third."""
    r = report.analysis.results
    computed = [
        (n, metric_label(n), r[n])
        for n in DERIVED
        if not (n == "troops_deployed" and stated_total is not None)
    ]
    computed.insert(
        2 if len(computed) > 2 else len(computed),
        ("deployment_payment_yearly_usd", "Troops' pay, a year", yearly_pay(report.analysis)),
    )
    rows, facts = [], []
    for _name, label, res in computed:
        if not res.available:
            continue
        c, rng = metric_fact(res), metric_fact(res, "range")
        facts += [c, rng]
        rows.append({"Figure": label, "Value": c.text, "Range": rng.text, "Source": "computed"})
    return rows, facts


def key_figures_table(report: Report) -> Table:
    """Inputs as their sources stated them (the troops sent in all among them where a source
    states that count), then the balance computed from them: the losses against the force
    and the active armed forces, a year of the troops' pay, the ministry's estimate against
    national income and the budget it implies. No figure is per casualty (those are one lens
    of the cost-benefit report)."""
    stated_total = _stated_total(report)
    stated, stated_facts = _input_rows(report, stated_total)
    computed, computed_facts = _computed_rows(report, stated_total)
    rows, facts = stated + computed, stated_facts + computed_facts
    return Table(
        pd.DataFrame(rows, columns=["Figure", "Value", "Range", "Source"]),
        caption=(
            f"Key figures: inputs as their sources stated them ({STATED_RANGE}), then "
            f"figures computed from them ({INTERVAL})"
        ),
        numeric=("Value", "Range"),
        facts=facts,
        empty=(
            f"No key figures to list by {md(date_words(report.as_of))}: no admitted source "
            "gives any of their inputs."
        ),
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
