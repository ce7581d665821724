"""The executive brief: bottom line, key judgments, assumptions, key figures, indicators,
sources. Every sentence whose truth depends on the data is built with its condition."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd

from .. import __version__
from ..analysis.assess import Judgment, assess
from ..analysis.judgments import load_definitions
from ..charts import Chart, range_bars
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
from ..tables import Table
from .common import (
    benefit_metric,
    cumulative_reading,
    date_words,
    describe_unavailable,
    dispatch_date,
    keybox,
    per_casualty_metrics,
    reading_words,
    stated_or_metric,
    threshold_fact,
)
from .cost_benefit import LABELS
from .deployment import admitted_events
from .losses import cohort_words

INPUTS = (
    ("troops_initial", "Troops, first deployment"),
    ("troops_additional", "Troops, later wave"),
    ("casualties", "Killed or wounded"),
    ("pay_per_soldier_month", "Pay per soldier"),
    ("economic_benefit", "Benefits from Russia (ministry's estimate)"),
    ("budget_share", "Benefits' share of the state budget"),
)
DERIVED = (
    "troops_deployed",
    "casualty_rate",
    "deployment_payment_per_soldier_usd",
    "deployment_payment_per_casualty_usd",
    "benefit_per_casualty_usd",
    "implied_state_budget_usd",
)
PER_CASUALTY = (
    "deployment_payment_per_casualty_usd",
    "benefit_per_casualty_if_annual_usd",
    "benefit_per_casualty_usd",
)


#: the technology judgments a bottom line names as gains: those at least this likely
GAIN_TERMS = ("very likely", "almost certain")


def technology_gains(report: Any) -> str:
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


def losses_words(report: Any) -> tuple[str, list[Fact]]:
    """Whom the casualty count covers, for the bottom line: the troops sent to fight with
    their number where the count covers all troops sent (the ledger's troops sent so far are
    the combat deployments; the engineers and builders are counted apart), else the cohort."""
    chosen = report.pick("casualties")
    cohort = chosen.get("cohort", "") if chosen is not None else ""
    if report.params.troops is None and cohort == "troops_total":
        troops = stated_or_metric(report, "troops_cohort")
        return say("the {n} troops sent to fight", n=troops).text, [troops]
    return md(cohort_words(report)), []


def benefit_readings(report: Any) -> Prose:
    """The ministry's estimate per casualty, both readings weighed in one sentence: its
    share of an annual budget points to a yearly flow (the months deployed against the
    losses); read as cumulative it is set against the casualties known at its own date, or
    said plainly to mix periods. A what-if run that chose a reading states that one."""
    r = report.analysis.results
    if not r["benefit_usd"].available:
        return Prose("")  # the caller says why nothing can be set against the losses
    annual, cum = r["benefit_per_casualty_if_annual_usd"], cumulative_reading(report)
    chosen = report.params.benefit_period
    benefit = stated_or_metric(report, "benefit_usd")
    head = "The unification ministry's estimate of the economic benefits from Russia, {benefit}"
    months = r["deployment_months"]

    def cumulative_words() -> tuple[str, dict[str, Fact]]:
        if cum.matched:
            return (
                "{cum} per casualty on the {then} killed or wounded counted by "
                + md(date_words(cum.when)),
                {"cum": cum.fact(), "then": cum.casualties},
            )
        if cum.differs:
            return (
                "{cum} per casualty, though the estimate (" + md(date_words(cum.when)) + ") and "
                "the casualty count cover different periods",
                {"cum": cum.fact()},
            )
        return "{cum} per casualty", {"cum": cum.fact()}

    if chosen == "yearly" and annual.available:
        return say(
            head + ", comes to {per} per casualty " + reading_words(report) + ".",
            benefit=benefit,
            per=metric_fact(annual),
        )
    if cum is None:
        return Prose("")
    words, values = cumulative_words()
    if chosen == "cumulative" or not annual.available:
        how = "reading that figure as cumulative (a what-if)" if chosen else "if it is cumulative"
        return say(head + ", comes to " + words + ", " + how + ".", benefit=benefit, **values)
    share = report.pick("budget_share")
    points = (
        ", is {share} of a year's state budget, which points to a yearly flow: read so, "
        if share is not None
        else ", is of unstated period: read as yearly, "
    )
    extra = {"share": claim_fact(share)} if share is not None else {}
    return say(
        head + points + "it comes to {annual} per casualty over the {months} deployed; read "
        "as cumulative, to " + words + ".",
        benefit=benefit,
        annual=metric_fact(annual),
        months=metric_fact(months),
        **extra,
        **values,
    )


def munitions_words(report: Any) -> Prose:
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
            gap = (dispatched.year - began.year) * 12 + dispatched.month - began.month
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
        "Kept apart, as no payment for the troops: " + what + ", which the {who} {cite} puts "
        "at {m}{when}.",
        m=claim_fact(m),
        who=claimant_label(str(m.claimant)),
        cite=report.cite(m.source_id),
        when=when,
    )


def bluf(report: Any) -> Prose:
    """Three or four sentences, each true for this scenario: the losses with the
    technology gains, the pay per soldier sent, the ministry's estimate under both
    readings, and the munitions trade kept apart."""
    r = report.analysis.results
    gains = technology_gains(report)
    if not r["casualty_rate"].available:
        losses = Prose(
            "**Bottom line.** The losses cannot be set against the force: "
            + describe_unavailable(r["casualty_rate"], report.as_of)
            + (f"; {md(gains)}." if gains else ".")
        )
    else:
        whom, used = losses_words(report)
        losses = say(
            "**Bottom line.** Of " + whom + ", {casualties} have been killed or wounded, a "
            "casualty rate of {rate}" + ("; " + md(gains) if gains else "") + ".",
            casualties=stated_or_metric(report, "casualties"),
            rate=metric_fact(r["casualty_rate"]),
        )
        losses = Prose(losses.text, used + losses.facts)
    pay = r["deployment_payment_per_casualty_usd"]
    per_soldier = r["deployment_payment_per_soldier_usd"]
    out = losses
    if pay.available and per_soldier.available:
        # the per-casualty lens, said plainly (issue 23, finding 8), the period with it
        what_if = report.params.pay_per_soldier_month_usd is not None
        out = out + say(
            "Russia pays for the troops sent, not per casualty: {whose} comes to "
            "{soldier} per soldier sent over {months}, or {pay} per soldier killed or "
            "wounded (a wounded soldier counts the same as a dead one).",
            whose="the what-if pay" if what_if else "the reported pay",
            soldier=metric_fact(per_soldier),
            months=metric_fact(r["deployment_months"]),
            pay=metric_fact(pay),
        )
    readings = benefit_readings(report)
    if readings.text:
        out = out + readings
    else:
        out = out + Prose(
            "What the deployment earns cannot be set against the losses: "
            + describe_unavailable(r[benefit_metric(report)], report.as_of)
            + "."
        )
    return out + munitions_words(report)


def _threshold_fact(j: Judgment) -> Fact:
    return threshold_fact(j)


def _proposition(report: Any, j: Judgment) -> tuple[str, list[Fact]]:
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


def key_judgments(report: Any) -> Prose:
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
            why = describe_unavailable(j, report.as_of) if j.missing or j.undefined else j.basis
            items.append(
                f"{n}. **Whether {md(proposition)} cannot yet be judged.** "
                f"{md(why[0].upper() + why[1:])}."
            )
            continue
        lead = f"{likely(j.likelihood)} that {proposition}."
        facts.append(judgment_fact(j, lead))
        items.append(f"{n}. **{md(lead)}** {j.confidence.capitalize()} confidence: {md(j.basis)}.")
    return Prose(keybox("\n".join(items)), facts)


def likelihood_note(report: Any) -> Prose:
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


def judgment_sources(report: Any) -> Table:
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


def assumptions_note(report: Any) -> Prose:
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
                f"- **{md(LABELS.get(spec.metric, spec.metric))}, {which} {md(t.text)}.** "
                f"{md(spec.why)}"
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
        "*The analysts' assumptions, not facts: each moves the judgment it names.* Ratios "
        "of the sources' own figures are shown, not judged."
    )
    return Prose(head + "\n\n" + "\n".join(lines), facts)


def headline_chart(report: Any) -> Chart | Prose:
    """Figure 1: the troops' pay and the ministry's estimate per casualty, the estimate under
    each reading in force; read as cumulative, on the casualties known at its own date
    (``common.cumulative_reading``)."""
    r = report.analysis.results
    names = [n for n in per_casualty_metrics(report, PER_CASUALTY) if r[n].available]
    if not names:
        by = date_words(report.as_of)
        return Prose(f"No per-casualty figure can be computed from the reports by {by}.")
    cum = cumulative_reading(report)
    shown = {n: r[n] for n in names}
    labels = {n: LABELS[n] for n in names}
    facts_by = {n: metric_fact(r[n], "both") for n in names}
    if cum is not None and "benefit_per_casualty_usd" in names:
        shown["benefit_per_casualty_usd"] = cum.result
        labels["benefit_per_casualty_usd"] = cum.label()
        facts_by["benefit_per_casualty_usd"] = cum.fact("both")
    facts = [facts_by[n] for n in names]
    figure = range_bars(
        [labels[n] for n in names],
        [shown[n].central / 1e3 for n in names],
        [shown[n].low / 1e3 for n in names],
        [shown[n].high / 1e3 for n in names],
        title=(
            "Per soldier killed or wounded: the troops' pay and the ministry's benefit estimate"
            if "deployment_payment_per_casualty_usd" in names
            else "Per soldier killed or wounded: the ministry's benefit estimate"
        ),
        xlabel="thousand US$",
        source="computed from the sourced key figures; bars: 90% interval",
        value_labels=[
            (cum.fact() if n == "benefit_per_casualty_usd" and cum else metric_fact(r[n])).text
            for n in names
        ],
        row=0.28,  # page one: the bars tighter, the text the same size
    )
    ministry = [n for n in names if n != "deployment_payment_per_casualty_usd"]
    parts, values, readings = [], {}, []
    if "deployment_payment_per_casualty_usd" in names:
        parts.append("The payment for the troops themselves is {pay} per casualty")
        values["pay"] = metric_fact(r["deployment_payment_per_casualty_usd"])
    chosen = report.params.benefit_period  # a what-if's reading, stated as the reading
    if "benefit_per_casualty_if_annual_usd" in ministry:
        readings.append("{annual} " + (reading_words(report) if chosen else "read as yearly"))
        values["annual"] = metric_fact(r["benefit_per_casualty_if_annual_usd"])
    if "benefit_per_casualty_usd" in ministry and cum is not None:
        on = (
            ", on the casualties counted by " + md(date_words(cum.when))
            if cum.matched
            else (
                ", though the estimate and the count cover different periods" if cum.differs else ""
            )
        )
        readings.append("{cum} " + (reading_words(report) if chosen else "read as cumulative") + on)
        values["cum"] = cum.fact()
    if readings:
        per = "" if parts else ", per casualty,"
        parts.append("the ministry's estimate comes to" + per + " " + " and ".join(readings))
    text = "; ".join(parts)
    text = text[0].upper() + text[1:]
    if "deployment_payment_per_casualty_usd" not in names:
        text += "; no payment for the troops themselves is reported"
    caption = say(text + ".", **values).text
    alt = (
        "Bar chart: "
        + "; ".join(f"{labels[n]} {f.text}" for n, f in zip(names, facts, strict=True))
        + "."
    )
    data = "; ".join(f"{labels[n]}: {f.text}" for n, f in zip(names, facts, strict=True))
    return Chart(figure, caption, alt, facts + list(values.values()), data=f"{data}.")


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
    cum = cumulative_reading(report)
    for name in DERIVED:
        name = benefit_metric(report) if name == "benefit_per_casualty_usd" else name
        res = report.analysis.results[name]
        if not res.available:
            continue
        c, rng = metric_fact(res), metric_fact(res, "range")
        label = LABELS[name]
        if name == "benefit_per_casualty_usd" and cum is not None:
            c, rng, label = cum.fact(), cum.fact("range"), cum.label()
        facts += [c, rng]
        rows.append(
            {
                "Figure": label,
                "Value": c.text,
                "Range": rng.text,
                "Source": f"computed ({INTERVAL})",
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


#: factors (``data/factors.csv``) that are military gains the fighting itself brought
MILITARY_GAINS = ("fx-combat-experience", "fx-tactics-nis-2026")


def military_gains(report: Any) -> Prose:
    """The military gains beyond money and the technology judged above, each as its admitted
    source reports it (issue 23, finding 6)."""
    factors = report.admitted(report.ledger.factors)
    parts = []
    for fid in MILITARY_GAINS:
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


def what_would_change(report: Any) -> Prose:
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
            "or in kind: in kind, the regime's usable gain is smaller."
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
            "yet reported delivered, would change the balance more than any cash figure."
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
            + ". Any further wave would raise both the pay the regime collects and its "
            "exposure to losses."
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


def data_version(report: Any) -> str:
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


def provenance_line(report: Any) -> Prose:
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
