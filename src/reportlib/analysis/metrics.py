"""Headline metrics: documented functions of the inputs, each with a central value and a
90% interval.

Every metric is a formula over named inputs (arrays or floats alike), registered in
``METRICS`` with its unit. ``compute`` evaluates the formula over the Monte Carlo draws:
the **central value is the median of the draws** and the **90% interval** runs from their
5th to their 95th percentile, so the central value lies strictly inside its interval unless
the interval is a point (every input a point). Key judgments read the same draws
(``Analysis.samples``), so a judgment's probability and the interval printed beside it
cannot disagree. A metric whose inputs the scenario lacks is reported as missing with the
inputs it lacks, never guessed.

What each figure counts is kept apart (see data/README.md, "Attribution"):

- **the payment for the troops themselves**: the reported pay per soldier and month, for
  the troops the casualty count covers, over the months from their deployment to the end
  of the count's period (``deployment_payment_*``);
- **all economic benefits from Russia** as South Korea's unification ministry reported
  them (about US$3 billion, scope and period unstated): ``benefit_*``. Read as a
  cumulative figure it is set against the casualties as it stands; read as a yearly figure,
  only the share for the count's period is (``benefit_per_casualty_if_annual_usd``);
- **the munitions trade** (the defence institute's total gains, mostly munitions): the
  ``gains_*`` alternatives.

Units are base units: people as counts, money in US dollars, rates and shares as 0-1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..ledger import vocabulary
from .inputs import Input
from .montecarlo import central, draw

LOW_PCT, HIGH_PCT = 5.0, 95.0


@dataclass(frozen=True)
class Metric:
    """A metric's formula with its declaration (``ledger.vocabulary.METRICS``): the unit,
    the inputs it requires and its description are the vocabulary's, stated once there."""

    name: str
    unit: str
    requires: tuple[str, ...]
    formula: Callable[[dict[str, Any]], Any]
    description: str
    optional: tuple[str, ...] = ()  # inputs used when present (and so in the provenance)


def _troops(v: dict[str, Any]) -> Any:
    """Combat troops sent in all: the first deployment plus later waves (or the override)."""
    if "troops_initial" not in v:
        return v["troops_cohort"]
    total = v["troops_initial"] + v.get("troops_additional", 0.0)
    return np.maximum(total, v.get("troops_cohort", 0.0))


METRICS: dict[str, Metric] = {}
#: Metrics the analysis computes itself, not by a formula over one date's draws: the
#: reading set against the casualties known at the estimate's own date needs the analysis
#: as of that date (``engine.Analysis.results``).
COMPUTED_BY_ANALYSIS = ("benefit_per_casualty_at_estimate_date_usd",)


def register(name: str):
    """Register the formula of the metric ``name`` the vocabulary declares (a metric the
    vocabulary lacks is an error naming it)."""
    spec = vocabulary.METRICS[name]

    def wrap(fn: Callable[[dict[str, Any]], Any]):
        METRICS[name] = Metric(name, spec.unit, spec.requires, fn, spec.description, spec.optional)
        return fn

    return wrap


def check_registered() -> list[str]:
    """Metrics the vocabulary declares with no formula here, and the reverse."""
    out = [
        f"metric {m!r} is declared in the vocabulary but has no formula in analysis.metrics"
        for m in vocabulary.METRICS
        if m not in METRICS and m not in COMPUTED_BY_ANALYSIS
    ]
    out += [
        f"metric {m!r} has a formula but no vocabulary entry"
        for m in METRICS
        if m not in vocabulary.METRICS
    ]
    return out


register("troops_deployed")(_troops)
register("troops_cohort")(lambda v: v["troops_cohort"])
register("casualties")(lambda v: v["casualties"])
register("combat_months")(lambda v: v["combat_months"])
register("deployment_months")(lambda v: v["deployment_months"])
register("casualty_rate")(lambda v: v["casualties"] / v["troops_cohort"])
register("casualties_per_month")(lambda v: v["casualties"] / v["combat_months"])
register("casualty_share_of_army")(lambda v: v["casualties"] / v["army_active"])
register("deployment_payment_usd")(
    lambda v: v["pay_per_soldier_month_usd"] * v["troops_cohort"] * v["deployment_months"]
)
register("deployment_payment_yearly_usd")(
    lambda v: v["pay_per_soldier_month_usd"] * _troops(v) * 12
)
register("deployment_payment_yearly_share_of_gni")(
    lambda v: v["pay_per_soldier_month_usd"] * _troops(v) * 12 / v["gni_usd"]
)
register("deployment_payment_per_casualty_usd")(
    lambda v: (
        v["pay_per_soldier_month_usd"]
        * v["troops_cohort"]
        * v["deployment_months"]
        / v["casualties"]
    )
)
register("deployment_payment_per_soldier_usd")(
    lambda v: v["pay_per_soldier_month_usd"] * v["deployment_months"]
)
register("pay_to_income_ratio")(
    lambda v: v["pay_per_soldier_month_usd"] * 12 / v["gni_per_capita_usd"]
)
register("benefit_usd")(lambda v: v["benefit_usd"])
register("implied_state_budget_usd")(lambda v: v["benefit_usd"] / v["budget_share"])
register("benefit_per_deployed_soldier_usd")(lambda v: v["benefit_usd"] / _troops(v))
register("benefit_per_casualty_usd")(lambda v: v["benefit_usd"] / v["casualties"])
register("benefit_over_deployment_if_annual_usd")(
    lambda v: v["benefit_usd"] * v["deployment_months"] / 12
)
register("benefit_per_casualty_if_annual_usd")(
    lambda v: v["benefit_usd"] * v["deployment_months"] / 12 / v["casualties"]
)
register("benefit_share_of_gni")(lambda v: v["benefit_usd"] / v["gni_usd"])
register("benefit_share_of_trade")(lambda v: v["benefit_usd"] / v["trade_usd"])
#: Metrics that are only a ratio (or product) of the ledger's own stated figures (the
#: vocabulary's role ``ratio-of-inputs``): a threshold on one restates a threshold on an
#: input (US$500,000 per casualty on US$3.0 billion is "more than 6,000 casualties"), and
#: the share of draws beyond it comes from the ranges our qualifier policy gives the
#: wording, not from the evidence. No key judgment may rest on one
#: (``judgments.load_definitions`` refuses it; issue 23). The casualty rate is not among
#: them: its counts come from independent chains whose disagreement the draws model.
RATIO_OF_INPUTS = frozenset(vocabulary.METRICS.with_role(vocabulary.RATIO_OF_INPUTS))


