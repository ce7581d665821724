"""The inputs of the analysis: one value with a range and its provenance per quantity.

Each input comes from the claim the selection rule picks for the scenario (its value, and
its low/high from the statement or the qualifier policy), or from a parameter override
(a point value). A missing input stays missing: metrics that need it say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..ledger import Ledger
from ..params import ReportParams
from .scenarios import Scenario
from .selection import pick


@dataclass(frozen=True)
class Input:
    """One analysis input: central value, range, unit and where it came from."""

    name: str
    central: float
    low: float
    high: float
    unit: str
    provenance: tuple[str, ...]  # ledger claim ids, or ("parameter:NAME",)
    stated: str = ""  # the claim as its source worded it

    def __post_init__(self) -> None:
        if not self.low <= self.central <= self.high:
            raise ValueError(f"input {self.name}: expected low <= central <= high")


#: quantity → input name, for inputs read straight from one claim.
FROM_LEDGER = {
    "troops_initial": "troops_initial",
    "troops_additional": "troops_additional",
    "casualties": "casualties",
    "killed": "killed",
    "economic_benefit": "benefit_usd",
    "budget_share": "budget_share",
    "gni_nominal": "gni_usd",
    "gains_total": "gains_total_usd",
    "gains_troops": "gains_troops_usd",
    "troop_deal_value_annual": "troop_deal_annual_usd",
    "pay_per_soldier_month": "pay_per_soldier_month_usd",
}
OVERRIDES = {
    "troops": "troops_deployed",
    "casualties": "casualties",
    "benefit_usd": "benefit_usd",
    "budget_share": "budget_share",
}
DAYS_PER_MONTH = 365.25 / 12


def _from_claim(name: str, claim: pd.Series) -> Input:
    from ..formatting import fmt_stated

    return Input(
        name,
        float(claim.value),
        float(claim.low),
        float(claim.high),
        claim.unit,
        (claim.id,),
        fmt_stated(claim.value, claim.qualifier, claim.unit),
    )


def gather_inputs(
    ledger: Ledger, scenario: Scenario, params: ReportParams
) -> tuple[dict[str, Input], date]:
    """Every input available to ``scenario`` as of its date, with parameter overrides."""
    as_of = scenario.as_of(ledger, params.as_of)
    claims = scenario.claims(ledger, params.as_of)
    inputs: dict[str, Input] = {}
    for quantity, name in FROM_LEDGER.items():
        claim = pick(ledger, claims, quantity)
        if claim is not None:
            inputs[name] = _from_claim(name, claim)
    months = _deployment_months(ledger, claims)
    if months is not None:
        inputs["deployment_months"] = months
    for param, name in OVERRIDES.items():
        value = getattr(params, param)
        if value is not None:
            unit = (
                "share"
                if param == "budget_share"
                else ("USD" if param == "benefit_usd" else "persons")
            )
            inputs[name] = Input(
                name, float(value), float(value), float(value), unit, (f"parameter:{param}",)
            )
    return inputs, as_of


def _deployment_months(ledger: Ledger, claims: pd.DataFrame) -> Input | None:
    """Months from the first deployment to the casualty claim the analysis uses.

    The start is the period of the first-deployment claim (October 2024: any day of it),
    the end is the end of the casualty claim's date span, so the range spans the month.
    """
    troops = pick(ledger, claims, "troops_initial")
    cas = pick(ledger, claims, "casualties")
    if troops is None or cas is None or not troops.period_start:
        return None
    from ..ledger.dates import parse_partial_date

    start = parse_partial_date(troops.period_start)
    end = cas.claim_end
    longest = (end - start.start).days / DAYS_PER_MONTH
    shortest = max((end - start.end).days / DAYS_PER_MONTH, 0.5)
    central = (longest + shortest) / 2
    return Input("deployment_months", central, shortest, longest, "months", (troops.id, cas.id))


#: each input in words, as a reader would name the figure (never the internal name).
INPUT_WORDS = {
    "troops_initial": "the size of the first deployment",
    "troops_additional": "the size of the later wave",
    "troops_deployed": "the number of troops sent",
    "casualties": "a count of soldiers killed or wounded",
    "killed": "a count of soldiers killed",
    "benefit_usd": "an estimate of the economic benefit",
    "budget_share": "the benefit's share of the state budget",
    "gni_usd": "North Korea's gross national income",
    "gains_total_usd": "the defence institute's estimate of total gains",
    "gains_troops_usd": "the defence institute's estimate of gains from the troops",
    "troop_deal_annual_usd": "a yearly value of the troop deal",
    "pay_per_soldier_month_usd": "the pay per soldier per month",
    "deployment_months": "how long the troops have been deployed",
}


def describe_missing(names: tuple[str, ...] | list[str]) -> str:
    """Which figures a result lacks, in words, and why: "no source this scenario admits
    reports a count of soldiers killed". Reader-facing; never shows an input's name."""
    words = list(dict.fromkeys(INPUT_WORDS.get(n, "a figure it needs") for n in names))
    if not words:
        return "it lacks a figure it needs"
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return f"no source this scenario admits reports {listed} by its date"
