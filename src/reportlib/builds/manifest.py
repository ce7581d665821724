"""``reports/manifest.json`` and ``reports/index.html``: what was built, and links to it."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths
from .atomic import write_atomic


def read_manifest(paths: ProjectPaths) -> list[dict[str, Any]]:
    try:
        return list(json.loads(paths.manifest.read_text(encoding="utf-8"))["reports"])
    except (FileNotFoundError, json.JSONDecodeError, KeyError, TypeError):
        return []


def merge(old: list[dict[str, Any]], new: list[dict[str, Any]], order: list[str]) -> list[dict]:
    """Entries of this run replace earlier ones of the same report; others are kept while
    the catalogue still has them (``order``: every report it lists, in its order), so a
    removed or renamed scenario or notebook leaves the manifest, and so the landing page."""
    rank = {key: i for i, key in enumerate(order)}
    by_key = {f"{e['scenario']}/{Path(e['notebook']).stem}": e for e in old}
    for entry in new:
        by_key[f"{entry['scenario']}/{Path(entry['notebook']).stem}"] = entry
    by_key = {k: e for k, e in by_key.items() if k in rank}
    return sorted(
        by_key.values(),
        key=lambda e: (
            rank.get(f"{e['scenario']}/{Path(e['notebook']).stem}", len(rank)),
            e["scenario"],
            e["notebook"],
        ),
    )


def write_manifest(paths: ProjectPaths, entries: list[dict[str, Any]]) -> None:
    text = json.dumps({"reports": entries}, indent=2, sort_keys=False, ensure_ascii=False)
    write_atomic(paths.manifest, text + "\n")


def write_index(paths: ProjectPaths, entries: list[dict[str, Any]], titles: dict[str, str]) -> None:
    """A plain page linking every report, grouped by scenario, each scenario with the
    as-of date its reports stand on and, where it names one, its previous edition."""
    from datetime import date

    from ..analysis.scenarios import load_scenarios, previous_edition
    from ..ledger import check_ledger

    scenarios = load_scenarios(paths.data)
    newest = check_ledger(paths.data)[1]  # the `latest` as-of date (no pandas)
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(entry["scenario"], []).append(entry)
    parts = []
    for scenario, items in groups.items():
        parts.append(
            f"<h2>{html.escape(titles.get(scenario, scenario))} "
            f"<small>({html.escape(scenario)})</small></h2>"
        )
        sc = scenarios.get(scenario)
        if sc is not None and newest is not None:
            override = items[0].get("parameters", {}).get("as_of")
            as_of = sc.resolve_as_of(newest, date.fromisoformat(override) if override else None)
            line = f"As of {as_of.isoformat()}"
            before = previous_edition(sc, as_of, paths.editions)
            if before is not None:
                line += f"; previous edition as of {before.isoformat()}"
            parts.append(f'<p class="asof">{html.escape(line)}.</p>')
        parts.append("<ul>")
        for e in items:
            name = html.escape(Path(e["notebook"]).stem)
            href_html = html.escape(Path(e["html"]).relative_to("reports").as_posix())
            href_pdf = html.escape(Path(e["pdf"]).relative_to("reports").as_posix())
            status = "" if e["status"] == "ok" else f' <strong class="bad">{e["status"]}</strong>'
            parts.append(
                f'<li><a href="{href_html}">{name}</a> · <a href="{href_pdf}">PDF</a>{status}</li>'
            )
        parts.append("</ul>")
    body = "\n".join(parts)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>reportlib reports</title>
<style>body{{font-family:"DejaVu Sans",Arial,sans-serif;max-width:40rem;margin:2rem auto;
padding:0 1rem;color:#222}}h1{{color:#1b2a41}}small{{color:#5b6570;font-weight:normal}}
li{{margin:.3rem 0}}.bad{{color:#b00020}}.asof{{color:#5b6570;margin:.2rem 0}}</style></head>
<body><h1>Reports</h1>
<p>North Korea's troop deployment to Russia: every report, by scenario.</p>
{body}
</body></html>
"""
    write_atomic(paths.index, page)


