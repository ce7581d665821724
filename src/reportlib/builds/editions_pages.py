"""The editions on the site: what each archived edition holds (from its ``edition.json``
and the files beside it), the editions page ``reports/editions/index.html``, and the
banner an archived report page carries ("an archived edition; see the latest").

``reportlib publish`` writes the editions (``publishing.py``); this module only shows
them. Each edition's "what changed" summary is audited against that edition's own facts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths
from .pages import render

EDITIONS = "editions"
#: Where the banner goes in an archived report page: under the site header the lean
#: report template draws (a page without one: at the top of its body).
AFTER = ("</header>", "<body>")


@dataclass(frozen=True)
class EditionLink:
    title: str
    html: str  # relative to reports/editions/
    pdf: str | None


@dataclass
class Edition:
    """One archived edition as the site lists it; every path relative to
    ``reports/editions/``."""

    as_of: str
    title: str
    bottom_line: str
    changed: str
    reports: list[EditionLink]
    sums: str
    data_package: str | None
    bundle: str | None
    facts: list[dict[str, Any]] = field(default_factory=list)  # its summary report's


def read_editions(paths: ProjectPaths) -> list[Edition]:
    """Every edition in ``reports/editions/``, newest first (an unreadable
    ``edition.json`` is left out)."""
    folder = paths.reports / EDITIONS
    out = []
    for path in sorted(folder.glob("*/edition.json"), reverse=True):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        out.append(_edition(path.parent, info))
    return out


def _edition(folder: Path, info: dict[str, Any]) -> Edition:
    as_of = folder.name
    links = []
    for html, title in info.get("links", []):
        pdf = Path(html).with_suffix(".pdf").name
        links.append(
            EditionLink(
                title, f"{as_of}/{html}", f"{as_of}/{pdf}" if (folder / pdf).exists() else None
            )
        )
    report = info.get("summary_report") or "brief"
    try:
        facts = json.loads((folder / f"{report}.facts.json").read_text("utf-8"))
    except (OSError, ValueError):
        facts = []
    package = folder / "data" / "datapackage.json"
    bundle = folder.with_suffix(".zip")
    return Edition(
        as_of=as_of,
        title=str(info.get("title") or ""),
        bottom_line=str(info.get("bottom_line") or ""),
        changed=str(info.get("changed") or "The first edition in the archive."),
        reports=links,
        sums=f"{as_of}/SHA256SUMS",
        data_package=f"{as_of}/data/datapackage.json" if package.exists() else None,
        bundle=bundle.name if bundle.exists() else None,
        facts=facts,
    )


def untraced(paths: ProjectPaths, editions: list[Edition], where: str) -> list[str]:
    """The numbers in the editions' summaries that trace to no fact of the edition's own
    summary report (each edition is checked against its own facts)."""
    from ..audit import trace_text, verbatim_texts

    verbatim = verbatim_texts(paths.data)
    problems = []
    for e in editions:
        for text in (e.changed, e.bottom_line):
            label = f"{where} (edition {e.as_of})"
            for finding in trace_text(label, text, e.facts, verbatim):
                if not finding.ok:
                    problems.append(f"{finding.number} in {finding.report} at {finding.context}")
    return problems


def write_editions_page(
    paths: ProjectPaths, editions: list[Edition], feed: str | None
) -> list[str]:
    """``reports/editions/index.html`` (only when there are editions); returns the
    numbers on it that trace to nothing."""
    from .atomic import write_atomic

    if not editions:
        return []
    page = render(
        "editions.html.j2",
        root="../",
        editions=editions,
        has_editions=True,
        feed=("../" + feed) if feed and "://" not in feed else feed,
    )
    target = paths.reports / EDITIONS / "index.html"
    try:
        if target.read_text(encoding="utf-8") == page:
            return untraced(paths, editions, "editions/index.html")
    except OSError:
        pass
    write_atomic(target, page)
    return untraced(paths, editions, "editions/index.html")


def archived_banner(as_of: str, latest: str = "../../index.html") -> str:
    """The banner every archived report page carries."""
    return render("archived_banner.html.j2", as_of=as_of, latest=latest)


def archive_page(page: str, as_of: str) -> str:
    """A report page as the archive shows it, with the archived-edition banner under its
    site header (the report template's own ``</header>``); its search box searches the
    live site (an edition has no index of its own)."""
    banner = archived_banner(as_of)
    page = page.replace('action="../search.html"', 'action="../../search.html"')
    for mark in AFTER:
        if mark in page:
            return page.replace(mark, f"{mark}\n{banner}", 1)
    return banner + page
