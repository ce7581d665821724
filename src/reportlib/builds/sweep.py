"""What-if runs and parameter grids: which folder each combination goes to, and the table
that compares them.

A build whose overrides differ from the defaults is a *what-if run*. It never touches the
canonical reports: it renders into ``reports/what-if/<name>/`` (its own manifest, index
page and cache), where ``<name>`` is given (``--name``) or spelled from the overrides,
sorted, as ``casualties=9000,draws=2000``. No timestamps: the same overrides always go to
the same folder. An override equal to its default is no override.

``-p casualties=4000,6000 -p benefit_usd=1e9,3e9`` (or a TOML grid file) is a *grid*:
every combination is one what-if run, in the folder it would have on its own (so its
cache is reused when the grid grows), and the grid's own folder,
``reports/what-if/<grid name>/``, holds a sweep index page and ``comparison.csv`` and
``comparison.json``: one row per combination and scenario.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..params import ParameterError, ReportParams, check_grouping, validate_params

WHAT_IF = "what-if"
SAFE = re.compile(r"[^A-Za-z0-9._=,+-]")
MAX_NAME = 96


@dataclass(frozen=True)
class Combination:
    """One set of overrides: as given (``raw``) and as validated, defaults left out."""

    raw: dict[str, Any]
    overrides: dict[str, Any]  # JSON values, only those that differ from the defaults

    @property
    def name(self) -> str:
        return folder_name(self.overrides)


def split_values(value: Any, name: str = "?") -> list[Any]:
    """``"4000,6000"`` (from ``-p``) or ``[4000, 6000]`` (from a grid file) as a list;
    ``"9,000"`` (a number with thousands separators) is refused, not read as 9 and 0."""
    if isinstance(value, str):
        check_grouping(name, value)
    if isinstance(value, list):
        return value
    if isinstance(value, str) and "," in value:  # "none" unsets, as a single -p value does
        return [
            None if v.strip().lower() in ("", "none", "null") else v.strip()
            for v in value.split(",")
        ]
    return [value]


def load_grid(path: Path) -> tuple[str | None, dict[str, Any]]:
    """A grid file: ``name = "..."`` (optional) and a ``[parameters]`` table whose values
    are one value or a list of values."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParameterError(f"--grid {path}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError(
            f"--grid {path}: expected TOML, found a syntax error ({exc})"
        ) from None
    params = raw.get("parameters")
    if not isinstance(params, dict) or not params:
        raise ParameterError(f"--grid {path}: expected a [parameters] table, found none")
    unknown = set(raw) - {"name", "parameters"}
    if unknown:
        raise ParameterError(
            f"--grid {path}: expected only 'name' and [parameters], found {', '.join(unknown)}"
        )
    name = raw.get("name")
    if name is not None and not isinstance(name, str):
        raise ParameterError(f"--grid {path}: 'name': expected a string, found {name!r}")
    return name, params


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def folder_name(overrides: dict[str, Any]) -> str:
    """A readable, deterministic folder name for a set of overrides."""
    if not overrides:
        return "defaults"
    name = ",".join(f"{k}={_text(v)}" for k, v in sorted(overrides.items()))
    return _safe(name)


def _safe(name: str) -> str:
    name = SAFE.sub("_", name)
    if len(name) > MAX_NAME:
        digest = hashlib.sha256(name.encode()).hexdigest()[:10]
        name = f"{name[: MAX_NAME - 11]}-{digest}"
    return name


def check_name(name: str) -> str:
    if not name or name in (".", "..") or SAFE.search(name) or name.startswith("."):
        raise ParameterError(
            f"--name {name!r}: expected letters, digits and . _ = , + - only (a folder name)"
        )
    return name


def effective(values: dict[str, Any]) -> dict[str, Any]:
    """Validate one combination; return the overrides that differ from the defaults."""
    params = validate_params(scenarios=(), **values)  # the scenario is checked by plan()
    dumped = params.model_dump(mode="json")
    defaults = ReportParams().model_dump(mode="json")
    return {k: dumped[k] for k in values if k != "scenario" and dumped[k] != defaults[k]}


