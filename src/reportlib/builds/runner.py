"""``reportlib build``: plan, execute in parallel, render, and record every report.

1. Plan (``planning``, fast, no heavy imports): validate the ledger and parameters, decide
   each run's folder (the canonical ``reports/``, or ``reports/what-if/<name>/`` for
   overrides, one per combination of a grid: ``sweep``), compute each report's execution
   and render keys, and compare them with that folder's cache: a report is *fresh*
   (nothing to do), needs *render* only, or needs *execute*.
2. Run: each report runs in a forked child of the local fork server (``pool``), or on a
   Dask cluster (``cluster``, ``--scheduler``): papermill with the in-process engine, then
   HTML and Typst PDF export and the audit (``worker``). Workers return bytes; this
   process writes every file atomically (``recording``).
3. Record: the cache index after each success; each run's manifest and index page at the
   end; for a grid, the sweep index page and comparison table (``manifest``, ``sweep``).
   A failing report does not stop the others and keeps its previous outputs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths
from .cache import BuildCache
from .locking import BuildLocked, build_lock
from .manifest import (
    merge,
    read_manifest,
    read_runlog,
    write_if_changed,
    write_manifest,
    write_runlog,
)
from .planning import Plan, Run, plan, resolve
from .prefetch import Prefetch, during
from .sweep import WHAT_IF
from .tasks import BuildRequest, BuildResult, Outcome, Rendered, Task

__all__ = [
    "BuildLocked",
    "BuildRequest",
    "BuildResult",
    "Outcome",
    "Task",
    "build",
    "run_task",
]


def run_task(task: Task) -> Rendered:
    """Build one report's files (runs in a forked child, here or on a cluster worker)."""
    from .worker import render_report

    return render_report(task)


def build(
    paths: ProjectPaths,
    request: BuildRequest | None = None,
    *,
    on_plan: Callable[[Plan], None] | None = None,
    on_start: Callable[[Task], None] | None = None,
    report: Callable[[Outcome], None] | None = None,
    **fields: Any,
) -> BuildResult:
    """Build what ``request`` asks for (or the same fields as keywords); ``on_plan`` is
    called once the plan is known, ``on_start`` as each report starts and ``report`` as
    each one finishes.

    Holds a lock throughout (``locking``): a second build of the same folder refuses at
    once (``BuildLocked``) instead of interleaving its outputs with this one's.
    """
    if request is None:
        if fields.get("only") is not None:
            fields["only"] = tuple(fields["only"])
        fields["overrides"] = dict(fields.get("overrides") or {})
        request = BuildRequest(**fields)
    resolved = resolve(paths, request)
    security = None
    if request.scheduler:  # refuse an insecure or half-configured cluster before anything
        from .cluster import connection

        security = connection(request.scheduler, request.tls, request.allow_insecure)
    lock_folder = paths.reports / WHAT_IF if resolved[0].what_if else paths.reports
    with build_lock(lock_folder, paths):
        if not request.scheduler and (request.force or not BuildCache(paths).index):
            from .pool import start_server

            start_server()  # every report will run: let the workers warm up while planning
        planned = plan(paths, request, resolved)
        if on_plan:
            on_plan(planned)
        with during(_prefetch(planned)):
            result = _run(lock_folder, planned, request, on_start, report, security)
            _record(paths, planned, result, lock_folder)
        return result


def _run(
    log_folder: Path,
    planned: Plan,
    request: BuildRequest,
    on_start: Callable[[Task], None] | None,
    report: Callable[[Outcome], None] | None,
    security: Any = None,
) -> BuildResult:
    stores = {run.name: BuildCache(run.paths) for run in planned.runs}
    result = BuildResult()
    todo: list[Task] = []
    for task in planned.tasks:
        store = stores[task.run]
        if task.action == "fresh":
            entry = store.entry(task.job.key) or {}
            outcome = Outcome.of(
                task, entry.get("status", "ok"), error=entry.get("error"), action="fresh"
            )
            result.outcomes.append(outcome)
            if report:
                report(outcome)
        else:
            todo.append(_with_cached_run(task, store))

    def done(task: Task, value: Any) -> None:
        from .recording import record

        outcome = record(task, value, stores[task.run])
        result.outcomes.append(outcome)
        if report:
            report(outcome)

    if todo:
        workers = request.jobs or os.cpu_count() or 1
        if request.scheduler:
            from .cluster import run_tasks_on_cluster

            run_tasks_on_cluster(
                run_task, todo, request.scheduler, request.timeout, on_start, done, security
            )
        else:
            from .pool import run_tasks

            run_tasks(
                run_task,
                todo,
                workers,
                request.timeout,
                on_start=on_start,
                on_done=done,
                scheduler=_scheduler(todo, read_runlog(log_folder)),
            )
        for store in stores.values():
            store.prune()
    for run in planned.runs:
        _check_scenarios(run, planned, result, stores[run.name])
    order = {(t.run, t.job.key): i for i, t in enumerate(planned.tasks)}
    result.outcomes.sort(key=lambda o: order[(o.run, o.job.key)])
    return result


