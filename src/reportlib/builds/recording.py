"""The coordinating process's side of one report: write what a worker rendered,
atomically, and record it in the cache. A file-system error fails that report alone and
leaves its previous files as they were."""

from __future__ import annotations

from typing import Any

from . import cache as keys
from .atomic import write_all_atomic, write_atomic
from .cache import BuildCache
from .tasks import Failure, Outcome, Rendered, Task


def record(task: Task, value: Rendered | Failure, store: BuildCache) -> Outcome:
    """Turn a worker's answer into an outcome, writing its files on the way."""
    if isinstance(value, Failure):
        return Outcome.of(task, "failed", error=value.message)
    paths, job = task.paths, task.job
    try:
        if value.failed_notebook is not None:
            write_atomic(job.failed_path(paths), value.failed_notebook)
        if value.executed is not None:
            write_atomic(store.executed_path(task.exec_key), value.executed)
        if value.html is not None:
            write_all_atomic(
                {
                    job.html_path(paths): value.html,
                    job.pdf_path(paths): value.pdf or b"",
                    job.facts_path(paths): value.facts or "",
                }
            )
            job.failed_path(paths).unlink(missing_ok=True)
        outcome = Outcome.of(
            task,
            value.status,
            duration=value.duration,
            error=value.error,
            cell=value.cell,
            note=value.note,
        )
        if value.html is not None:
            store.record(job.key, cache_entry(task, outcome))
    except OSError as exc:
        return Outcome.of(task, "failed", duration=value.duration, error=cannot_write(task, exc))
    return outcome


def cache_entry(task: Task, outcome: Outcome) -> dict[str, Any]:
    """The cache index's entry for a report just written: its keys, the digests of its
    files (so a deleted or edited output is rebuilt), and its status."""
    paths, job = task.paths, task.job
    return {
        "exec_key": task.exec_key,
        "render_key": task.render_key,
        # the ledger it was built from: a later --only build knows a stale sibling
        "data": task.data or keys.data_digest(paths),
        "html": keys.file_digest(job.html_path(paths)),
        "pdf": keys.file_digest(job.pdf_path(paths)),
        "facts": keys.file_digest(job.facts_path(paths)),
        "status": outcome.status,
        "error": outcome.error,
    }


def cannot_write(task: Task, exc: OSError) -> str:
    where = exc.filename or str(task.reports_dir)
    return (
        f"cannot write the report's files ({exc.strerror or exc}: {where}); "
        "files already there were left as they were"
    )
