"""Key judgments: likelihood from the evidence, confidence from its basis, kept apart.

Definitions and thresholds live in ``data/judgments.toml`` (the analysts' assumptions).
A metric judgment's probability is the share of Monte Carlo draws in which the metric
exceeds its threshold, with each input drawn from a triangle that covers the selected
claim's range and the other admitted claims of the same quantity made shortly before it,
so that disagreement between sources lowers certainty. A technology judgment's
probability comes from the best-supported status reported (see the data file).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np

from ..paths import project
from .inputs import FROM_LEDGER, Input, describe_missing
from .judgments import confidence_level, likelihood_term
from .metrics import METRICS
from .montecarlo import draw

STATUS_PROBABILITY = {"delivered": 0.90, "reported": 0.70, "suspected": 0.35, "sought": 0.15}
CORROBORATION_BONUS, CAP = 0.05, 0.97


@dataclass
class Judgment:
    """One key judgment: lead (with its likelihood word) and its basis (with confidence)."""

    id: str
    lead: str
    probability: float | None
    likelihood: str | None
    confidence: str
    basis: str
    threshold: float | None = None
    threshold_unit: str = ""
    claims: list[str] = field(default_factory=list)
    assessable: bool = True


def load_definitions(data_dir: Path | None = None) -> dict[str, Any]:
    path = (Path(data_dir) if data_dir else project().data) / "judgments.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _widened(report: Any, name: str, x: Input, window: int) -> tuple[Input, list[str]]:
    """``x`` widened to cover other admitted claims of its quantity in the window."""
    quantity = next((q for q, n in FROM_LEDGER.items() if n == name), None)
    if quantity is None or not x.provenance or x.provenance[0].startswith("parameter:"):
        return x, list(x.provenance)
    selected = report.ledger.claim(x.provenance[0])
    rows = report.claims_of(quantity)
    start = selected.claim_end - timedelta(days=window)
    near = rows[(rows["claim_end"] >= start) & (rows["claim_end"] <= selected.claim_end)]
    low = min([x.low, *near["low"].tolist()])
    high = max([x.high, *near["high"].tolist()])
    return replace(x, low=low, high=high), sorted(set(near["id"]) | set(x.provenance))


def _basis(report: Any, claim_ids: list[str]) -> tuple[str, str]:
    claims = report.ledger.claims[report.ledger.claims["id"].isin(claim_ids)]
    weights = report.ledger.weights
    grades = claims["reliability"].tolist()
    independent = claims["claimant"].nunique()
    level = confidence_level([weights[g] for g in grades], independent)
    best = min(grades) if grades else "F"
    return level, (
        f"it rests on {'one source' if independent == 1 else 'several sources'}, "
        f"the best of them graded {best} ({report.grade_label(best)})"
    )


def _metric_judgment(report: Any, spec: dict[str, Any], window: int) -> Judgment:
    metric = METRICS[spec["metric"]]
    inputs = report.analysis.inputs
    widened = {name: _widened(report, name, x, window)[0] for name, x in inputs.items()}
    result = report.analysis.results[spec["metric"]]
    unit = metric.unit
    if not result.available:
        return _not_assessable(spec, describe_missing(result.missing), unit)
    samples = draw(widened, report.params.draws, report.params.seed)
    values = np.broadcast_to(metric.formula(samples), (report.params.draws,))
    p = float(np.mean(values > spec["threshold"]))
    p = min(max(p, 0.01), 0.99)  # ICD 203's scale runs from 1% to 99%
    relevant = list(dict.fromkeys(_inputs_of(report, result, window)))
    level, basis = _basis(report, relevant)
    return Judgment(
        spec["id"],
        spec["lead"],
        p,
        likelihood_term(p),
        level,
        basis,
        spec["threshold"],
        unit,
        relevant,
    )


def _inputs_of(report: Any, result: Any, window: int) -> list[str]:
    """Claim ids behind a metric, including the window's corroborating claims."""
    ids: list[str] = []
    for name, x in report.analysis.inputs.items():
        if set(x.provenance) & set(result.provenance):
            ids.extend(_widened(report, name, x, window)[1])
    return ids


def _not_assessable(spec: dict[str, Any], why: str, unit: str = "") -> Judgment:
    """A judgment this scenario's evidence cannot support: said so, never guessed."""
    return Judgment(
        spec["id"],
        spec["lead"],
        None,
        None,
        "low",
        why,
        spec.get("threshold"),
        unit,
        [],
        assessable=False,
    )


def _technology_judgment(report: Any, spec: dict[str, Any]) -> Judgment:
    from ..views.cost_benefit import admitted_technology

    rows = admitted_technology(report)
    rows = rows[rows["category"] == spec["category"]]
    if rows.empty:
        return _not_assessable(spec, "no report of it is admitted in this scenario")
    best_status = max(rows["status"], key=lambda s: STATUS_PROBABILITY[s])
    p = STATUS_PROBABILITY[best_status]
    same = rows[rows["status"] == best_status]
    if same["claimant"].nunique() >= 2:
        p = min(p + CORROBORATION_BONUS, CAP)
    weights = report.ledger.weights
    level = confidence_level([weights[g] for g in rows["reliability"]], rows["claimant"].nunique())
    best = min(rows["reliability"])
    basis = (
        f"the strongest report calls it {best_status}, and the best source is graded "
        f"{best} ({report.grade_label(best)})"
    )
    return Judgment(
        spec["id"], spec["lead"], p, likelihood_term(p), level, basis, claims=list(rows["id"])
    )


def assess(report: Any) -> list[Judgment]:
    """Every key judgment defined in ``data/judgments.toml``, for this report."""
    definitions = load_definitions(report.ledger.data_dir)
    window = definitions.get("window_days", 120)
    out = []
    for spec in definitions.get("judgment", []):
        if spec["kind"] == "metric":
            out.append(_metric_judgment(report, spec, window))
        else:
            out.append(_technology_judgment(report, spec))
    return out
