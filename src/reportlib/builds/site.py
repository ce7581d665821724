"""The landing page, ``reports/index.html``: the publication's front door.

For each scenario, newest as-of date first: its title and as-of date, the bottom line and
key judgments of its summary report (the catalogue's ``summary``, the brief), then every
report by its title with its HTML and PDF and the PDF's page count; then the editions
archive (``reports/editions/``), each with its "what changed" summary. The page is audited
like a report: each scenario's part is traced against its summary report's facts, and the
page counts are facts of the page itself (``index.facts.json``), so a number on it that
traces to nothing fails the build.

Nothing here runs when nothing changed: the page carries a key (the manifest, the files it
reads, this code) and is rewritten only when the key differs.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths
from .atomic import write_atomic

SITE_KEY = re.compile(r'<meta name="reportlib-site" content="([0-9a-f]+)">')
_BOTTOM_LINE = re.compile(r"<p><strong>Bottom line\.</strong>.*?</p>", re.S)
_KEYBOX = re.compile(r'<div class="keybox"[^>]*>\s*(<ol\b.*?</ol>)', re.S)

STYLE = """:root{--ink:#1b2a41;--muted:#5b6570;--accent:#0072b2}
body{font-family:Georgia,"Libertinus Serif","Times New Roman",serif;margin:0;color:#222;
line-height:1.5}
header,footer,h1,h2,h3,.asof,.reports,.editions,form{font-family:"DejaVu Sans","Helvetica Neue",
Arial,sans-serif}
.site-header{background:#f3f5f8;border-bottom:1px solid #d5d9de;font-size:.85rem}
.site-header div{max-width:46rem;margin:0 auto;padding:.5rem 1.25rem;display:flex;
flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
.site-header label{color:var(--muted)}
.site-header input{font:inherit;padding:.15rem .3rem;width:12rem;border:1px solid #767f89}
.site-header button{font:inherit;padding:.15rem .5rem}
main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{color:var(--ink);font-size:1.6rem;line-height:1.25}
h2{color:var(--ink);font-size:1.25rem;border-bottom:1px solid #d5d9de;padding-bottom:.2em;
margin-top:2.2rem}
h3{color:var(--ink);font-size:1rem;margin:1.2rem 0 .4rem}
.asof{color:var(--muted);margin:.2rem 0 .8rem;font-size:.9rem}time{white-space:nowrap}
.site-header form{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}
.contents{font-family:"DejaVu Sans","Helvetica Neue",Arial,sans-serif;font-size:.9rem;
padding-left:1.2rem}
details.judgments summary{cursor:pointer;color:var(--ink);font-family:"DejaVu Sans",
"Helvetica Neue",Arial,sans-serif;font-weight:bold;margin:1.2rem 0 .4rem}
.keybox{background:#eef2f7;border-left:4px solid var(--accent);padding:.5em 1em}
.keybox ol{margin:0;padding-left:1.3em}.keybox li{margin:.35em 0}
.reports{list-style:none;padding:0;font-size:.9rem}.reports li{margin:.45rem 0}
.reports .title{display:block}.formats{color:var(--muted)}
.bad{color:#b00020}a{color:#1f4e8c}
.editions{list-style:none;padding:0}.editions li{margin:.6rem 0}
@media print{.site-header{display:none}a{color:inherit;text-decoration:none}}"""


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


def summary_parts(page: str) -> tuple[str | None, str | None]:
    """The bottom line paragraph and the key judgments list of a rendered summary report
    (its HTML, as the lean template writes the views' Markdown), or None for a part it
    lacks."""
    bottom = _BOTTOM_LINE.search(page)
    keybox = _KEYBOX.search(page)
    return (bottom.group(0) if bottom else None), (keybox.group(1) if keybox else None)


def output(paths: ProjectPaths, recorded: str) -> Path:
    """A report file the manifest records (``reports/<scenario>/<file>``) in this
    output folder (``build --check`` builds into another one)."""
    return paths.reports / Path(recorded).relative_to("reports")


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def site_key(paths: ProjectPaths, entries: list[dict[str, Any]], extra: list[str]) -> str:
    """What the landing page is made from, as one hash: the manifest's entries, every
    report file it reads or links, the scenarios and catalogue, the editions, this code."""
    h = hashlib.sha256()
    h.update(json.dumps(entries, sort_keys=True).encode())
    for entry in entries:
        for key in ("html", "pdf"):
            h.update(_digest(output(paths, entry[key])).encode())
    for path in (
        paths.data / "scenarios.toml",
        paths.notebooks / "catalogue.toml",
        Path(__file__),
        *sorted(paths.reports.glob("editions/*/edition.json")),
    ):
        h.update(path.name.encode() + _digest(path).encode())
    for item in extra:
        h.update(item.encode())
    return h.hexdigest()


def report_title(paths: ProjectPaths, notebook: str) -> str:
    from .planning import _title

    return _title(paths.root / notebook)


def write_site(
    paths: ProjectPaths,
    entries: list[dict[str, Any]],
    scenario_titles: dict[str, str],
    newest: date | None = None,
) -> list[str]:
    """Write ``index.html`` (unless its key is unchanged) and ``index.facts.json``;
    return the numbers on the page that trace to nothing (empty: the page passes)."""
    key = site_key(paths, entries, [json.dumps(scenario_titles, sort_keys=True)])
    try:
        found = SITE_KEY.search(paths.index.read_text(encoding="utf-8"))
    except OSError:
        found = None
    if found and found.group(1) == key:
        return []
    page, facts, problems = landing_page(paths, entries, scenario_titles, newest, key)
    write_atomic(paths.index, page)
    text = json.dumps(facts, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    write_atomic(paths.reports / "index.facts.json", text)
    return problems


def landing_page(
    paths: ProjectPaths,
    entries: list[dict[str, Any]],
    scenario_titles: dict[str, str],
    newest: date | None,
    key: str,
) -> tuple[str, list[dict[str, Any]], list[str]]:
    """The page, its own facts (page counts) and the numbers on it that trace to nothing."""
    from ..analysis.scenarios import load_scenarios, previous_edition
    from ..audit import trace_text, verbatim_texts
    from ..exporters.text import html_string_text
    from ..ledger import check_ledger

    scenarios = load_scenarios(paths.data)
    if newest is None:
        newest = check_ledger(paths.data)[1]
    summary = summary_notebook(paths)
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(entry["scenario"], []).append(entry)
    sections: list[tuple[str, str, str]] = []  # (as-of, scenario, HTML)
    page_facts: list[dict[str, Any]] = []
    problems: list[str] = []
    verbatim = verbatim_texts(paths.data)
    titles: dict[str, str] = {}
    shown: dict[str, str] = {}  # each scenario's title
    for scenario, items in groups.items():
        sc = scenarios.get(scenario)
        as_of = ""
        if sc is not None and newest is not None:
            override = items[0].get("parameters", {}).get("as_of")
            as_of = sc.resolve_as_of(
                newest, date.fromisoformat(override) if override else None
            ).isoformat()
        name = scenario_titles.get(scenario) or (sc.title if sc else scenario)
        shown[scenario] = name
        parts = [f'<section aria-labelledby="s-{html.escape(scenario)}">']
        parts.append(f'<h2 id="s-{html.escape(scenario)}">{html.escape(name)}</h2>')
        if as_of:
            line = f'As of <time datetime="{as_of}">{as_of}</time>'
            before = previous_edition(sc, date.fromisoformat(as_of), paths.editions) if sc else None
            if before is not None:
                earlier = before.isoformat()
                line += f'; previous edition as of <time datetime="{earlier}">{earlier}</time>'
            parts.append(f'<p class="asof">{line}.</p>')
        facts: list[dict[str, Any]] = []
        brief = next((e for e in items if Path(e["notebook"]).stem == summary), None)
        if brief is not None and output(paths, brief["html"]).exists():
            bottom, judgments = summary_parts(output(paths, brief["html"]).read_text("utf-8"))
            facts_path = output(paths, brief["html"]).with_suffix(".facts.json")
            if facts_path.exists():
                facts = json.loads(facts_path.read_text(encoding="utf-8"))
            if bottom:
                parts.append(bottom)
            if judgments:
                parts.append(
                    f'<details class="judgments" open>\n<summary>Key judgments</summary>'
                    f'\n<div class="keybox">{judgments}</div>\n</details>'
                )
        parts.append("<h3>Reports</h3>")
        parts.append('<ul class="reports">')
        for e in items:
            stem = Path(e["notebook"]).stem
            if e["notebook"] not in titles:
                titles[e["notebook"]] = report_title(paths, e["notebook"])
            href = html.escape(Path(e["html"]).relative_to("reports").as_posix())
            pdf = html.escape(Path(e["pdf"]).relative_to("reports").as_posix())
            pages = page_count(output(paths, e["pdf"]))
            count = ""
            if pages is not None:
                page_facts.append(
                    {
                        "key": f"pages:{scenario}/{stem}",
                        "kind": "derived",
                        "text": str(pages),
                        "value": float(pages),
                        "low": None,
                        "high": None,
                        "unit": "pages",
                        "provenance": [e["pdf"]],
                    }
                )
                facts.append(page_facts[-1])
                count = f" ({pages} page{'s' if pages != 1 else ''})"
            status = "" if e["status"] == "ok" else f' <strong class="bad">{e["status"]}</strong>'
            parts.append(
                f'<li><a class="title" href="{href}">{html.escape(titles[e["notebook"]])}</a>'
                f'<span class="formats"><a href="{href}">HTML</a> · '
                f'<a href="{pdf}">PDF{count}</a></span>{status}</li>'
            )
        parts.append("</ul>\n</section>")
        block = "\n".join(parts)
        label = f"index.html ({scenario})"
        for finding in trace_text(label, html_string_text(block), facts, verbatim):
            if not finding.ok:
                problems.append(f"{finding.number} in {finding.report} at {finding.context}")
        sections.append((as_of, scenario, block))
    order = {name: i for i, name in enumerate(groups)}
    sections.sort(key=lambda s: (s[0] and -date.fromisoformat(s[0]).toordinal(), order[s[1]]))
    # the newest scenario's judgments open; the others fold (a click, no script, shows them)
    contents = "".join(
        f'<li><a href="#s-{html.escape(name)}">{html.escape(shown[name])}</a></li>'
        for _, name, _ in sections
    )
    sections[1:] = [
        (a, b, block.replace('<details class="judgments" open>', '<details class="judgments">'))
        for a, b, block in sections[1:]
    ]
    editions, more = _editions_html(paths, verbatim)
    problems += more
    archive = '<li><a href="#editions">Editions archive</a></li>' if editions else ""
    body = "\n".join(s[2] for s in sections) + editions
    search = (
        '<form action="search.html" method="get" role="search">'
        '<label for="q">Search the reports</label> <input id="q" name="q" type="search"> '
        '<button type="submit">Search</button></form>'
    )
    has_feed = (paths.reports / "feed.xml").exists()
    feed = '<a href="feed.xml">Feed of editions</a>' if has_feed else ""
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<meta name="reportlib-site" content="{key}">
<title>Reports: North Korea's troop deployment to Russia</title>
<link rel="alternate" type="application/atom+xml" title="Editions" href="feed.xml">
<style>{STYLE}</style></head>
<body>
<header class="site-header"><div>{search}{feed}</div></header>
<main id="content" data-pagefind-ignore="all">
<h1>North Korea's troop deployment to Russia</h1>
<p>Every report, by scenario, newest as-of date first: each scenario's bottom line and key
judgments, then its reports.</p>
<nav aria-label="Scenarios"><ul class="contents">{contents}{archive}</ul></nav>
{body}
</main>
</body></html>
"""
    return page, page_facts, problems


def _correction_html(folder: str, info: dict[str, Any]) -> str:
    """A correction in the editions archive: which edition it corrects, why (the reason
    the publisher gave, quoted as given) and the files it changed."""
    files = ", ".join(info.get("changed_files") or []) or "none"
    links = " · ".join(
        f'<a href="editions/{html.escape(folder)}/{html.escape(r)}">{html.escape(t)}</a>'
        for r, t in info.get("links", [])
    )
    return (
        f"<li><h3>Correction to the edition as of {html.escape(str(info.get('as_of')))} "
        f"(revision {html.escape(str(info.get('revision')))})</h3>\n"
        f"<p>Corrected on {html.escape(str(info.get('corrected_on', '')))}: "
        f"&ldquo;{html.escape(str(info.get('reason', '')))}&rdquo; Files changed: "
        f"{html.escape(files)}.</p>\n"
        f'<p class="formats">{links}</p></li>'
    )


def _editions_html(paths: ProjectPaths, verbatim: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """The editions archive, newest first, each with its "what changed" summary; and the
    numbers in those summaries that trace to no fact of the edition's own summary report."""
    from ..audit import trace_text

    folder = paths.reports / "editions"
    items, problems = [], []
    for path in sorted(folder.glob("*/edition.json"), reverse=True):
        if path.parent.name.startswith("."):  # an interrupted publish's scratch folder
            continue
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        as_of = path.parent.name
        if info.get("revision"):  # a correction: its reason, as given, and what it changed
            items.append(_correction_html(as_of, info))
            continue
        changed = info.get("changed") or "The first edition in the archive."
        report = info.get("summary_report") or "brief"
        try:
            facts = json.loads((path.parent / f"{report}.facts.json").read_text("utf-8"))
        except (OSError, ValueError):
            facts = []
        for finding in trace_text(f"index.html (edition {as_of})", changed, facts, verbatim):
            if not finding.ok:
                problems.append(f"{finding.number} in {finding.report} at {finding.context}")
        links = " · ".join(
            f'<a href="editions/{html.escape(as_of)}/{html.escape(r)}">{html.escape(t)}</a>'
            for r, t in info.get("links", [])
        )
        bundle = path.parent.with_suffix(".zip")
        if bundle.exists():
            links += f' · <a href="editions/{html.escape(bundle.name)}">Bundle (zip)</a>'
        items.append(
            f"<li><h3>Edition as of {html.escape(as_of)}</h3>\n<p>{html.escape(changed)}</p>\n"
            f'<p class="formats">{links}</p></li>'
        )
    if not items:
        return "", problems
    page = (
        '\n<section aria-labelledby="editions"><h2 id="editions">Editions archive</h2>\n'
        '<ul class="editions">\n' + "\n".join(items) + "\n</ul>\n</section>"
    )
    return page, problems