def expand(overrides: dict[str, Any]) -> tuple[list[Combination], list[str]]:
    """Every combination of the overrides, each validated; and the names varied (the axes).

    Raises ``ParameterError`` naming the first bad value (and its combination), before
    anything runs.
    """
    axes = {k: split_values(v, k) for k, v in overrides.items()}
    varied = [k for k, v in axes.items() if len(v) > 1]
    for k, v in axes.items():
        if not v:
            raise ParameterError(f"parameter '{k}': expected at least one value, given none")
    names = list(axes)
    combos = []
    for values in itertools.product(*(axes[k] for k in names)):
        raw = dict(zip(names, values, strict=True))
        try:
            combos.append(Combination(raw, effective(raw)))
        except ParameterError as exc:
            if not varied:
                raise
            shown = ", ".join(f"{k}={v}" for k, v in raw.items())
            raise ParameterError(f"combination {shown}: {exc}") from None
    unique = list({c.name: c for c in combos}.values())
    return unique, varied


def grid_name(combos: list[Combination], varied: list[str]) -> str:
    """The grid folder's default name: each override and its values, e.g.
    ``sweep-benefit_usd=1000000000+3000000000,casualties=4000+6000``."""
    keys = sorted({k for c in combos for k in c.overrides})
    parts = []
    for k in keys:
        seen = list(dict.fromkeys(_text(c.overrides.get(k, "default")) for c in combos))
        parts.append(f"{k}={'+'.join(seen)}")
    return _safe("sweep-" + ",".join(parts or varied))


#: The key of a comparison row's formatted part (the sweep page's), left out of the files.
SHOWN_KEY = "_shown"


def setting_value(name: str, value: Any) -> str:
    """One parameter's value as a reader reads it ("9,000", "US$3.0 billion"); empty for
    the scenario's own value."""
    from ..formatting import fmt_value
    from ..ledger.vocabulary import PARAMETERS

    if value is None:
        return "the scenario's own"
    unit = PARAMETERS[name].unit if name in PARAMETERS else ""
    if unit and isinstance(value, (int, float)):
        return fmt_value(float(value), unit)
    return str(value)


def comparison_row(params: dict[str, Any], explorer: Any) -> dict[str, Any]:
    """One combination's key figures and key judgments, as the rest of reportlib states
    them: ``<metric>_central/_low/_high`` for every key figure, both readings of the
    benefit per casualty (exactly as ``reportlib metrics --json`` prints them), then
    ``<judgment id>_term`` (its ICD 203 likelihood word) and ``_probability``; and, under
    ``SHOWN_KEY``, the same as the reports format them, for the sweep page."""
    from ..analysis.assess import assess
    from ..facts import metric_fact
    from ..ledger.vocabulary import METRICS, SWEEP, SWEEP_PAGE, metric_label

    report = explorer.report(explorer.params({k: v for k, v in params.items() if v is not None}))
    results = report.analysis.results
    row: dict[str, Any] = {}
    for name in METRICS.with_role(SWEEP):
        res = results[name]
        row[f"{name}_central"], row[f"{name}_low"], row[f"{name}_high"] = (
            res.central,
            res.low,
            res.high,
        )
    columns, cells = [], []
    for name in METRICS.with_role(SWEEP_PAGE):
        res = results[name]
        columns.append(metric_label(name))
        cells.append(metric_fact(res).text if res.available else "not available")
    for judgment in assess(report):
        row[f"{judgment.id}_term"] = judgment.likelihood
        row[f"{judgment.id}_probability"] = (
            None if judgment.probability is None else float(judgment.probability)
        )
        columns.append(judgment.spec.short)
        cells.append(judgment.likelihood or "cannot be assessed")
    row[SHOWN_KEY] = {
        "columns": columns,
        "cells": cells,
        "scenario_title": report.scenario.title,
        "settings": {},
    }
    return row


