"""``reports/manifest.json`` and ``reports/index.html``: what was built, and links to it."""

from __future__ import annotations

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
