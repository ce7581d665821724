"""The balance a brief leads with: what North Korea gets against what it loses, each set
against the size of its economy, and the trend of its losses.

Nothing here prices a casualty. The troops' pay is a flow a year (the pay per soldier and
month for the troops the casualty count covers, twelve months), from the same Monte Carlo
draws as every other figure; the ministry's estimate and the munitions trade are read as
their sources state them (the views say what each covers). The trend of the losses comes
from one organisation's successive counts of a total that only grows: the losses up to an
earlier count of it against those since, each per calendar month of its own span.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..ledger.dates import parse_partial_date
from .inputs import count_end
from .metrics import Result

DAYS_PER_MONTH = 365.25 / 12  # for a rate per month over a span (the spans are printed)
#: the earlier count a trend sets against the newest must be at least this many days
#: before it: a count weeks before another says nothing of a change of pace
MIN_TREND_DAYS = 90


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
    """Losses over one span: ``added`` killed or wounded from ``start`` to ``end`` (dates),
    ``per_month`` of them a month; ``claims`` the counts it rests on."""

    start: date
    end: date
    added: float
    per_month: float
    claims: tuple[str, ...]


@dataclass(frozen=True)
class Trend:
    """The losses up to an earlier count and since, from one organisation's counts."""

    organisation: str
    early: Pace
    recent: Pace
    #: the ledger event the early pace counts from (the start of combat)
    combat_event: str

    @property
    def direction(self) -> str:
        """ "fell", "rose" or "held" (within a tenth either way)."""
        if self.recent.per_month < 0.9 * self.early.per_month:
            return "fell"
        if self.recent.per_month > 1.1 * self.early.per_month:
            return "rose"
        return "held"


def loss_trend(report: Any) -> Trend | None:
    """The pace of the losses before and after an earlier count, on the counts of the
    organisation behind the casualty count the report uses: the newest of its earlier
    counts made at least ``MIN_TREND_DAYS`` before, against the losses from the start of
    combat to it. None where the ledger lacks the start of combat, an earlier count of
    the same organisation, or a count that grew."""
    chosen = report.pick("casualties")
    if chosen is None:
        return None
    events = report.scenario.events(report.ledger, report.as_of)
    combat = events[events["id"].isin(report.ledger.role("combat-start"))]
    if combat.empty:
        return None
    began = parse_partial_date(str(combat.iloc[0].date)).start
    who = report.ledger.organisation(str(chosen.claimant))
    newest_end = _end(chosen)
    earlier = [
        c
        for _, c in report.claims_of("casualties").iterrows()
        if report.ledger.organisation(str(c.claimant)) == who
        and c.id != chosen.id
        and (newest_end - _end(c)).days >= MIN_TREND_DAYS
        and 0 < float(c.value) < float(chosen.value)
        and _end(c) > began
    ]
    if not earlier:
        return None
    prev = max(earlier, key=lambda c: (_end(c), str(c.id)))
    mid = _end(prev)
    early = Pace(began, mid, float(prev.value), float(prev.value) / _months(began, mid), (prev.id,))
    added = float(chosen.value) - float(prev.value)
    recent = Pace(mid, newest_end, added, added / _months(mid, newest_end), (prev.id, chosen.id))
    return Trend(who, early, recent, str(combat.iloc[0].id))


def _end(claim: Any) -> date:
    """The last day a count covers: its period's end, capped by the day it was stated."""
    end = parse_partial_date(count_end(claim)).end
    return min(end, parse_partial_date(str(claim.claim_date)).end)


def _months(a: date, b: date) -> float:
    return max((b - a).days / DAYS_PER_MONTH, 0.5)


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
