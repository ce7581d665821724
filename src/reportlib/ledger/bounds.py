"""Rules on bounds and stated rates: ``data/qualifiers.csv`` agrees with the one rule by
which a bound is rounded (``formatting.BOUNDS``), and the pay per soldier an estimate states
as its basis (claims' ``rate_assumed``, ``rate_qualifier``) stands where a report shows it."""

from __future__ import annotations

from ..formatting import BOUNDS
from .validate import Problem, RawTable


def _num(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def check_bound_qualifiers(qualifiers: RawTable, problems: list[Problem]) -> None:
    """A qualifier whose range reaches only up from the figure (low factor 1, high above 1)
    is a floor, rounded down when shown; one whose range reaches only down (high factor 1,
    low below 1) a ceiling, rounded up. Each must be declared so in ``formatting.BOUNDS``,
    and each declared bound must have that range here, or a report would round a floor up."""
    where = "src/reportlib/formatting.py BOUNDS"
    for row, line in zip(qualifiers.rows, qualifiers.lines, strict=True):
        low, high = _num(row.get("low_factor", "")), _num(row.get("high_factor", ""))
        if low is None or high is None:
            continue
        shape = "down" if low == 1 < high else ("up" if high == 1 > low else "nearest")
        declared = BOUNDS.get(row["qualifier"], "nearest")
        if shape != declared:
            wanted = {
                "down": "a floor: low_factor 1, high_factor above 1",
                "up": "a ceiling: high_factor 1, low_factor below 1",
                "nearest": "no bound: not low_factor 1 alone nor high_factor 1 alone",
            }[declared]
            found = f"low_factor {row['low_factor']}, high_factor {row['high_factor']}"
            problems.append(
                Problem(qualifiers.display, line, "low_factor", f"{wanted} ({where})", found)
            )


def check_stated_rates(claims: RawTable, qualifiers: RawTable, problems: list[Problem]) -> None:
    """A stated rate per soldier and month is above 0, on a claim that states the troops its
    source assumed (else the report has no per-soldier basis to show it with); its
    qualifier only beside a rate, and one of a single figure (with a range policy: not
    "range" or "thousands", which need a low and a high)."""
    f = claims.display
    single = {r["qualifier"] for r in qualifiers.rows if _num(r.get("low_factor", "")) is not None}
    for row, line in zip(claims.rows, claims.lines, strict=True):
        rate, qualifier = row.get("rate_assumed", ""), row.get("rate_qualifier", "")
        if rate and not row.get("troops_assumed", ""):
            problems.append(
                Problem(f, line, "rate_assumed", "empty where troops_assumed is", repr(rate))
            )
        elif rate and (n := _num(rate)) is not None and n <= 0:
            problems.append(Problem(f, line, "rate_assumed", "a pay above 0", rate))
        if qualifier and not rate:
            problems.append(
                Problem(f, line, "rate_qualifier", "empty where rate_assumed is", repr(qualifier))
            )
        elif qualifier and qualifier not in single:
            wanted = "a qualifier of one figure: " + ", ".join(sorted(q for q in single if q))
            problems.append(Problem(f, line, "rate_qualifier", wanted, repr(qualifier)))
