"""The assessment over time: the analysis as it stood on any date, and what moved it.

A ``Snapshot`` is the analysis of one scenario as of one date: its key figures (headline
metrics, each a ``metrics.Result``), its key judgments (``assess.Judgment``) and the ids of
the claims it admits. It is recomputed in-process from the ledger already loaded: a
``Report`` per date sharing the ledger, scenario and parameters (only ``as_of`` differs),
so the same seed and draws give, at the scenario's own as-of date, exactly the figures of
``reportlib metrics --json``.

``diff(old, new)`` says what changed between two snapshots: each key figure whose central
value or range moved because one of its inputs moved (a range that differs only because
the Monte Carlo's random stream shifted, when another input appeared, is not a change in
the evidence), each judgment whose likelihood term, probability (to the whole percent) or
confidence moved, and, for each change, the claims that caused it: for a figure, the claims
newly behind its inputs that moved; for a judgment, the claims newly behind it that moved an
input, else every claim newly behind it (a corroborating or technology report), else those
it no longer rests on. ``series(report)`` is the analysis as of every month's end from the
first deployment to the scenario's as-of date, and as of that date.

Dates are calendar days; a claim counts on a date once its date span has ended (see
``scenarios.Scenario.claims``).
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import cache
from typing import Any

from ..ledger import Ledger, vocabulary
from .assess import Judgment, assess
from .metrics import HEADLINE, Result
from .protocol import Report

#: Figures compared besides the headline metrics, where the analysis defines them.
EXTRA_FIGURES = vocabulary.METRICS.with_role(vocabulary.HISTORY_EXTRA)
#: Probabilities are compared to the whole percent, as a reader could tell them apart.
PROBABILITY_STEP = 0.005


def key_figures() -> tuple[str, ...]:
    """The metrics whose changes are reported: the headline ones, then the extras defined."""
    return tuple(dict.fromkeys((*HEADLINE, *EXTRA_FIGURES)))


@dataclass(frozen=True)
class Snapshot:
    """The analysis of one scenario as of one date."""

    as_of: date
    results: dict[str, Result]  # key figure -> result (available or missing)
    judgments: dict[str, Judgment]  # judgment id -> judgment
    admitted: tuple[str, ...]  # ids of the claims admitted as of this date, ledger order
    #: the Report for this date (its ledger, scenario and parameters); None in the
    #: snapshot before any evidence (``nothing_known``)
    report: Report | None


@dataclass(frozen=True)
class FigureChange:
    """A key figure that moved: its result before and after, and the claims that moved it."""

    key: str
    old: Result
    new: Result
    claims: tuple[str, ...]

    @property
    def direction(self) -> str:
        """``up``, ``down``, ``range`` (same central value, other range), ``new``, ``gone``."""
        old, new = self.old.central, self.new.central  # None: not available
        if old is None:
            return "new"
        if new is None:
            return "gone"
        if new > old:
            return "up"
        if new < old:
            return "down"
        return "range"


@dataclass(frozen=True)
class JudgmentChange:
    """A key judgment that moved, before and after, and the claims that moved it."""

    id: str
    old: Judgment
    new: Judgment
    claims: tuple[str, ...]

    @property
    def term_changed(self) -> bool:
        return self.old.likelihood != self.new.likelihood

    @property
    def confidence_changed(self) -> bool:
        return self.old.confidence != self.new.confidence


@dataclass(frozen=True)
class Changes:
    """What changed between two as-of dates of one scenario."""

    since: date
    until: date
    figures: tuple[FigureChange, ...]
    judgments: tuple[JudgmentChange, ...]
    admitted: tuple[str, ...]  # claims admitted after ``since``, up to ``until``

    @property
    def empty(self) -> bool:
        return not (self.figures or self.judgments)

    def as_dict(self, ledger: Any) -> dict[str, Any]:
        """JSON-ready: figures and judgments old → new with the ids of the claims behind
        each change, the admitted ids, and who made each claim named (``claim_info``)."""
        named = sorted(
            {*self.admitted, *(c for f in self.figures for c in f.claims)}
            | {c for j in self.judgments for c in j.claims}
        )
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "figures": [
                {
                    "key": f.key,
                    "label": vocabulary.metric_label(f.key),
                    "direction": f.direction,
                    "old": _result_dict(f.old),
                    "new": _result_dict(f.new),
                    "claims": list(f.claims),
                }
                for f in self.figures
            ],
            "judgments": [
                {
                    "id": j.id,
                    "old_term": j.old.likelihood,
                    "new_term": j.new.likelihood,
                    "old_probability": _float(j.old.probability),
                    "new_probability": _float(j.new.probability),
                    "old_confidence": j.old.confidence,
                    "new_confidence": j.new.confidence,
                    "term_changed": j.term_changed,
                    "claims": list(j.claims),
                }
                for j in self.judgments
            ],
            "admitted": list(self.admitted),
            "claim_info": {cid: claim_info(ledger, cid) for cid in named},
        }


def _result_dict(r: Result) -> dict[str, Any]:
    return {"central": r.central, "low": r.low, "high": r.high, "unit": r.unit}


def claim_info(ledger: Any, claim_id: str) -> dict[str, Any]:
    """Who made a claim (or a technology report), when, and in which source."""
    if ledger.has_claim(claim_id):
        c = ledger.claim(claim_id)
        return {
            "quantity": c.quantity,
            "value": float(c.value),
            "claimant": c.claimant,
            "claim_date": c.claim_date,
            "source_id": c.source_id,
        }
    try:
        t = ledger.technology_report(claim_id)
    except KeyError:
        missing = f"no claim or technology report with id {claim_id!r} in the ledger"
        raise KeyError(missing) from None
    return {
        "item": t["item"],
        "status": t["status"],
        "claimant": t["claimant"],
        "claim_date": t["date"],
        "source_id": t["source_id"],
    }


# --- snapshots -------------------------------------------------------------------------


def report_as_of(report: Report, as_of: date) -> Report:
    """A report like ``report`` (same class, ledger, scenario, parameters) as of another
    date.

    The copy memoises its per-quantity claim lists and shares a ledger whose claims filter
    fast (``IndexedLedger``): the same answers, without repeating the work for every date.
    """
    if as_of == report.as_of:
        return report
    params = report.params.model_copy(update={"as_of": as_of})
    return _memoising(type(report))(
        params=params,
        ledger=indexed(report.ledger),
        scenario=report.scenario,
        paths=report.paths,
    )


@cache
def _memoising(base: type) -> type:
    """``base`` (a report class) with ``claims_of`` memoised per report."""
    if getattr(base, "memoises_claims", False):
        return base

    class SeriesReport(base):
        memoises_claims = True

        def claims_of(self, *quantities: str) -> Any:
            memo = self.__dict__.setdefault("_claims_of", {})
            if quantities not in memo:
                memo[quantities] = super().claims_of(*quantities)
            return memo[quantities]

    return SeriesReport


class IndexedLedger(Ledger):
    """A ledger whose claims' text columns are Python objects in one block (``indexed``)."""


