"""The balance a brief leads with: what North Korea gets against what it loses, each set
against the size of its economy, and the trend of its losses.

Nothing here prices a casualty. The troops' pay is a flow a year (the pay per soldier and
month for the troops the casualty count covers, twelve months), from the same Monte Carlo
draws as every other figure; the ministry's estimate and the munitions trade are read as
their sources state them (the views say what each covers). The trend of the losses comes
from one organisation's successive counts of a total that only grows (or, where it made no
earlier count long enough before, from another organisation's earlier count of the same
troops beside it: the counts available, ``_other_counts``): the losses up to an earlier
count against those since, each per calendar month of its own span (by
``calendar.span_months``, the convention of the casualties per month of combat too), each
with a range: the counts' ranges (stated, or the qualifier policy's) over the span's
shortest and longest (the lowest count over the longest span to the highest over the
shortest; the losses since are the newest count's range less the earlier one's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..ledger.dates import parse_partial_date
from .calendar import Span, span_months
from .inputs import count_end_days
from .metrics import Result
from .selection import cohort_of, min_grade, origin

#: the earlier count a trend sets against the newest must be at least this many days
#: before it: a count weeks before another says nothing of a change of pace
MIN_TREND_DAYS = 90
#: a count between a trend's two contradicts its fall only if made at least this many days
#: after the earlier one: over days, the spread of two counts' wording is not a pace
MIN_AGAINST_DAYS = 30


def yearly_pay(analysis: Any) -> Result:
    """The pay for the troops sent in all, a year (the registered metric
    ``deployment_payment_yearly_usd``: pay per soldier and month x the troops x 12)."""
    return analysis.results["deployment_payment_yearly_usd"]


def yearly_pay_share_of_gni(analysis: Any) -> Result:
    """A year of the troops' pay as a share of national income (the registered metric
    ``deployment_payment_yearly_share_of_gni``)."""
    return analysis.results["deployment_payment_yearly_share_of_gni"]


@dataclass(frozen=True)
class Pace:
    """Losses over one span: ``added`` killed or wounded (``added_low`` to ``added_high``)
    from ``start`` to ``end`` (the last days each may fall on), over ``months``; ``claims``
    the counts it rests on."""

    start: date
    end: date
    added: float
    added_low: float
    added_high: float
    months: Span
    claims: tuple[str, ...]

    @property
    def per_month(self) -> float:
        """The central pace: the count over the span's central months."""
        return self.added / self.months.central

    @property
    def per_month_low(self) -> float:
        """The lowest pace: the lowest count over the longest span."""
        return self.added_low / self.months.longest

    @property
    def per_month_high(self) -> float:
        """The highest pace: the highest count over the shortest span."""
        return self.added_high / self.months.shortest


@dataclass(frozen=True)
class Trend:
    """The losses up to an earlier count and since, from one organisation's counts."""

    organisation: str
    early: Pace
    recent: Pace
    #: the ledger event the early pace counts from (the start of combat)
    combat_event: str
    #: the organisation as a reader of the scenario sees it (``Scenario.speaker``)
    who: str = ""

    @property
    def direction(self) -> str:
        """ "fell" or "rose" where the two paces' ranges do not meet, else "held" (the
        counts cannot tell a change from the spread of their wording)."""
        if self.recent.per_month_high < self.early.per_month_low:
            return "fell"
        if self.recent.per_month_low > self.early.per_month_high:
            return "rose"
        return "held"


