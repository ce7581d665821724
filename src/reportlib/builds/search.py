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

SEARCH_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search the reports</title>
<link rel="icon" href="data:,">
<link href="pagefind/pagefind-ui.css" rel="stylesheet">
<style>body{font-family:"DejaVu Sans","Helvetica Neue",Arial,sans-serif;margin:0;color:#222}
header{background:#f3f5f8;border-bottom:1px solid #d5d9de;font-size:.9rem}
header div,main{max-width:46rem;margin:0 auto;padding:.6rem 1.25rem}
h1{color:#1b2a41;font-size:1.5rem}a{color:#1f4e8c}
:root{--pagefind-ui-primary:#1f4e8c;--pagefind-ui-text:#222;--pagefind-ui-border:#767f89;
--pagefind-ui-font:"DejaVu Sans","Helvetica Neue",Arial,sans-serif}
.pagefind-ui__result-excerpt mark{background:#fde68a;color:#222}
.pagefind-ui__message{color:#3d4650}</style>
</head>
<body>
<header><div><a href="index.html"><strong>All reports</strong></a></div></header>
<main>
<h1>Search the reports</h1>
<div id="search"></div>
<noscript><p>Search needs JavaScript; every report is listed on the
<a href="index.html">landing page</a>.</p></noscript>
<p id="search-offline" hidden>The search index loads over HTTP: run
<code>reportlib serve</code> and open this page at the address it prints.</p>
</main>
<script src="pagefind/pagefind-ui.js"></script>
<script>
window.addEventListener("DOMContentLoaded", function () {
  if (location.protocol === "file:" || typeof PagefindUI === "undefined") {
    document.getElementById("search-offline").hidden = false;
    return;
  }
  var ui = new PagefindUI({ element: "#search", showSubResults: true, showImages: false,
                            resetStyles: false });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { ui.triggerSearch(q); }
});
</script>
</body></html>
"""


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
    h = hashlib.sha256(SEARCH_PAGE.encode())
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
    search_page = paths.reports / "search.html"
    try:
        if search_page.read_text(encoding="utf-8") != SEARCH_PAGE:
            raise FileNotFoundError
    except OSError:
        write_atomic(search_page, SEARCH_PAGE)
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
