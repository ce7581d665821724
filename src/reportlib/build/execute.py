"""Execute one report notebook with papermill and annotate it for export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import papermill as pm
from nbformat import NotebookNode


class ExecutionFailed(RuntimeError):
    """A notebook raised while running; ``cell`` is the failing cell's index (or None)."""

    def __init__(self, message: str, cell: int | None, notebook: NotebookNode | None):
        super().__init__(message)
        self.cell = cell
        self.notebook = notebook


def _failing_cell(nb: NotebookNode) -> int | None:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return index
    return None


def execute(
    notebook: Path,
    output: Path,
    parameters: dict[str, Any],
    cwd: Path,
    kernel_name: str = "python3",
    timeout: int | None = None,
) -> NotebookNode:
    """Run ``notebook`` with ``parameters`` in ``cwd``; the executed copy goes to ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        return pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            cwd=str(cwd),
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
        )
    except pm.PapermillExecutionError as exc:
        nb = nbformat.read(output, as_version=4) if output.exists() else None
        cell = _failing_cell(nb) if nb is not None else None
        message = f"{exc.ename}: {exc.evalue}"
        raise ExecutionFailed(message, cell, nb) from None
