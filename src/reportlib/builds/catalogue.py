"""The catalogue: which notebook renders with which scenarios, declared once.

``notebooks/catalogue.toml`` lists each report notebook and its scenarios; every output
path derives from it: ``reports/<scenario>/<notebook>.html`` and ``.pdf``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..paths import ProjectPaths


class CatalogueError(ValueError):
    """The catalogue is missing, malformed or names something that does not exist."""


@dataclass(frozen=True)
class Job:
    """One report: a notebook rendered for one scenario."""

    notebook: str  # file name without .ipynb
    scenario: str

    @property
    def key(self) -> str:
        return f"{self.scenario}/{self.notebook}"

    def notebook_path(self, paths: ProjectPaths) -> Path:
        return paths.notebooks / f"{self.notebook}.ipynb"

    def html_path(self, paths: ProjectPaths) -> Path:
        return paths.reports / self.scenario / f"{self.notebook}.html"

    def pdf_path(self, paths: ProjectPaths) -> Path:
        return paths.reports / self.scenario / f"{self.notebook}.pdf"

    def facts_path(self, paths: ProjectPaths) -> Path:
        """Every fact the report shows, with provenance (read by the audit and --check)."""
        return paths.reports / self.scenario / f"{self.notebook}.facts.json"

    def failed_path(self, paths: ProjectPaths) -> Path:
        return paths.reports / ".failed" / self.scenario / f"{self.notebook}.ipynb"


def load_catalogue(paths: ProjectPaths, scenario_names: list[str]) -> list[Job]:
    """Every job of the catalogue, in declared order."""
    path = paths.notebooks / "catalogue.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueError(f"{path}: no catalogue file") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path}: expected TOML, found a syntax error ({exc})") from None
    jobs: list[Job] = []
    for i, entry in enumerate(raw.get("report", []), start=1):
        name = entry.get("notebook")
        if not isinstance(name, str) or not (paths.notebooks / f"{name}.ipynb").is_file():
            raise CatalogueError(
                f"{path}: report {i}: expected 'notebook' naming a file in notebooks/, "
                f"found {name!r}"
            )
        wanted = entry.get("scenarios", "all")
        chosen = scenario_names if wanted == "all" else wanted
        for scenario in chosen:
            if scenario not in scenario_names:
                raise CatalogueError(
                    f"{path}: report {name}: expected scenarios from data/scenarios.toml "
                    f"({', '.join(scenario_names)}), found {scenario!r}"
                )
            jobs.append(Job(name, scenario))
    if not jobs:
        raise CatalogueError(f"{path}: expected at least one [[report]], found none")
    return jobs


def select(jobs: list[Job], only: list[str] | None, scenario: str | None) -> list[Job]:
    """The jobs ``--only`` and ``--scenario`` select; an unmatched name is an error."""
    if only:
        names = {j.notebook for j in jobs}
        for name in only:
            if name not in names:
                raise CatalogueError(
                    f"--only {name!r}: expected a notebook of the catalogue "
                    f"({', '.join(sorted(names))})"
                )
        jobs = [j for j in jobs if j.notebook in only]
    if scenario:
        names = {j.scenario for j in jobs}
        if scenario not in names:
            raise CatalogueError(
                f"--scenario {scenario!r}: expected one of {', '.join(sorted(names))}"
            )
        jobs = [j for j in jobs if j.scenario == scenario]
    return jobs
