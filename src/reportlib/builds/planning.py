"""Plan a build without heavy imports: validate the ledger and every parameter, decide
which folder each run writes to, and what each report needs (fresh, render or execute)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.scenarios import first_report, load_scenarios, previous_edition
from ..ledger import LedgerError
from ..params import validate_params
from ..paths import ProjectPaths
from . import cache as keys
from .cache import BuildCache
from .catalogue import Job, load_catalogue, select
from .sweep import WHAT_IF, Combination, check_name, expand, grid_name
from .tasks import BuildRequest, Task


@dataclass
class Run:
    """One set of parameters rendered into one output folder."""

    paths: ProjectPaths
    name: str | None  # None: the canonical reports; else the what-if folder's name
    overrides: dict[str, Any]
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Plan:
    """What a build will do: its runs, the catalogue, and the grid's folder if any."""

    runs: list[Run]
    all_jobs: list[Job] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    sweep: Path | None = None
    axes: list[str] = field(default_factory=list)

    @property
    def tasks(self) -> list[Task]:
        return [t for run in self.runs for t in run.tasks]

    @property
    def what_if(self) -> bool:
        return any(run.name for run in self.runs)


def publication_settings(paths: ProjectPaths) -> dict[str, Any]:
    """``[tool.reportlib]`` of the project's ``pyproject.toml``: the publisher, subject and
    keywords every report's PDF metadata carries ({} where the project has none)."""
    import tomllib

    try:
        text = (paths.root / "pyproject.toml").read_text(encoding="utf-8")
        return tomllib.loads(text).get("tool", {}).get("reportlib", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def resolve(paths: ProjectPaths, request: BuildRequest) -> tuple[Plan, str | None]:
    """Validate the overrides (every combination of a grid) and decide each run's folder;
    cheap, and done before the build lock is taken. Returns the plan (tasks not yet
    planned) and the scenario ``-p scenario=NAME`` selected, if any."""
    overrides = dict(request.overrides)
    chosen = None
    if "scenario" in overrides:  # -p scenario=NAME selects, like --scenario
        chosen = overrides.pop("scenario")
        validate_params(scenario=chosen, scenarios=load_scenarios(paths.data))
    name = check_name(request.name) if request.name else None
    combos, axes = expand(overrides)
    what_if = paths.reports / WHAT_IF
    if not axes and not combos[0].overrides and not name:
        return Plan([Run(paths, None, {})]), chosen

    def run_of(combo: Combination, folder: str) -> Run:
        return Run(ProjectPaths(paths.root, what_if / folder), folder, combo.overrides)

    if not axes:
        return Plan([run_of(combos[0], name or combos[0].name)]), chosen
    sweep = what_if / (name or grid_name(combos, axes))
    keys_seen = list(dict.fromkeys(k for c in combos for k in c.raw))
    return Plan([run_of(c, c.name) for c in combos], sweep=sweep, axes=keys_seen), chosen


def plan(paths: ProjectPaths, request: BuildRequest, resolved: tuple[Plan, str | None]) -> Plan:
    """Validate the ledger and catalogue, and plan every report of every run."""
    planned, chosen = resolved
    problems, newest = keys.checked_ledger(paths)
    if problems:
        raise LedgerError(problems)
    scenarios = load_scenarios(paths.data)
    planned.all_jobs = load_catalogue(paths, list(scenarios))
    planned.titles = {name: s.title for name, s in scenarios.items()}
    jobs = select(
        planned.all_jobs, list(request.only) if request.only else None, request.scenario or chosen
    )
    shared = [keys.library_digest(), keys.environment_digest(paths)]
    first = first_report(paths.data)
    seen: dict[tuple[str, str], str] = {}  # (scenario, as-of) -> what its ledger shows
    titles = {job.notebook: _title(job.notebook_path(paths)) for job in planned.all_jobs}
    _check_against_ledger(paths, planned.runs, jobs, scenarios, first)
    for run in planned.runs:
        store = BuildCache(run.paths)
        # canonical reports link the whole catalogue (built before, if not now); a
        # what-if folder holds only what this run renders
        linked = jobs if run.name else planned.all_jobs
        for job in jobs:
            params = validate_params(
                scenario=job.scenario, scenarios=scenarios, first_report=first, **run.overrides
            )
            sc = scenarios[job.scenario]
            day = sc.resolve_as_of(newest, params.as_of)
            as_of = day.isoformat()
            if (job.scenario, as_of) not in seen:
                before = previous_edition(sc, day, paths.editions)
                seen[job.scenario, as_of] = keys.admitted_digest(paths, sc, day, before)
            data = seen[job.scenario, as_of]
            nav = navigation(job, linked, titles, planned.titles, search=run.name is None)
            task = _task(
                run, job, params, as_of, titles[job.notebook], [data, *shared], store, request, nav
            )
            if request.scheduler:  # what a worker's checkout must share with this one
                from dataclasses import replace

                from .cluster import checkout_digests

                checkout = checkout_digests(paths, job.notebook_path(paths))
                task = replace(task, checkout=checkout)
            run.tasks.append(task)
    return planned


def _check_against_ledger(paths, runs, jobs, scenarios, first) -> None:
    """What a parameter can only be judged against with the ledger's figures (casualties
    at most the troops they are counted among): checked for every run and scenario before
    anything runs, so a grid with one impossible combination is refused whole (exit 2).
    Loads the ledger only when a run sets troops or casualties."""
    runs = [r for r in runs if {"troops", "casualties"} & set(r.overrides)]
    if not runs:
        return
    from ..analysis.inputs import check_overrides, gather_inputs
    from ..ledger import load_ledger

    ledger = load_ledger(paths.data, paths.root)
    for run in runs:
        for name in dict.fromkeys(job.scenario for job in jobs):
            params = validate_params(
                scenario=name, scenarios=scenarios, first_report=first, **run.overrides
            )
            check_overrides(
                gather_inputs(ledger, scenarios[name], params)[0], params, scenarios[name]
            )


def navigation(
    job: Job,
    jobs: list[Job],
    titles: dict[str, str],
    scenario_titles: dict[str, str],
    search: bool = False,
) -> dict[str, Any]:
    """The site header of one report, from the catalogue: home, the same report in the
    other scenarios, the previous and next report of its scenario (catalogue order), all
    as links relative to the report's own page (``<folder>/<scenario>/<notebook>.html``).
    Only titles and scenario names: no number a reader could take for a finding."""
    siblings = [j for j in jobs if j.scenario == job.scenario]
    at = siblings.index(job) if job in siblings else -1

    def link(other: Job | None) -> dict[str, str] | None:
        if other is None:
            return None
        href = (
            f"{other.notebook}.html"
            if other.scenario == job.scenario
            else (f"../{other.scenario}/{other.notebook}.html")
        )
        return {"href": href, "title": titles.get(other.notebook, other.notebook)}

    return {
        "home": "../index.html",
        "search": "../search.html" if search else None,
        "scenario": scenario_titles.get(job.scenario, job.scenario),
        "previous": link(siblings[at - 1] if at > 0 else None),
        "next": link(siblings[at + 1] if 0 <= at < len(siblings) - 1 else None),
        "scenarios": [
            {
                "href": f"../{j.scenario}/{j.notebook}.html",
                "title": scenario_titles.get(j.scenario, j.scenario),
                "current": j.scenario == job.scenario,
            }
            for j in jobs
            if j.notebook == job.notebook
        ],
    }


def _task(run, job, params, as_of, title, shared, store, request, nav) -> Task:
    paths = run.paths
    parameters = {"scenario": job.scenario, **params.model_dump(mode="json", exclude_none=True)}
    footer = f"{title} · {job.scenario} · as of {as_of}"
    publication = publication_settings(paths)
    metadata = {
        "title": title,
        "scenario": job.scenario,
        "as_of": as_of,
        "footer": footer + (" · what-if run" if run.name else ""),
        "author": str(publication.get("publisher", "")),
        "subject": str(publication.get("subject", "")),
        "keywords": [str(k) for k in publication.get("keywords", [])],
        "nav": nav,
    }
    exec_key = keys.combine("exec", keys.code_digest(job.notebook_path(paths)), parameters, *shared)
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
    if request.force:
        action = "execute"
    elif fresh:
        action = "fresh"
    elif store.has_execution(exec_key):
        action = "render"
    else:
        action = "execute"
    return Task(
        job=job,
        root=paths.root,
        reports_dir=paths.reports,
        parameters=parameters,
        metadata=metadata,
        action=action,
        exec_key=exec_key,
        render_key=render_key,
        cell_timeout=request.cell_timeout,
        run=run.name,
        data=shared[0],
    )


def _title(nb_path: Path) -> str:
    """A notebook's title: its first level-one Markdown heading, else its file name."""
    for cell in keys.read_cells(nb_path):
        if cell.get("cell_type") == "markdown":
            for line in cell["source"].splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return nb_path.stem
