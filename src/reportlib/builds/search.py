"""Full-text search across the reports: a Pagefind index and the page that queries it.

Pagefind (the ``pagefind-bin`` wheel: one static binary, no network) reads each canonical
report's ``<main data-pagefind-body>`` (the site header and outline are left out) and
writes a static index to ``reports/pagefind/``; ``reports/search.html`` loads Pagefind's
own UI from there. Results link to the section a match is in (each ``<h2>`` has an id).
The index is plain files but is fetched by script, so the page needs HTTP:
``reportlib serve``. Generated, not committed (``.gitignore``): ``reportlib build``
writes it, and rewrites it only when a report's HTML changed.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths
from .atomic import write_atomic

BUNDLE = "pagefind"
KEY_FILE = "reportlib-key.txt"

#: What the index leaves out: tables (their cells would run together in an excerpt; the
#: prose states every figure a table holds) and the report's outline (a list of headings).
EXCLUDE = "table, .report-outline"


def search_page(default: str, default_title: str, key: str = "") -> str:
    """``search.html``: Pagefind's UI in the site's design, filtered to ``default`` (the
    published scenario) until the reader picks another; ``key`` (``search_page_key``)
    is written into it, so an unchanged page is not rendered again."""
    from .pages import render

    return render(
        "search.html.j2",
        root="",
        key=key,
        search=False,
        has_editions=False,
        feed=None,
        default=default,
        default_title=default_title,
    )


def search_page_key(default: str, default_title: str) -> str:
    """What ``search.html`` is made from: the published scenario, its title, the
    templates and the page code."""
    from .pages import templates_digest

    return hashlib.sha256(f"{default}\0{default_title}\0{templates_digest()}".encode()).hexdigest()


def _write_search_page(paths: ProjectPaths) -> None:
    """``search.html``, unless the one on disk carries the same key."""
    from .site import SITE_KEY

    published = _published(paths)
    key = search_page_key(*published)
    target = paths.reports / "search.html"
    try:
        found = SITE_KEY.search(target.read_text(encoding="utf-8"))
    except OSError:
        found = None
    if not (found and found.group(1) == key):
        write_atomic(target, search_page(*published, key=key))


class SearchIndexError(RuntimeError):
    """Pagefind could not index the reports (the reports themselves are built and kept)."""

    def user_message(self) -> str:
        return (
            f"search index: {self} while indexing reports/; every report is built and "
            "kept, only search.html is out of date; run 'reportlib build' again to retry"
        )


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the ``pagefind-bin`` wheel."""
    from pagefind_bin import get_executable

    return get_executable()


def index_key(paths: ProjectPaths, pages: list[str]) -> str:
    """The pages indexed and their bytes, as one hash (the bundle is kept while it holds)."""
    h = hashlib.sha256(EXCLUDE.encode())
    for page in sorted(pages):
        h.update(page.encode() + b"\0")
        h.update(hashlib.sha256((paths.reports / page).read_bytes()).digest())
    return h.hexdigest()


def index_site(paths: ProjectPaths, entries: list[dict[str, Any]]) -> bool:
    """Index the canonical reports' HTML and write ``search.html``; returns whether the
    index was rebuilt (False: nothing changed). The new bundle replaces the old whole."""
    names = [e["html"].removeprefix("reports/") for e in entries if e.get("status") == "ok"]
    pages = [name for name in names if (paths.reports / name).exists()]
    if not pages:
        return False
    _write_search_page(paths)
    key = index_key(paths, pages)
    bundle = paths.reports / BUNDLE
    try:
        if (bundle / KEY_FILE).read_text(encoding="utf-8") == key:
            return False
    except OSError:
        pass
    scratch = paths.reports / f".{BUNDLE}-new"
    shutil.rmtree(scratch, ignore_errors=True)
    glob = "{" + ",".join(sorted(pages)) + "}"
    try:
        executable = str(pagefind_executable())
    except (ImportError, OSError) as exc:
        raise SearchIndexError(f"cannot find the Pagefind binary ({exc})") from None
    try:
        done = subprocess.run(
            [
                executable,
                "--site",
                str(paths.reports),
                "--glob",
                glob,
                "--output-path",
                str(scratch),
                "--force-language",
                "en",
                "--exclude-selectors",
                EXCLUDE,
                "--silent",
            ],
            capture_output=True,
            text=True,
        )
    except OSError as exc:
        raise SearchIndexError(f"cannot run Pagefind ({exc})") from None
    if done.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        said = [line for line in (done.stderr or done.stdout or "").splitlines() if line.strip()]
        raise SearchIndexError(
            f"Pagefind exited {done.returncode}" + (f" ({said[-1].strip()})" if said else "")
        )
    (scratch / KEY_FILE).write_text(key, encoding="utf-8")
    old = paths.reports / f".{BUNDLE}-old"
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    scratch.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)
    return True


def _published(paths: ProjectPaths) -> tuple[str, str]:
    """The published scenario (the catalogue's ``published``) and its title."""
    from ..analysis.scenarios import load_scenarios
    from .publishing import catalogue_setting

    name = catalogue_setting(paths, "published", "latest")
    scenario = load_scenarios(paths.data).get(name)
    return name, (scenario.title if scenario else name)
