"""``reportlib build --check``: are the committed reports what the sources now produce?

The catalogue is rebuilt from scratch into a temporary folder and each report's visible
text (HTML and PDF) and recorded facts are compared with the committed ones. Text, not
bytes: another CPU or font rasteriser may change bytes without changing what a reader
reads.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from ..exporters.text import html_string_text, pdf_bytes_text
from ..paths import ProjectPaths
from .runner import BuildResult, build


def html_text(path: Path) -> str:
    return html_string_text(path.read_text(encoding="utf-8"))


def pdf_text(path: Path) -> str:
    return pdf_bytes_text(path.read_bytes())


def facts_of(path: Path) -> Any:
    """The facts recorded beside a report (``<report>.facts.json``), if any."""
    import json

    facts = path.with_suffix(".facts.json")
    return json.loads(facts.read_text(encoding="utf-8")) if facts.exists() else None


def compare(committed: Path, rebuilt: Path) -> list[str]:
    """What differs between two copies of one report's outputs (empty: nothing)."""
    problems = []
    for suffix, reader in ((".html", html_text), (".pdf", pdf_text)):
        old, new = committed.with_suffix(suffix), rebuilt.with_suffix(suffix)
        if not old.exists():
            problems.append(f"{old.name} is not committed")
        elif reader(old) != reader(new):
            problems.append(f"{old.name}: its text differs from a fresh build")
    if facts_of(committed) != facts_of(rebuilt):
        problems.append("recorded facts differ from a fresh build")
    return problems


def check(
    paths: ProjectPaths,
    jobs: int | None = None,
    only: list[str] | None = None,
    scenario: str | None = None,
) -> tuple[BuildResult, dict[str, list[str]]]:
    """Rebuild everything (or ``only`` these notebooks, for one ``scenario``) in a
    temporary folder; return the differences by report."""
    with tempfile.TemporaryDirectory(prefix="reportlib-check-") as tmp:
        fresh = ProjectPaths(paths.root, Path(tmp) / "reports")
        result = build(fresh, force=True, jobs=jobs, only=only, scenario=scenario)
        differences: dict[str, list[str]] = {}
        for outcome in result.outcomes:
            job = outcome.job
            if outcome.status != "ok":
                differences[job.key] = [f"the fresh build {outcome.status}: {outcome.error}"]
                continue
            found = compare(
                job.html_path(paths).with_suffix(""), job.html_path(fresh).with_suffix("")
            )
            if found:
                differences[job.key] = found
    return result, differences
