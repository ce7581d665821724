"""The executive brief's bottom line: the balance in words (what the deployment earns,
what it costs in losses, the gains beyond money). Its key judgments, key figures and
outlook are in the sibling modules ``brief_judgments``, ``brief_figures`` and
``brief_outlook``. Every sentence whose truth depends on the data is built with its
condition."""

from __future__ import annotations

from typing import Any

from ..analysis.assess import assess
from ..analysis.balance import (
    count_against,
    deaths_against,
    loss_trend,
    yearly_pay,
    yearly_pay_share_of_gni,
)
from ..analysis.calendar import whole_months
from ..analysis.inputs import count_end_days
from ..analysis.judgments import load_definitions
from ..analysis.protocol import Report
from ..facts import (
    Fact,
    Prose,
    claim_fact,
    derived_fact,
    metric_fact,
    say,
)
from ..formatting import md
from ..ledger.dates import parse_partial_date
from ..ledger.frames import rows
from ..ledger.vocabulary import QUANTITIES, SENT_BESIDE
from .common import (
    baseline_sources,
    date_words,
    dispatch_date,
    provenance_notes,
    stated_or_metric,
    why_unavailable,
)
from .cost_benefit import ministry_judgment, pay_fact
from .gains import other_arms_estimates
from .losses import cohort_words

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
        # "the 15,000 troops", but "the troops sent to fight (between 15,000 and 17,000)"
        # where the figure is stated with words before it
        form = (
            "the {n} troops sent to fight"
            if troops.text[:1].isdigit()
            else ("the troops sent to fight ({n})")
        )
        return say(form, n=troops).text, [troops]
    return md(cohort_words(report)), []


def beside_sentence(report: Report) -> Prose:
    """The personnel sent beside the combat troops as a sentence of their own, for the
    cost-benefit report (fifth read, 03-M1): "Beside the combat troops, about 1,000 engineers
    clearing mines [9] and around 5,000 non-combat personnel [21] have been sent since
    August 2025; the pay and the figures per soldier here count the combat troops only.";
    "" where the ledger reports none."""
    words = beside_words(report)
    if not words.text:
        return words
    text = words.text.removeprefix("; beside them, ")
    return Prose(
        "Beside the combat troops, " + text + "; the pay and the figures per soldier here "
        "count the combat troops only.",
        words.facts,
    )


def trend_words(report: Report) -> Prose:
    """Why the count used may be low, as a clause of the bottom line's first sentence:
    where the pace of the losses fell on its source's counts (``balance.loss_trend``), the
    better- or equally graded count in between that the fall cannot hold with
    (``balance.count_against``) and the same source's count of the dead that rose by more
    than its total (``balance.deaths_against``): ", a total that looks low: a more
    reliable count put the losses at more than 6,000 by 15 June 2025 (UK Defence
    Intelligence [3]), and the dead counted by South Korea's intelligence service itself
    rose about 1,400 from April to September 2025 while its total rose about 1,300 by
    February 2026"; "" where neither contradicts it. The paces are in "The losses"."""
    t = loss_trend(report)
    if t is None:
        return Prose("")
    values: dict[str, Any] = {}
    doubts: list[str] = []
    a = count_against(report, t)
    if a is not None:
        by = md(date_words(count_end_days(a.claim)[1]))
        which = "a more reliable" if a.better else "an equally reliable"
        doubts.append(which + " count put the losses at {count} by " + by + " ({other} {cite})")
        values |= {
            "count": claim_fact(a.claim),
            "other": str(a.claim.claimant),
            "cite": report.cite(a.claim.source_id),
        }
    d = deaths_against(report, t)
    if d is not None:
        doubts.append(
            "the dead counted by {org} itself rose about {dk} from "
            + md(months_span(count_end_days(d.early)[1], count_end_days(d.late)[1]))
            + " while its total rose about {dt} by "
            + md(f"{t.recent.end:%B %Y}")
        )
        values |= {
            "org": t.who,
            "dk": derived_fact(
                f"deaths-added:{d.late.id}", d.added, "persons", (d.early.id, d.late.id)
            ),
            "dt": derived_fact(
                f"pace:recent-added-central:{t.recent.claims[-1]}",
                d.total_added,
                "persons",
                t.recent.claims,
            ),
        }
    if not doubts:
        return Prose("")
    return say(", a total that looks low: " + ", and ".join(doubts), **values)


def months_span(start: Any, end: Any) -> str:
    """ "April to September 2025", or "December 2024 to February 2025" across years."""
    if start.year == end.year:
        return f"{start:%B} to {end:%B %Y}"
    return f"{start:%B %Y} to {end:%B %Y}"


