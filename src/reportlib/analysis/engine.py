"""The analysis for one report: inputs gathered for a scenario, drawn once, metrics and
judgments computed from the same draws."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np

from ..ledger import Ledger, vocabulary
from ..params import ReportParams
from .inputs import Input, gather_inputs
from .metrics import HEADLINE, Result, compute, evaluate, formula_of, sensitivity
from .montecarlo import draw
from .readings import AT_ESTIMATE_DATE, EstimateDateReading, estimate_date_reading
from .scenarios import Scenario


@dataclass
class Analysis:
    """Inputs and metric results for one scenario, as of one date, with one seed."""

    ledger: Ledger
    scenario: Scenario
    params: ReportParams
    inputs: dict[str, Input] = field(init=False)
    as_of: date = field(init=False)

    def __post_init__(self) -> None:
        self.inputs, self.as_of = gather_inputs(self.ledger, self.scenario, self.params)

    @cached_property
    def draws(self) -> dict[str, np.ndarray]:
        """The Monte Carlo draws of every input (one seed: every figure shares them)."""
        return draw(self.inputs, self.params.draws, self.params.seed)

    @cached_property
    def results_on_one_date(self) -> dict[str, Result]:
        """The metrics with a formula over this date's draws (``metrics.METRICS``)."""
        return compute(self.inputs, self.params.draws, self.params.seed, samples=self.draws)

    @cached_property
    def results(self) -> dict[str, Result]:
        """Every metric the vocabulary declares, in its order: the formulas over this
        date's draws, and the readings that need another date's analysis."""
        out = dict(self.results_on_one_date)
        out[AT_ESTIMATE_DATE] = self.at_estimate_date.result
        return {name: out[name] for name in vocabulary.METRICS}

    @cached_property
    def at_estimate_date(self) -> EstimateDateReading:
        """The ministry's benefit estimate per casualty read as cumulative and set against
        the casualties known at the estimate's own date (see ``readings``)."""
        return estimate_date_reading(self)

    def samples(self, metric: str) -> np.ndarray:
        """The draws of one metric: the same ones its median and interval come from."""
        return evaluate(formula_of(metric), self.draws, self.params.draws)

    def sensitivity(self, metric: str) -> list[dict[str, Any]]:
        """One-at-a-time swings around the inputs' medians (the central values printed)."""
        medians = {name: float(np.median(v)) for name, v in self.draws.items()}
        return sensitivity(self.inputs, metric, medians)

    def as_json(self) -> str:
        """Every metric in base units (central = median, low/high = 90% interval); missing
        ones listed with the inputs they lack."""
        out: dict[str, Any] = {}
        for name in (*HEADLINE, *(m for m in vocabulary.METRICS if m not in HEADLINE)):
            r = self.results[name]
            label = vocabulary.METRICS[name].label
            if r.available:
                out[name] = {
                    "central": r.central,
                    "low": r.low,
                    "high": r.high,
                    "unit": r.unit,
                    "label": label,
                }
            else:
                out[name] = {
                    "central": None,
                    "low": None,
                    "high": None,
                    "unit": r.unit,
                    "label": label,
                    "missing_inputs": list(r.missing),
                }
        return json.dumps(out, indent=2) + "\n"
