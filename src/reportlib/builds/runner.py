"""``reportlib build``: plan, execute in parallel, render, and record every report.

1. Plan (fast, no heavy imports): validate the ledger and parameters, compute each
   report's execution and render keys, and compare them with the cache: a report is
   *fresh* (nothing to do), needs *render* only (Markdown or templates changed), or needs
   *execute* (code, parameters, data, library or locked versions changed).
2. Run: the heavy libraries are imported once, then each report runs in a forked child
   (``builds.pool``), ``--jobs`` at a time: papermill with the in-process engine, then
   HTML and Typst PDF export, each file written atomically.
3. Record: the cache index after each success; the manifest and index page at the end.
   A failing report does not stop the others and keeps its previous outputs.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.scenarios import load_scenarios
from ..ledger import LedgerError, check_ledger
from ..params import validate_params
from ..paths import ProjectPaths
from . import cache as keys
from .atomic import write_all_atomic, write_atomic
from .cache import BuildCache
from .catalogue import Job, load_catalogue, select
from .manifest import merge, read_manifest, write_index, write_manifest


@dataclass
class Outcome:
    """What happened to one report in one build."""

    job: Job
    status: str  # ok | failed | audit-failed
    parameters: dict[str, Any]
    duration: float = 0.0
    error: str | None = None
    cell: int | None = None
    action: str = "execute"  # execute | render | fresh
    digests: dict[str, str | None] = field(default_factory=dict)

    @property
    def cached(self) -> bool:
        return self.action != "execute"

    def manifest_entry(self, paths: ProjectPaths) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "notebook": paths.relative(self.job.notebook_path(paths)),
            "scenario": self.job.scenario,
            "parameters": self.parameters,
            "html": f"reports/{self.job.scenario}/{self.job.notebook}.html",
            "pdf": f"reports/{self.job.scenario}/{self.job.notebook}.pdf",
            "status": self.status,
        }
        if self.error:
            entry["error"] = {"cell": self.cell, "message": self.error}
            entry["executed_notebook"] = (
                f"reports/.failed/{self.job.scenario}/{self.job.notebook}.ipynb"
            )
        return entry


@dataclass
class Task:
    """Everything a child needs to build one report."""

    job: Job
    root: Path
    reports_dir: Path
    parameters: dict[str, Any]
    metadata: dict[str, Any]
    action: str
    exec_key: str
    render_key: str
    cell_timeout: float | None


@dataclass
class BuildResult:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(o.status == "ok" for o in self.outcomes)


def _title(nb_path: Path) -> str:
    for cell in keys.read_cells(nb_path):
        if cell.get("cell_type") == "markdown":
            for line in cell["source"].splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return nb_path.stem


def run_task(task: Task) -> Outcome:
    """Build one report (runs in a forked child); a file-system error fails it cleanly."""
    start = time.perf_counter()
    try:
        return _run_task(task)
    except OSError as exc:
        return _write_failed(task, exc, start)


def _run_task(task: Task) -> Outcome:
    import nbformat

    from ..audit import audit_outputs
    from ..audit import summary as audit_summary
    from ..exporters.formats import render_html, render_pdf
    from ..facts import collect
    from .execute import ExecutionFailed, execute, with_cached_outputs

    paths = ProjectPaths(task.root, task.reports_dir)
    job = task.job
    start = time.perf_counter()
    store = BuildCache(paths)
    source = nbformat.read(job.notebook_path(paths), as_version=4)
    if task.action == "render":
        executed = nbformat.read(store.executed_path(task.exec_key), as_version=4)
        nb = with_cached_outputs(source, executed)
    else:
        workdir = paths.cache / "work" / job.scenario / job.notebook
        workdir.mkdir(parents=True, exist_ok=True)
        out = workdir / f"{job.notebook}.ipynb"
        try:
            executed = execute(
                job.notebook_path(paths),
                out,
                task.parameters,
                workdir,
                task.cell_timeout,
                root=task.root,
            )
        except ExecutionFailed as failure:
            if failure.notebook is not None:
                write_atomic(job.failed_path(paths), nbformat.writes(failure.notebook))
            return Outcome(
                job,
                "failed",
                task.parameters,
                time.perf_counter() - start,
                str(failure),
                failure.cell,
                task.action,
            )
        try:
            write_atomic(store.executed_path(task.exec_key), nbformat.writes(executed))
        except OSError as exc:
            return _write_failed(task, exc, start)
        nb = with_cached_outputs(source, executed)
    facts = collect(nb)
    nb.metadata["reportlib"] = {**task.metadata, "facts": facts}
    html = render_html(nb)
    pdf = render_pdf(nb)
    findings = audit_outputs(job.key, html, pdf, facts, paths.data)
    status, error = "ok", None
    if any(not f.ok for f in findings):
        status, error = "audit-failed", audit_summary(findings)
    try:
        write_all_atomic(
            {
                job.html_path(paths): html,
                job.pdf_path(paths): pdf,
                job.facts_path(paths): json.dumps(facts, indent=1, ensure_ascii=False) + "\n",
            }
        )
    except OSError as exc:
        return _write_failed(task, exc, start)
    job.failed_path(paths).unlink(missing_ok=True)
    digests = {
        "html": keys.file_digest(job.html_path(paths)),
        "pdf": keys.file_digest(job.pdf_path(paths)),
        "facts": keys.file_digest(job.facts_path(paths)),
        "status": status,
        "error": error,
    }
    duration = time.perf_counter() - start
    return Outcome(
        job, status, task.parameters, duration, error, action=task.action, digests=digests
    )


def _write_failed(task: Task, exc: OSError, start: float) -> Outcome:
    where = exc.filename or str(task.reports_dir)
    return Outcome(
        task.job,
        "failed",
        task.parameters,
        time.perf_counter() - start,
        f"cannot write the report's files ({exc.strerror or exc}: {where}); "
        "files already there were left as they were",
        action=task.action,
    )


def plan(
    paths: ProjectPaths,
    only: list[str] | None = None,
    scenario: str | None = None,
    overrides: dict[str, Any] | None = None,
    force: bool = False,
    cell_timeout: float | None = None,
) -> tuple[list[Task], list[Job], dict[str, str]]:
    """Validate everything and decide what each selected report needs. Raises on bad input."""
    overrides = dict(overrides or {})
    scenarios = load_scenarios(paths.data)
    if "scenario" in overrides:  # -p scenario=NAME selects, like --scenario
        chosen = overrides.pop("scenario")
        validate_params(scenario=chosen, scenarios=scenarios)
        scenario = scenario or chosen
    problems, newest = check_ledger(paths.data, paths.root)
    if problems:
        raise LedgerError(problems)
    all_jobs = load_catalogue(paths, list(scenarios))
    jobs = select(all_jobs, only, scenario)
    store = BuildCache(paths)
    shared = [keys.data_digest(paths), keys.library_digest(), keys.environment_digest(paths)]
    tasks = []
    for job in jobs:
        params = validate_params(scenario=job.scenario, scenarios=scenarios, **overrides)
        parameters = {"scenario": job.scenario, **params.model_dump(mode="json", exclude_none=True)}
        sc = scenarios[job.scenario]
        as_of = sc.resolve_as_of(newest, params.as_of).isoformat()
        title = _title(job.notebook_path(paths))
        metadata = {
            "title": title,
            "scenario": job.scenario,
            "as_of": as_of,
            "footer": f"{title} · {job.scenario} · as of {as_of}",
        }
        exec_key = keys.combine(
            "exec", keys.code_digest(job.notebook_path(paths)), parameters, *shared
        )
        render_key = keys.combine(
            "render",
            exec_key,
            keys.notebook_digest(job.notebook_path(paths)),
            keys.render_digest(),
            metadata,
        )
        entry = store.entry(job.key) or {}
        fresh = (
            entry.get("render_key") == render_key
            and entry.get("html") == keys.file_digest(job.html_path(paths))
            and entry.get("pdf") == keys.file_digest(job.pdf_path(paths))
            and entry.get("facts") == keys.file_digest(job.facts_path(paths))
        )
        if force:
            action = "execute"
        elif fresh:
            action = "fresh"
        elif store.has_execution(exec_key):
            action = "render"
        else:
            action = "execute"
        tasks.append(
            Task(
                job,
                paths.root,
                paths.reports,
                parameters,
                metadata,
                action,
                exec_key,
                render_key,
                cell_timeout,
            )
        )
    return tasks, all_jobs, {name: s.title for name, s in scenarios.items()}


def build(
    paths: ProjectPaths,
    only: list[str] | None = None,
    scenario: str | None = None,
    overrides: dict[str, Any] | None = None,
    force: bool = False,
    jobs: int | None = None,
    timeout: float | None = None,
    cell_timeout: float | None = None,
    on_start: Callable[[Task], None] | None = None,
    report: Callable[[Outcome], None] | None = None,
) -> BuildResult:
    """Build the selected reports; ``report`` is called as each one finishes.

    Holds ``reports/.build.lock`` throughout: a second build of the same project refuses
    at once (``BuildLocked``) instead of interleaving its outputs with this one's.
    """
    from filelock import FileLock, Timeout

    paths.reports.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(paths.reports / ".build.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise BuildLocked(
            f"another reportlib build is running in {paths.root} (it holds "
            f"{paths.relative(paths.reports / '.build.lock')}); wait for it to finish and "
            "run this one again"
        ) from None
    try:
        return _build(
            paths, only, scenario, overrides, force, jobs, timeout, cell_timeout, on_start, report
        )
    finally:
        lock.release()


class BuildLocked(RuntimeError):
    """Another build holds this project's lock."""


