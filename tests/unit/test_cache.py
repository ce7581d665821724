"""Cache keys: what re-executes a notebook, what only re-renders it."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from reportlib.builds.cache import code_digest, notebook_digest, package_digests
from reportlib.paths import PACKAGE_DIR


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the reportlib source tree to edit."""
    target = tmp_path / "reportlib"
    shutil.copytree(PACKAGE_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


RENDER_ONLY = [
    "exporters/templates/reportlib_html/report.css",
    "exporters/templates/reportlib_html/index.html.j2",
    "exporters/templates/reportlib_typst/index.md.j2",
    "exporters/report.typ",
    "exporters/filter.lua",
    "exporters/html_exporter.py",
    "audit.py",
]


@pytest.mark.parametrize("part", RENDER_ONLY)
def test_templates_css_and_exporters_only_re_render(package, part):
    run, render = package_digests(package)
    _append(package / part, "\n")
    run2, render2 = package_digests(package)
    assert run2 == run, f"editing {part} must not re-execute"
    assert render2 != render, f"editing {part} must re-render"


@pytest.mark.parametrize(
    "part", ["styles/reportlib.mplstyle", "charts.py", "views/common.py", "analysis/metrics.py"]
)
def test_style_sheet_and_analysis_code_re_execute(package, part):
    run, _ = package_digests(package)
    _append(package / part, "\n# edited\n")
    assert package_digests(package)[0] != run, f"editing {part} must re-execute"


def _write(path: Path, cells) -> Path:
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_markdown_changes_only_re_render(tmp_path):
    before = _write(tmp_path / "a.ipynb", [new_markdown_cell("# Title"), new_code_cell("x = 1")])
    after = _write(tmp_path / "b.ipynb", [new_markdown_cell("# New"), new_code_cell("x = 1")])
    assert code_digest(before) == code_digest(after)
    assert notebook_digest(before) != notebook_digest(after)


def test_code_and_tags_re_execute(tmp_path):
    base = _write(tmp_path / "a.ipynb", [new_code_cell("x = 1")])
    code = _write(tmp_path / "b.ipynb", [new_code_cell("x = 2")])
    tagged = _write(tmp_path / "c.ipynb", [new_code_cell("x = 1", metadata={"tags": ["p"]})])
    assert len({code_digest(base), code_digest(code), code_digest(tagged)}) == 3
