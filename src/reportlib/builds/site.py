"""The landing page, ``reports/index.html``: the publication's front door.

For each scenario, newest as-of date first: its title and as-of date, the bottom line and
key judgments of its summary report (the catalogue's ``summary``, the brief) with the
sources they cite, then every report by its title with its HTML and PDF and the PDF's page
count; then the editions (``reports/editions/``), each with its "what changed" summary.
The data comes from the manifest, the brief's own views (``summaries.py``), the PDFs and
each edition's ``edition.json``; the page is drawn by ``templates/landing.html.j2``.

It is audited like a report: each scenario's part is traced against its summary report's
facts, and the page counts are facts of the page itself (``index.facts.json``), so a
number on it that traces to nothing fails the build. Nothing here runs when nothing
changed: the page carries a key (the manifest, the files it reads, the templates and
code) and is rewritten only when the key differs.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths
from .atomic import write_atomic
from .editions_pages import read_editions, untraced, write_editions_page
from .pages import output, page_count, render, report_title, summary_notebook, templates_digest
from .summaries import Summary, summary_of

__all__ = ["output", "report_title", "write_site", "site_key"]

SITE_KEY = re.compile(r'<meta name="reportlib-site" content="([0-9a-f]+)">')


@dataclass
class ReportLink:
    """One report as the landing page lists it (paths relative to ``reports/``)."""

    title: str
    html: str
    pdf: str
    pages: int | None
    status: str


@dataclass
class Section:
    """One scenario's part of the landing page."""

    name: str
    title: str
    as_of: str
    previous: str | None
    summary: Summary | None
    reports: list[ReportLink] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)  # what its numbers trace to


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def site_key(paths: ProjectPaths, entries: list[dict[str, Any]], extra: list[str]) -> str:
    """What the landing page is made from, as one hash: the manifest's entries, every
    report file it reads or links, the scenarios and catalogue, the editions and feed,
    the templates and this code."""
    h = hashlib.sha256()
    h.update(json.dumps(entries, sort_keys=True).encode())
    for entry in entries:
        for key in ("html", "pdf"):
            h.update(_digest(output(paths, entry[key])).encode())
    for path in (
        paths.data / "scenarios.toml",
        paths.notebooks / "catalogue.toml",
        paths.reports / "feed.xml",
        *sorted(paths.reports.glob("editions/*/edition.json")),
        *sorted(paths.reports.glob("editions/*.zip")),
    ):
        h.update(path.name.encode() + _digest(path).encode())
    h.update(templates_digest().encode())
    for item in extra:
        h.update(item.encode())
    return h.hexdigest()


