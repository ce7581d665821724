"""Readings of a figure that need more than one date's draws.

The unification ministry's estimate of the benefits from Russia is a total to its own date.
Read as cumulative, it is set against the casualties known at that date (issue 23): the
analysis as of the estimate's date gives that count. This reading is its own metric,
``benefit_per_casualty_at_estimate_date_usd`` (declared in ``ledger.vocabulary``), so the
brief, the explorer and ``reportlib metrics --json`` show one value under one name, never
the plain cumulative figure (``benefit_per_casualty_usd``, on the report's own count)
swapped for it by a view.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..ledger.dates import parse_partial_date
from .metrics import Result

if TYPE_CHECKING:
    from .engine import Analysis

AT_ESTIMATE_DATE = "benefit_per_casualty_at_estimate_date_usd"
CUMULATIVE = "benefit_per_casualty_usd"


@dataclass(frozen=True)
class EstimateDateReading:
    """The at-estimate-date reading and how it was reached.

    ``result`` is the metric ``AT_ESTIMATE_DATE``. ``casualties`` is the id of the claim it
    divides by when that count is not the analysis' own (``matched``); ``when`` the
    estimate's date (ledger text); ``differs`` when no count existed by that date, so the
    reading cannot be given and the cumulative figure mixes periods."""

    result: Result
    casualties: str | None = None
    when: str | None = None
    differs: bool = False

    @property
    def matched(self) -> bool:
        return self.casualties is not None


def _renamed(r: Result, **changes: object) -> Result:
    return replace(r, name=AT_ESTIMATE_DATE, **changes)  # type: ignore[arg-type]


def estimate_date_reading(analysis: Analysis) -> EstimateDateReading:
    """The benefit per casualty on the casualties known at the estimate's date: the same
    value as the cumulative figure where the count in use was known by then (or a what-if
    set it), the analysis as of that date where the count is later, and no value where no
    count existed by then."""
    from .engine import Analysis

    res = analysis.results_on_one_date[CUMULATIVE]
    if not res.available:
        return EstimateDateReading(_renamed(res))
    b, c = analysis.inputs.get("benefit_usd"), analysis.inputs.get("casualties")
    if b is None or c is None or b.claim_id is None or c.claim_id is None:
        return EstimateDateReading(_renamed(res))  # a what-if figure: no dates to match
    ledger = analysis.ledger
    benefit, count = ledger.claim(b.claim_id), ledger.claim(c.claim_id)
    ends = parse_partial_date(str(benefit.claim_date)).end
    if parse_partial_date(str(count.claim_date)).end <= ends or ends >= analysis.as_of:
        return EstimateDateReading(_renamed(res))  # the count was known at the estimate's date
    memo = ledger.__dict__.setdefault("_estimate_date", {})
    params = analysis.params.model_copy(update={"as_of": ends})
    key = (analysis.scenario, params.model_dump_json())
    if key not in memo:
        memo[key] = Analysis(ledger, analysis.scenario, params)
    then = memo[key]
    early = then.results_on_one_date[CUMULATIVE]
    x = then.inputs.get("casualties")
    when = str(benefit.claim_date)
    if early.available and x is not None and x.claim_id is not None:
        return EstimateDateReading(_renamed(early), x.claim_id, when)
    missing = _renamed(
        res, central=None, low=None, high=None, provenance=(), missing=("casualties",)
    )
    return EstimateDateReading(missing, None, when, differs=True)
