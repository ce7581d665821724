"""Reports built as ``reportlib build`` builds them, for the tests that try many inputs.

One rendering path: each report runs in a fork of the build's warm fork server
(papermill with the in-process engine), renders through the nbconvert exporters (the
lean HTML and the Typst PDF, with the report settings: PDF/UA-1 and PDF/A-2a, every
glyph drawn), and is audited as a build audits it: every number in the HTML and in the
PDF text traced, the rules of consistency, one text per fact across its scenario. The
canonical reports' landing page is audited too. Nothing here renders or audits on its
own: ``build`` does it, and this module reads back what it wrote.

Output goes to a temporary folder (``ProjectPaths.reports_dir``, as ``build --check``
does), never into the checkout.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlib.builds.check import html_text, pdf_text
from reportlib.builds.runner import BuildRequest, build
from reportlib.paths import ProjectPaths

ROOT = Path(__file__).resolve().parents[1]


def catalogue(root: Path = ROOT) -> tuple[list[str], list[str]]:
    """The notebooks of ``notebooks/catalogue.toml`` and the scenarios of
    ``data/scenarios.toml``, in their order: what a build renders (no list kept here)."""
    with (root / "notebooks" / "catalogue.toml").open("rb") as handle:
        notebooks = [r["notebook"] for r in tomllib.load(handle)["report"]]
    with (root / "data" / "scenarios.toml").open("rb") as handle:
        scenarios = list(tomllib.load(handle))
    return notebooks, scenarios


def copy_project(root: Path, data: bool = True) -> Path:
    """A project at ``root``: the checkout's ``pyproject.toml``, ``notebooks/`` and (with
    ``data``) ``data/``; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(
        ROOT / "notebooks",
        root / "notebooks",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
        dirs_exist_ok=True,
    )
    if data:
        shutil.copytree(ROOT / "data", root / "data", dirs_exist_ok=True)
    return root


@dataclass
class Built:
    """One report as a build wrote it: its status, and what a reader sees in each format."""

    run: str | None  # the what-if folder (None: the canonical reports)
    scenario: str
    notebook: str
    status: str  # ok | failed | audit-failed
    error: str | None
    html: str = ""  # the HTML's visible text, as the audit reads it
    pdf: str = ""  # the PDF's text, as the audit reads it
    facts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return "/".join(filter(None, (self.run, self.scenario, self.notebook)))

    @property
    def text(self) -> str:
        """What a reader sees (the HTML's visible text)."""
        return self.html

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def __repr__(self) -> str:  # short: a failing assertion prints its arguments
        return f"<{self.name}: {self.status}{': ' + self.error[:300] if self.error else ''}>"


@dataclass
class Edition:
    """Every report one build rendered (in a grid, every combination's)."""

    built: list[Built]
    site_problems: list[str]
    folder: Path

    def __iter__(self):
        return iter(self.built)

    def __getitem__(self, scenario: str) -> dict[str, Built]:
        """One scenario's reports by notebook (a build of one run)."""
        runs = {b.run for b in self.built}
        assert len(runs) == 1, f"a grid of {len(runs)} runs: pick one with .runs()"
        return {b.notebook: b for b in self.built if b.scenario == scenario}

    def scenarios(self) -> dict[str, dict[str, Built]]:
        return {s: self[s] for s in dict.fromkeys(b.scenario for b in self.built)}

    def runs(self) -> dict[str | None, list[Built]]:
        out: dict[str | None, list[Built]] = {}
        for b in self.built:
            out.setdefault(b.run, []).append(b)
        return out

    def failures(self) -> list[str]:
        """Each report that failed or failed its audit, and the landing page's untraced
        numbers, in words (empty: every report is true and audited)."""
        out = [f"{b.name}: {b.status}: {b.error}" for b in self if not b.ok]
        return out + [f"index.html: {p}" for p in self.site_problems]

    def __repr__(self) -> str:
        return f"<{len(self.built)} reports built in {self.folder}>"


def build_reports(
    root: Path,
    output: Path,
    *,
    scenario: str | None = None,
    only: list[str] | None = None,
    **overrides: Any,
) -> Edition:
    """Build the project at ``root`` into ``output`` as ``reportlib build [--scenario S]
    [--only N ...] [-p NAME=VALUE ...]`` does (on every core; a list of values is a grid)
    and read back each report it built."""
    paths = ProjectPaths(root, output)
    result = build(
        paths,
        BuildRequest(
            only=tuple(only) if only else None,
            scenario=scenario,
            overrides=dict(overrides),
            force=True,
        ),
    )
    built = []
    for o in result.outcomes:
        b = Built(o.run, o.job.scenario, o.job.notebook, o.status, o.error)
        if o.status != "failed":
            base = (output / "what-if" / o.run if o.run else output) / o.job.scenario
            b.html = html_text(base / f"{o.job.notebook}.html")
            b.pdf = pdf_text(base / f"{o.job.notebook}.pdf")
            b.facts = json.loads((base / f"{o.job.notebook}.facts.json").read_text("utf-8"))
        built.append(b)
    return Edition(built, list(result.site_problems), output)
