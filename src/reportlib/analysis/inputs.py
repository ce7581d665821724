"""The inputs of the analysis: one value with a range and its provenance per quantity.

Each input comes from the claim the selection rule picks for the scenario
(``selection.pick``): its value is the central value (the triangle's mode) and its range
covers what the wording allows (the stated range, or the qualifier policy's) and, where
other chains of sources count the same thing over the same period, their ranges too
(``selection.peers``): that is where sources disagree. A parameter override is a point
value. A missing input stays missing: metrics that need it say so.

Periods come from the ledger: ``combat_months`` runs from the start of combat (the event
marked ``combat-start`` in data/events.csv) to the end of the casualty count's period;
``deployment_months`` from the start of the counted cohort's deployment to the same end.
Both are ranges, because the dates are partial (a month covers all its days): the one
convention of ``calendar.span_months``, which the pace of the losses uses too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..ledger import Ledger, parse_partial_date, vocabulary
from ..params import ReportParams, check_casualties
from .calendar import span_months
from .scenarios import Scenario
from .selection import cohort_of, peers, pick, pick_stated

DEFAULT_COHORT = "troops_initial"
WAVES = ("troops_initial", "troops_additional")  # the deployments counted one by one


@dataclass(frozen=True)
class Input:
    """One analysis input: central value, range, unit and where it came from."""

    name: str
    central: float
    low: float
    high: float
    unit: str
    provenance: tuple[str, ...]  # the selected claim first, then disagreeing ones
    stated: str = ""  # the claim as its source worded it
    peers: tuple[str, ...] = ()  # claims of the same thing and period that widen the range

    def __post_init__(self) -> None:
        if not self.low <= self.central <= self.high:
            raise ValueError(f"input {self.name}: expected low <= central <= high")

    @property
    def claim_id(self) -> str | None:
        """The selected claim's id (None for a parameter or a derived period)."""
        first = self.provenance[0] if self.provenance else ""
        return None if first.startswith(("parameter:", "event:")) else first


#: quantity → input name, for inputs read straight from one claim (the vocabulary's inputs
#: with a quantity, in their order: the order they are drawn in).
FROM_LEDGER = vocabulary.from_ledger()
#: parameter → input name it overrides, and its unit (the vocabulary's parameters).
OVERRIDES = vocabulary.overrides()


def _from_claim(ledger: Ledger, claims: pd.DataFrame, name: str, claim: pd.Series) -> Input:
    from ..formatting import fmt_stated

    others = peers(ledger, claims, claim)
    low = min([float(claim.low), *others["low"].astype(float).tolist()])
    high = max([float(claim.high), *others["high"].astype(float).tolist()])
    ids = tuple(others["id"])
    return Input(
        name,
        float(claim.value),
        low,
        high,
        claim.unit,
        (claim.id, *ids),
        fmt_stated(claim.value, claim.qualifier, claim.unit, claim.low, claim.high),
        ids,
    )


def gather_inputs(
    ledger: Ledger, scenario: Scenario, params: ReportParams
) -> tuple[dict[str, Input], date]:
    """Every input available to ``scenario`` as of its date, with parameter overrides."""
    # What the ledger gives depends only on the scenario and the as-of date: kept on the
    # (immutable) ledger, so the explorer's next what-if does not select claims again.
    memo = ledger.__dict__.setdefault("_ledger_inputs", {})
    key = (scenario, params.as_of)
    if key not in memo:
        memo[key] = _ledger_inputs(ledger, scenario, params.as_of)
    found, as_of = memo[key]
    inputs = dict(found)
    if params.troops is not None:  # the override stands for every troop figure
        for name in WAVES:
            inputs.pop(name, None)
    for param, (name, unit) in OVERRIDES.items():
        value = getattr(params, param)
        if value is not None:
            inputs[name] = Input(
                name, float(value), float(value), float(value), unit, (f"parameter:{param}",)
            )
    return inputs, as_of