def write_if_changed(path: Path, text: str, writer: Callable[[], None]) -> None:
    """Call ``writer`` unless ``path`` already holds ``text`` (keeps unchanged files'
    timestamps, so a no-op build touches nothing)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except FileNotFoundError:
        pass
    writer()


def read_runlog(folder: Path) -> list[dict[str, Any]]:
    """The last build's run log (what ``write_runlog`` wrote), or [] if there is none."""
    try:
        log = json.loads((folder / ".runlog" / "last.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return log if isinstance(log, list) else []


def write_runlog(folder: Path, outcomes: list[Any]) -> None:
    """Volatile facts of the run (durations, cache use): not committed."""
    log = [
        {
            "report": o.label,
            "status": o.status,
            "action": o.action,
            "seconds": round(o.duration, 3),
            "error": o.error,
            **({"note": o.note} if o.note else {}),
        }
        for o in outcomes
    ]
    write_atomic(folder / ".runlog" / "last.json", json.dumps(log, indent=1) + "\n")


PAGE_STYLE = """<style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;color:#222}h1{color:#1b2a41}small{color:#5b6570;
font-weight:normal}li{margin:.3rem 0}.bad{color:#b00020}table{border-collapse:collapse;
font-size:.85rem}td,th{border-bottom:1px solid #d5d9de;padding:.2rem .5rem;text-align:right}
td:first-child,th:first-child{text-align:left}</style>"""


def _overrides_text(overrides: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(overrides.items())) or "none (the defaults)"


def write_whatif_index(
    paths: ProjectPaths, entries: list[dict[str, Any]], titles: dict[str, str], overrides: dict
) -> None:
    """A what-if run's own index page (``reports/what-if/<name>/index.html``)."""
    folder = paths.relative(paths.reports)
    base = Path(folder.split("/what-if/", 1)[-1])
    parts = []
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(entry["scenario"], []).append(entry)
    for scenario, items in groups.items():
        parts.append(
            f"<h2>{html.escape(titles.get(scenario, scenario))} "
            f"<small>({html.escape(scenario)})</small></h2>\n<ul>"
        )
        for e in items:
            name = html.escape(Path(e["notebook"]).stem)
            href = Path(e["html"].split("/what-if/", 1)[-1]).relative_to(base).as_posix()
            pdf = Path(e["pdf"].split("/what-if/", 1)[-1]).relative_to(base).as_posix()
            status = "" if e["status"] == "ok" else f' <strong class="bad">{e["status"]}</strong>'
            parts.append(
                f'<li><a href="{html.escape(href)}">{name}</a> · '
                f'<a href="{html.escape(pdf)}">PDF</a>{status}</li>'
            )
        parts.append("</ul>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>What-if run: {html.escape(str(base))}</title>
{PAGE_STYLE}</head>
<body><h1>What-if run</h1>
<p>Not the canonical reports: these were rendered with overrides
{html.escape(_overrides_text(overrides))}.</p>
{chr(10).join(parts)}
</body></html>
"""
    write_atomic(paths.index, page)


def write_sweep_index(
    folder: Path, rows: list[dict[str, Any]], axes: list[str], columns: list[str]
) -> None:
    """The grid's page: one row per combination and scenario, its overrides, a few
    headline figures, and links to its reports (``comparison.csv`` has every column)."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ["scenario", *axes, *columns, "reports"])
    body = []
    for row in rows:
        cells = [html.escape(str(row["scenario"]))]
        cells += [html.escape(str(row.get(a, ""))) for a in axes]
        cells += [html.escape(_short(row.get(c))) for c in columns]
        links = " · ".join(  # combinations sit beside the grid's folder in what-if/
            f'<a href="../{html.escape(v.split("/what-if/", 1)[-1])}">'
            f"{html.escape(k.removesuffix('_html'))}</a>"
            for k, v in row.items()
            if k.endswith("_html") and v
        )
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + f"<td>{links}</td></tr>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sweep: {html.escape(folder.name)}</title>
{PAGE_STYLE}</head>
<body><h1>Parameter sweep</h1>
<p>What-if runs, not the canonical reports: one row per combination of
{html.escape(", ".join(axes))} and scenario. Every figure and term is in
<a href="comparison.csv">comparison.csv</a> (and <a href="comparison.json">JSON</a>).</p>
<table><thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(body)}
</tbody></table>
</body></html>
"""
    write_atomic(folder / "index.html", page)


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1 else f"{value:,.0f}"
    return "" if value is None else str(value)
