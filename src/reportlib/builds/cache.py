"""What a report depends on, as hashes; and the small index of what was last built.

Execution is skipped when its key is unchanged: the notebook's code cells (source and
tags, never its Markdown), the parameters, the ledger as the report's scenario can see it
on its as-of date (``admitted_digest``: a row dated after it, or from a source the
scenario does not admit, changes nothing) and the previous edition it tells what changed
against, the reportlib source that runs while the notebook executes (the analysis, views,
charts and the matplotlib style sheet in ``styles/``, which changes the charts), the
locked dependency versions and the Python version. Rendering is skipped when, in
addition, the whole notebook (Markdown included), the render side (``exporters/``: the
exporters, the HTML and Typst templates, the CSS, the Lua filter and ``report.typ``; and
the audit, which checks what is rendered), and the outputs on disk are unchanged. So
editing prose, a template or the CSS re-renders without re-executing; editing the style
sheet re-executes.

The cache is plain files under ``reports/.cache/``: ``executed/<key>.ipynb`` and
``index.json`` (one entry per report), each written atomically, so an interrupted build
leaves it consistent.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import PACKAGE_DIR, ProjectPaths
from .atomic import write_atomic

if TYPE_CHECKING:
    from ..analysis.scenarios import Scenario

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


#: The ledger tables whose rows a scenario admits by date and source; every other data
#: file (units, quantities, qualifiers, grades, exchange rates, judgments, searches,
#: organisations, scenarios) counts whole.
DATED_TABLES = ("claims", "events", "technology", "factors", "sources")


def _rows(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def admitted_digest(paths: ProjectPaths, scenario: Scenario, as_of: date, *extra: Any) -> str:
    """What the ledger can show a report of ``scenario`` standing on ``as_of``, as one
    hash: every data file except the dated tables whole, and of those only the rows the
    scenario admits (``_admitted_rows``), and ``extra`` (the previous edition) too. So a
    row dated after a scenario's as-of date, or from a source it does not admit, and its
    new source leave that scenario's reports cached; any other edit re-runs them. A
    malformed date counts as known (``reportlib check`` refuses it before any build)."""
    from ..ledger.dates import parse_partial_date

    def known(text: str | None) -> bool:
        try:
            return parse_partial_date(str(text or "")).end <= as_of
        except ValueError:
            return True

    sources = None if scenario.sources is None else list(scenario.sources)
    h = hashlib.sha256(json.dumps([as_of.isoformat(), sources, *extra], default=str).encode())
    tables: dict[str, list[dict[str, str]]] = {}
    for path in paths.data_files():
        if path.suffix == ".csv" and path.stem in DATED_TABLES:
            tables[path.stem] = _rows(path)
        else:
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    kept = _admitted_rows(tables, known, scenario)
    for name in sorted(tables):
        h.update(name.encode() + b"\0")
        h.update(json.dumps(kept[name], sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


Row = dict[str, str]


def _admitted_rows(
    tables: dict[str, list[Row]], known: Callable[[str | None], bool], scenario: Scenario
) -> dict[str, list[Row]]:
    """The rows of the dated tables a report of ``scenario`` standing on the day ``known``
    tests can show, each table in its file's order, by the scenario's own rules
    (``Scenario.claims``, ``admitted``, ``events``): claims known by then that it admits
    (``Scenario.admits_claim``: from its sources, or of a context quantity) and the claims
    they relay; events from an admitted source dated by then or reported by then;
    technology and factors from an admitted source by their date; the sources those cite
    and any admitted source published by then. A row a role names alone (``LEDGER_ROLES``
    without ``many``) is kept whatever the scenario admits: the reports look such a row
    up by its role (the troops' dispatch date), not through the scenario."""
    published = {r.get("source_id"): r.get("date") for r in tables.get("sources", [])}

    def admitted(r: Row) -> bool:
        return scenario.admits_source(r.get("source_id"))

    kept = {
        "claims": _with_relayed(
            tables.get("claims", []),
            lambda r: (
                known(r.get("claim_date"))
                and scenario.admits_claim(r.get("source_id"), r.get("quantity"))
            ),
        ),
        "events": [
            r
            for r in tables.get("events", [])
            if admitted(r) and (known(r.get("date")) or known(published.get(r.get("source_id"))))
        ],
        "technology": [
            r for r in tables.get("technology", []) if admitted(r) and known(r.get("date"))
        ],
        "factors": [r for r in tables.get("factors", []) if admitted(r) and known(r.get("date"))],
    }
    cited = {r.get("source_id") for rows in kept.values() for r in rows}
    kept["sources"] = [
        r
        for r in tables.get("sources", [])
        if (admitted(r) and known(r.get("date"))) or r.get("source_id") in cited
    ]
    for name, rows in kept.items():  # the rows a role names alone, in the file's order
        chosen = {id(r) for r in rows}
        kept[name] = [r for r in tables.get(name, []) if id(r) in chosen or _named(r)]
    return kept


def _named(row: Row) -> bool:
    """Whether ``row`` carries a role only one row may carry (the reports read it by role)."""
    from ..ledger.roles import LEDGER_ROLES
    from ..ledger.rules import row_roles

    return any(role in LEDGER_ROLES and not LEDGER_ROLES[role].many for role in row_roles(row))


def _with_relayed(rows: list[Row], admits: Callable[[Row], bool]) -> list[Row]:
    """The claims ``admits`` keeps, with every claim they relay (a relayed statement is
    shown with the one that relays it, whatever its date or source), in their file order."""
    by_id = {r.get("id"): r for r in rows}
    claims = {r.get("id") for r in rows if admits(r)}
    todo = [by_id[i].get("relays") for i in claims]
    while todo:
        relayed = todo.pop()
        if relayed and relayed not in claims and relayed in by_id:
            claims.add(relayed)
            todo.append(by_id[relayed].get("relays"))
    return [r for r in rows if r.get("id") in claims]


def checked_ledger(paths: ProjectPaths) -> tuple[list[Any], date | None]:
    """``ledger.check_ledger`` (problems, newest report's date), remembered in
    ``reports/.cache/ledger-check.json`` for a ledger that checks: the same data files,
    reportlib code and environment (the fonts a cell must be drawable in) check the same,
    so a build with nothing to do skips the check (and the font imports it needs)."""
    from ..ledger import check_ledger

    key = combine("ledger-check", data_digest(paths), library_digest(), environment_digest(paths))
    stamp = paths.cache / "ledger-check.json"
    try:
        saved = json.loads(stamp.read_text(encoding="utf-8"))
        if saved["key"] == key:
            return [], date.fromisoformat(saved["newest"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    problems, newest = check_ledger(paths.data)
    if not problems and newest is not None:
        write_atomic(stamp, json.dumps({"key": key, "newest": newest.isoformat()}) + "\n")
    return problems, newest


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
