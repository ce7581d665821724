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
    folder: str = ""  # its folder under reports/editions/ (a correction's: <as-of>-rN)
    revision: int | None = None  # a correction: its number (the edition itself is 1)
    reason: str = ""  # a correction: the reason the publisher gave, as given
    corrected_on: str = ""  # a correction: the day it was published
    changed_files: list[str] = field(default_factory=list)  # a correction: what it changed

    @property
    def anchor(self) -> str:
        return self.folder or self.as_of


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
    """An edition or a correction (``revision`` in its ``edition.json``) as the site lists
    it; paths by its folder, dates by its as-of date."""
    name = folder.name
    links = []
    for html, title in info.get("links", []):
        pdf = Path(html).with_suffix(".pdf").name
        links.append(
            EditionLink(
                title, f"{name}/{html}", f"{name}/{pdf}" if (folder / pdf).exists() else None
            )
        )
    report = info.get("summary_report") or "brief"
    try:
        facts = json.loads((folder / f"{report}.facts.json").read_text("utf-8"))
    except (OSError, ValueError):
        facts = []
    package = folder / "data" / "datapackage.json"
    bundle = folder.with_suffix(".zip")
    revision = info.get("revision")
    return Edition(
        as_of=str(info.get("as_of") or name),
        title=str(info.get("title") or ""),
        bottom_line=str(info.get("bottom_line") or ""),
        changed=str(info.get("changed") or "The first edition in the archive."),
        reports=links,
        sums=f"{name}/SHA256SUMS",
        data_package=f"{name}/data/datapackage.json" if package.exists() else None,
        bundle=bundle.name if bundle.exists() else None,
        facts=facts,
        folder=name,
        revision=int(revision) if revision else None,
        reason=str(info.get("reason") or ""),
        corrected_on=str(info.get("corrected_on") or ""),
        changed_files=[str(f) for f in info.get("changed_files") or []],
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
    site header (the report template's own ``</header>``). The report template links the
    rest of the site one folder up (``../``); an edition sits one folder deeper, so those
    links (home, search, the other scenarios) are pointed at the live site, and its search
    box searches it (an edition has no index of its own)."""
    banner = archived_banner(as_of)
    page = page.replace('href="../', 'href="../../').replace('action="../', 'action="../../')
    for mark in AFTER:
        if mark in page:
            return page.replace(mark, f"{mark}\n{banner}", 1)
    return banner + page
