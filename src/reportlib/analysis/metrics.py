"""Headline metrics: documented functions of the inputs, each with a central value and range.

Every metric is a formula over named inputs (arrays or floats alike), registered in
``METRICS`` with its unit. ``compute`` evaluates the formula at the central inputs (the
central value) and over the Monte Carlo draws (the range: 5th to 95th percentile, widened
to include the central value, so a range always contains its centre). A metric whose inputs
the scenario lacks is reported as missing with the inputs it lacks, never guessed.

Units are base units: people as counts, money in US dollars, rates and shares as 0-1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .inputs import Input
from .montecarlo import central, draw

LOW_PCT, HIGH_PCT = 5.0, 95.0


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    requires: tuple[str, ...]
    formula: Callable[[dict[str, Any]], Any]
    description: str


def _troops(v: dict[str, Any]) -> Any:
    if "troops_deployed" in v:
        return v["troops_deployed"]
    return v["troops_initial"] + v.get("troops_additional", 0.0)


METRICS: dict[str, Metric] = {}


def register(name: str, unit: str, requires: tuple[str, ...], description: str):
    def wrap(fn: Callable[[dict[str, Any]], Any]):
        METRICS[name] = Metric(name, unit, requires, fn, description)
        return fn

    return wrap


register(
    "troops_deployed",
    "persons",
    ("troops",),
    "Troops sent: the first deployment plus later waves (or the `troops` override).",
)(_troops)
register("casualties", "persons", ("casualties",), "Killed plus wounded.")(
    lambda v: v["casualties"]
)
register("casualty_rate", "share", ("troops", "casualties"), "Casualties per troop deployed.")(
    lambda v: v["casualties"] / _troops(v)
)
register(
    "casualties_per_month",
    "persons",
    ("casualties", "deployment_months"),
    "Casualties per month since the first deployment.",
)(lambda v: v["casualties"] / v["deployment_months"])
register(
    "killed_share",
    "share",
    ("killed", "casualties"),
    "Killed as a share of casualties, where a source gives killed.",
)(lambda v: np.minimum(v["killed"] / v["casualties"], 1.0))
register(
    "benefit_usd",
    "USD",
    ("benefit_usd",),
    "Economic benefit to North Korea (the article's concept).",
)(lambda v: v["benefit_usd"])
register(
    "implied_state_budget_usd",
    "USD",
    ("benefit_usd", "budget_share"),
    "Annual state budget implied by benefit ÷ its stated budget share.",
)(lambda v: v["benefit_usd"] / v["budget_share"])
register(
    "benefit_per_deployed_soldier_usd",
    "USD",
    ("benefit_usd", "troops"),
    "Benefit per soldier sent.",
)(lambda v: v["benefit_usd"] / _troops(v))
register(
    "benefit_per_casualty_usd",
    "USD",
    ("benefit_usd", "casualties"),
    "Benefit per soldier killed or wounded.",
)(lambda v: v["benefit_usd"] / v["casualties"])
register(
    "benefit_per_death_usd",
    "USD",
    ("benefit_usd", "killed"),
    "Benefit per soldier killed, where a source gives killed.",
)(lambda v: v["benefit_usd"] / v["killed"])
register(
    "benefit_share_of_gni",
    "share",
    ("benefit_usd", "gni_usd"),
    "Benefit as a share of North Korea's nominal GNI (outside estimate).",
)(lambda v: v["benefit_usd"] / v["gni_usd"])
register(
    "gains_total_per_casualty_usd",
    "USD",
    ("gains_total_usd", "casualties"),
    "Alternative: KIDA's total gains (mostly munitions) per casualty.",
)(lambda v: v["gains_total_usd"] / v["casualties"])
register(
    "gains_total_share_of_gni",
    "share",
    ("gains_total_usd", "gni_usd"),
    "Alternative: KIDA's total gains as a share of GNI (cumulative vs annual).",
)(lambda v: v["gains_total_usd"] / v["gni_usd"])
register(
    "pay_based_annual_usd",
    "USD",
    ("pay_per_soldier_month_usd", "troops"),
    "Alternative: a year of reported per-soldier pay for every troop deployed.",
)(lambda v: v["pay_per_soldier_month_usd"] * 12 * _troops(v))

HEADLINE = (
    "troops_deployed",
    "casualties",
    "casualty_rate",
    "benefit_usd",
    "implied_state_budget_usd",
    "benefit_per_deployed_soldier_usd",
    "benefit_per_casualty_usd",
)


@dataclass(frozen=True)
class Result:
    """One metric's central value and range, or why it is missing."""

    name: str
    unit: str
    central: float | None
    low: float | None
    high: float | None
    provenance: tuple[str, ...]
    missing: tuple[str, ...] = ()

    @property
    def available(self) -> bool:
        return self.central is not None


def _has(inputs: dict[str, Input], need: str) -> bool:
    if need == "troops":
        return "troops_deployed" in inputs or "troops_initial" in inputs
    return need in inputs


def _provenance(inputs: dict[str, Input], metric: Metric) -> tuple[str, ...]:
    names = []
    for need in metric.requires:
        keys = (
            ("troops_deployed",)
            if need == "troops" and "troops_deployed" in inputs
            else (("troops_initial", "troops_additional") if need == "troops" else (need,))
        )
        for key in keys:
            if key in inputs:
                names.extend(inputs[key].provenance)
    return tuple(dict.fromkeys(names))


def compute(
    inputs: dict[str, Input], draws: int, seed: int, names: tuple[str, ...] | None = None
) -> dict[str, Result]:
    """Every (or the named) metric with its central value and Monte Carlo range."""
    samples = draw(inputs, draws, seed)
    point = central(inputs)
    out: dict[str, Result] = {}
    for name in names or tuple(METRICS):
        metric = METRICS[name]
        missing = tuple(n for n in metric.requires if not _has(inputs, n))
        if missing:
            out[name] = Result(name, metric.unit, None, None, None, (), missing)
            continue
        c = float(metric.formula(point))
        values = np.broadcast_to(metric.formula(samples), (draws,))
        lo, hi = np.percentile(values, [LOW_PCT, HIGH_PCT])
        out[name] = Result(
            name, metric.unit, c, min(float(lo), c), max(float(hi), c), _provenance(inputs, metric)
        )
    return out


def sensitivity(inputs: dict[str, Input], name: str) -> list[dict[str, Any]]:
    """One-at-a-time swings of a metric: each input at its low and high, others central.

    Sorted by swing, largest first: the data of a tornado chart.
    """
    metric = METRICS[name]
    point = central(inputs)
    base = float(metric.formula(point))
    rows = []
    for key, x in inputs.items():
        if x.high == x.low:
            continue
        at_low = float(metric.formula({**point, key: x.low}))
        at_high = float(metric.formula({**point, key: x.high}))
        if at_low == base == at_high:
            continue  # this input does not enter the metric
        rows.append(
            {
                "input": key,
                "at_low": at_low,
                "at_high": at_high,
                "base": base,
                "swing": abs(at_high - at_low),
            }
        )
    return sorted(rows, key=lambda r: (-r["swing"], r["input"]))


def break_even_technology_value(
    target_per_casualty: np.ndarray | float, benefit_usd: float, casualties: float
) -> np.ndarray | float:
    """What technology received would have to be worth (US$) for the benefit per casualty
    to reach ``target_per_casualty``: target × casualties − economic benefit (≥ 0).

    Technology gets no invented price; this says what price the deal's defenders would
    have to put on it.
    """
    return np.maximum(np.asarray(target_per_casualty) * casualties - benefit_usd, 0.0)
