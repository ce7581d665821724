"""Every path the project uses, resolved in one place.

Only the two entry points look for the project root: the CLI (``reportlib ...``) and
``open_report`` in a notebook. Everything below them (parameters, scenarios, the ledger,
the build) is handed the root or a ``ProjectPaths`` explicitly.

``find_root`` searches, in order: the root of the build that is running this notebook (a
build passes it to the in-process engine, which sets it for the run with
``notebook_root``); the ``REPORTLIB_ROOT`` environment variable, if set by the user; the
nearest folder at or above the working directory whose ``pyproject.toml`` names the
``reportlib`` project; the checkout this package was installed from (an editable
install). So the CLI run from the root, papermill run from the root and JupyterLab run
from ``notebooks/`` all see the same ``data/`` and ``reports/``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT_ENV = "REPORTLIB_ROOT"
PACKAGE_DIR = Path(__file__).resolve().parent

_running: list[Path] = []  # roots of the builds running a notebook in this process


@contextmanager
def notebook_root(root: Path | str) -> Iterator[Path]:
    """While a build runs a notebook in this process, ``find_root`` returns its root.

    The in-process engine sets it for the run (a build's notebook runs in a scratch folder,
    possibly outside the project, as ``build --check`` does); nothing is written to the
    environment, so no other process sees it.
    """
    _running.append(Path(root).resolve())
    try:
        yield _running[-1]
    finally:
        _running.pop()


def _is_project_root(folder: Path) -> bool:
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return False
    try:
        meta = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return meta.get("project", {}).get("name") == "reportlib"


def find_root(start: Path | None = None) -> Path:
    """Return the project root (see the module docstring for the search order).

    Called only by the CLI and ``open_report``; everything else is given the root.
    """
    if _running:
        return _running[-1]
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_project_root(folder):
            return folder
    installed_from = PACKAGE_DIR.parent.parent  # src/reportlib -> checkout
    if _is_project_root(installed_from):
        return installed_from
    raise FileNotFoundError(
        f"cannot find the reportlib project root from {here}: no pyproject.toml naming "
        f"'reportlib' here or above; set {ROOT_ENV} to the project folder"
    )


@dataclass(frozen=True)
class ProjectPaths:
    """The folders of one project checkout."""

    root: Path
    reports_dir: Path | None = None  # another output folder (``build --check`` uses one)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def data_files(self) -> list[Path]:
        """The ledger's data files (CSV and TOML): what the data version and the build
        cache hash. ``data/README.md`` is documentation and changes neither."""
        return sorted(p for p in self.data.iterdir() if p.suffix in (".csv", ".toml"))

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    def notebook(self, given: str, cwd: Path | None = None) -> Path:
        """A notebook a user named: ``brief``, ``brief.ipynb``, ``notebooks/brief.ipynb``
        (from the project root or the working directory) or any path to one; where none
        exists, the path in ``notebooks/`` it would have (for the error message)."""
        path = Path(given)
        if path.suffix != ".ipynb":
            path = path.with_name(path.name + ".ipynb")
        here = cwd if cwd is not None else Path.cwd()
        for candidate in (here / path, self.root / path, self.notebooks / path.name):
            if candidate.is_file():
                return candidate
        return self.notebooks / path.name

    @property
    def reports(self) -> Path:
        return self.reports_dir or self.root / "reports"

    @property
    def editions(self) -> Path:
        """The published editions (``reportlib publish``): always the project's own
        ``reports/editions/``, whichever folder a build writes to."""
        return self.root / "reports" / "editions"

    @property
    def cache(self) -> Path:
        return self.reports / ".cache"

    @property
    def manifest(self) -> Path:
        return self.reports / "manifest.json"

    @property
    def index(self) -> Path:
        return self.reports / "index.html"

    @property
    def lock_file(self) -> Path:
        return self.root / "requirements.lock"

    def relative(self, path: Path) -> str:
        """``path`` relative to the root, with forward slashes (for manifests)."""
        return Path(os.path.relpath(Path(path).resolve(), self.root)).as_posix()


@cache
def _project_for(root: str) -> ProjectPaths:
    return ProjectPaths(Path(root))


def project(start: Path | None = None) -> ProjectPaths:
    """The paths of the project found by ``find_root`` (for the CLI and ``open_report``)."""
    return _project_for(str(find_root(start)))


def package_file(*parts: str) -> Path:
    """A file shipped inside the package (templates, styles, filters)."""
    return PACKAGE_DIR.joinpath(*parts)
