"""``reports/manifest.json`` and ``reports/index.html``: what was built, and links to it."""

from __future__ import annotations

import html
import json
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
    """Entries of this run replace earlier ones of the same report; others are kept."""
    by_key = {f"{e['scenario']}/{Path(e['notebook']).stem}": e for e in old}
    for entry in new:
        by_key[f"{entry['scenario']}/{Path(entry['notebook']).stem}"] = entry
    rank = {key: i for i, key in enumerate(order)}
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
    """A plain page linking every report, grouped by scenario."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(entry["scenario"], []).append(entry)
    parts = []
    for scenario, items in groups.items():
        parts.append(
            f"<h2>{html.escape(titles.get(scenario, scenario))} "
            f"<small>({html.escape(scenario)})</small></h2>\n<ul>"
        )
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
li{{margin:.3rem 0}}.bad{{color:#b00020}}</style></head>
<body><h1>Reports</h1>
<p>North Korea's troop deployment to Russia: every report, by scenario.</p>
{body}
</body></html>
"""
    write_atomic(paths.index, page)