def beside_words(report: Report) -> Prose:
    """The personnel sent beside the combat troops and not counted among them (the
    vocabulary's ``SENT_BESIDE`` quantities: engineers, builders), each as its newest
    admitted source states it, cited, and since when: "; beside them, about 1,000
    engineers clearing mines [9] and around 5,000 builders and other non-combat personnel
    [21] have been sent since August 2025"; "" where the ledger reports none."""
    parts: list[Prose] = []
    starts: list[str] = []
    for q in QUANTITIES.with_role(SENT_BESIDE):
        c = report.pick(q)
        if c is None:
            continue
        parts.append(
            say(
                "{n} " + md(QUANTITIES[q].said_as) + " {cite}",
                n=claim_fact(c),
                cite=report.cite(c.source_id),
            )
        )
        # since the first admitted report of them in Russia
        starts += [str(x.period_start or x.claim_date) for x in rows(report.claims_of(q))]
    if not parts:
        return Prose("")
    first = min(starts, key=lambda d: parse_partial_date(d).start)
    joined = Prose(" and ".join(p.text for p in parts), [f for p in parts for f in p.facts])
    return Prose(
        "; beside them, " + joined.text + " have been sent since " + md(date_words(first)),
        joined.facts,
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
        values: dict[str, Any] = {"pay": metric_fact(pay)}
        if what_if or c is None:
            values["rate"], whose = pay_fact(report), "at the {rate} a month set for this what-if"
        else:  # ledger text goes in as values, never into the template (braces, markup)
            values |= {
                "who": report.scenario.speaker(report.ledger, str(c.claimant)),
                "cite": report.cite(c.source_id),
            }
            whose = "at the rate {who} {cite} infers"
        # every combat soldier sent, paid all year: an upper end (review L-M1 of the 4th read)
        words = "the troops' pay, " + whose + ", comes to at most {pay} a year"
        if share.available:
            cited, named = income_source(report)
            words += ", {share} of national income" + cited
            values |= {"share": metric_fact(share), **named}
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


def income_source(report: Report) -> tuple[str, dict[str, str]]:
    """ " ({income_who} {income_cite})" and its values: who estimated the national income a
    share is of, cited; ("", {}) where the income is not read from a claim."""
    found = baseline_sources(report, (("gni_usd", "national income"),))
    if not found:
        return "", {}
    return " ({income_who} {income_cite})", {"income_who": found[0][1], "income_cite": found[0][2]}


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
    notes = provenance_notes(report, c) if c is not None else []
    cited = [n for n in notes if n.startswith("citing ")]
    rest = [n for n in notes if not n.startswith("citing ")]
    # the ministry's own words first: who it cited, then how far the figure travelled
    head = (
        "The unification ministry"
        + "".join(f", {md(n)}," for n in cited)
        + " put the economic benefits from Russia at {benefit}"
        + cite
        + "".join(f" ({md(n)})" for n in rest)
        + ", stating neither its scope nor its period"
    )
    # the ministry's own weighing, where admitted, closes the same sentence (said here, the
    # brief's list of what has no price leaves it out: ``unpriced.unpriced_words``)
    judged = ministry_judgment(report, cite_only=True)
    close = "; t" + judged.text.removeprefix("T").removesuffix(".") if judged.text else ""

    def closed(out: Prose) -> Prose:
        return Prose(out.text + close + ".", out.facts + judged.facts)

    gni = r["benefit_share_of_gni"]
    if not gni.available:
        return closed(say(head, benefit=benefit))
    # the income the share is of is cited where a share of it is first given: here when
    # the troops' pay, said before, gave none
    cited, named = ("", {})
    if not yearly_pay_share_of_gni(report.analysis).available:
        cited, named = income_source(report)
    chosen = report.params.benefit_period
    if chosen == "yearly":
        return closed(
            say(
                head
                + ": read as yearly (a what-if), it is {gni} of national income"
                + cited
                + " a year",
                benefit=benefit,
                gni=metric_fact(gni),
                **named,
            )
        )
    if chosen == "cumulative":
        return closed(
            say(
                head + ": read as cumulative (a what-if), it is {gni} of one year's national "
                "income" + cited + ", brought in all by " + when,
                benefit=benefit,
                gni=metric_fact(gni),
                **named,
            )
        )
    share = report.pick("budget_share")
    # a share of a year's budget does not make the sum yearly: reading it so is ours (L-m1)
    yearly = (
        ": if yearly, as its share of {share} of a year's state budget suggests to us, "
        if share is not None
        else ": if yearly, "
    )
    extra = {"share": claim_fact(share)} if share is not None else {}
    return closed(
        say(
            head + yearly + "{gni} of national income" + cited + " a year; if cumulative, all "
            "it had brought by " + when,
            benefit=benefit,
            gni=metric_fact(gni),
            **extra,
            **named,
        )
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
    highest = other_arms_estimates(report, m).text and all(
        float(c.value) < float(m.value) for c in rows(report.claims_of("arms_deliveries_value"))
    )
    return say(
        "Separate from the deployment, and not payment for it: " + what + ", which the "
        "{who} {cite} puts at {m}{when}"
        + (", the highest of the estimates here" if highest else "")
        + ".",
        m=claim_fact(m),
        who=report.ledger.display(str(m.claimant)),
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
            tail = "; {army} of the active armed forces"
            values["army"] = metric_fact(army)
        losses = say(
            "**Bottom line.** Of " + whom + ", {casualties} have been killed or wounded "
            "({rate} of them" + tail + ")",
            **values,
        )
        doubt, beside = trend_words(report), beside_words(report)
        losses = Prose(
            losses.text + doubt.text + beside.text + ".",
            used + losses.facts + doubt.facts + beside.facts,
        )
    return losses + gains_words(report) + ministry_words(report) + munitions_words(report)


#: a likelihood word as the adverb the finding uses ("air defence it very likely received")
LIKELY_ADVERB = {"very likely": "very likely", "almost certain": "almost certainly"}

FINDING_STYLE = "font-size: 1.25em; font-weight: 600; line-height: 1.3; margin: 0.2em 0 0.5em"


def finding_sentence(report: Report) -> Prose:
    """The brief's finding, under its title: what the regime loses against what it gets,
    in one sentence of the figures page one weighs: "North Korea has seen 40% of the troops
    it sent killed or wounded, for pay worth 1% of its national income a year and air
    defence it very likely received." The gains are the troops' pay against national
    income (else the ministry's estimate, as stated) and the technology judged at least
    very likely; "" where neither side can be said."""
    r = report.analysis.results
    rate = r["casualty_rate"]
    if not rate.available:
        return Prose("")
    chosen = report.pick("casualties")
    whole = (
        report.params.troops is None
        and chosen is not None
        and (chosen.get("cohort", "") == "troops_total")
    )
    whom = "the troops it sent to fight" if whole else md(cohort_words(report))
    gains: list[Prose] = []
    share = yearly_pay_share_of_gni(report.analysis)
    wider = r["benefit_share_of_gni"]
    if share.available:
        pay = say(
            "pay worth at most {share} of its national income a year", share=metric_fact(share)
        )
        if wider.available and report.params.benefit_period != "cumulative":
            # the ministry's wider estimate beside it, as its yearly reading (L-M1)
            pay = pay + say(
                "(the ministry's wider estimate: {wider} if yearly)", wider=metric_fact(wider)
            )
        gains.append(pay)
    elif r["benefit_usd"].available:
        c = report.pick("economic_benefit")
        who = f" {md(report.ledger.display(str(c.claimant)))} puts" if c is not None else ""
        benefits = say(
            "economic benefits" + (who + " at" if who else " of") + " {benefit}",
            benefit=stated_or_metric(report, "benefit_usd"),
        )
        if wider.available and report.params.benefit_period != "cumulative":
            benefits = benefits + say(
                "({wider} of its national income if yearly)", wider=metric_fact(wider)
            )
        gains.append(benefits)
    defs = load_definitions(report.ledger.data_dir)
    for j in assess(report):
        if j.spec.kind == "technology" and j.assessable and j.likelihood in LIKELY_ADVERB:
            label = defs.category_label(str(j.spec.category))
            gains.append(Prose(md(label) + " it " + LIKELY_ADVERB[j.likelihood] + " received"))
    if not gains:
        return Prose("")
    listed = Prose(
        ", ".join(g.text for g in gains[:-1])
        + (" and " if len(gains) > 1 else "")
        + gains[-1].text,
        [f for g in gains for f in g.facts],
    )
    more = " or more" if trend_words(report).text else ""  # the count used may be low
    lost = (
        say(
            "North Korea has seen {rate}" + more + " of " + whom + " killed or wounded",
            rate=metric_fact(rate),
        )
        if (rate.central or 0) > 0
        else Prose("North Korea has seen none of " + whom + " killed or wounded")
    )
    return Prose(lost.text + ", for " + listed.text + ".", lost.facts + listed.facts)


def finding(report: Report) -> Prose:
    """The finding (``finding_sentence``) set under the title, large: a ``finding`` block,
    which JupyterLab (inline style), the HTML report (``.finding``) and the Typst PDF
    (``filter.lua``) all show as the deck under the title; "" where there is none."""
    line = finding_sentence(report)
    if not line.text:
        return line
    return Prose(
        f'<div class="finding" style="{FINDING_STYLE}">\n\n{line.text}\n\n</div>', line.facts
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
                who=report.ledger.display(str(f.claimant)),
                cite=report.cite(f.source_id),
            ).text
        )
    if not parts:
        return Prose("")
    return Prose(
        "The sources also report military gains from the fighting itself: " + "; ".join(parts) + "."
    )


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
    troops = stated_or_metric(report, "troops_deployed")
    if report.params.pay_per_soldier_month_usd is not None or c is None:
        out = say(
            "At the pay set for this what-if, {rate} a month per soldier, all the combat troops "
            "sent ({troops}) would bring in {pay} a year.",
            rate=pay_fact(report),
            troops=troops,
            pay=metric_fact(pay, "both"),
        )
    else:
        note = str(c.note).strip() if isinstance(c.note, str) and c.note.strip() else ""
        out = say(
            "The troops' pay is {rate} per soldier ({who} {cite}, {when})."
            + (" {note}." if note else "")
            + " For all the combat troops sent ({troops}) it comes to {pay} a year, if every "
            "one is paid all year.",
            rate=claim_fact(c),
            who=report.ledger.display(str(c.claimant)),
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
                who=report.ledger.display(str(k.claimant)),
                cite=report.cite(k.source_id),
                k=claim_fact(k),
            )
    return out
