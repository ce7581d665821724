"""pandoc runs with a small heap (``exporters.pandoc_run``): the same text, less CPU."""

from __future__ import annotations

import subprocess

import pytest

from reportlib.exporters import pandoc_run
from reportlib.exporters.markdown_html import markdown_cells_to_html


def _spy(monkeypatch) -> list[dict[str, str]]:
    seen: list[dict[str, str]] = []
    real = subprocess.run

    def run(*args, **kwargs):
        seen.append(dict(kwargs["env"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(pandoc_run.subprocess, "run", run)
    return seen


def test_pandoc_is_asked_for_a_small_heap(monkeypatch):
    monkeypatch.delenv("GHCRTS", raising=False)
    seen = _spy(monkeypatch)
    assert markdown_cells_to_html(["*a*"]) == ["<p><em>a</em></p>"]
    assert seen and seen[0]["GHCRTS"] == pandoc_run.GHC_RTS


def test_a_users_ghcrts_is_kept(monkeypatch):
    monkeypatch.setenv("GHCRTS", "-A8m")
    seen = _spy(monkeypatch)
    markdown_cells_to_html(["a"])
    assert seen[0]["GHCRTS"] == "-A8m"


def test_the_same_html_with_the_heap_pandoc_was_built_with(monkeypatch):
    text = (
        "# A title\n\nSome *text* with $x^2$ and a [link](#a-title).\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    )
    small = markdown_cells_to_html([text])
    monkeypatch.setenv("GHCRTS", "-H64m")  # the bundled pandoc's own default
    assert markdown_cells_to_html([text]) == small


def test_a_failed_run_names_pandocs_complaint(monkeypatch):
    monkeypatch.setattr(pandoc_run, "GHC_RTS", "-Xnot-an-option")
    monkeypatch.delenv("GHCRTS", raising=False)
    with pytest.raises(pandoc_run.ConversionError, match="pandoc failed"):
        markdown_cells_to_html(["a"])
