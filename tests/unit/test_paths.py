from pathlib import Path

from reportlib.paths import ROOT_ENV, find_root

ROOT = Path(__file__).resolve().parents[2]


def test_root_found_from_root_and_from_notebooks(monkeypatch):
    monkeypatch.delenv(ROOT_ENV, raising=False)
    assert find_root(ROOT) == ROOT
    assert find_root(ROOT / "notebooks") == ROOT


def test_env_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    assert find_root(ROOT) == tmp_path
