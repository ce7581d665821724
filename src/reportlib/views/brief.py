"""The executive brief: bottom line, key judgments, assumptions, key figures, indicators,
sources. Every sentence whose truth depends on the data is built with its condition."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd

from .. import __version__
from ..analysis.assess import Judgment, assess, attempted, count_words
from ..analysis.balance import loss_trend, yearly_pay, yearly_pay_share_of_gni
from ..analysis.calendar import age_words, whole_months
from ..analysis.judgments import load_definitions
from ..analysis.protocol import Report
from ..charts import Chart, balance
from ..facts import (
    INTERVAL,
    STATED_RANGE,
    Fact,
    Prose,
    claim_fact,
    derived_fact,
    judgment_fact,
    metric_fact,
    say,
)
from ..formatting import md
from ..ledger.dates import parse_partial_date
from ..ledger.labels import claimant_label
from ..ledger.vocabulary import (
    BRIEF_INPUT,
    BRIEF_KEY,
    IN_KIND,
    METRICS,
    QUANTITIES,
    metric_label,
)
from ..ledger.vocabulary import PER_CASUALTY as PER_CASUALTY_ROLE
from ..tables import Table
from .common import (
    date_words,
    dispatch_date,
    keybox,
    stated_or_metric,
    threshold_fact,
    why_unavailable,
)
from .cost_benefit import pay_fact
from .deployment import admitted_events
from .losses import cohort_words, killed_rivals, pace_facts

#: the stated rows of the key-figures table (the vocabulary's role "brief-input")
INPUTS = tuple((q, QUANTITIES[q].heading) for q in QUANTITIES.with_role(BRIEF_INPUT))
#: the computed rows of the key-figures table (the vocabulary's role "brief-key")
DERIVED = METRICS.with_role(BRIEF_KEY)
#: the per-casualty readings the brief's chart sets side by side (role "per-casualty")
PER_CASUALTY = METRICS.with_role(PER_CASUALTY_ROLE)


#: the technology judgments a bottom line names as gains: those at least this likely
GAIN_TERMS = ("very likely", "almost certain")


def technology_gains(report: Report) -> str:
    """One clause naming the technology gains the key judgments hold very likely or
    almost certain ("it is very likely that Russia has delivered ... and helped ..."),
    or "" when none is."""
    by_term: dict[str, list[str]] = {}
    for j in assess(report):
        if j.spec.kind == "technology" and j.assessable and j.likelihood in GAIN_TERMS:
            by_term.setdefault(j.likelihood, []).append(j.spec.proposition)
    parts = []
    for term, props in by_term.items():
        rest = [p.removeprefix("Russia has ") for p in props[1:]]
        joined = props[0] + "".join(
            (" and " if i == len(rest) - 1 else ", ") + r for i, r in enumerate(rest)
        )
        parts.append(f"it is {term} that {joined}")
    return "; ".join(parts)


def losses_words(report: Report) -> tuple[str, list[Fact]]:
    """Whom the casualty count covers, for the bottom line: the troops sent to fight with
    their number where the count covers all troops sent (the ledger's troops sent so far are
    the combat deployments; the engineers and builders are counted apart), else the cohort."""
    chosen = report.pick("casualties")
    cohort = chosen.get("cohort", "") if chosen is not None else ""
    if report.params.troops is None and cohort == "troops_total":
        troops = stated_or_metric(report, "troops_cohort")
        return say("the {n} troops sent to fight", n=troops).text, [troops]
    return md(cohort_words(report)), []


def pace_words(report: Report) -> Prose:
    """The trend of the losses, from one organisation's own counts (``balance.loss_trend``):
    "the pace fell: about 4,700 to April 2025 (about 950 a month), about 1,300 in the 9
    months since (about 140 a month), on South Korea's intelligence service's counts"; ""
    where the ledger gives no trend. One flat average would hide it."""
    t = loss_trend(report)
    if t is None:
        return Prose("")
    return say(
        "the pace "
        + t.direction
        + ": about {en} to "
        + md(date_words(t.early.end))
        + " (about {e} a month), about {rn} in the {since} since (about {r} a month), on the "
        "counts of {who}",
        who=t.organisation,
        **pace_facts(t),
    )


def gains_words(report: Report) -> Prose:
    """What North Korea gets, against its economy, in one sentence: the technology judged
    very likely or almost certain, and a year of the troops' pay (which the intelligence
    service infers) against national income. Never per casualty."""
    a = report.analysis
    gains = technology_gains(report)
    pay = yearly_pay(a)
    share = yearly_pay_share_of_gni(a)
    parts: list[Prose] = []
    if gains:
        parts.append(Prose(md(gains)))
    if pay.available:
        what_if = report.params.pay_per_soldier_month_usd is not None
        c = report.pick("pay_per_soldier_month")
        if what_if or c is None:
            rate, whose = pay_fact(report), "the pay set for this what-if"
        else:
            rate = claim_fact(c)
            who = report.ledger.organisation(str(c.claimant))
            whose = f"as {who} {report.cite(c.source_id)} infers it"
        words = "the troops' pay, {rate} per soldier " + md(whose) + ", comes to {pay} a year"
        values: dict[str, Fact] = {"rate": rate, "pay": metric_fact(pay)}
        if share.available:
            words += ", {share} of national income"
            values["share"] = metric_fact(share)
        parts.append(say(words, **values))
    elif not parts:  # nothing to set against the losses: say why, without "In return"
        why = why_unavailable(pay, report)
        return Prose(
            why[:1].upper() + why[1:] + ", so no pay for the troops is set against the economy."
        )
    else:
        parts.append(
            Prose(
                "no pay for the troops is set against the economy: " + why_unavailable(pay, report)
            )
        )
    if not parts:
        return Prose("")
    text = "; ".join(p.text for p in parts)
    return Prose("In return, " + text + ".", [f for p in parts for f in p.facts])


def ministry_words(report: Report) -> Prose:
    """The unification ministry's estimate against the economy, both readings weighed: its
    share of an annual budget (stated of this very estimate) points to a yearly flow, set
    against national income; read as cumulative, the same sum is all it had brought by its
    own date. A what-if that chose a reading states that one."""
    r = report.analysis.results
    if not r["benefit_usd"].available:
        return Prose(
            "The economic benefits from Russia cannot be set against the economy: "
            + why_unavailable(r["benefit_usd"], report)
            + "."
        )
    benefit = stated_or_metric(report, "benefit_usd")
    c = report.pick("economic_benefit")
    cite = f" {report.cite(c.source_id)}" if c is not None else ""
    when = md(date_words(str(c.claim_date))) if c is not None else "its date"
    head = (
        "The unification ministry's estimate" + cite + " of the economic benefits from "
        "Russia, {benefit}, states neither its scope nor its period"
    )
    gni = r["benefit_share_of_gni"]
    if not gni.available:
        return say(head + ".", benefit=benefit)
    chosen = report.params.benefit_period
    if chosen == "yearly":
        return say(
            head + ": read as yearly (a what-if), it is {gni} of national income a year.",
            benefit=benefit,
            gni=metric_fact(gni),
        )
    if chosen == "cumulative":
        return say(
            head + ": read as cumulative (a what-if), it is {gni} of one year's national "
            "income, brought in all by " + when + ".",
            benefit=benefit,
            gni=metric_fact(gni),
        )
    share = report.pick("budget_share")
    points = (
        ", but is {share} of a year's state budget, which points to a yearly flow: read so, "
        if share is not None
        else ": read as yearly, "
    )
    extra = {"share": claim_fact(share)} if share is not None else {}
    return say(
        head + points + "{gni} of national income every year; read as cumulative, all it had "
        "brought by " + when + ".",
        benefit=benefit,
        gni=metric_fact(gni),
        **extra,
    )


def munitions_words(report: Report) -> Prose:
    """The munitions trade, kept apart from the deployment (never per casualty nor set
    against a year's income): what it counts, who estimates it (cited), and since when,
    against the date the first troops went."""
    m = report.pick("gains_munitions")
    if m is None:
        return Prose("")
    dispatched = dispatch_date(report)
    when = ""
    if m.period_start:
        began = parse_partial_date(str(m.period_start)).start
        when = ", counted since " + date_words(str(m.period_start))
        if dispatched is not None and began < dispatched:
            gap = whole_months(began, dispatched)
            ahead = (
                f"{gap} months"
                if gap < 12
                else ("a year" if gap == 12 else ("more than a year" if gap < 24 else "years"))
            )
            when += f", {ahead} before the first troops went"
    note = m.note if isinstance(m.note, str) else ""
    what = (
        "the value of arms sold from the North's own stocks"
        if "own stock" in note.lower()
        else "the value of munitions supplied"
    )
    return say(
        "Separate from the deployment, and not payment for it: " + what + ", which the "
        "{who} {cite} puts at {m}{when}.",
        m=claim_fact(m),
        who=claimant_label(str(m.claimant)),
        cite=report.cite(m.source_id),
        when=when,
    )


def bluf(report: Report) -> Prose:
    """The balance, in at most four sentences, each true for this scenario: what North
    Korea loses (the losses against the troops sent and the active forces, and their
    trend), what it gets (the technology judged very likely, a year of the troops' pay
    against national income), the ministry's estimate against the economy under both
    readings, and the munitions trade kept apart. No figure here is per casualty."""
    r = report.analysis.results
    if not r["casualty_rate"].available:
        losses = Prose(
            "**Bottom line.** The losses cannot be set against the force: "
            + why_unavailable(r["casualty_rate"], report)
            + "."
        )
    else:
        whom, used = losses_words(report)
        army = r["casualty_share_of_army"]
        values: dict[str, Fact] = {
            "casualties": stated_or_metric(report, "casualties"),
            "rate": metric_fact(r["casualty_rate"]),
        }
        tail = ""
        if army.available:
            tail = " (the losses equal {army} of the active armed forces)"
            values["army"] = metric_fact(army)
        losses = say(
            "**Bottom line.** Of " + whom + ", {casualties} have been killed or wounded, a "
            "casualty rate of {rate}" + tail,
            **values,
        )
        pace = pace_words(report)
        if pace.text:
            losses = Prose(losses.text + "; " + pace.text, losses.facts + pace.facts)
        losses = Prose(losses.text + ".", used + losses.facts)
    return losses + gains_words(report) + ministry_words(report) + munitions_words(report)


def _threshold_fact(j: Judgment) -> Fact:
    return threshold_fact(j)


def _proposition(report: Report, j: Judgment) -> tuple[str, list[Fact]]:
    facts: list[Fact] = []
    values: dict[str, str] = {"cohort": cohort_words(report)}
    if j.threshold is not None:
        t = _threshold_fact(j)
        facts.append(t)
        values["threshold"] = t.text
    return j.spec.proposition.format(**values), facts


def likely(term: str) -> str:
    """The lead's opening with an ICD 203 term, grammatical for every term."""
    if term == "roughly even chance":
        return "There is a roughly even chance"
    if term == "almost no chance":
        return "There is almost no chance"
    return f"It is {term}"


def key_judgments(report: Report) -> Prose:
    """Numbered judgments, each at most two sentences: a bold lead with its likelihood
    word, then the confidence level with one or two plain reasons (ICD 203 keeps the two
    apart). The sources behind each are in ``judgment_sources`` under the box. Each
    assessed one is recorded as a ``judgment`` fact."""
    items, facts = [], []
    for n, j in enumerate(assess(report), start=1):
        proposition, used = _proposition(report, j)
        facts += used
        if not j.assessable and j.spec.kind == "technology" and j.claims:
            items.append(
                f"{n}. **We cannot confirm that {md(proposition)}.** Low confidence: {md(j.basis)}."
            )
            continue
        if not j.assessable:
            why = why_unavailable(j, report) if j.missing or j.undefined else j.basis
            items.append(
                f"{n}. **Whether {md(proposition)} cannot yet be judged.** "
                f"{md(why[0].upper() + why[1:])}."
            )
            continue
        lead = f"{likely(j.likelihood)} that {proposition}."
        facts.append(judgment_fact(j, lead))
        items.append(f"{n}. **{md(lead)}** {j.confidence.capitalize()} confidence: {md(j.basis)}.")
    return Prose(keybox("\n".join(items)), facts)


def likelihood_note(report: Report) -> Prose:
    """One plain sentence under the key-judgments box: how its likelihood words are made,
    for the kinds of judgment the box holds (the thresholds and the rule: Assumptions)."""
    kinds = {j.spec.kind for j in assess(report)}
    how = []
    if "metric" in kinds:
        how.append("for a figure, by the share of our simulation's draws beyond its threshold")
    if "technology" in kinds:
        how.append("for technology, by a rule on how firmly and how independently it is reported")
    if not how:
        return Prose("")
    return Prose(
        "*Likelihood words follow one fixed scale, from almost no chance to almost certain; they "
        "are set " + " and ".join(how) + " (see Assumptions).*"
    )


def judgment_sources(report: Report) -> Table:
    """The sources behind each key judgment, compact, under the box: the independent
    organisations whose figures or reports bear it out, and the best of them."""
    rows = []
    for j in assess(report):
        if not j.sources:
            continue
        rows.append(
            {
                "Judgment": j.spec.short or j.spec.id.replace("-", " ").capitalize(),
                "Independent sources behind it": "; ".join(j.sources),
            }
        )
    frame = pd.DataFrame(rows, columns=["Judgment", "Independent sources behind it"])
    return Table(
        frame,
        caption="Sources behind the key judgments",
        facts=[],
        empty=f"No key judgment rests on an independent source by {md(date_words(report.as_of))}.",
    )


def assumptions_note(report: Report) -> Prose:
    """The analysts' assumptions behind the judgments: each threshold and why, and the
    rule that turns technology reports into probabilities."""
    defs = load_definitions(report.ledger.data_dir)
    lines, facts = [], []
    for j in assess(report):
        spec = j.spec
        if spec.kind == "metric":
            t = _threshold_fact(j)
            facts.append(t)
            which = "above" if spec.comparison == "above" else "below"
            lines.append(
                f"- **{md(metric_label(spec.metric))}, {which} {md(t.text)}.** {md(spec.why)}"
            )
    rule = defs.technology
    parts = []
    for status, percent in rule.status_percent.items():
        f = derived_fact(
            f"assumption:status:{status}",
            percent / 100,
            "share",
            ("assumption:data/judgments.toml#technology",),
        )
        facts.append(f)
        parts.append(f"{status} {f.text}")
    bonus = derived_fact(
        "assumption:corroboration-bonus",
        rule.corroboration_bonus_percent / 100,
        "share",
        ("assumption:data/judgments.toml#technology",),
        text=f"{rule.corroboration_bonus_percent} percentage points",
    )
    cap = derived_fact(
        "assumption:cap",
        rule.cap_percent / 100,
        "share",
        ("assumption:data/judgments.toml#technology",),
    )
    facts += [bonus, cap]
    lines.append(
        "- **Technology.** The best-supported status reported sets the probability ("
        + md(", ".join(parts))
        + f"), plus {md(bonus.text)} when two or more independent sources report it, at "
        f"most {md(cap.text)}; a lone report from the press, an aggregator or a party to the "
        "conflict cannot confirm a transfer."
    )
    head = (
        "*The analysts' assumptions, not facts: each moves the judgment it names.* We "
        "compute ratios (per soldier, share of income) but make no probability judgment "
        "about them."
    )
    return Prose(head + "\n\n" + "\n".join(lines), facts)


def headline_chart(report: Report) -> Chart | Prose:
    """Figure 1, the balance: what North Korea gets (a year of the troops' pay, the
    ministry's estimate of unstated period, and the munitions trade kept apart, muted)
    against the size of its economy (national income, the implied state budget and trade,
    a year each), beside what it loses (the troops sent, killed or wounded, killed). No
    figure is per casualty."""
    r = report.analysis.results
    a = report.analysis
    gets: list[tuple] = []
    facts: list[Fact] = []
    described: list[str] = []

    def bar(label: str, fact: Fact, muted: bool = False) -> None:
        low = fact.low if fact.low is not None else fact.value
        high = fact.high if fact.high is not None else fact.value
        gets.append((label, fact.value / 1e9, low / 1e9, high / 1e9, muted, fact.text))
        facts.append(fact)
        described.append(f"{label.replace(chr(10), ' ')}: {fact.text}")

    pay = yearly_pay(a)
    if pay.available:
        bar("Troops' pay, a year", metric_fact(pay))
    benefit = r["benefit_usd"]
    if benefit.available:
        bar("Ministry's estimate", stated_or_metric(report, "benefit_usd"))
    m = report.pick("gains_munitions")
    if m is not None:
        start = parse_partial_date(str(m.period_start)).start if m.period_start else None
        since = f" since {start:%b %Y}" if start else ""
        bar(f"Munitions{since}, apart", claim_fact(m), muted=True)
    marks: list[tuple[str, float, str]] = []
    for name, label in (
        ("gni_usd", "national income"),
        ("implied_state_budget_usd", "state budget (implied)"),
        ("trade_usd", "trade"),
    ):
        if name in ("trade_usd", "gni_usd"):
            if name not in a.inputs:
                continue
            fact = stated_or_metric(report, name)
        else:
            if not r[name].available:
                continue
            fact = metric_fact(r[name])
        marks.append((f"{label[:1].upper()}{label[1:]}, a year", fact.value / 1e9, fact.text))
        facts.append(fact)
        described.append(f"{label}, a year: {fact.text}")
    loses: list[tuple] = []
    if r["casualty_rate"].available:
        troops = stated_or_metric(report, "troops_cohort")
        hurt = stated_or_metric(report, "casualties")
        loses.append(("Troops sent", troops.value, False, troops.text))
        loses.append(("Killed or wounded", hurt.value, True, hurt.text))
        facts += [troops, hurt]
        described += [f"troops sent: {troops.text}", f"killed or wounded: {hurt.text}"]
        killed = report.pick("killed")
        # one count of the dead, where counts of it agree (a range is in "The losses")
        if (
            killed is not None
            and float(killed.value) <= hurt.value
            and not killed_rivals(report, killed)
        ):
            k = claim_fact(killed)
            loses.append(("Killed", k.value, True, k.text))
            facts.append(k)
            described.append(f"of them killed: {k.text}")
    if not gets or not loses:
        return Prose("")
    figure = balance(
        gets,
        marks,
        loses,
        titles=("What North Korea gets", "What it loses"),
        units=("US$ billion", "persons"),
        source="the sourced key figures; whiskers: range; hollow bars: the economy",
    )
    caption_parts = []
    values: dict[str, Fact] = {}
    share = yearly_pay_share_of_gni(a)
    if share.available:
        caption_parts.append("a year of the troops' pay is {pay} of national income")
        values["pay"] = metric_fact(share)
    gni = r["benefit_share_of_gni"]
    if gni.available:
        chosen = report.params.benefit_period  # a what-if's reading, stated as the reading
        caption_parts.append(
            "the ministry's estimate {gni} "
            + (f"reading that figure as {chosen} (a what-if)" if chosen else "if it is yearly")
        )
        values["gni"] = metric_fact(gni)
    if m is not None and benefit.available and float(m.value) > benefit.central:
        caption_parts.append("the munitions trade, kept apart, is larger than both")
    lead = "What North Korea gets against its economy, and what it loses"
    caption = say(
        lead + (": " + "; ".join(caption_parts) if caption_parts else "") + ".", **values
    ).text
    data = "; ".join(described)
    alt = "Two bar charts. " + data + "."
    return Chart(figure, caption, alt, facts + list(values.values()), data=f"{data}.")


def key_figures_table(report: Report) -> Table:
    """Inputs as their sources stated them (the troops sent in all among them where a source
    states that count), then the balance computed from them: the losses against the force
    and the active armed forces, a year of the troops' pay, the ministry's estimate against
    national income and the budget it implies. No figure is per casualty (those are one lens
    of the cost-benefit report)."""
    rows, facts = [], []
    inputs = list(INPUTS)
    cohort = report.analysis.inputs.get("troops_cohort")
    stated_total = None
    if cohort is not None and cohort.claim_id is not None:
        c = report.ledger.claim(cohort.claim_id)
        if str(c.quantity) == "troops_total":
            stated_total = c
    if stated_total is not None:  # the waves are not what any figure here is computed on
        inputs = [("troops_additional", "")] + [
            x for x in inputs if x[0] not in ("troops_initial", "troops_additional")
        ]
    for quantity, label in inputs:
        c = report.pick(quantity) if label else None
        if c is None:
            if quantity == "troops_additional" and stated_total is not None:
                t, trng = claim_fact(stated_total), claim_fact(stated_total, "range")
                facts += [t, trng]
                rows.append(
                    {
                        "Figure": "Troops sent in all",
                        "Value": t.text,
                        "Range": trng.text,
                        "Source": f"{report.ledger.organisation(str(stated_total.claimant))}, "
                        f"{stated_total.claim_date} {report.cite(stated_total.source_id)}",
                    }
                )
            continue
        stated, rng = claim_fact(c), claim_fact(c, "range")
        facts += [stated, rng]
        rows.append(
            {
                "Figure": label,
                "Value": stated.text,
                "Range": rng.text,
                "Source": f"{report.ledger.organisation(str(c.claimant))}, {c.claim_date} "
                f"{report.cite(c.source_id)}",
            }
        )
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
    for _name, label, res in computed:
        if not res.available:
            continue
        c, rng = metric_fact(res), metric_fact(res, "range")
        facts += [c, rng]
        rows.append(
            {
                "Figure": label,
                "Value": c.text,
                "Range": rng.text,
                "Source": "computed",
            }
        )
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


def military_gains(report: Report) -> Prose:
    """The military gains beyond money and the technology judged above, each as its admitted
    source reports it (issue 23, finding 6)."""
    factors = report.admitted(report.ledger.factors)
    parts = []
    # factors (``data/factors.csv``) marked as military gains the fighting itself brought
    for fid in report.ledger.role("military-gain"):
        row = factors[factors["id"] == fid]
        if row.empty:
            continue
        f = row.iloc[0]
        text = str(f.factor)
        parts.append(
            say(
                "{what} ({who} {cite})",
                what=text[:1].lower() + text[1:],
                who=claimant_label(str(f.claimant)),
                cite=report.cite(f.source_id),
            ).text
        )
    if not parts:
        return Prose("")
    return Prose(
        "Beyond money and the technology judged above, the sources report military gains "
        "from the fighting itself: " + "; ".join(parts) + "."
    )


def what_would_change(report: Report) -> Prose:
    """Indicators to watch, each stated only where it is still ahead."""
    r = report.analysis.results
    items, facts = [], []
    annual, cumulative = r["benefit_per_casualty_if_annual_usd"], r["benefit_per_casualty_usd"]
    if annual.available and cumulative.available:
        # the two readings' figures are given once, under what the deployment earns (a
        # statement listed twice, issue 23): here only what to watch
        shown = (
            "both readings are set out above"
            if report.params.benefit_period is None
            else f"this what-if reads it as {report.params.benefit_period}"
        )
        items.append(
            "- **Scope of the benefits.** Whether the unification ministry's estimate is "
            f"yearly or cumulative ({shown}), and whether it is cash "
            "or in kind: in kind, it may not serve the regime's own priorities."
        )
    tech = report.scenario.technology(report.ledger, report.as_of)
    open_items = sorted(
        {row.category for row in tech.itertuples()}
        - set(tech[tech["status"] == "delivered"]["category"])
    )
    if open_items:
        listed = ", ".join(open_items[:-1]) + (" or " if len(open_items) > 1 else "")
        listed += open_items[-1]
        items.append(
            f"- **Technology.** Confirmation of a transfer of {md(listed)} technology, none "
            "yet reported delivered, would matter more to South Korea's and the United "
            "States' security than any of the cash figures here."
        )
    named = {spec.category for spec in load_definitions(report.ledger.data_dir).judgment}
    unjudged = sorted(set(tech[tech["status"] == "delivered"]["category"]) - named)
    if unjudged:  # a delivery no key judgment weighs yet still reaches the outlook
        listed = ", ".join(unjudged[:-1]) + (" and " if len(unjudged) > 1 else "")
        listed += unjudged[-1]
        items.append(
            f"- **Reported delivered, not yet judged.** Reports that {md(listed)} technology "
            "has been delivered, which no key judgment here weighs, would change the "
            "judgments if confirmed."
        )
    reported = []
    for quantity, what in (("troops_noncombat", "non-combat personnel sent"),):
        x = report.pick(quantity)
        if x is not None:
            f = claim_fact(x)
            facts.append(f)
            reported.append(
                say(
                    "{n} {what} ({who}, {when})", n=f, what=what, who=x.claimant, when=x.claim_date
                ).text
            )
    pledged = [
        x
        for x in report.claims_of("troops_pledged").itertuples()
        if parse_partial_date(x.period_end or x.claim_date).end > report.as_of
    ]
    for x in pledged:
        f = claim_fact(x)
        facts.append(f)
        reported.append(
            say("{n} pledged ({who}, {when})", n=f, who=x.claimant, when=x.claim_date).text
        )
    if reported:
        items.append(
            "- **Further waves.** Beside the combat troops counted here, the sources report "
            + "; ".join(reported)
            + "."
        )
    else:
        items.append(
            "- **Further waves.** Any wave beyond those counted here would raise both "
            "the pay the regime collects and its exposure to losses."
        )
    # what the sources expect and no later report has settled, while it is still ahead
    for e in admitted_events(report).itertuples():
        if e.status == "expected" and parse_partial_date(str(e.date)).end > report.as_of:
            # attributed to the source that reported it, not to the event's actor (who may
            # be its subject: "Possible visit by Kim" is the article's speculation)
            src = report.source(str(e.source_id))
            items.append(
                say(
                    "- **Expected by the sources.** {what}, for {when} (reported by {who} {cite}).",
                    what=str(e.event),
                    when=date_words(str(e.date)),
                    who=str(src.publisher),
                    cite=report.cite(str(e.source_id)),
                ).text
            )
    return Prose("\n".join(items), facts)


def data_version(report: Report) -> str:
    """A short hash of what this scenario admits (its claims, events, technology and factor
    rows, the sources they cite) and the policies it applies: a claim dated after the
    scenario's as-of date, or from a source it does not admit, leaves it unchanged."""
    ledger = report.ledger
    h = hashlib.sha256()

    def add(name: str, frame: pd.DataFrame) -> None:
        cols = [c for c in frame.columns if c != "line"]
        h.update(name.encode() + b"\0")
        h.update(frame[cols].sort_values(cols[0]).to_csv(index=False).encode())

    claims = report.claims.drop(columns=["claim_start", "claim_end", "range_from"])
    add("claims", claims)
    rows = {
        "events": report.scenario.events(ledger, report.as_of).drop(columns=["source_date"]),
        "technology": report.admitted(ledger.technology),
        "factors": report.admitted(ledger.factors),
    }
    for name, frame in rows.items():
        add(name, frame)
    used = set(claims["source_id"])
    for frame in rows.values():
        used |= set(frame["source_id"])
    add("sources", ledger.sources[ledger.sources["source_id"].isin(used)])
    for name in ("units", "quantities", "qualifiers", "reliability", "fx_rates"):
        add(name, getattr(ledger, name))
    h.update((ledger.data_dir / "judgments.toml").read_bytes())
    s = report.scenario
    h.update(repr((s.name, s.title, s.description, s.as_of_spec, s.sources)).encode())
    return h.hexdigest()[:12]


def provenance_line(report: Report) -> Prose:
    p = report.params
    draws = derived_fact(
        "parameter:draws", p.draws, "count", ("parameter:draws",), text=f"{p.draws}"
    )
    seed = derived_fact("parameter:seed", p.seed, "count", ("parameter:seed",), text=f"{p.seed}")
    version = derived_fact(
        "reportlib-version", 0, "version", ("reportlib.__version__",), text=__version__
    )
    # the data version is a hash, shown as a fact so that one made only of digits is
    # traced like any other number a reader sees
    data = derived_fact(
        "data-version", 0, "version", ("ledger:data-version",), text=data_version(report)
    )
    facts = [draws, seed, version, data]
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
        f"{lead}*Colophon: data version {data.text}; reportlib {version.text}; "
        f"scenario={md(p.scenario)}, draws={draws.text}, seed={seed.text}"
        f"{'; ' + ', '.join(extra) if extra else ''}.*",
        facts,
    )