def indexed(ledger: Ledger) -> IndexedLedger:
    """``ledger`` as an ``IndexedLedger`` with its claims laid out for fast filtering."""
    if isinstance(ledger, IndexedLedger):
        return ledger
    tables = {f.name: getattr(ledger, f.name) for f in fields(ledger)}
    claims = tables["claims"]
    # The same values with the text columns as Python objects in one block: pandas then
    # filters and sorts the claims in one pass instead of one per column (about 3x faster).
    text = {c: object for c, t in claims.dtypes.items() if t in ("str", "string")}
    tables["claims"] = claims.astype(text).copy()
    return IndexedLedger(**tables)


def snapshot(report: Report, as_of: date | None = None) -> Snapshot:
    """The analysis of ``report``'s scenario as of ``as_of`` (default: the report's date)."""
    r = report if as_of is None else report_as_of(report, as_of)
    results = r.analysis.results
    return Snapshot(
        r.as_of,
        {name: results[name] for name in key_figures()},
        {j.id: _plain(j) for j in assess(r)},
        tuple(r.claims["id"]),
        r,
    )


def _claim_ids(provenance: Any) -> set[str]:
    """Ledger claim ids among provenance entries (not ``metric:``/``parameter:`` ones)."""
    return {p for p in provenance if ":" not in p}


def _causes(old_ids: set[str], new_ids: set[str], admitted: set[str]) -> tuple[str, ...]:
    """The claims behind a change: newly relied on, else no longer relied on, else the
    newly admitted ones among either; in ledger id order."""
    for ids in (new_ids - old_ids, old_ids - new_ids, (old_ids | new_ids) & admitted):
        if ids:
            return tuple(sorted(ids))
    return ()


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