def loss_trend(report: Any) -> Trend | None:
    """The pace of the losses before and after an earlier count, on the counts of the
    organisation behind the casualty count the report uses: the newest of its earlier
    counts made at least ``MIN_TREND_DAYS`` before, against the losses from the start of
    combat to it; else the newest earlier count of another organisation that can stand
    beside it (``_other_counts``). None where the ledger lacks the start of combat or any
    such earlier count: one count keeps its flat average."""
    chosen = report.pick("casualties")
    if chosen is None:
        return None
    events = report.scenario.events(report.ledger, report.as_of)
    combat = events[events["id"].isin(report.ledger.role("combat-start"))]
    if combat.empty:
        return None
    began = parse_partial_date(str(combat.iloc[0].date))
    who = report.ledger.organisation(str(chosen.claimant))
    newest_end = _end(chosen)
    earlier = [
        c
        for _, c in report.claims_of("casualties").iterrows()
        if report.ledger.organisation(str(c.claimant)) == who
        and c.id != chosen.id
        and (newest_end - _end(c)).days >= MIN_TREND_DAYS
        and 0 < float(c.value) < float(chosen.value)
        and _end(c) > began.start
    ]
    speaker = report.scenario.speaker(report.ledger, str(chosen.claimant))
    if not earlier:  # two sources' counts cannot give a pace: their wording differs, not
        return None  # the losses (review X-xc-M2); ``reached_before`` says what they show
    prev = max(earlier, key=lambda c: (_end(c), str(c.id)))
    mid, last = count_end_days(prev), count_end_days(chosen)
    early = Pace(
        began.end,
        mid[1],
        float(prev.value),
        float(prev.low),
        float(prev.high),
        span_months((began.start, began.end), mid),
        (prev.id,),
    )
    recent = Pace(
        mid[1],
        last[1],
        float(chosen.value) - float(prev.value),
        max(float(chosen.low) - float(prev.high), 0.0),
        float(chosen.high) - float(prev.low),
        span_months(mid, last),
        (prev.id, chosen.id),
    )
    return Trend(who, early, recent, str(combat.iloc[0].id), speaker)


def reached_before(report: Any) -> Any | None:
    """Where the losses have no trend on one organisation's counts, the newest earlier count
    of another organisation that had already reached the count used (its range reaches
    the count's): the losses did not come evenly over the span a flat average spreads them
    over, though two sources' counts cannot say how fast they came after it. None where
    there is a trend, or no such count."""
    chosen = report.pick("casualties")
    if chosen is None or loss_trend(report) is not None:
        return None
    events = report.scenario.events(report.ledger, report.as_of)
    combat = events[events["id"].isin(report.ledger.role("combat-start"))]
    if combat.empty:
        return None
    began = parse_partial_date(str(combat.iloc[0].date)).start
    reached = [
        c for c in _other_counts(report, chosen, began) if float(c.high) >= float(chosen.low)
    ]
    return max(reached, key=lambda c: (_end(c), str(c.id))) if reached else None


def _other_counts(report: Any, chosen: Any, began: date) -> list[Any]:
    """Where the organisation behind the count used made no earlier count long enough
    before it, the earlier counts of the same troops by other organisations that can stand
    beside it: graded ``min_grade`` or better (as a newer count must be to displace an
    older), of the same cohort, not the same statement relayed, at least
    ``MIN_AGAINST_DAYS`` before it (over days, the spread of two counts' wording is not a
    pace), after combat began, and no higher than it. So several dated counts show the
    losses' shape (most of them early, then little change) instead of one flat average."""
    ledger = report.ledger
    floor = ledger.grade_order[min_grade(ledger, "casualties")]
    who = ledger.organisation(str(chosen.claimant))
    root = origin(ledger, str(chosen.id))
    newest_end = _end(chosen)
    return [
        c
        for _, c in report.claims_of("casualties").iterrows()
        if ledger.organisation(str(c.claimant)) != who
        and origin(ledger, str(c.id)) != root
        and ledger.grade_order[str(c.reliability)] <= floor
        and cohort_of(c) == cohort_of(chosen)
        and (newest_end - _end(c)).days >= MIN_AGAINST_DAYS
        and 0 < float(c.value) <= float(chosen.value)
        and _end(c) > began
    ]