def unjudged_technology(report: Report) -> list[Any]:
    """The admitted technology reports in categories no key judgment names, the best
    status and grade first within each category, one per category (newest first)."""
    named = {s.category for s in load_definitions(report.ledger.data_dir).judgment}
    rule = load_definitions(report.ledger.data_dir).technology
    rows = report.scenario.technology(report.ledger, report.as_of)
    out = []
    for category, group in rows.groupby("category", sort=True):
        if category in named:
            continue
        ranked = group.assign(rank=[-rule.status_percent[s] for s in group["status"]])
        out.append(ranked.sort_values(["rank", "reliability", "date"]).iloc[0])
    return sorted(out, key=lambda r: (str(r.date), str(r.id)), reverse=True)


def _tech_words(report: Report, row: Any) -> str:
    return say(
        "{item} ({category}, {status}: {who}, {when} {cite})",
        item=str(row["item"]),
        category=str(row["category"]),
        status="attempted" if attempted(row) else str(row["status"]),
        who=claimant_label(str(row["claimant"])),
        when=date_words(str(row["date"])),
        cite=report.cite(str(row["source_id"])),
    ).text


def technology_changes(report: Report) -> Prose:
    """Under "What changed": the technology reports that came in since the last edition,
    those in categories no key judgment names among them (a count of claims leaves them
    out). Nothing when the scenario names no previous edition or none came in."""
    since = report.scenario.previous_edition
    if since is None or since >= report.as_of:
        return Prose("")
    rows = report.scenario.technology(report.ledger, report.as_of)
    new = rows[rows["date"].map(lambda d: parse_partial_date(str(d)).start > since)]
    if new.empty:
        return Prose("")
    named = {s.category for s in load_definitions(report.ledger.data_dir).judgment}
    unjudged = [r for _, r in new.iterrows() if r["category"] not in named]
    head = (
        f"Technology reports since the last edition: {count_words(len(new), 'report')}, "
        f"on {md(', '.join(sorted(set(new['category']))))}."
    )
    if not unjudged:
        return Prose(head)
    listed = "; ".join(_tech_words(report, r) for r in unjudged)
    return Prose(
        head
        + " No key judgment covers "
        + ("it" if len(unjudged) == 1 else "these")
        + ": "
        + listed
        + "."
    )