#: Quantities the ledger ties to the deployment: what the regime is paid or given for the
#: troops (their pay, the troop deal, the unification ministry's estimate of the benefits
#: from Russia). Only these are ever set per casualty. The munitions trade is not among
#: them: it began in 2023, over a year before any troops went, and is the value of arms
#: sold from the North's own stocks, so no ratio of it to the losses or to a year's income
#: is computed (issue 23).
TIED_TO_DEPLOYMENT = vocabulary.tied_quantities()


def tied_to_deployment(quantity: str, period_start: Any = None, dispatched: Any = None) -> bool:
    """Whether a claim of ``quantity`` may be set against the deployment's losses: its
    quantity is tied to the deployment and its period (``period_start``, a date or
    None) does not begin before the troops were dispatched (``dispatched``, a date or
    None when the ledger dates no dispatch)."""
    if quantity not in TIED_TO_DEPLOYMENT:
        return False
    if period_start is None or dispatched is None:
        return True
    return period_start >= dispatched


HEADLINE = vocabulary.METRICS.with_role(vocabulary.HEADLINE)


@dataclass(frozen=True)
class Result:
    """One metric's central value (median of the draws) and 90% interval, or why it is
    missing."""

    name: str
    unit: str
    central: float | None
    low: float | None
    high: float | None
    provenance: tuple[str, ...]
    missing: tuple[str, ...] = ()
    #: inputs the scenario has but whose values leave the formula undefined (a division
    #: by a count of zero): the figure cannot be computed from them
    undefined: tuple[str, ...] = ()

    @property
    def available(self) -> bool:
        return self.central is not None


def formula_of(name: str) -> Metric:
    """The formula of metric ``name``: an id the vocabulary lacks, or one it declares with
    no formula, is an error naming it (never a bare KeyError)."""
    if name not in METRICS:
        vocabulary.METRICS[name]  # raises, naming an undeclared id
        raise vocabulary.VocabularyError(
            f"metric {name!r} has no formula over one date's draws (analysis.metrics)"
        )
    return METRICS[name]


def _provenance(inputs: dict[str, Input], metric: Metric) -> tuple[str, ...]:
    names: list[str] = []
    for key in (*metric.requires, *metric.optional):
        if key in inputs:
            names.extend(inputs[key].provenance)
    return tuple(dict.fromkeys(names))


def evaluate(metric: Metric, samples: dict[str, Any], draws: int) -> np.ndarray:
    """The metric over every draw (a constant formula is broadcast)."""
    return np.broadcast_to(metric.formula(samples), (draws,))


def compute(
    inputs: dict[str, Input],
    draws: int,
    seed: int,
    names: tuple[str, ...] | None = None,
    samples: dict[str, np.ndarray] | None = None,
) -> dict[str, Result]:
    """Every (or the named) metric: median and 90% interval of its Monte Carlo draws."""
    samples = samples if samples is not None else draw(inputs, draws, seed)
    out: dict[str, Result] = {}
    for name in names or tuple(METRICS):
        metric = formula_of(name)
        missing = tuple(n for n in metric.requires if n not in inputs)
        if missing:
            out[name] = Result(name, metric.unit, None, None, None, (), missing)
            continue
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            values = evaluate(metric, samples, draws)
        if not np.isfinite(values).all():
            zero = tuple(n for n in metric.requires if not np.all(np.asarray(samples[n]) != 0))
            out[name] = Result(name, metric.unit, None, None, None, (), (), zero or metric.requires)
            continue
        lo, mid, hi = np.percentile(values, [LOW_PCT, 50.0, HIGH_PCT])
        out[name] = Result(
            name, metric.unit, float(mid), float(lo), float(hi), _provenance(inputs, metric)
        )
    return out


def sensitivity(
    inputs: dict[str, Input], name: str, point: dict[str, float] | None = None
) -> list[dict[str, Any]]:
    """One-at-a-time swings of a metric: each input at its low and high, the others at
    ``point`` (default: the inputs' central values).

    Sorted by swing, largest first: the data of a tornado chart.
    """
    metric = formula_of(name)
    point = {**central(inputs), **(point or {})}
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
