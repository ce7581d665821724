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


class ReadFailed(OSError):
    """A file the report needs could not be read."""


def render_report(task: Task) -> Rendered:
    """Build one report's files in memory; a file that cannot be read, or a scratch file
    that cannot be written, fails it, named (and says which of the two it was)."""
    start = time.perf_counter()
    try:
        return _render(task, start)
    except ReadFailed as exc:
        return Rendered("failed", time.perf_counter() - start, error=str(exc))
    except OSError as exc:
        where = exc.filename or "a temporary folder"
        return Rendered(
            "failed",
            time.perf_counter() - start,
            error=f"cannot write the report's files ({exc.strerror or exc}: {where}); "
            "files already there were left as they were",
        )


def _read_notebook(path: Path):
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except OSError as exc:
        raise ReadFailed(f"cannot read {exc.filename or path} ({exc.strerror or exc})") from None


def _render(task: Task, start: float) -> Rendered:
    import nbformat

    from ..audit import audit_outputs, check_facts
    from ..audit import summary as audit_summary
    from ..exporters.formats import render_html, render_pdf
    from ..facts import collect
    from .execute import ExecutionFailed, execute, with_cached_outputs

    paths, job = task.paths, task.job
    source = _read_notebook(job.notebook_path(paths))
    executed_text = None
    if task.action == "render" and task.executed is not None:
        executed = nbformat.reads(task.executed, as_version=4)
    else:
        with tempfile.TemporaryDirectory(prefix="reportlib-run-") as workdir:
            out = Path(workdir) / f"{job.notebook}.ipynb"
            try:
                executed = execute(
                    job.notebook_path(paths),
                    out,
                    task.parameters,
                    Path(workdir),
                    task.cell_timeout,
                    root=task.root,
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
            # papermill has just written ``executed`` there: the same text, not made again
            executed_text = out.read_text(encoding="utf-8")
    nb = with_cached_outputs(source, executed)
    facts = collect(nb)
    nb.metadata["reportlib"] = {**task.metadata, "facts": facts}
    html = render_html(nb)
    pdf = render_pdf(nb, job.notebook)
    findings = audit_outputs(job.key, html, pdf, facts, paths.data)
    status, error = "ok", None
    if any(not f.ok for f in findings):
        status, error = "audit-failed", audit_summary(findings)
    broken = check_facts(job.key, facts)  # the per-report rules of consistency
    if broken:
        status = "audit-failed"
        error = "; ".join(filter(None, [error, *map(str, broken)]))
    return Rendered(
        status,
        time.perf_counter() - start,
        error=error,
        html=html,
        pdf=pdf,
        facts=json.dumps(facts, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
        executed=executed_text,
    )
