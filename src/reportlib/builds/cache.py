"""What a report depends on, as hashes; and the small index of what was last built.

Execution is skipped when its key is unchanged: the notebook's code cells (source and
tags, never its Markdown), the parameters, every file of ``data/``, the reportlib source
that runs while the notebook executes (the analysis, views, charts and the matplotlib
style sheet in ``styles/``, which changes the charts), the locked dependency versions and
the Python version. Rendering is skipped when, in addition, the whole notebook (Markdown
included), the render side (``exporters/``: the exporters, the HTML and Typst templates,
the CSS, the Lua filter and ``report.typ``; and the audit, which checks what is rendered),
and the outputs on disk are unchanged. So editing prose, a template or the CSS re-renders
without re-executing; editing the style sheet re-executes.

The cache is plain files under ``reports/.cache/``: ``executed/<key>.ipynb`` and
``index.json`` (one entry per report), each written atomically, so an interrupted build
leaves it consistent.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from ..paths import PACKAGE_DIR, ProjectPaths
from .atomic import write_atomic

RENDER_PARTS = ("exporters", "audit.py")  # used only to render and check the outputs


def _hash_files(files: list[Path], base: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.relative_to(base).as_posix().encode())
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _tree(folder: Path, pattern: str = "**/*") -> list[Path]:
    return [p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts]


def _is_render_part(path: Path, package: Path) -> bool:
    return path.relative_to(package).parts[0] in RENDER_PARTS


def package_digests(package: Path = PACKAGE_DIR) -> tuple[str, str]:
    """(execution, render) digests of a reportlib source tree: every file falls in exactly
    one of them (see the module docstring)."""
    files = _tree(package)
    run = [f for f in files if not _is_render_part(f, package)]
    render = [f for f in files if _is_render_part(f, package)]
    return _hash_files(run, package), _hash_files(render, package)


@cache
def library_digest() -> str:
    """The reportlib source that runs while a notebook executes, as one hash."""
    return package_digests()[0]


@cache
def render_digest() -> str:
    """The reportlib source that renders and audits the outputs, as one hash."""
    return package_digests()[1]


def environment_digest(paths: ProjectPaths) -> str:
    lock = paths.lock_file.read_bytes() if paths.lock_file.exists() else b"no lock"
    return hashlib.sha256(lock + sys.version.encode()).hexdigest()


def data_digest(paths: ProjectPaths) -> str:
    return _hash_files(paths.data_files(), paths.data)


def read_cells(nb_path: Path) -> list[dict[str, Any]]:
    """A notebook's cells read as plain JSON (importing nbformat costs seconds), with each
    cell's source joined into one string as nbformat would."""
    cells = json.loads(nb_path.read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        source = cell.get("source", "")
        cell["source"] = "".join(source) if isinstance(source, list) else source
    return cells


def code_digest(nb_path: Path) -> str:
    """Only the code cells' source and tags: editing prose never forces a re-run."""
    h = hashlib.sha256()
    for cell in read_cells(nb_path):
        if cell.get("cell_type") == "code":
            h.update(cell["source"].encode())
            h.update(json.dumps(sorted(cell.get("metadata", {}).get("tags", []))).encode())
            h.update(b"\0")
    return h.hexdigest()


def notebook_digest(nb_path: Path) -> str:
    h = hashlib.sha256()
    for cell in read_cells(nb_path):
        h.update(cell.get("cell_type", "").encode() + b"\0" + cell["source"].encode() + b"\0")
    return h.hexdigest()


def combine(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


class BuildCache:
    """``reports/.cache``: the index of built reports and the executed notebooks."""

    def __init__(self, paths: ProjectPaths):
        self.folder = paths.cache
        self.index_path = self.folder / "index.json"
        try:
            self.index: dict[str, dict[str, Any]] = json.loads(self.index_path.read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            self.index = {}

    def executed_path(self, exec_key: str) -> Path:
        return self.folder / "executed" / f"{exec_key}.ipynb"

    def has_execution(self, exec_key: str) -> bool:
        return self.executed_path(exec_key).is_file()

    def entry(self, job_key: str) -> dict[str, Any] | None:
        return self.index.get(job_key)

    def record(self, job_key: str, entry: dict[str, Any]) -> None:
        self.index[job_key] = entry
        write_atomic(self.index_path, json.dumps(self.index, indent=1, sort_keys=True))

    def prune(self) -> None:
        """Drop executed notebooks no index entry refers to."""
        keep = {e.get("exec_key") for e in self.index.values()}
        folder = self.folder / "executed"
        if folder.is_dir():
            for f in folder.glob("*.ipynb"):
                if f.stem not in keep:
                    f.unlink(missing_ok=True)