def _scheduler(todo: list[Task], last_run: list[dict[str, Any]]):
    """Slowest first: each report's time for the same action in the last build, if it
    did that (its run log), else what its notebook takes in this build."""
    from .pool import Scheduler

    took = {
        (entry.get("report"), entry.get("action")): entry.get("seconds")
        for entry in last_run
        if isinstance(entry, dict) and entry.get("status") != "failed"
    }
    history = {}
    for task in todo:
        seconds = took.get((task.label, task.action))
        if isinstance(seconds, int | float) and seconds > 0:
            history[task.label] = float(seconds)
    return Scheduler(
        lambda task: task.label, lambda task: f"{task.job.notebook}\0{task.action}", history
    )


def _check_scenarios(run: Run, planned: Plan, result: BuildResult, store: BuildCache) -> None:
    """One text per fact key across the reports of a scenario, and every metric a report
    shows equal to ``reportlib metrics --json`` for its scenario: a report that disagrees is
    marked audit-failed (its files stay written, as for any failed audit), in this build's
    outcome and in the cache."""
    paths = run.paths
    seen = {t.job.scenario: t.data for t in run.tasks}  # the ledger as each scenario sees it
    built = {
        o.job.key: o
        for o in result.outcomes
        if o.run == run.name and o.status in ("ok", "audit-failed")
    }
    for name in sorted({o.job.scenario for o in built.values()}):
        mine = [o for o in built.values() if o.job.scenario == name]
        if all(o.action == "fresh" for o in mine):
            continue  # checked when they were built; a failure then is kept in the cache
        from ..audit import check_against_metrics, check_scenario

        facts = _scenario_facts(paths, planned, name)
        # Reports built from another ledger (an older build a --only run left alone) are
        # not held to this build's figures; the reports built now are told they are stale.
        data = seen.get(name, "")
        stale = sorted(
            k for k in facts if k not in built and (store.entry(k) or {}).get("data", data) != data
        )
        facts = {k: f for k, f in facts.items() if k not in stale}
        if stale:
            _note_stale(mine, stale)
        problems = check_scenario(facts)
        problems += check_against_metrics(facts, _metrics_json(paths, mine[0].parameters))
        for problem in problems:
            outcome = built.get(problem.report)
            if outcome is not None:
                _fail_audit(outcome, str(problem), store)


def _scenario_facts(paths: Any, planned: Plan, scenario: str) -> dict[str, Any]:
    """The facts of every report of ``scenario`` the plan names that has been written."""
    facts = {}
    for job in planned.all_jobs:
        path = job.facts_path(paths)
        if job.scenario == scenario and path.exists():
            facts[job.key] = json.loads(path.read_text(encoding="utf-8"))
    return facts


def _note_stale(outcomes: list[Outcome], stale: list[str]) -> None:
    """Tell each report of a scenario which of its others were built from another ledger."""
    note = (
        f"{', '.join(stale)} built from another ledger: not compared "
        "with it; run `reportlib build` to bring them up to date"
    )
    for outcome in outcomes:
        outcome.note = "; ".join(filter(None, [outcome.note, note]))


def _fail_audit(outcome: Outcome, problem: str, store: BuildCache) -> None:
    """Mark a built report audit-failed for ``problem``, in its outcome and in the cache."""
    outcome.status = "audit-failed"
    outcome.error = "; ".join(filter(None, [outcome.error, problem]))
    entry = store.entry(outcome.job.key)
    if entry is not None:
        store.record(outcome.job.key, {**entry, "status": outcome.status, "error": outcome.error})


