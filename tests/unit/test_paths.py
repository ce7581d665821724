import ast
import os
from pathlib import Path

from reportlib.paths import ROOT_ENV, find_root, notebook_root

ROOT = Path(__file__).resolve().parents[2]


def test_root_found_from_root_and_from_notebooks(monkeypatch):
    monkeypatch.delenv(ROOT_ENV, raising=False)
    assert find_root(ROOT) == ROOT
    assert find_root(ROOT / "notebooks") == ROOT


def test_env_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    assert find_root(ROOT) == tmp_path


def test_a_running_build_sets_the_root_for_its_notebook(monkeypatch, tmp_path):
    monkeypatch.delenv(ROOT_ENV, raising=False)
    with notebook_root(tmp_path):
        assert find_root(ROOT) == tmp_path.resolve()
    assert find_root(ROOT) == ROOT
    assert ROOT_ENV not in os.environ  # nothing leaks to other processes


# Until issue 11 lands, the lead's two modules still fall back to project(): they go then.
# a cluster worker whose copy of the checkout sits elsewhere finds its own root, as the CLI
FINDS_ROOT = {"cli/", "report.py", "paths.py", "builds/cluster.py"}  # cli/: the whole package


def test_only_the_cli_and_open_report_find_the_root():
    package = ROOT / "src" / "reportlib"
    callers = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in ("project", "find_root"):
                    where = path.relative_to(package).as_posix()
                    callers.add("cli/" if where.startswith("cli/") else where)
    assert callers <= FINDS_ROOT, sorted(callers - FINDS_ROOT)
