"""``reportlib build``: execute every report of the catalogue and render it.

Each report is executed with papermill, rendered to HTML and PDF in-process, and written
atomically; a failing report does not stop the others and leaves its previous outputs in
place. The manifest and index are rewritten at the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.scenarios import Scenario, load_scenarios
from ..ledger import load_ledger
from ..params import validate_params
from ..paths import ProjectPaths
from .atomic import write_atomic
from .catalogue import Job, load_catalogue, select
from .execute import ExecutionFailed, execute
from .export import render_html, render_pdf
from .manifest import merge, read_manifest, write_index, write_manifest


@dataclass
class Outcome:
    """What happened to one report in one build."""

    job: Job
    status: str
    parameters: dict[str, Any]
    duration: float = 0.0
    error: str | None = None
    cell: int | None = None
    cached: bool = False

    def manifest_entry(self, paths: ProjectPaths) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "notebook": paths.relative(self.job.notebook_path(paths)),
            "scenario": self.job.scenario,
            "parameters": self.parameters,
            "html": paths.relative(self.job.html_path(paths)),
            "pdf": paths.relative(self.job.pdf_path(paths)),
            "status": self.status,
        }
        if self.error:
            entry["error"] = {"cell": self.cell, "message": self.error}
            entry["executed_notebook"] = paths.relative(self.job.failed_path(paths))
        return entry


@dataclass
class BuildResult:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(o.status == "ok" for o in self.outcomes)


def _title(nb_path: Path) -> str:
    import nbformat

    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return nb_path.stem


def run_job(
    job: Job,
    paths: ProjectPaths,
    scenario: Scenario,
    overrides: dict[str, Any],
    as_of: str,
    workdir: Path,
) -> Outcome:
    """Execute and render one report; never raises for a notebook's own failure."""
    start = time.perf_counter()
    params = validate_params(scenario=job.scenario, **overrides)
    parameters = params.model_dump(mode="json", exclude_none=True)
    parameters = {"scenario": job.scenario, **parameters}
    executed_path = workdir / job.scenario / f"{job.notebook}.ipynb"
    try:
        nb = execute(job.notebook_path(paths), executed_path, parameters, cwd=paths.notebooks)
    except ExecutionFailed as failure:
        if failure.notebook is not None:
            import nbformat

            write_atomic(job.failed_path(paths), nbformat.writes(failure.notebook))
        return Outcome(
            job, "failed", parameters, time.perf_counter() - start, str(failure), failure.cell
        )
    title = _title(job.notebook_path(paths))
    nb.metadata["reportlib"] = {
        "title": title,
        "scenario": job.scenario,
        "as_of": as_of,
        "subtitle": f"Scenario: {scenario.title} ({job.scenario}) · as of {as_of}",
        "footer": f"{title} · {job.scenario} · as of {as_of}",
    }
    html = render_html(nb)
    pdf = render_pdf(nb)
    write_atomic(job.html_path(paths), html)
    write_atomic(job.pdf_path(paths), pdf)
    job.failed_path(paths).unlink(missing_ok=True)
    return Outcome(job, "ok", parameters, time.perf_counter() - start)


def build(
    paths: ProjectPaths,
    only: list[str] | None = None,
    scenario: str | None = None,
    overrides: dict[str, Any] | None = None,
    report: Callable[[Outcome], None] | None = None,
) -> BuildResult:
    """Build the selected reports; ``report`` is called after each one finishes."""
    import tempfile

    overrides = dict(overrides or {})
    validate_params(**{"scenario": scenario or "article", **overrides})  # fail before running
    ledger = load_ledger(paths.data)
    scenarios = load_scenarios(paths.data)
    all_jobs = load_catalogue(paths, list(scenarios))
    jobs = select(all_jobs, only, scenario)
    result = BuildResult()
    with tempfile.TemporaryDirectory(prefix="reportlib-build-") as tmp:
        for job in jobs:
            sc = scenarios[job.scenario]
            as_of = overrides.get("as_of") or sc.as_of(ledger).isoformat()
            outcome = run_job(job, paths, sc, overrides, str(as_of), Path(tmp))
            result.outcomes.append(outcome)
            if report:
                report(outcome)
    entries = merge(
        read_manifest(paths),
        [o.manifest_entry(paths) for o in result.outcomes],
        [j.key for j in all_jobs],
    )
    write_manifest(paths, entries)
    write_index(paths, entries, {name: s.title for name, s in scenarios.items()})
    return result