def _figure_moved(a: Result, b: Result) -> bool:
    return not all(
        _same_number(x, y) for x, y in ((a.central, b.central), (a.low, b.low), (a.high, b.high))
    )


def assessable(j: Judgment) -> bool:
    """Whether the evidence supports the judgment at all (one with no probability is not)."""
    return bool(getattr(j, "assessable", True)) and j.probability is not None


def _judgment_moved(a: Judgment, b: Judgment) -> bool:
    if (a.likelihood, a.confidence, assessable(a)) != (b.likelihood, b.confidence, assessable(b)):
        return True
    if a.probability is None or b.probability is None:
        return a.probability is not b.probability
    return abs(round(a.probability, 2) - round(b.probability, 2)) >= PROBABILITY_STEP


def _inputs(snap: Snapshot) -> dict[str, Any]:
    return {} if snap.report is None else snap.report.analysis.inputs


def _moved_inputs(old: Snapshot, new: Snapshot) -> dict[str, tuple[set[str], set[str]]]:
    """Inputs whose value or range moved (or that appeared or went): name -> (claim ids
    before, claim ids after)."""
    a, b = _inputs(old), _inputs(new)
    out = {}
    for name in {*a, *b}:
        x, y = a.get(name), b.get(name)
        if (
            x is not None
            and y is not None
            and all(
                _same_number(p, q)
                for p, q in ((x.central, y.central), (x.low, y.low), (x.high, y.high))
            )
        ):
            continue
        out[name] = (
            _claim_ids(x.provenance) if x is not None else set(),
            _claim_ids(y.provenance) if y is not None else set(),
        )
    return out


def _inputs_needed(metric: str) -> set[str]:
    """The input names a metric's formula reads (required, and optional ones it uses)."""
    m = vocabulary.METRICS[metric]
    return {*m.requires, *m.optional}


def _figure_causes(key: str, moved: dict[str, tuple[set[str], set[str]]]) -> tuple[str, ...]:
    """The claims behind a figure's change: those newly relied on by the figure's inputs
    that moved (or, for an input whose claims stayed, those claims)."""
    ids: set[str] = set()
    for name in _inputs_needed(key) & set(moved):
        old_ids, new_ids = moved[name]
        ids |= (new_ids - old_ids) or new_ids or old_ids
    return tuple(sorted(ids))


def _judgment_causes(
    a: Judgment, b: Judgment, moved: dict[str, tuple[set[str], set[str]]], fresh: set[str]
) -> tuple[str, ...]:
    """The claims behind a judgment's change: newly relied on ones that moved an input,
    else every claim newly relied on (a corroborating or technology report), else those
    no longer relied on."""
    inputs = set().union(*(n for _, n in moved.values())) if moved else set()
    new_ids = set(b.claims) - set(a.claims)
    return tuple(sorted(new_ids & inputs)) or _causes(set(a.claims), set(b.claims), fresh)


def diff(old: Snapshot, new: Snapshot) -> Changes:
    """What changed from ``old`` to ``new`` (two snapshots of one scenario)."""
    seen = set(old.admitted)
    admitted = tuple(c for c in new.admitted if c not in seen)
    fresh = set(admitted)
    moved = _moved_inputs(old, new)
    figures = []
    for key, b in new.results.items():
        a = old.results.get(key)
        if a is None or not _figure_moved(a, b):
            continue
        causes = _figure_causes(key, moved)
        if a.available == b.available and not (_inputs_needed(key) & set(moved)):
            continue  # same inputs: only the Monte Carlo's sampling moved, not the evidence
        figures.append(FigureChange(key, a, b, causes))
    judgments = []
    for jid, b in new.judgments.items():
        a = old.judgments.get(jid)
        if a is None:  # a category judged only once reported (``assess``): nothing known
            a = nothing_known(replace(old, judgments={jid: b})).judgments[jid]
        if not _judgment_moved(a, b):
            continue
        judgments.append(JudgmentChange(jid, a, b, _judgment_causes(a, b, moved, fresh)))
    return Changes(old.as_of, new.as_of, tuple(figures), tuple(judgments), admitted)