def write_site(
    paths: ProjectPaths,
    entries: list[dict[str, Any]],
    scenario_titles: dict[str, str],
    newest: date | None = None,
) -> list[str]:
    """Write ``index.html`` and the editions page (unless the key is unchanged) and
    ``index.facts.json``; return the numbers on them that trace to nothing (empty: the
    pages pass)."""
    key = site_key(paths, entries, [json.dumps(scenario_titles, sort_keys=True)])
    try:
        found = SITE_KEY.search(paths.index.read_text(encoding="utf-8"))
    except OSError:
        found = None
    if found and found.group(1) == key:
        return []
    sections = landing_sections(paths, entries, scenario_titles, newest)
    editions = read_editions(paths)
    feed = "feed.xml" if (paths.reports / "feed.xml").exists() else None
    page = render(
        "landing.html.j2",
        root="",
        key=key,
        sections=sections,
        editions=editions,
        has_editions=bool(editions),
        feed=feed,
    )
    problems = audit_sections(paths, sections) + untraced(paths, editions, "index.html")
    problems += write_editions_page(paths, editions, feed)
    write_atomic(paths.index, page)
    facts = [f for s in sections for f in s.facts if f["key"].startswith("pages:")]
    text = json.dumps(facts, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    write_atomic(paths.reports / "index.facts.json", text)
    return problems


def landing_sections(
    paths: ProjectPaths,
    entries: list[dict[str, Any]],
    scenario_titles: dict[str, str],
    newest: date | None = None,
) -> list[Section]:
    """Each scenario's part of the page, newest as-of date first (then catalogue order)."""
    from ..analysis.scenarios import load_scenarios
    from ..ledger import check_ledger

    scenarios = load_scenarios(paths.data)
    if newest is None:
        newest = check_ledger(paths.data)[1]
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(entry["scenario"], []).append(entry)
    summary = summary_notebook(paths)
    titles: dict[str, str] = {}
    sections = []
    for name, items in groups.items():
        sc = scenarios.get(name)
        as_of, previous = _dates(paths, sc, newest, items[0].get("parameters", {}).get("as_of"))
        title = scenario_titles.get(name) or (sc.title if sc else name)
        section = Section(name, title, as_of, previous, None)
        brief = next((e for e in items if Path(e["notebook"]).stem == summary), None)
        written = brief is not None and output(paths, brief["html"]).exists()
        if brief is not None and written and brief["status"] == "ok" and sc is not None:
            section.summary = summary_of(paths, brief.get("parameters", {"scenario": name}))
            section.facts = _facts(output(paths, brief["html"]).with_suffix(".facts.json"))
        for e in items:
            if e["notebook"] not in titles:
                titles[e["notebook"]] = report_title(paths, e["notebook"])
            section.reports.append(_report_link(paths, e, titles[e["notebook"]], section))
        sections.append(section)
    order = {s.name: i for i, s in enumerate(sections)}
    sections.sort(
        key=lambda s: (-date.fromisoformat(s.as_of).toordinal() if s.as_of else 0, order[s.name])
    )
    return sections


def _dates(
    paths: ProjectPaths, sc: Any, newest: date | None, override: str | None
) -> tuple[str, str | None]:
    """A scenario's as-of date (its reports' own, an ``as_of`` override resolved) and its
    previous edition's (the newest in the archive before it, else the one the scenarios
    file pins: ``scenarios.previous_edition``), as ISO dates ("" and None where unknown)."""
    from ..analysis.scenarios import previous_edition

    if sc is None or newest is None:
        return "", None
    as_of = sc.resolve_as_of(newest, date.fromisoformat(override) if override else None)
    previous = previous_edition(sc, as_of, paths.editions)
    return as_of.isoformat(), previous.isoformat() if previous is not None else None


def _facts(path: Path) -> list[dict[str, Any]]:
    try:
        return list(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return []


def _report_link(
    paths: ProjectPaths, e: dict[str, Any], title: str, section: Section
) -> ReportLink:
    """One report's link, its PDF's page count recorded as a fact of the page."""
    stem = Path(e["notebook"]).stem
    pages = page_count(output(paths, e["pdf"]))
    if pages is not None:
        section.facts.append(
            {
                "key": f"pages:{section.name}/{stem}",
                "kind": "derived",
                "text": str(pages),
                "value": float(pages),
                "low": None,
                "high": None,
                "unit": "pages",
                "provenance": [e["pdf"]],
            }
        )
    return ReportLink(
        title,
        Path(e["html"]).relative_to("reports").as_posix(),
        Path(e["pdf"]).relative_to("reports").as_posix(),
        pages,
        e["status"],
    )


def audit_sections(paths: ProjectPaths, sections: list[Section]) -> list[str]:
    """Each scenario's part of the page, as text, traced against its brief's facts and
    the page counts: the numbers that trace to nothing."""
    from ..audit import trace_text, verbatim_texts
    from ..exporters.text import html_string_text

    verbatim = verbatim_texts(paths.data)
    problems = []
    for s in sections:
        block = render("section.html.j2", s=s, first=False)
        for finding in trace_text(
            f"index.html ({s.name})", html_string_text(block), s.facts, verbatim
        ):
            if not finding.ok:
                problems.append(f"{finding.number} in {finding.report} at {finding.context}")
    return problems