def _metrics_json(paths: Any, parameters: dict[str, Any]) -> dict[str, Any]:
    """``reportlib metrics --json`` for a scenario and its parameters (the same analysis,
    draws and seed as its reports); computed while the reports run (``prefetch``)."""
    from .prefetch import value

    return json.loads(value("metrics", paths, parameters, _metrics_text))


def _metrics_text(paths: Any, parameters: dict[str, Any]) -> str:
    from ..analysis.scenarios import first_report, load_scenarios
    from ..params import validate_params
    from ..report import load_report

    params = validate_params(
        scenarios=load_scenarios(paths.data), first_report=first_report(paths.data), **parameters
    )
    return load_report(params, paths).analysis.as_json()


def _prefetch(planned: Plan) -> Prefetch:
    """Start what the end of the build computes from parameters and the ledger alone:
    each rebuilt scenario's metrics (``_check_scenarios``), then the briefs' summaries of
    every run with a report to build (its landing or what-if page)."""
    prefetch = Prefetch()
    runs = [(run, [t for t in run.tasks if t.action != "fresh"]) for run in planned.runs]
    if not any(todo for _, todo in runs):
        return prefetch  # nothing to build: nothing to check or rewrite either
    from .pages import summary_notebook
    from .summaries import compute_summary

    for run, todo in runs:
        for task in todo:
            prefetch.add("metrics", run.paths, task.parameters, _metrics_text)
    for run, todo in runs:
        summary = summary_notebook(run.paths) if todo else None
        for task in run.tasks if summary else []:
            if task.job.notebook == summary:
                prefetch.add("summary", run.paths, task.parameters, compute_summary)
    prefetch.start()
    return prefetch


def _with_cached_run(task: Task, store: BuildCache) -> Task:
    """A render-only task carries its cached run (a worker elsewhere has no cache);
    if the cached file cannot be read, the report is executed again instead."""
    if task.action != "render":
        return task
    try:
        return replace(task, executed=store.executed_path(task.exec_key).read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return replace(task, action="execute")


def _record(paths: ProjectPaths, planned: Plan, result: BuildResult, log_folder) -> None:
    """Each run's manifest and index page; the grid's comparison table and page."""
    from .search import SearchIndexError

    for run in planned.runs:
        outcomes = [o for o in result.outcomes if o.run == run.name]
        try:
            result.site_problems += _write_run_manifest(run, outcomes, planned)
        except SearchIndexError as exc:  # the reports and landing page are written
            result.search_error = exc.user_message()
        if run.name:
            result.folders.append(run.paths.reports)
    if planned.sweep is not None:
        from .sweep import comparison, write_comparison
        from .whatif_pages import write_sweep_index

        columns, rows = comparison(planned, result.outcomes)
        write_comparison(planned.sweep, columns, rows)
        write_sweep_index(planned.sweep, rows, planned.axes)
        result.sweep = planned.sweep
    write_runlog(log_folder, result.outcomes)


def _write_run_manifest(run: Run, outcomes: list[Outcome], planned: Plan) -> list[str]:
    """Write the run's manifest and index page; return the numbers on the canonical
    landing page that trace to nothing (a what-if index shows no numbers)."""
    paths = run.paths
    entries = merge(
        read_manifest(paths),
        [o.manifest_entry(paths) for o in outcomes],
        [j.key for j in planned.all_jobs],
    )
    write_if_changed(
        paths.manifest,
        json.dumps({"reports": entries}, indent=2, ensure_ascii=False) + "\n",
        lambda: write_manifest(paths, entries),
    )
    if run.name:
        from .whatif_pages import write_whatif_index

        write_whatif_index(paths, entries, planned.titles, run.overrides)
        return []
    from concurrent.futures import ThreadPoolExecutor

    from .search import index_site
    from .site import write_site

    # Pagefind reads only the reports' pages: it indexes them while the landing page is
    # written, and its failure is raised last, when the page is written (it loses nothing)
    with ThreadPoolExecutor(max_workers=1) as pool:
        indexing = pool.submit(index_site, paths, entries)
        problems = write_site(paths, entries, planned.titles)
        indexing.result()
    return problems
