"""Execute one report notebook with papermill (in-process engine) or reuse a cached run."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import nbformat
import papermill as pm
from nbformat import NotebookNode

ENGINE = "reportlib"


class ExecutionFailed(RuntimeError):
    """A notebook raised while running; ``cell`` is the failing cell's index (or None)."""

    def __init__(self, message: str, cell: int | None, notebook: NotebookNode | None):
        super().__init__(message)
        self.cell = cell
        self.notebook = notebook


def _failing_cell(nb: NotebookNode) -> int | None:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and any(
            out.get("output_type") == "error" for out in cell.get("outputs", [])
        ):
            return index
    return None


def execute(
    notebook: Path,
    output: Path,
    parameters: dict[str, Any],
    cwd: Path,
    cell_timeout: float | None = None,
    root: Path | None = None,
) -> NotebookNode:
    """Run ``notebook`` with ``parameters`` in ``cwd``; the executed copy goes to ``output``.

    ``root`` is the project the notebook belongs to; the engine makes ``open_report`` see it
    (``cwd`` is a scratch folder, outside the project under ``build --check``).
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    # the engine's own keyword (papermill passes unknown keywords on to the engine)
    engine_kwargs: dict[str, Any] = {} if root is None else {"project_root": str(root)}
    try:
        return pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            cwd=str(cwd),
            engine_name=ENGINE,
            progress_bar=False,
            log_output=False,
            execution_timeout=cell_timeout,
            # one write of the executed notebook, at the end (or at a failure), not also
            # at its start and completion: the build reads it back once (``executed_text``)
            request_save_on_cell_execute=False,
            **engine_kwargs,
        )
    except pm.PapermillExecutionError as exc:
        nb = nbformat.read(output, as_version=4) if output.exists() else None
        cell = _failing_cell(nb) if nb is not None else exc.cell_index
        raise ExecutionFailed(f"{exc.ename}: {exc.evalue}", cell, nb) from None


def _code_cells(nb: NotebookNode) -> list[NotebookNode]:
    return [
        c
        for c in nb.cells
        if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])
    ]


def with_cached_outputs(source: NotebookNode, executed: NotebookNode) -> NotebookNode:
    """The current notebook (its Markdown may have changed) with a cached run's outputs.

    Only valid when the code cells are unchanged, which the execution key guarantees.
    """
    merged = copy.deepcopy(source)
    ran = _code_cells(executed)
    for cell, done in zip(_code_cells(merged), ran, strict=True):
        cell.outputs = done.outputs
        cell.execution_count = done.execution_count
    merged.metadata.update({k: v for k, v in executed.metadata.items() if k != "reportlib"})
    return merged
