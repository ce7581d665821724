"""What a change makes the build do, decided by plan() on a copy of the project.

Markdown, templates and CSS re-render; the matplotlib style sheet re-executes. The
package is a copy too, so its files can be edited; the cache index is filled as a build
would fill it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reportlib.builds import cache as keys
from reportlib.builds import planning
from reportlib.builds.cache import BuildCache
from reportlib.builds.tasks import BuildRequest
from reportlib.paths import PACKAGE_DIR, ProjectPaths


@pytest.fixture
def built(project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    package = tmp_path / "reportlib"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(keys, "library_digest", lambda: keys.package_digests(package)[0])
    monkeypatch.setattr(keys, "render_digest", lambda: keys.package_digests(package)[1])
    paths = ProjectPaths(project_copy)
    tasks = _plan(paths)
    store = BuildCache(paths)
    for task in tasks:  # as a build records a success (no outputs on disk: digests None)
        store.executed_path(task.exec_key).parent.mkdir(parents=True, exist_ok=True)
        store.executed_path(task.exec_key).write_text("{}")
        entry = {"exec_key": task.exec_key, "render_key": task.render_key}
        store.record(task.job.key, {**entry, "html": None, "pdf": None, "facts": None})
    return paths, package


def _plan(paths: ProjectPaths):
    request = BuildRequest(only=("brief",), scenario="article")
    return planning.plan(paths, request, planning.resolve(paths, request)).tasks


def _action(paths: ProjectPaths) -> str:
    (task,) = _plan(paths)
    return task.action


def test_nothing_changed_is_fresh(built):
    assert _action(built[0]) == "fresh"


@pytest.mark.parametrize(
    "part",
    [
        "exporters/templates/reportlib_html/report.css",
        "exporters/templates/reportlib_html/index.html.j2",
        "exporters/templates/reportlib_typst/index.md.j2",
        "exporters/report.typ",
    ],
)
def test_template_and_css_edits_only_re_render(built, part):
    paths, package = built
    (package / part).write_text((package / part).read_text() + "\n")
    assert _action(paths) == "render"


def test_markdown_edit_only_re_renders(built):
    paths, _ = built
    path = paths.notebooks / "brief.ipynb"
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["source"] = ["An edited sentence.\n\n", *cell["source"]]
    path.write_text(json.dumps(nb))
    assert _action(paths) == "render"


def test_style_sheet_edit_re_executes(built):
    paths, package = built
    style = package / "styles" / "reportlib.mplstyle"
    style.write_text(style.read_text() + "\naxes.linewidth: 0.9\n")
    assert _action(paths) == "execute"
