"""The site's own pages (landing, editions, what-if and sweep indexes, not found), drawn
from Jinja2 templates (``builds/templates/``) fed by structured data: the manifest, the
facts, ``edition.json`` and the reports' own views. Nothing here reads a rendered page
back.

One look for all of them: ``site.css`` (inlined: a page works opened from disk) and one
icon (inline SVG, so no page asks the server for ``/favicon.ico``).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths

TEMPLATES = Path(__file__).parent / "templates"
#: The site's title, on every page it draws.
SITE_TITLE = "North Korea's troop deployment to Russia"
#: A small square mark in the site's ink colour, as a data URI (no request for an icon).
ICON = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
    "%3Crect width='16' height='16' rx='3' fill='%231b2a41'/%3E%3Cpath d='M4 11V5h3.2a2 2 0 "
    "0 1 0 4H4m3.2 0L10 11' stroke='%23fff' stroke-width='1.6' fill='none'/%3E%3C/svg%3E"
)


@cache
def environment() -> Any:
    """The site's Jinja2 environment: HTML escaped by default, strict about missing data."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    from ..facts import INTERVAL

    shared: dict[str, Any] = {
        "site_title": SITE_TITLE,
        "icon": ICON,
        "style": site_css(),
        "interval": INTERVAL,  # a computed figure's range, named as the reports name it
    }
    env.globals.update(shared)
    return env


@cache
def site_css() -> str:
    return (TEMPLATES / "site.css").read_text(encoding="utf-8")


def render(template: str, **data: Any) -> str:
    """One page from its template and data."""
    return environment().get_template(template).render(**data)


def templates_digest() -> str:
    """The templates, the style sheet and this package's page code, as one hash (a page
    whose inputs are unchanged is not rewritten; a changed template rewrites it)."""
    h = hashlib.sha256()
    for path in sorted([*TEMPLATES.iterdir(), *Path(__file__).parent.glob("*.py")]):
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def summary_notebook(paths: ProjectPaths) -> str | None:
    """The catalogue's ``summary``: the report whose bottom line and key judgments the
    landing page shows for each scenario (None: the page shows none)."""
    import tomllib

    try:
        raw = tomllib.loads((paths.notebooks / "catalogue.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    name = raw.get("summary")
    return name if isinstance(name, str) else None


def page_count(pdf: Path) -> int | None:
    """The number of pages of a PDF (PDFium), or None if it cannot be read."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(pdf)
    except (OSError, pdfium.PdfiumError):
        return None
    try:
        return len(doc)
    finally:
        doc.close()


def output(paths: ProjectPaths, recorded: str) -> Path:
    """A report file the manifest records (``reports/<scenario>/<file>``) in this
    output folder (``build --check`` builds into another one)."""
    return paths.reports / Path(recorded).relative_to("reports")


def report_title(paths: ProjectPaths, notebook: str) -> str:
    from .planning import _title

    return _title(paths.root / notebook)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
