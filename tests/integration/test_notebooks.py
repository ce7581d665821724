"""Notebook hygiene: committed without outputs, parameters cell tagged and in agreement."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from reportlib.params import check_parameters_cell

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    with_outputs = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.outputs]
    counts = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.execution_count]
    assert not with_outputs, f"{path.name}: cells {with_outputs} have outputs; clear them"
    assert not counts, f"{path.name}: cells {counts} have execution counts; clear them"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_agrees_with_reportparams(path: Path):
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"{path.name}: expected one cell tagged 'parameters'"
    assert check_parameters_cell(cells[0].source) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_explains_each_parameter(path: Path):
    """A user editing the cell in JupyterLab sees each parameter's type and allowed values
    above it (the cell is ``params.parameters_cell()``, generated from ReportParams)."""
    from reportlib.analysis.scenarios import load_scenarios
    from reportlib.params import parameters_cell
    from reportlib.paths import project

    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert cell.source == parameters_cell(load_scenarios(project().data)), (
        f"{path.name}: the parameters cell differs from reportlib.params.parameters_cell(); "
        "paste that function's output into the cell"
    )
