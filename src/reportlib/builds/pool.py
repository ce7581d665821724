"""Run report tasks in children of a fork server, at most ``jobs`` at a time.

The fork server is a clean process that imports the heavy libraries once
(``builds/preload.py``); each task runs in a fresh fork of it, so no task pays for the
imports again and no state leaks from one report to the next. Forking the caller instead
would be unsafe: once a process has compiled a Typst document, the compiler's thread pool
holds locks a forked child inherits without the threads that own them, and the child
deadlocks. A child that crashes or is killed fails only its own task; a task that runs
past ``timeout`` seconds is stopped. On SIGINT or SIGTERM every child is stopped with
SIGTERM (children clean their temporary files on the way out) and the error re-raised.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable
from contextlib import suppress
from multiprocessing.connection import Connection, wait
from typing import Any

from .tasks import Failure

WARM_MODULES = (
    "pandas",
    "numpy",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "IPython.core.interactiveshell",
    "papermill",
    "nbconvert",
    "typst",
    "pypandoc",
    "pydantic",
    "reportlib.report",
    "reportlib.charts",
    "reportlib.engines.inprocess",
    "reportlib.exporters.formats",
    # what a report's run, render and audit import: loaded once here, not in every child
    "pypdfium2",
    "matplotlib.backends.backend_svg",
    "IPython.core.magics",
    "IPython.core.completer",
    "reportlib.audit",
    "reportlib.tables",
    "reportlib.views.brief",
    "reportlib.views.brief_figures",
    "reportlib.views.brief_judgments",
    "reportlib.views.brief_outlook",
    "reportlib.views.cost_benefit",
    "reportlib.views.gains",
    "reportlib.views.readings",
    "reportlib.views.unpriced",
    "reportlib.views.deployment",
    "reportlib.views.editions",
    "reportlib.views.editions_series",
    "reportlib.views.losses",
    "reportlib.analysis.assess",
    "reportlib.analysis.engine",
    "reportlib.analysis.history",
    "reportlib.builds.execute",
    "reportlib.builds.worker",
    "reportlib.builds.runner",  # the task function each child unpickles
    "reportlib.analysis.currency",
    # what IPython's shell and pandas' printing import at a report's first cell
    "IPython.core.application",
    "IPython.core.completerlib",
    "IPython.core.crashhandler",
    "IPython.core.logger",
    "IPython.core.oinspect",
    "IPython.utils.wildcard",
    "bdb",
    "pandas.io.formats.string",
    "pandas.io.formats.csvs",
    # each child runs the main script again (multiprocessing's spawn preparation): the
    # command line's modules are loaded here, not in every child
    "reportlib.cli",
)


def warm_up() -> None:
    """Import what every report needs, once, before forking."""
    import importlib

    for name in WARM_MODULES:
        importlib.import_module(name)
    from reportlib import fonts
    from reportlib.exporters import formats as export

    export.warm_exporters()
    fonts.covered()  # each shipped font's glyph coverage, parsed once and shared
    fonts.register_with_matplotlib()
    from reportlib import charts

    charts.warm_up()
    # each report's shell enables IPython's inline backend, which matplotlib finds by
    # reading every installed package's entry points the first time it is asked: once here
    from matplotlib.backends.registry import backend_registry

    backend_registry.resolve_gui_or_backend("inline")


def start_server() -> Any:
    """Start the fork server, if it is not running, and return its context. The server
    imports and warms up in the background (``preload``, about 3 s); the first task waits
    for it. A build that will surely run reports starts it before planning, so the two
    overlap."""
    from multiprocessing import forkserver

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["reportlib.builds.preload"])
    forkserver.ensure_running()
    return ctx


def _child(task: Callable[[Any], Any], spec: Any, conn: Connection, env: dict[str, str]) -> None:
    os.environ.clear()  # the caller's environment now, not the server's at its start
    os.environ.update(env)

    def _terminate(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    try:
        result = task(spec)
    except BaseException as exc:  # report anything, including SystemExit from a signal
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        result = Failure(f"the report process stopped: {detail}")
    try:
        conn.send(result)
    finally:
        conn.close()
        os._exit(0)


class Scheduler:
    """Which waiting task to start next: the one expected to take longest, so a build
    does not end with one slow report running while the other workers sit idle (longest
    processing time first).

    A task's expected time is what it took last time (``history``, by ``key(spec)``),
    else the longest a task of its ``group`` (the same notebook, say) took in this build
    or has been running so far. A group nothing is known of is tried first, one task at
    a time in the given order, so a slow notebook is found early. Without ``group`` and
    ``history`` the order is the given one."""

    def __init__(
        self,
        key: Callable[[Any], str] = str,
        group: Callable[[Any], str] | None = None,
        history: dict[str, float] | None = None,
    ) -> None:
        self.key, self.group, self.history = key, group, dict(history or {})
        self.took: dict[str, float] = {}  # group -> longest finished time in this build

    def _expected(self, spec: Any, running: list[tuple[Any, float]], now: float) -> float | None:
        if self.key(spec) in self.history:
            return self.history[self.key(spec)]
        if self.group is None:
            return None
        g = self.group(spec)
        seen = [now - started for other, started in running if self.group(other) == g]
        if g in self.took:
            seen.append(self.took[g])
        return max(seen) if seen else None

    def pick(self, pending: list[Any], running: list[tuple[Any, float]], now: float) -> int:
        """The position in ``pending`` of the task to start; ``running`` holds (spec,
        start time) of the tasks running now, on the clock ``now`` reads."""
        if self.group is None and not self.history:
            return 0
        expected = [self._expected(spec, running, now) for spec in pending]
        unknown = [i for i, e in enumerate(expected) if e is None]
        if unknown:
            return unknown[0]
        return max(range(len(pending)), key=lambda i: (expected[i], -i))

    def done(self, spec: Any, seconds: float) -> None:
        if self.group is not None:
            g = self.group(spec)
            self.took[g] = max(self.took.get(g, 0.0), seconds)


def run_tasks(
    task: Callable[[Any], Any],
    specs: list[Any],
    jobs: int,
    timeout: float | None = None,
    on_start: Callable[[Any], None] | None = None,
    on_done: Callable[[Any, Any], None] | None = None,
    stop: Callable[[], bool] | None = None,
    scheduler: Scheduler | None = None,
) -> list[Any]:
    """Run ``task(spec)`` for every spec in a forked child; results in ``specs`` order.

    ``scheduler`` chooses which waiting spec starts next (default: in order). ``stop``,
    polled about once a second, stops every child and raises ``Stopped`` when it returns
    true (a cluster worker uses it when the build is interrupted)."""
    pool = _Children(task, specs, jobs, scheduler or Scheduler(), on_start, on_done)
    polled = time.monotonic()
    try:
        while pool.pending or pool.running:
            if stop is not None and time.monotonic() - polled > 1:
                polled = time.monotonic()
                if stop():
                    raise Stopped("the build was interrupted")
            pool.start_waiting()
            pool.announce()
            pool.reap()
            pool.collect()
            if timeout:
                pool.stop_overdue(timeout)
        pool.announce()
    except BaseException:
        pool.stop_all()
        with suppress(Exception):  # reports already finished are still written
            pool.announce()
        raise
    finally:
        pool.reap(wait=True)
    return [pool.results[i] for i in range(len(specs))]


class _Children:
    """The children of one ``run_tasks`` call: the specs still waiting, each running child
    (process, result pipe, spec index, start time) by pid, and the results so far."""

    def __init__(
        self,
        task: Callable[[Any], Any],
        specs: list[Any],
        jobs: int,
        scheduler: Scheduler,
        on_start: Callable[[Any], None] | None,
        on_done: Callable[[Any, Any], None] | None,
    ) -> None:
        self.task, self.specs, self.jobs, self.scheduler = task, specs, jobs, scheduler
        self.on_start, self.on_done = on_start, on_done
        self.ctx = start_server()
        self.pending = list(enumerate(specs))
        self.running: dict[int, tuple[Any, Connection, int, float]] = {}
        self.results: dict[int, Any] = {}
        self.ending: list[Any] = []  # children that sent their result, not yet reaped
        self.finished: list[int] = []  # specs whose result is in, not yet announced

    def start_waiting(self) -> None:
        """Fork a child for each waiting spec the scheduler picks, up to ``jobs`` at once."""
        while self.pending and len(self.running) < max(1, self.jobs):
            now = time.monotonic()
            busy = [(self.specs[entry[2]], entry[3]) for entry in self.running.values()]
            pick = self.scheduler.pick([s for _, s in self.pending], busy, now)
            index, spec = self.pending.pop(pick)
            reader, writer = self.ctx.Pipe(duplex=False)
            proc = self.ctx.Process(
                target=_child, args=(self.task, spec, writer, dict(os.environ)), daemon=True
            )
            proc.start()
            writer.close()
            self.running[proc.pid] = (proc, reader, index, time.monotonic())
            if self.on_start:
                self.on_start(spec)

    def collect(self) -> None:
        """Wait up to a quarter second for a result or a child's end; record each."""
        handles: list[Connection | int] = []  # each child's result pipe and its sentinel
        by_handle: dict[object, int] = {}
        for pid, (proc, conn, _, _) in self.running.items():
            handles += [conn, proc.sentinel]
            by_handle[conn] = by_handle[proc.sentinel] = pid
        for handle in wait(handles, timeout=0.25):
            pid = by_handle[handle]
            if pid not in self.running:
                continue
            proc, conn, _, _ = self.running[pid]
            received, value = False, None
            if handle is conn or conn.poll():
                # a child that died without a result raises EOFError: its exit code says why
                with suppress(EOFError, OSError):
                    value, received = conn.recv(), True
            if received:
                self.finish(pid, value)
            elif not proc.is_alive():
                code = proc.exitcode
                how = f"signal {-code}" if code and code < 0 else f"exit code {code}"
                self.finish(pid, Failure(f"the report process died ({how}) before finishing"))

    def stop_overdue(self, timeout: float) -> None:
        """Stop each child running longer than ``timeout`` seconds; it fails, named so."""
        now = time.monotonic()
        for pid, (proc, _, _, started) in list(self.running.items()):
            if now - started > timeout:
                _stop(proc)
                self.finish(pid, Failure(f"timed out after {timeout:g} s and was stopped"))

    def finish(self, pid: int, result: Any) -> None:
        proc, conn, index, started = self.running.pop(pid)
        conn.close()
        # a child that has sent its result exits at once: it is reaped after the next
        # child has started (``reap``), not waited for here while a core stands idle
        self.ending.append(proc)
        self.scheduler.done(self.specs[index], time.monotonic() - started)
        self.results[index] = result
        self.finished.append(index)

    def announce(self) -> None:
        """``on_done`` for each result collected since the last call, in the order they
        came: called once the next children have started, so writing a report's files
        never keeps a core waiting for its next report."""
        while self.finished:
            index = self.finished.pop(0)
            if self.on_done:
                self.on_done(self.specs[index], self.results[index])

    def reap(self, wait: bool = False) -> None:
        """Collect the exit of each child that has sent its result (``wait``: for each,
        up to 5 s, as the pool ends)."""
        for proc in list(self.ending):
            proc.join(timeout=5 if wait else 0)
            if not wait and proc.exitcode is None:
                continue
            self.ending.remove(proc)

    def stop_all(self) -> None:
        for proc, conn, _, _ in self.running.values():
            _stop(proc)
            conn.close()


class Stopped(Exception):
    """``stop`` asked the pool to stop its children."""


def _stop(proc: Any) -> None:
    """SIGTERM (the child cleans up), then SIGKILL if it does not go within 3 s."""
    if proc.is_alive():
        proc.terminate()
        proc.join(timeout=3)
    if proc.is_alive():
        proc.kill()
        proc.join(timeout=3)
