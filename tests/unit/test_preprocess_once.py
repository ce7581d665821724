"""Exporting copies the notebook once for its preprocessors, and never changes the caller's."""

from __future__ import annotations

import copy

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from reportlib.exporters import formats


def _notebook():
    return new_notebook(
        cells=[
            new_markdown_cell("# A title\n\nSome text."),
            new_code_cell("1 + 1", outputs=[new_output("execute_result", {"text/plain": "2"})]),
        ]
    )


@pytest.mark.parametrize("render", [formats.render_html, formats.render_pdf])
def test_the_notebook_is_copied_once_for_its_preprocessors(monkeypatch, render):
    import nbconvert.exporters.exporter as exporter

    nb = _notebook()
    copies = []
    real = copy.deepcopy

    def counting(obj, memo=None):
        if isinstance(obj, nbformat.NotebookNode) and "cells" in obj:
            copies.append(obj)
        return real(obj, memo)

    monkeypatch.setattr(exporter.copy, "deepcopy", counting)
    render(nb)
    assert len(copies) == 1, f"nbconvert copied the notebook {len(copies)} times"


@pytest.mark.parametrize("render", [formats.render_html, formats.render_pdf])
def test_the_callers_notebook_is_left_as_it_was(render):
    nb = _notebook()
    before = copy.deepcopy(nb)
    render(nb)
    assert nb == before
