"""Run report tasks on a Dask cluster (``reportlib build --scheduler ADDRESS``).

Each report is one Dask task. On the worker it runs exactly as it would here: in a fresh
fork of a warm fork server (``pool.run_tasks`` with one task), so a crash or a timeout
stops that report's process, never the worker, and no state leaks between reports. The
worker returns the report's files as bytes; the coordinating process writes them.

Workers need the same environment (``make .venv/.synced`` from the same lock) and the
same project checkout at a path they can read (the one this process uses, or their
``REPORTLIB_ROOT``): they read the notebooks and ``data/``, and write nothing there.

A worker lost mid-run (killed, out of memory, its machine gone): the scheduler gives the
task to another worker. Each start is announced on an event topic, so this process sees
a second start and says so ("retried once"); a third start is refused: the report fails,
named, and the others go on. Ctrl-C or SIGTERM cancels every task not yet finished.
"""

from __future__ import annotations

import contextlib
import os
import queue
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .pool import Failure

GRACE = 60.0  # seconds past --timeout before a silent worker's report is given up


def _remote(task: Callable[[Any], Any], spec: Any, timeout: float | None, topic: str, key: str):
    """The Dask task: announce the start, then run the report in a forked child."""
    import multiprocessing

    from distributed import Event, get_worker

    from .pool import Stopped, run_tasks

    worker = get_worker()
    worker.log_event(topic, {"key": key, "worker": worker.address, "pid": os.getpid()})
    # Dask's worker processes are daemonic by default, and a daemonic process may not
    # start children; the report's child is itself a daemon, so it never outlives us.
    multiprocessing.current_process()._config["daemon"] = False
    root = getattr(spec, "root", None)
    if root is not None and not Path(root).is_dir():
        from dataclasses import replace

        from ..paths import find_root

        local = find_root()
        spec = replace(spec, root=local, reports_dir=local / "reports")
    interrupted = Event(f"{topic}-stop")
    try:
        return run_tasks(task, [spec], 1, timeout, stop=interrupted.is_set)[0]
    except Stopped:
        return Failure("stopped: the build was interrupted")


def run_tasks_on_cluster(
    task: Callable[[Any], Any],
    specs: list[Any],
    address: str,
    timeout: float | None = None,
    on_start: Callable[[Any], None] | None = None,
    on_done: Callable[[Any, Any], None] | None = None,
) -> list[Any]:
    """Run ``task(spec)`` for every spec on the cluster; results in ``specs`` order."""
    from distributed import Client

    build_id = uuid.uuid4().hex[:12]
    topic = f"reportlib-build-{build_id}"
    events: queue.Queue[dict[str, Any]] = queue.Queue()
    results: dict[int, Any] = {}
    notes: dict[int, str] = {}
    futures: dict[Any, int] = {}
    try:
        client = Client(address, set_as_default=False, timeout="20s")
    except OSError as exc:
        raise ClusterUnavailable(
            f"--scheduler {address}: cannot reach a Dask scheduler there ({exc}); start one "
            "with 'dask scheduler' and workers with 'dask worker ADDRESS' (see the README)"
        ) from None
    try:
        client.subscribe_topic(topic, lambda event: events.put(event[1]))
        keys = [f"reportlib-{build_id}-{i}" for i in range(len(specs))]
        futures = {
            client.submit(
                _remote, task, spec, timeout, topic, key, key=key, pure=False, retries=0
            ): i
            for i, (spec, key) in enumerate(zip(specs, keys, strict=True))
        }
        by_key = {key: i for i, key in enumerate(keys)}
        starts: dict[int, list[str]] = {}
        started_at: dict[int, float] = {}

        def finish(future: Any, index: int, value: Any) -> None:
            futures.pop(future, None)
            if index in notes and not isinstance(value, Failure):
                value = _with_note(value, notes[index])
            results[index] = value
            if on_done:
                on_done(specs[index], value)

        for future in futures:
            future.add_done_callback(lambda f: events.put({"done": f.key}))
        while futures:
            with contextlib.suppress(queue.Empty):
                events.put(events.get(timeout=0.25))  # wake on a start or a finish
            while not events.empty():
                event = events.get()
                if "done" in event:
                    continue  # handled below, by the futures' status
                index = by_key.get(event.get("key"))
                if index is None or index in results:
                    continue
                seen = starts.setdefault(index, [])
                seen.append(event.get("worker", "?"))
                started_at[index] = time.monotonic()
                if len(seen) == 1:
                    if on_start:
                        on_start(specs[index])
                elif len(seen) == 2:
                    notes[index] = (
                        f"its worker {seen[0]} was lost mid-run; retried once on {seen[1]}"
                    )
                else:
                    future = next(f for f, i in futures.items() if i == index)
                    future.cancel()
                    finish(
                        future,
                        index,
                        Failure(
                            f"its worker was lost mid-run twice ({', '.join(seen[:-1])}); "
                            "not retried again"
                        ),
                    )
            for future, index in list(futures.items()):
                if future.status == "finished":
                    finish(future, index, future.result())
                elif future.status in ("error", "cancelled"):
                    finish(future, index, Failure(_cluster_error(future)))
            if timeout:
                now = time.monotonic()
                for future, index in list(futures.items()):
                    if index in started_at and now - started_at[index] > timeout + GRACE:
                        future.cancel()
                        finish(
                            future,
                            index,
                            Failure(f"timed out after {timeout:g} s and was given up"),
                        )
    except BaseException:  # Ctrl-C or SIGTERM: workers stop their reports' processes
        from distributed import Event

        with contextlib.suppress(Exception):
            Event(f"{topic}-stop", client=client).set()
        client.cancel(list(futures))
        raise
    finally:
        client.close()
    return [results[i] for i in range(len(specs))]


class ClusterUnavailable(RuntimeError):
    """``--scheduler`` names an address with no reachable Dask scheduler."""


def _cluster_error(future: Any) -> str:
    try:
        exc = future.exception(timeout=5)
    except Exception as inner:  # cancelled, or the scheduler went away
        exc = inner
    name = type(exc).__name__
    if name == "KilledWorker":
        return "its worker was lost mid-run and the scheduler gave it up"
    return f"the cluster could not run it: {name}: {exc}"


def _with_note(value: Any, note: str) -> Any:
    with contextlib.suppress(AttributeError):
        value.note = note
    return value