def not_to_miss(report: Report) -> Prose:
    """What the reader must not miss, each generated from admitted rows and said only where
    its condition holds: where the troops are (the newest report of their presence); an
    earlier count of the losses from another organisation at least as high as the count
    used (the count used may be low); a count of the dead alone above the count of killed
    and wounded used (it cannot be right as stated); a transfer reported attempted; the
    technology no key judgment covers; what the regime gets in kind; and the losses turned
    into a cause at home."""
    items: list[str] = []
    facts: list[Fact] = []
    events = admitted_events(report)
    occurred = events[events["status"] == "occurred"] if "status" in events else events
    present = occurred[occurred["id"].isin(report.ledger.role("troop-presence"))]
    if not present.empty:
        e = present.sort_values(["when", "id"]).iloc[-1]
        src = report.source(str(e["source_id"]))
        items.append(
            say(
                "- **Where the troops are.** The newest report of them: {what} ({who} "
                "{cite}, {when}).",
                what=str(e["event"]),
                who=str(src.publisher),
                cite=report.cite(str(e["source_id"])),
                when=date_words(str(e["date"])),
            ).text
        )
    chosen = report.pick("casualties")
    if chosen is not None:
        end = parse_partial_date(str(chosen.claim_date)).end
        mine = report.ledger.organisation(str(chosen.claimant))
        higher = [
            c
            for _, c in report.claims_of("casualties").iterrows()
            if report.ledger.organisation(str(c.claimant)) != mine
            and parse_partial_date(str(c.claim_date)).end < end
            and (
                float(c.value) > float(chosen.value)
                or (
                    float(c.value) == float(chosen.value)
                    and str(c.qualifier) in ("more than", "at least")
                )
            )
        ]
        if higher:
            c = max(higher, key=lambda x: (float(x.value), str(x.claim_date)))
            gap = whole_months(parse_partial_date(str(c.claim_date)).end, end)
            early = say(
                "- **The count used may be low.** {who} {cite} put the killed and wounded at "
                "{n} by {when}, {gap} before the count used here ({m}, {mwho}).",
                gap=derived_fact(
                    f"count-gap:{c.id}:{chosen.id}",
                    gap,
                    "months",
                    (c.id, chosen.id),
                    text=age_words(gap),
                ),
                who=report.ledger.organisation(str(c.claimant)),
                cite=report.cite(str(c.source_id)),
                n=claim_fact(c),
                when=date_words(str(c.claim_date)),
                m=claim_fact(chosen),
                mwho=mine,
            )
            items.append(early.text)
            facts += early.facts
        over = [
            k
            for _, k in report.claims_of("killed").iterrows()
            if float(k.value) >= float(chosen.value)
        ]
        for k in over[-1:]:
            p = say(
                "- **A figure to read with care.** {who} {cite} reported {n} killed "
                "({when}), as many as the killed and wounded together in the count used here.",
                who=claimant_label(str(k.claimant)),
                cite=report.cite(str(k.source_id)),
                n=claim_fact(k),
                when=date_words(str(k.claim_date)),
            )
            items.append(p.text)
            facts += p.facts
    tech = report.scenario.technology(report.ledger, report.as_of)
    tried_rows = [r for _, r in tech.iterrows() if r["status"] == "sought" and attempted(r)]
    newest_tried: dict[str, Any] = {}  # the newest report of an attempt in each category
    for r in sorted(tried_rows, key=lambda r: (parse_partial_date(str(r["date"])).end, r["id"])):
        newest_tried[str(r["category"])] = r
    tried = list(newest_tried.values())
    if tried:
        listed = "; ".join(_tech_words(report, r) for r in tried)
        items.append(
            "- **A transfer attempted, not made.** "
            + listed
            + ". It speaks to Russia's willingness; no transfer is confirmed."
        )
    since = report.scenario.previous_edition
    unjudged = [  # an aim alone is the outlook's; a report new since the last edition is
        r  # under "What changed"
        for r in unjudged_technology(report)
        if r["status"] != "sought"
        and (
            since is None
            or since >= report.as_of
            or parse_partial_date(str(r["date"])).start <= since
        )
    ]
    if unjudged:
        items.append(
            "- **Technology reported but not judged here.** "
            + "; ".join(_tech_words(report, r) for r in unjudged)
            + "."
        )
    kind_parts = []
    for quantity in QUANTITIES.with_role(IN_KIND):
        words = QUANTITIES[quantity].kind_words
        c = report.pick(quantity)
        if c is None:
            continue
        f = claim_fact(c)
        facts.append(f)
        kind_parts.append(
            say(
                words + " ({who} {cite}, {when})",
                n=f,
                who=claimant_label(str(c.claimant)),
                cite=report.cite(c.source_id),
                when=date_words(str(c.claim_date)),
            ).text
        )
    if kind_parts:
        items.append("- **In kind and in labour.** " + "; ".join(kind_parts) + ".")
    cause = occurred[occurred["id"].isin(report.ledger.role("legitimacy"))]
    if not cause.empty:
        e = cause.sort_values(["when", "id"]).iloc[-1]
        src = report.source(str(e["source_id"]))
        items.append(
            say(
                "- **The losses made a cause at home.** {what} ({who} {cite}, {when}): a gain "
                "in legitimacy for the regime, set against the cost of the dead.",
                what=str(e["event"]),
                who=str(src.publisher),
                cite=report.cite(str(e["source_id"])),
                when=date_words(str(e["date"])),
            ).text
        )
    if not items:
        return Prose("")
    return Prose("\n".join(items), facts)


