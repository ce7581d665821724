"""Notebook 02: casualty estimates by source, splits, rates and the drone factor."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pandas as pd

from ..analysis.balance import coinciding_event, count_against, loss_trend
from ..analysis.calendar import age_words, whole_months
from ..analysis.inputs import count_end, count_end_days
from ..analysis.protocol import Report
from ..charts import Chart
from ..facts import Fact, Prose, claim_fact, derived_fact, metric_fact, say
from ..formatting import fmt_estimate, join_range, md
from ..ledger import frames
from ..ledger.dates import parse_partial_date
from ..ledger.vocabulary import CASUALTY_TABLE, QUANTITIES
from ..tables import Table
from .common import (
    claim_when,
    claims_chart,
    claims_table,
    date_words,
    picked,
    shown,
    trend_words,
    undated,
    why_unavailable,
)
from .loss_doubts import deaths_words, reached_words

#: the casualty claims table's quantities (the vocabulary's role "casualty-table")
CASUALTIES = QUANTITIES.with_role(CASUALTY_TABLE)


def casualties_chart(report: Report) -> Chart | Prose:
    chosen = report.pick("casualties")
    rows = shown(report, report.claims_of(*CASUALTIES))
    ringed = "; the ringed point is the figure this scenario uses" if chosen is not None else ""
    return claims_chart(
        report,
        CASUALTIES,
        title="Killed or wounded: estimates by the date of each claim",
        ylabel="persons",
        alt_subject="casualty estimates",
        caption=f"{trend_words(rows)}{ringed}.",
        highlight=chosen.id if chosen is not None else None,
    )


def casualties_table(report: Report) -> Table:
    return claims_table(
        report,
        ("casualties", "killed", "wounded"),
        "Casualty estimates by source, with the range each wording allows",
        "casualty estimates",
    )


def _splits(report: Report) -> list[dict[str, Any]]:
    """Killed and the total where one source gave both in one statement."""
    out = []
    claims = report.claims_of("killed", "wounded", "casualties")
    # one statement may be relayed by two outlets, each with one half of it
    for _, group in claims.groupby(["claim_date", "claimant"], sort=True):
        first = group.iloc[0]  # the group's date and claimant are its key
        when, claimant, source_id = first.claim_date, first.claimant, first.source_id
        by = {c.quantity: c for c in frames.rows(group)}
        if "killed" not in by or ("casualties" not in by and "wounded" not in by):
            continue
        killed = by["killed"]
        total = by.get("casualties")
        total_value = total.value if total is not None else killed.value + by["wounded"].value
        share = derived_fact(
            f"killed-share:{killed.id}",
            killed.value / total_value,
            "share",
            tuple(c.id for c in frames.rows(group)),
        )
        t_fact = (
            claim_fact(total)
            if total is not None
            else derived_fact(
                f"casualties:{killed.id}", total_value, "persons", (killed.id, by["wounded"].id)
            )
        )
        out.append(
            {
                "when": when,
                "claimant": claimant,
                "source_id": source_id,
                "killed": claim_fact(killed),
                "total": t_fact,
                "share": share,
            }
        )
    return sorted(out, key=lambda s: s["when"])


SPLIT_NONE = "No source admitted in this scenario splits the casualties into killed and wounded."


def splits_table(report: Report) -> Table | Prose:
    """Killed and wounded where one source gave both, with the killed share it implies."""
    splits = _splits(report)
    if not splits:
        return Prose(SPLIT_NONE)
    rows, facts = [], []
    for s in splits:
        facts += [s["killed"], s["total"], s["share"]]
        rows.append(
            {
                "Date": s["when"],
                "Claimed by": s["claimant"],
                "Killed": s["killed"].text,
                "Killed or wounded": s["total"].text,
                "Killed share": s["share"].text,
                "Source": report.cite(s["source_id"]),
            }
        )
    return Table(
        pd.DataFrame(rows),
        caption="Killed and wounded where one source gave both",
        empty=SPLIT_NONE,
        numeric=("Killed", "Killed or wounded", "Killed share"),
        facts=facts,
    )


def killed_share_prose(report: Report) -> Prose:
    """What the sources' own splits say about the share who died (no split is mixed from
    two sources or two periods)."""
    splits = _splits(report)
    if not splits:
        return Prose(
            "So the share of the casualties who died is not computed here: a killed figure "
            "from one count and a total from another would cover different periods."
        )
    if len(splits) == 1:
        s = splits[0]
        return say(
            "One source splits its count: {who} put the dead at {share} of the casualties.",
            who=s["claimant"],
            share=s["share"],
        )
    low = min(splits, key=lambda s: s["share"].value)
    high = max(splits, key=lambda s: s["share"].value)
    if low["share"].text == high["share"].text:
        return say(
            "The sources that split their counts agree: about {share} of the casualties died.",
            share=low["share"],
        )
    return say(
        "The sources' own splits differ: from {low} of the casualties dead ({low_who}, "
        "{low_when}) to {high} ({high_who}, {high_when}). No single killed share is used here.",
        low=low["share"],
        low_who=low["claimant"],
        low_when=low["when"],
        high=high["share"],
        high_who=high["claimant"],
        high_when=high["when"],
    )


def cohort_words(report: Report) -> str:
    chosen = report.pick("casualties")
    cohort = chosen.get("cohort", "") if chosen is not None else ""
    if report.params.troops is not None:
        return "the troops sent (a parameter of this run)"
    return QUANTITIES[cohort or "troops_initial"].cohort


def rates_prose(report: Report, against: bool = True) -> Prose:
    """The casualty rate, the pace of the losses (``pace_sentence``; without the count that
    contradicts a fall where ``against`` is False: the brief's bottom line says it) and
    the losses against the armed forces."""
    r = report.analysis.results
    if not r["casualty_rate"].available:
        return Prose(
            "No casualty rate is given: " + why_unavailable(r["casualty_rate"], report) + "."
        )
    inputs = report.analysis.inputs
    count = report.pick("casualties")
    cohort_id = inputs["troops_cohort"].claim_id
    troops = report.ledger.claim(cohort_id) if cohort_id else None
    if count is not None and inputs["casualties"].claim_id and troops is not None:
        out = say(
            "The casualty count, {casualties} ({who}, {when}), covers {cohort}, {troops} by "
            "the figure used here: a casualty rate of {rate}.",
            casualties=claim_fact(count),
            who=count.claimant,
            when=claim_when(count),
            cohort=cohort_words(report),
            troops=claim_fact(troops),
            rate=metric_fact(r["casualty_rate"], "both"),
        )
    else:
        out = say(
            "The casualty count covers {cohort}: {casualties} killed or wounded among {troops} "
            "troops, a casualty rate of {rate}.",
            cohort=cohort_words(report),
            casualties=metric_fact(r["casualties"]),
            troops=metric_fact(r["troops_cohort"]),
            rate=metric_fact(r["casualty_rate"], "both"),
        )
    per_month = r["casualties_per_month"]
    trend = pace_sentence(report, against)
    if trend.text:  # the trend, not one flat average that hides it (issue 28)
        out = out + trend
    elif per_month.available:
        start = report.analysis.inputs["combat_months"]
        end = report.ledger.claim(start.provenance[-1])
        first, last = count_end_days(end)
        # the day the count ends on where it is known, else its period's last month
        ends = str(end.claim_date) if first == last else count_end(end)
        out = (
            out
            + say(
                "Counted over about {months} of combat, from its start to the end of the count "
                "({end}), that is {per_month} casualties a month ({interval}).",
                months=metric_fact(r["combat_months"]),
                end=ends,
                per_month=metric_fact(per_month),
                interval=metric_fact(per_month, "interval"),
            )
            + reached_words(report)
        )
    else:
        out = out + Prose("No monthly rate is given: " + why_unavailable(per_month, report) + ".")
    army = r["casualty_share_of_army"]
    if army.available:
        claim = picked(report, "army_active")  # the share is available: it has a claim
        out = out + say(
            "Against North Korea's active armed forces, {army} ({who}, {when} {cite}), the "
            "losses are {share}.",
            army=claim_fact(claim),
            who=claim.claimant,
            when=claim_when(claim),
            cite=report.cite(claim.source_id),
            share=metric_fact(army, "both"),
        )
    return out


def _estimate_range(low: float, high: float) -> str:
    """A derived range of counts, each end to the precision of an estimate."""
    return join_range(fmt_estimate(low), fmt_estimate(high))


def _ranged(key: str, value: float, low: float, high: float, provenance: Any) -> Fact:
    """A derived count of people shown as its range (``_estimate_range``)."""
    text = _estimate_range(low, high)
    return derived_fact(key, value, "persons", provenance, text=text, low=low, high=high)


def pace_facts(t: Any) -> dict[str, Any]:
    """The figures of a trend of the losses (``balance.Trend``) as facts, one definition for
    every sentence and table that gives them: ``en`` the losses to the earlier count,
    ``e`` their pace a month as a range, ``rn`` the losses since as a range (the newest
    count's range less the earlier one's, by the qualifier policy), ``r`` their pace a
    month as a range, ``since`` the calendar months since."""
    n = whole_months(t.recent.start, t.recent.end)
    early, recent = t.early.claims, t.recent.claims
    e, r = t.early, t.recent
    return {
        "en": derived_fact(f"pace:early-added:{early[-1]}", e.added, "persons", early),
        "e": _ranged(
            f"pace:early:{early[-1]}",
            e.per_month,
            e.per_month_low,
            e.per_month_high,
            (*early, f"event:{t.combat_event}"),
        ),
        "rn": _ranged(
            f"pace:recent-added:{recent[-1]}", r.added, r.added_low, r.added_high, recent
        ),
        "since": derived_fact(f"pace:span:{recent[-1]}", n, "months", recent, text=age_words(n)),
        "r": _ranged(
            f"pace:recent:{recent[-1]}", r.per_month, r.per_month_low, r.per_month_high, recent
        ),
    }


#: how a trend's direction (``balance.Trend.direction``) is said
DIRECTION_WORDS = {"fell": "fell", "rose": "rose", "held": "did not clearly change"}


def against_words(report: Report, t: Any) -> Prose:
    """The better- or equally graded count between a trend's two that its fall cannot hold
    with (``balance.count_against``), as a clause: "a more reliable count in between, more
    than 6,000 by 15 June 2025 (UK ...), would mean at least 1,300 more after 30 April
    2025: either the newest total of ... is low or the pace fell later than its counts
    show"; "" where there is none (the bottom line's shorter form: ``brief.trend_words``)."""
    a = count_against(report, t)
    if a is None:
        return Prose("")
    c = a.claim
    # the grades' order in reliability.csv, said without the grade (page one's words)
    which = "a more reliable" if a.better else "an equally reliable"
    by = md(date_words(count_end_days(c)[1]))
    return say(
        which
        + f" count in between, {{count}} by {by} ({{who}} {{cite}}), would mean at least "
        + "{added} more after "
        + md(date_words(t.early.end))
        + ": either the newest total of {org} is low or the pace fell later than its counts "
        "show",
        count=claim_fact(c),
        who=c.claimant,
        cite=report.cite(c.source_id),
        added=derived_fact(
            f"pace:against-added:{c.id}", a.added, "persons", (t.early.claims[-1], c.id)
        ),
        org=report.scenario.speaker(
            report.ledger, str(report.ledger.claim(t.recent.claims[-1]).claimant)
        ),
    )


def coincides_words(report: Report, t: Any) -> Prose:
    """The change in the fighting a change of pace falls beside (``balance.coinciding_event``),
    as a clause: "the change falls beside an event of 26 April 2025 [1]: Russia declares
    ..." (no cause is claimed: the sources make none); "" where there is none."""
    e = coinciding_event(report, t)
    if e is None:
        return Prose("")
    return say(
        "the change falls beside an event of " + md(date_words(str(e.date))) + " {cite}: {event}",
        event=str(e.event),
        cite=report.cite(e.source_id),
    )


def pace_sentence(report: Report, against: bool = True) -> Prose:
    """The pace of the losses before and after an earlier count of the same organisation
    (``balance.loss_trend``), as one sentence with its spans and ranges, and the count in
    between and the organisation's own count of the dead that contradict a fall; "" where
    the ledger gives no trend. The annex gives the same figures (``pace_facts``)."""
    t = loss_trend(report)
    if t is None:
        return Prose("")
    lead = (
        "The losses did not come at one pace"
        if t.direction != "held"
        else "The pace of the losses did not clearly change"
    )
    out = say(
        lead
        + ": on the counts of {who}, about {en} by "
        + md(date_words(t.early.end))
        + " ({e} a month), then {rn} in the {since} to "
        + md(date_words(t.recent.end))
        + " ({r} a month).",
        who=t.who,
        **pace_facts(t),
    )
    clauses = [coincides_words(report, t)]
    if against:
        clauses += [against_words(report, t), deaths_words(report, t)]
    for clause in clauses:
        if clause.text:
            out = out + Prose(clause.text[0].upper() + clause.text[1:] + ".", clause.facts)
    return out


def drone_prose(report: Report) -> Prose:
    """What the admitted sources say about drones: the cause of losses, then a lesson."""
    factors = report.admitted(report.ledger.factors)
    parts = []
    for fid, lead in (
        (
            report.ledger.role("drone-losses")[0],
            "Losses were put down to drone warfare the troops had not met before",
        ),
        (
            report.ledger.role("drone-adaptation")[0],
            "Later reports said the troops adapted to drones and began to contribute in combat",
        ),
    ):
        row = factors[factors["id"] == fid]
        if row.empty:
            continue
        f = row.iloc[0]
        parts.append(
            say(lead + " ({who}, {cite}).", who=f.claimant, cite=report.cite(f.source_id)).text
        )
    return Prose(" ".join(parts) or "No source admitted here speaks of drones.")


def _party_runs_higher(report: Report, rows: pd.DataFrame) -> bool | None:
    """Where a party to the conflict and an official channel reported different figures
    within a month of each other (their grades' ``standing`` in ``reliability.csv``): True
    if the party's was higher every time, False if not, None if they never differed."""
    pairs = []
    official = report.ledger.grades("official")
    for p in frames.rows(rows.loc[rows["reliability"].isin(report.ledger.grades("party"))]):
        near = rows.loc[
            rows["reliability"].isin(official)
            & ((rows["claim_end"] - p.claim_end).abs() <= timedelta(days=31))
        ]
        pairs += [p.value > o.value for o in frames.rows(near) if o.value != p.value]
    return all(pairs) if pairs else None


def disagreement_prose(report: Report) -> Prose:
    rows = shown(report, report.claims_of("casualties"))
    if len(rows) < 2:
        return Prose(
            "Only one casualty estimate is admitted in this scenario, so there is "
            "no disagreement to weigh; its reliability grade is shown in the table."
        )
    low, high = rows.loc[rows["value"].idxmin()], rows.loc[rows["value"].idxmax()]
    out = say(
        "The estimates run from {low} ({low_who}, {low_when}) to {high} ({high_who}, {high_when}).",
        low=claim_fact(low),
        high=claim_fact(high),
        low_who=low.claimant,
        low_when=claim_when(low),
        high_who=high.claimant,
        high_when=claim_when(high),
    )
    if high.claim_end > low.claim_end:
        out = out + Prose(
            "Part of the spread is time: the lowest count is older than the highest, and a "
            "total of losses only grows."
        )
    party = _party_runs_higher(report, rows)
    if party is True:
        out = out + Prose(
            "Where a party to the conflict and an official channel gave different figures "
            "within a month of each other, the party's was the higher."
        )
    elif party is False:
        out = out + Prose(
            "Where a party to the conflict and an official channel gave different figures "
            "within a month of each other, the party's was not always the higher."
        )
    return out


def _months_before(when: Any, as_of: Any) -> int:
    """Whole calendar months from a date to the as-of date (12 February to 12 May: 3)."""
    return whole_months(when, as_of)


#: what ``count_details`` adds after the age of the newest count, in the casualties report
DETAILS = ("killed", "troops_engineers", "killed_unit")


def count_details(report: Report, details: tuple[str, ...] = DETAILS) -> Prose:
    """What the casualty count leaves out, each said only where the ledger has it (issue 23,
    finding 6): how old the newest count is at the as-of date, the newest count of the dead
    alone, the engineers clearing mines beside the combat troops, and a count of the dead in
    one unit."""
    parts = []
    count = report.pick("casualties")
    if count is not None and undated(count):  # its age is unknown from its own source
        own = str(count.source_id) in report.ledger.role("the-article")
        whose = "The article" if own else f"Its source {report.cite(count.source_id)}"
        parts.append(Prose(md(whose) + " does not date the count."))
    elif count is not None:
        dated = parse_partial_date(str(count.claim_date)).end
        n = _months_before(dated, report.as_of)
        if n >= 1:
            age = derived_fact(
                f"count-age:{count.id}",
                n,
                "months",
                (count.id, f"as-of:{report.as_of.isoformat()}"),
            )
            parts.append(
                say(
                    "The newest count is dated {when}, {age} before the date this brief "
                    "stands on: losses since then are not in it.",
                    when=count.claim_date,
                    age=age,
                )
            )
        else:
            parts.append(
                say(
                    "The newest count is dated {when}, less than a month before the date "
                    "this brief stands on."
                    if dated < report.as_of
                    else "The newest count is dated {when}, this brief's date.",
                    when=count.claim_date,
                )
            )
    for quantity, sentence in (
        ("killed", "The newest count of the dead alone is {n} killed ({who}, {when} {cite})."),
        (
            "troops_engineers",
            "Beside the combat troops, {n} engineers were clearing mines ({who}, {when} {cite}).",
        ),
    ):
        c = report.pick(quantity) if quantity in details else None
        rivals = killed_rivals(report, c) if quantity == "killed" and c is not None else []
        if c is not None and rivals:  # counts of the dead that disagree: the range, not the newest
            lo = min([c, *rivals], key=lambda x: (float(x.value), str(x.claim_date)))
            hi = max([c, *rivals], key=lambda x: (float(x.value), str(x.claim_date)))
            parts.append(
                say(
                    "Counts of the dead alone disagree: from {lo} ({lwho}, {lwhen} {lcite}) "
                    "to {hi} ({hwho}, {hwhen} {hcite}) killed.",
                    lo=claim_fact(lo),
                    lwho=lo.claimant,
                    lwhen=claim_when(lo),
                    lcite=report.cite(lo.source_id),
                    hi=claim_fact(hi),
                    hwho=hi.claimant,
                    hwhen=claim_when(hi),
                    hcite=report.cite(hi.source_id),
                )
            )
        elif c is not None:
            parts.append(
                say(
                    sentence,
                    n=claim_fact(c),
                    who=c.claimant,
                    when=claim_when(c),
                    cite=report.cite(c.source_id),
                )
            )
    unit = report.pick("killed_unit") if "killed_unit" in details else None
    if unit is not None:
        parts.append(unit_losses(report, unit))
    out = Prose("")
    for p in parts:
        out = out + p
    return out


#: small counts as a reader writes them ("nine engineers"), larger ones in digits
SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def unit_losses(report: Report, unit: Any) -> Prose:
    """A part-count of one unit's dead as the ledger row has it: the outlet that reported
    it (a claimant "X via KCNA" is KCNA reporting X), what the unit was doing (from the
    row's note: engineers clearing mines), the speaker and the date in words."""
    from dataclasses import replace

    from .common import date_words

    speaker, _, outlet = str(unit.claimant).partition(" via ")
    n = claim_fact(unit)
    if unit.qualifier == "exact" and float(unit.value).is_integer() and unit.value < len(SMALL):
        n = replace(n, text=SMALL[int(unit.value)])
    note = str(unit.note).lower() if isinstance(unit.note, str) else ""
    what = (
        "engineers killed clearing mines"
        if "engineer" in note and ("demin" in note or "mine" in note)
        else "killed in one unit"
    )
    if outlet:
        return say(
            "{outlet} reported {n} " + what + " ({speaker}, {when} {cite}).",
            outlet=outlet,
            n=n,
            speaker=speaker,
            when=date_words(str(unit.claim_date)),
            cite=report.cite(unit.source_id),
        )
    return say(
        "{who} reported {n} " + what + " ({when} {cite}).",
        who=report.ledger.display(str(unit.claimant)),
        n=n,
        when=date_words(str(unit.claim_date)),
        cite=report.cite(unit.source_id),
    )


def killed_rivals(report: Report, chosen: Any) -> list[Any]:
    """Counts of the dead alone from other organisations, made within a calendar month of
    the newest one, with another value: the newest alone would pick one of them."""
    organisation = report.ledger.organisation
    end = parse_partial_date(str(chosen.claim_date)).end
    who = organisation(str(chosen.claimant))
    out = []
    for c in frames.rows(report.claims_of("killed")):
        dated = parse_partial_date(str(c.claim_date)).end
        if (
            organisation(str(c.claimant)) != who
            and float(c.value) != float(chosen.value)
            and dated <= end
            and whole_months(dated, end) < 1
        ):
            out.append(c)
    return out


def newest_count(report: Report) -> Prose:
    """For the brief: how old the newest count is and the newest count of the dead alone
    (``count_details`` without the engineers and the one unit's dead)."""
    return count_details(report, ("killed",))