def changes(report: Report, since: date, until: date | None = None) -> Changes:
    """What changed in ``report``'s scenario between two as-of dates (``until`` defaults to
    the report's own as-of date). Raises ``ValueError`` unless ``since`` < ``until``."""
    end = until or report.as_of
    if since >= end:
        raise ValueError(f"expected the earlier date before the later one, found {since} and {end}")
    return diff(snapshot(report, since), snapshot(report, end))


# --- the monthly series ----------------------------------------------------------------


def month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _next_month_end(d: date) -> date:
    year, month = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
    return month_end(date(year, month, 1))


def first_deployment(report: Report) -> date:
    """The month the first deployment began (the start of the period of the first-deployment
    claim in use), else the earliest date a claim of the scenario ended."""
    from ..ledger.dates import parse_partial_date

    troops = report.pick("troops_initial")
    if troops is not None and isinstance(troops.period_start, str) and troops.period_start:
        return parse_partial_date(troops.period_start).start
    return min(report.claims["claim_end"], default=report.as_of)


def series_dates(report: Report) -> list[date]:
    """Every month's end from the first deployment's month to before the report's as-of
    date, then the as-of date itself."""
    end = report.as_of
    dates = []
    d = month_end(first_deployment(report))
    while d < end:
        dates.append(d)
        d = _next_month_end(d)
    return [*dates, end]


def series(report: Report) -> list[Snapshot]:
    """The analysis as of each date of ``series_dates``, oldest first; the last snapshot
    is the report's own analysis. Computed once per report (kept on the report, like its
    other cached results)."""
    cached = report.__dict__.get("_history_series")
    if cached is not None:
        return cached
    shared = indexed(report.ledger)
    out = []
    for d in series_dates(report):
        if d == report.as_of:
            out.append(snapshot(report))
            continue
        params = report.params.model_copy(update={"as_of": d})
        other = _memoising(type(report))(
            params=params, ledger=shared, scenario=report.scenario, paths=report.paths
        )
        out.append(snapshot(other))
    out = _same_judgments(out)
    report.__dict__["_history_series"] = out
    return out


def _same_judgments(snaps: list[Snapshot]) -> list[Snapshot]:
    """Every snapshot with every judgment of the series: a category the general rule judges
    only once a report of it is admitted (``assess``) is, at an earlier date, a judgment
    with nothing known (as ``nothing_known`` makes them)."""
    every: dict[str, Judgment] = {}
    for s in snaps:
        every.update({k: j for k, j in s.judgments.items() if k not in every})
    out = []
    for s in snaps:
        missing = {k: j for k, j in every.items() if k not in s.judgments}
        if not missing:
            out.append(s)
            continue
        blank = nothing_known(replace(s, judgments=missing)).judgments
        out.append(replace(s, judgments={**s.judgments, **blank}))
    return out


def nothing_known(like: Snapshot) -> Snapshot:
    """A snapshot before any evidence, shaped like ``like``: every figure missing, every
    judgment not assessable, no claim admitted. The first step of a series starts here."""
    from dataclasses import replace

    results = {
        k: Result(k, r.unit, None, None, None, (), ("evidence",)) for k, r in like.results.items()
    }
    from dataclasses import fields

    unknown = {"probability": None, "likelihood": None, "claims": []}
    judgments = {}
    for k, j in like.judgments.items():
        names = {f.name for f in fields(j)}
        flag = {"assessable": False} if "assessable" in names else {}
        judgments[k] = replace(j, **{n: v for n, v in unknown.items() if n in names}, **flag)
    return Snapshot(like.as_of, results, judgments, (), None)


def steps(report: Report) -> list[Changes]:
    """What each date of the series changed from the one before (the first from nothing
    known), where anything moved, oldest first."""
    snaps = series(report)
    out = [diff(a, b) for a, b in zip([nothing_known(snaps[0]), *snaps], snaps, strict=False)]
    return [c for c in out if not c.empty]


def _plain(j: Judgment) -> Judgment:
    """A judgment whose probability is a float, for charts and JSON (the exact fraction
    matters only for choosing its term, already done)."""
    from dataclasses import replace

    return j if j.probability is None else replace(j, probability=float(j.probability))


def _float(p: Any) -> float | None:
    """A probability for JSON (judgments keep exact fractions)."""
    return None if p is None else float(p)