def earnings_prose(report: Report) -> Prose:
    """What the deployment earns, as the brief explains its balance: the pay per soldier as
    its source gives it (with the source's own caveat, the ledger note), a year of it for
    the troops the count covers and the assumption behind that, and the defence institute's
    own value of the deployment beside it where the ledger has one. Per-casualty figures are
    one lens of the cost-benefit report, not of the brief."""
    pay = yearly_pay(report.analysis)
    c = report.pick("pay_per_soldier_month")
    if not pay.available:
        return Prose("No yearly pay for the troops is given: " + why_unavailable(pay, report) + ".")
    troops = stated_or_metric(report, "troops_cohort")
    if report.params.pay_per_soldier_month_usd is not None or c is None:
        out = say(
            "At the pay set for this what-if, {rate} a month per soldier, the troops the count "
            "covers ({troops}) would bring in {pay} a year.",
            rate=pay_fact(report),
            troops=troops,
            pay=metric_fact(pay, "both"),
        )
    else:
        note = str(c.note).strip() if isinstance(c.note, str) and c.note.strip() else ""
        out = say(
            "The troops' pay is {rate} per soldier ({who} {cite}, {when})."
            + (" {note}." if note else "")
            + " For the troops the count covers ({troops}) it comes to {pay} a year, assuming "
            "every one of them is paid all year.",
            rate=claim_fact(c),
            who=claimant_label(str(c.claimant)),
            cite=report.cite(c.source_id),
            when=date_words(str(c.claim_date)),
            note=note.rstrip("."),
            troops=troops,
            pay=metric_fact(pay, "both"),
        )
    k = report.pick("gains_troops")
    if k is not None and pay.central:
        ratio = float(k.value) / pay.central
        if 0.5 <= ratio <= 2:
            out = out + say(
                "The {who} {cite} values the troop deployment itself at {k} for "
                + md(date_words(str(k.period_start or k.claim_date)))
                + " to "
                + md(date_words(str(k.period_end or k.claim_date)))
                + ", of the same order.",
                who=claimant_label(str(k.claimant)),
                cite=report.cite(k.source_id),
                k=claim_fact(k),
            )
    return out
