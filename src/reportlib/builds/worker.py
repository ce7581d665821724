"""The worker's body: execute (or reuse a cached run), render HTML and PDF, and audit one
report. It writes nothing into the output folder: it returns the files as bytes and the
coordinating process writes them, atomically, so a worker on another machine needs no
shared output folder (only the same environment and project checkout)."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from .tasks import Rendered, Task


def render_report(task: Task) -> Rendered:
    """Build one report's files in memory; a file that cannot be read fails it, named."""
    start = time.perf_counter()
    try:
        return _render(task, start)
    except OSError as exc:
        where = exc.filename or task.job.notebook_path(task.paths)
        return Rendered(
            "failed",
            time.perf_counter() - start,
            error=f"cannot read {where} ({exc.strerror or exc})",
        )


def _render(task: Task, start: float) -> Rendered:
    import nbformat

    from ..audit import audit_outputs
    from ..audit import summary as audit_summary
    from ..exporters.formats import render_html, render_pdf
    from ..facts import collect
    from .execute import ExecutionFailed, execute, with_cached_outputs

    paths, job = task.paths, task.job
    source = nbformat.read(job.notebook_path(paths), as_version=4)
    executed_text = None
    if task.action == "render" and task.executed is not None:
        executed = nbformat.reads(task.executed, as_version=4)
    else:
        with tempfile.TemporaryDirectory(prefix="reportlib-run-") as workdir:
            out = Path(workdir) / f"{job.notebook}.ipynb"
            try:
                executed = execute(
                    job.notebook_path(paths), out, task.parameters, Path(workdir), task.cell_timeout
                )
            except ExecutionFailed as failure:
                return Rendered(
                    "failed",
                    time.perf_counter() - start,
                    error=str(failure),
                    cell=failure.cell,
                    failed_notebook=(
                        nbformat.writes(failure.notebook) if failure.notebook is not None else None
                    ),
                )
        executed_text = nbformat.writes(executed)
    nb = with_cached_outputs(source, executed)
    facts = collect(nb)
    nb.metadata["reportlib"] = {**task.metadata, "facts": facts}
    html = render_html(nb)
    pdf = render_pdf(nb)
    findings = audit_outputs(job.key, html, pdf, facts, paths.data)
    status, error = "ok", None
    if any(not f.ok for f in findings):
        status, error = "audit-failed", audit_summary(findings)
    return Rendered(
        status,
        time.perf_counter() - start,
        error=error,
        html=html,
        pdf=pdf,
        facts=json.dumps(facts, indent=1, ensure_ascii=False) + "\n",
        executed=executed_text,
    )