@dataclass(frozen=True)
class Against:
    """A count between a trend's two that its slowdown cannot hold with: ``claim`` (a row
    of the claims), at least ``added`` more losses after the earlier count by its end,
    ``per_month`` a month at least, faster than the trend's recent pace can be; ``better``
    where its grade is better than every count the trend rests on (else as good)."""

    claim: Any
    added: float
    per_month: float
    better: bool


def count_against(report: Any, t: Trend) -> Against | None:
    """The count, of another organisation, that contradicts a fall in the pace ``t``
    shows: made between its two counts (``MIN_AGAINST_DAYS`` or more after the earlier),
    graded at least as well as both, of the same
    troops or a part of them (a count among part of the troops is a floor for all), whose
    floor less the earlier count's ceiling means losses after the earlier count at a pace
    above the highest the later span allows. The best graded such count, then the
    newest. None where the pace did not fall or no count contradicts it."""
    if t.direction != "fell":
        return None
    ledger = report.ledger
    chosen = ledger.claim(t.recent.claims[-1])
    prev = ledger.claim(t.early.claims[-1])
    rests_on = [str(chosen.reliability), str(prev.reliability)]
    worst = max(ledger.grade_order[g] for g in rests_on)
    best = min(ledger.grade_order[g] for g in rests_on)
    cohort = cohort_of(chosen)
    out: list[Against] = []
    for _, c in report.claims_of("casualties").iterrows():
        end = count_end_days(c)
        rank = ledger.grade_order[str(c.reliability)]
        if (
            ledger.organisation(str(c.claimant)) == t.organisation
            or not t.early.end < end[1] < t.recent.end
            or (end[0] - t.early.end).days < MIN_AGAINST_DAYS
            or rank > worst
            or (cohort_of(c) != cohort and cohort != "troops_total")
        ):
            continue
        added = float(c.low) - float(prev.high)
        pace = added / span_months((t.early.end, t.early.end), end).longest
        if pace > t.recent.per_month_high:
            out.append(Against(c, added, pace, rank < best))
    if not out:
        return None
    return min(out, key=lambda a: (ledger.grade_order[str(a.claim.reliability)], -_order(a)))


@dataclass(frozen=True)
class DeathsAgainst:
    """The organisation's own counts of the dead that a fall in its pace cannot hold with:
    its count of the dead rose from ``early`` (at or before the trend's earlier count) to
    ``late`` (after it, by the newest count) by ``added``, more than its count of killed
    and wounded together rose over the whole later span (``total_added``): unless many of
    the wounded died later, its newest total is low."""

    early: Any
    late: Any
    added: float
    total_added: float


def deaths_against(report: Any, t: Trend) -> DeathsAgainst | None:
    """The same organisation's counts of the dead set against a fall in its pace ``t``:
    the newest killed count up to the trend's earlier count and the newest after it, up
    to the newest count, of the same troops; returned where the dead rose by more than
    the killed and wounded together did (central values, as the counts state them).
    None where the pace did not fall or the counts of the dead do not contradict it."""
    if t.direction != "fell":
        return None
    # the dead of the troops the earlier count covers, or of those the newest covers: deaths
    # among a part of the troops are a floor for the deaths among all of them
    cohorts = {cohort_of(report.ledger.claim(i)) for i in t.recent.claims}
    killed = [
        c
        for _, c in report.claims_of("killed").iterrows()
        if report.ledger.organisation(str(c.claimant)) == t.organisation and cohort_of(c) in cohorts
    ]
    found = []
    for cohort in sorted(cohorts):
        of = [c for c in killed if cohort_of(c) == cohort]
        before = [c for c in of if _end(c) <= t.early.end]
        after = [c for c in of if t.early.end < _end(c) <= t.recent.end]
        if before and after:
            early = max(before, key=lambda c: (_end(c), str(c.id)))
            late = max(after, key=lambda c: (_end(c), str(c.id)))
            added = float(late.value) - float(early.value)
            if added > t.recent.added:
                found.append(DeathsAgainst(early, late, added, t.recent.added))
    return max(found, key=lambda d: (d.added, str(d.late.id))) if found else None