def comparison(plan: Any, outcomes: list[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """The grid's comparison table: columns, and a baseline row per scenario (its
    canonical report's figures) then one row per combination and scenario.

    Each row's figures come from ``comparison_row`` on the parameters its reports were
    rendered with; they are cached beside the combination's reports (a grid re-run with
    one more value computes only the new rows).
    """
    from ..explorer.answers import Explorer
    from . import cache as keys

    status = {(o.run, o.job.scenario, o.job.notebook): o.status for o in outcomes}
    first = plan.runs[0].paths
    shared = [keys.data_digest(first), keys.library_digest()]
    explorer = Explorer(first)
    rows: list[dict[str, Any]] = []
    baselines: dict[str, dict[str, Any]] = {}
    for run in plan.runs:
        by_scenario: dict[str, list[Any]] = {}
        for task in run.tasks:
            by_scenario.setdefault(task.job.scenario, []).append(task)
        for scenario, tasks in by_scenario.items():
            if scenario not in baselines:
                base: dict[str, Any] = {"run": "baseline", **dict.fromkeys(plan.axes)}
                base["scenario"] = scenario
                base.update(_cached_row(run.paths.cache, {"scenario": scenario}, shared, explorer))
                base[SHOWN_KEY]["settings"] = {a: setting_value(a, None) for a in plan.axes}
                baselines[scenario] = base
            parameters = tasks[0].parameters
            row: dict[str, Any] = {"run": "what-if"}
            row.update({a: _axis_value(parameters, a) for a in plan.axes})
            row["scenario"] = scenario
            row.update(_cached_row(run.paths.cache, parameters, shared, explorer))
            row[SHOWN_KEY]["settings"] = {a: setting_value(a, row[a]) for a in plan.axes}
            for task in tasks:
                folder = f"reports/{WHAT_IF}/{run.name}/{scenario}/{task.job.notebook}"
                row[f"{task.job.notebook}_html"] = f"{folder}.html"
                row[f"{task.job.notebook}_pdf"] = f"{folder}.pdf"
            states = {status.get((run.name, scenario, t.job.notebook), "ok") for t in tasks}
            row["status"] = next((s for s in ("failed", "audit-failed") if s in states), "ok")
            rows.append(row)
    # each scenario's baseline, then its combinations
    rows = [r for name, base in baselines.items() for r in (base, *_of(rows, name))]
    columns = list(dict.fromkeys(k for row in rows for k in row if k != SHOWN_KEY))
    return columns, rows


def _of(rows: list[dict[str, Any]], scenario: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["scenario"] == scenario]


def _axis_value(parameters: dict[str, Any], name: str) -> Any:
    if name in parameters:
        return parameters[name]
    return ReportParams.model_fields[name].default


def _cached_row(
    folder: Path, parameters: dict[str, Any], shared: list[str], explorer: Any
) -> dict[str, Any]:
    import json

    from . import cache as keys
    from .atomic import write_atomic

    path = folder / "comparison" / f"{keys.combine('comparison', parameters, *shared)}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        pass
    row = comparison_row(parameters, explorer)
    write_atomic(path, json.dumps(row, indent=1) + "\n")
    return row


def plain(value: Any) -> Any:
    """A number as it should be written: a whole number as an integer (``4000``, not
    ``4000.0``), any other value as it is."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return int(value)
    return value


def write_comparison(folder: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """``comparison.csv`` and ``comparison.json`` in the grid's folder (numbers in base
    units, whole numbers as integers, others as Python prints them, so they read back
    exactly; the baseline rows first, ``run`` = ``baseline``)."""
    import csv
    import io
    import json

    from .atomic import write_all_atomic

    records = [{k: plain(row.get(k)) for k in columns} for row in rows]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    write_all_atomic(
        {
            folder / "comparison.csv": buffer.getvalue(),
            folder / "comparison.json": json.dumps(
                {"columns": columns, "rows": records}, indent=1, ensure_ascii=False
            )
            + "\n",
        }
    )