def check_overrides(inputs: dict[str, Input], params: ReportParams, scenario: Scenario) -> None:
    """A casualty count or troop number set by a parameter that would make the count
    exceed the troops it is counted among (a casualty rate over 100%) is refused, naming
    the parameter and the other figure. Checked on the report's own inputs (its as-of
    date) where a report is opened, and by the build's plan: the series of earlier dates
    a report draws are what-ifs of the same setting, not new settings."""
    count, troops = inputs.get("casualties"), inputs.get("troops_cohort")
    if count is None or troops is None:
        return
    if params.casualties is not None:
        against = f"the ledger's troops: at most {troops.high:,.0f}"
        param = "casualties"
    elif params.troops is not None:
        against = f"the ledger's casualties: at least {count.low:,.0f}"
        param = "troops"
    else:
        return  # the ledger's own figures: the check and the audit judge those
    if params.casualties is not None and params.troops is not None:
        against = f"troops set to {troops.high:,.0f}"
    check_casualties(param, count.low, troops.high, against, scenario.name)


def _ledger_inputs(
    ledger: Ledger, scenario: Scenario, as_of_override: date | None
) -> tuple[dict[str, Input], date]:
    """The inputs the ledger gives ``scenario`` as of its date (no parameter overrides)."""
    as_of = scenario.as_of(ledger, as_of_override)
    claims = scenario.claims(ledger, as_of_override)
    inputs: dict[str, Input] = {}
    for quantity, name in FROM_LEDGER.items():
        claim = pick_stated(ledger, claims, quantity)
        if claim is not None:
            inputs[name] = _from_claim(ledger, claims, name, claim)
    casualty = pick(ledger, claims, "casualties")
    cohort_quantity = DEFAULT_COHORT if casualty is None else cohort_of(casualty)
    cohort_name = FROM_LEDGER.get(cohort_quantity, cohort_quantity)
    if cohort_name in inputs:
        inputs["troops_cohort"] = _renamed(inputs[cohort_name], "troops_cohort")
    elif (cohort_claim := pick(ledger, claims, cohort_quantity)) is not None:
        # a count among all the troops sent (troops_total) comes with its own count of
        # them: that count stands for every troop figure, as a ``troops`` override does
        inputs["troops_cohort"] = _from_claim(ledger, claims, "troops_cohort", cohort_claim)
        for name in WAVES:
            inputs.pop(name, None)
    if casualty is not None:
        events = scenario.events(ledger, as_of)
        combat = events[events["id"].isin(ledger.role("combat-start"))]
        if not combat.empty:
            inputs["combat_months"] = _months(
                "combat_months",
                str(combat.iloc[0].date),
                casualty,
                (f"event:{combat.iloc[0].id}",),
            )
        cohort_claim = pick(ledger, claims, cohort_quantity)
        if cohort_claim is not None and cohort_claim.period_start:
            inputs["deployment_months"] = _months(
                "deployment_months", str(cohort_claim.period_start), casualty, (cohort_claim.id,)
            )
    return inputs, as_of


def _renamed(x: Input, name: str) -> Input:
    return Input(name, x.central, x.low, x.high, x.unit, x.provenance, x.stated, x.peers)


def count_end(claim: pd.Series) -> str:
    """The end of the period a count covers: its period end, else its claim date."""
    end = claim.get("period_end", "")
    return end if isinstance(end, str) and end else str(claim.claim_date)


def count_end_days(claim: pd.Series) -> tuple[date, date]:
    """The first and last day a count may end on. A count cannot run past the day it was
    stated, and one stated within the last month of its period runs to that day (a count
    of March stated on 27 March ends on 27 March); one stated later ends on some day of
    its period's last month."""
    end = parse_partial_date(count_end(claim))
    stated = parse_partial_date(str(claim.claim_date))
    if stated.start <= end.end and end.start <= stated.end:
        return max(end.start, stated.start), min(end.end, stated.end)
    return end.start, end.end


def _months(name: str, start_text: str, count: pd.Series, start_ids: tuple[str, ...]) -> Input:
    """Months from a partial start date to the end of a count, as a range (by
    ``calendar.span_months``, the one convention for a rate a month)."""
    start = parse_partial_date(start_text)
    span = span_months((start.start, start.end), count_end_days(count))
    return Input(name, span.central, span.shortest, span.longest, "months", (*start_ids, count.id))