def _build(
    paths, only, scenario, overrides, force, jobs, timeout, cell_timeout, on_start, report
) -> BuildResult:
    from .pool import Failure, run_tasks

    tasks, all_jobs, titles = plan(paths, only, scenario, overrides, force, cell_timeout)
    store = BuildCache(paths)
    result = BuildResult()
    todo = [t for t in tasks if t.action != "fresh"]
    for task in tasks:
        if task.action == "fresh":
            entry = store.entry(task.job.key) or {}
            outcome = Outcome(
                task.job,
                entry.get("status", "ok"),
                task.parameters,
                0.0,
                entry.get("error"),
                action="fresh",
            )
            result.outcomes.append(outcome)
            if report:
                report(outcome)

    def done(task: Task, value: Any) -> None:
        if isinstance(value, Failure):
            value = Outcome(
                task.job, "failed", task.parameters, 0.0, value.message, None, task.action
            )
        if value.status in ("ok", "audit-failed"):
            store.record(
                task.job.key,
                {"exec_key": task.exec_key, "render_key": task.render_key, **value.digests},
            )
        result.outcomes.append(value)
        if report:
            report(value)

    if todo:
        workers = jobs or os.cpu_count() or 1
        run_tasks(run_task, todo, workers, timeout, on_start=on_start, on_done=done)
        store.prune()
    order = {t.job.key: i for i, t in enumerate(tasks)}
    result.outcomes.sort(key=lambda o: order[o.job.key])
    entries = merge(
        read_manifest(paths),
        [o.manifest_entry(paths) for o in result.outcomes],
        [j.key for j in all_jobs],
    )
    write_if_changed(
        paths.manifest,
        json.dumps({"reports": entries}, indent=2, ensure_ascii=False) + "\n",
        lambda: write_manifest(paths, entries),
    )
    write_index(paths, entries, titles)
    _write_runlog(paths, result)
    return result


def write_if_changed(path: Path, text: str, writer: Callable[[], None]) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except FileNotFoundError:
        pass
    writer()


def _write_runlog(paths: ProjectPaths, result: BuildResult) -> None:
    """Volatile facts of the run (durations, cache use): not committed."""
    log = [
        {
            "report": o.job.key,
            "status": o.status,
            "action": o.action,
            "seconds": round(o.duration, 3),
            "error": o.error,
        }
        for o in result.outcomes
    ]
    write_atomic(paths.reports / ".runlog" / "last.json", json.dumps(log, indent=1) + "\n")