#: an event in the fighting within this many days of the count a pace changes at is named
#: beside the change (as what it falls beside, never as its cause)
COINCIDES_DAYS = 31


def coinciding_event(report: Any, t: Trend) -> Any | None:
    """The admitted event marked ``fighting-change`` (a change in the fighting) that
    occurred within ``COINCIDES_DAYS`` of the earlier count a changed pace turns at, the
    nearest to it; None where the pace did not clearly change or there is none."""
    if t.direction == "held":
        return None
    events = report.scenario.events(report.ledger, report.as_of)
    marked = events[
        events["id"].isin(report.ledger.role("fighting-change")) & (events["status"] == "occurred")
    ]
    near = []
    for _, e in marked.iterrows():
        d = parse_partial_date(str(e.date))
        gap = max((d.start - t.early.end).days, (t.early.end - d.end).days, 0)
        if gap <= COINCIDES_DAYS:
            near.append((gap, str(e.id), e))
    return min(near, key=lambda x: x[:2])[2] if near else None


def _order(a: Against) -> float:
    return float(count_end_days(a.claim)[1].toordinal())


def _end(claim: Any) -> date:
    """The last day a count covers: its period's end, capped by the day it was stated."""
    return count_end_days(claim)[1]


#: a rate at least this many times the intelligence service's inferred pay is "far above"
#: it (an analysts' threshold, as a judgment's is: the mercenary pricing of a range)
FAR_ABOVE = 2.0
#: a rate whose stated value is within this factor either side of another is "close to" it
CLOSE_TO = 1.25


@dataclass(frozen=True)
class SoldierRate:
    """What an estimate of the troop deal implies per soldier and month: its stated value
    and range over the troops its source assumed (``troops_assumed``) and twelve months;
    and the rate its source states as its basis, where it states one (``rate_assumed``,
    with its qualifier ``rate_qualifier``: "at least" US$2,000), which the comparisons
    use, since a rounded total's quotient is not what the source assumed (03-M2)."""

    claim: str
    troops: float
    low: float
    value: float
    high: float
    stated: float | None = None
    stated_qualifier: str = ""

    def multiples(self, rate: float) -> tuple[float, float, float]:
        """Its low end, value and high end as multiples of ``rate`` (another monthly rate):
        of the stated rate where there is one, else of the total's quotient."""
        if self.stated is not None:
            stated = self.stated / rate
            return stated, stated, stated
        return self.low / rate, self.value / rate, self.high / rate

    def against(self, rate: float) -> str:
        """``far above`` where its high end reaches ``FAR_ABOVE`` times ``rate`` (``far
        above throughout`` where its low end does too), ``close to`` where its value is
        within ``CLOSE_TO`` of it either side, else ``above`` or ``below``."""
        low, value, high = self.multiples(rate)
        if high >= FAR_ABOVE:
            return "far above throughout" if low >= FAR_ABOVE else "far above"
        if 1 / CLOSE_TO <= value <= CLOSE_TO:
            return "close to"
        return "above" if value > 1 else "below"


def soldier_rate(claim: Any, yearly: bool) -> SoldierRate | None:
    """A yearly estimate of the troop deal per soldier and month, on the troops its source
    assumed; None where the claim states no troops (or is not a yearly figure: no other
    period is set per month here)."""
    troops = float(getattr(claim, "troops_assumed", float("nan")) or float("nan"))
    if not yearly or troops != troops or troops <= 0:
        return None
    per = troops * 12
    low = claim.low if claim.low == claim.low else claim.value
    high = claim.high if claim.high == claim.high else claim.value
    stated = float(getattr(claim, "rate_assumed", float("nan")) or float("nan"))
    qualifier = getattr(claim, "rate_qualifier", "")
    return SoldierRate(
        str(claim.id),
        troops,
        low / per,
        claim.value / per,
        high / per,
        stated if stated == stated and stated > 0 else None,
        qualifier if isinstance(qualifier, str) else "",
    )
