"""The pages of what-if runs and parameter grids, in the site's own design
(``templates/whatif.html.j2``, ``templates/sweep.html.j2``).

A what-if run's page (``reports/what-if/<name>/index.html``) says it is not the canonical
reports, gives each setting in a reader's words, and for each scenario the bottom line of
its what-if brief and a table of this run against the canonical report: the key figures as
the reports format them ("38%", "US$3.0 billion"), the per-casualty figures and each key
judgment's word. A grid's page (``reports/what-if/<grid>/index.html``) has one row per
combination and scenario, after a baseline row per scenario (the canonical figures).

The figures come from the reports' own code through the explorer's ``Explorer`` (same
draws and seed), so they equal ``reportlib metrics --json`` and the briefs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths
from .atomic import write_atomic
from .pages import render, report_title


@dataclass(frozen=True)
class Compared:
    """One row of "this run against the canonical report"."""

    label: str
    run: str
    canonical: str

    @property
    def differs(self) -> bool:
        return self.run != self.canonical


@dataclass
class RunScenario:
    """One scenario of a what-if run as its page shows it."""

    name: str
    title: str
    summary: Any  # the what-if brief's bottom line and its sources (``Summary``), or None
    figures: list[Compared] = field(default_factory=list)
    judgments: list[Compared] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)


def setting_words(explorer: Any, parameters: dict[str, Any]) -> list[str]:
    """Each override in a reader's words, as the what-if brief's provenance line says it
    ("killed or wounded set to 9,000")."""
    report = explorer.report(explorer.params(_as_text(parameters)))
    return [f.text for f in report.what_if_settings()]


def _judgment_word(j: Any) -> str:
    return f"{j.term} ({j.probability_text})" if j.term else "cannot be assessed"


def compare(explorer: Any, parameters: dict[str, Any]) -> tuple[list[Compared], list[Compared]]:
    """The key figures (both readings of the benefit per casualty) and the key judgments'
    words of these parameters against the scenario's canonical report."""
    from ..facts import metric_fact

    answer = explorer.answer(explorer.params(_as_text(parameters)))
    own = explorer.own(answer.params)
    theirs = {f.metric: f for f in own.figures}
    figures = []
    for f in answer.figures:
        before = theirs.get(f.metric)
        shown = metric_fact(f.result).text if f.result.available else "not available"
        base = (
            metric_fact(before.result).text
            if before is not None and before.result.available
            else "not available"
        )
        figures.append(Compared(f.label, shown, base))
    words = {j.id: j for j in own.judgments}
    judgments = [
        Compared(
            j.sentence, _judgment_word(j), _judgment_word(words[j.id]) if j.id in words else ""
        )
        for j in answer.judgments
    ]
    return figures, judgments


def _as_text(parameters: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in parameters.items() if v is not None}


def write_whatif_index(
    paths: ProjectPaths,
    entries: list[dict[str, Any]],
    titles: dict[str, str],
    overrides: dict[str, Any],
) -> None:
    """A what-if run's own page (``reports/what-if/<name>/index.html``)."""
    from ..explorer.answers import Explorer
    from .pages import summary_notebook
    from .summaries import summary_of

    explorer = Explorer(paths)
    summary = summary_notebook(paths)
    # the run's folder as the manifest records its files ("reports/what-if/<name>"), wherever
    # this output folder is (``build --check`` and a cluster's copy write elsewhere)
    base = Path(paths.reports.name)
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(entry["scenario"], []).append(entry)
    names: dict[str, str] = {}
    scenarios = []
    for name, items in groups.items():
        parameters = items[0].get("parameters", {"scenario": name, **overrides})
        brief = next((e for e in items if Path(e["notebook"]).stem == summary), None)
        bottom = None
        if brief is not None and brief["status"] == "ok":
            bottom = summary_of(paths, parameters)
        run = RunScenario(name, titles.get(name, name), bottom)
        run.figures, run.judgments = compare(explorer, parameters)
        for e in items:
            if e["notebook"] not in names:
                names[e["notebook"]] = report_title(paths, e["notebook"])
            run.reports.append(
                {
                    "title": names[e["notebook"]],
                    "html": _in_run(e["html"], base),
                    "pdf": _in_run(e["pdf"], base),
                    "pages": None,
                    "status": e["status"],
                }
            )
        scenarios.append(run)
    page = render(
        "whatif.html.j2",
        root="../../",
        search=False,
        has_editions=(paths.root / "reports" / "editions").is_dir(),
        name=base.name,
        settings=setting_words(explorer, next(iter(groups.values()))[0]["parameters"])
        if groups
        else [],
        scenarios=scenarios,
    )
    write_atomic(paths.index, page)


def _in_run(recorded: str, run: Path) -> str:
    """A file the run's manifest records, relative to the run's own folder."""
    return Path(recorded.split("/what-if/", 1)[-1]).relative_to(run).as_posix()


@dataclass
class SweepRow:
    """One row of the grid's page: a combination (or the baseline) in one scenario."""

    baseline: bool
    scenario: str
    settings: list[str]  # each axis's value, formatted
    cells: list[str]  # the figures and judgment words, formatted
    links: list[dict[str, str]]
    status: str = "ok"


def write_sweep_index(folder: Path, rows: list[dict[str, Any]], axes: list[str]) -> None:
    """The grid's page: a baseline row per scenario, then one row per combination and
    scenario, each with its settings, formatted figures, judgment words and reports."""
    from .sweep import SHOWN_KEY

    if not rows:
        return
    columns = rows[0][SHOWN_KEY]["columns"]
    shown = []
    for row in rows:
        page = row[SHOWN_KEY]
        links = [
            {
                "title": k.removesuffix("_html").replace("_", " "),
                "href": "../" + v.split("/what-if/", 1)[-1],
            }
            for k, v in row.items()
            if k.endswith("_html") and v
        ]
        shown.append(
            SweepRow(
                row.get("run") == "baseline",
                page["scenario_title"],
                [page["settings"].get(a, "") for a in axes],
                page["cells"],
                links,
                row.get("status") or "ok",
            )
        )
    page = render(
        "sweep.html.j2",
        root="../../",
        search=False,
        has_editions=(folder.parent.parent / "editions").is_dir(),
        name=folder.name,
        axes=[axis_label(a) for a in axes],
        columns=columns,
        rows=shown,
    )
    write_atomic(folder / "index.html", page)


def axis_label(name: str) -> str:
    """A parameter's name as a column heading ("Killed or wounded")."""
    from ..ledger.vocabulary import PARAMETERS

    if name not in PARAMETERS:
        return name
    words = PARAMETERS[name].words
    head = words.split(" set to ")[0].split(" {}")[0].replace("{}", "").strip()
    return (head[:1].upper() + head[1:]) if head else name
