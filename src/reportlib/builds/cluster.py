"""Run report tasks on a Dask cluster (``reportlib build --scheduler ADDRESS``).

Each report is one Dask task. On the worker it runs exactly as it would here: in a fresh
fork of a warm fork server (``pool.run_tasks`` with one task), so a crash or a timeout
stops that report's process, never the worker, and no state leaks between reports. The
worker returns the report's files as bytes; the coordinating process writes them.

Workers need the same environment (``make .venv/.synced`` from the same lock) and the
same project checkout at a path they can read (the one this process uses, or their
``REPORTLIB_ROOT``): they read the notebooks and ``data/``, and write nothing there.

Security: ``tls://`` addresses connect with the certificate files given (Dask's
``Security``: the cluster's CA, and this machine's certificate and key), encrypted and
authenticated both ways. Plain ``tcp://`` lets anyone who reaches the scheduler run code
on the workers, so it is refused for any address but this machine's (loopback) unless
``--allow-insecure`` says so (``connection``). Before it runs a report, each worker
compares its checkout with the coordinator's (``checkout_digests``: the reportlib code,
the environment, every data file and the report's notebook) and refuses, naming what
differs: a worker with other data would return other reports under the same cache key.

A worker lost mid-run (killed, out of memory, its machine gone): the scheduler gives the
task to another worker. Each start is announced on an event topic, so this process sees
a second start and says so ("retried once"); a third start is refused: the report fails,
named, and the others go on. Ctrl-C or SIGTERM cancels every task not yet finished.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import queue
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from ..paths import ProjectPaths
from .tasks import ClusterUnavailable, Failure, TLSFiles

__all__ = ["ClusterUnavailable", "TLSFiles", "connection", "run_tasks_on_cluster"]


def _host(address: str) -> tuple[str, str]:
    """(scheme, host) of a scheduler address; no scheme means ``tcp``."""
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    rest = rest.split("/", 1)[0]
    if rest.startswith("["):  # [::1]:8786
        return scheme, rest[1:].split("]", 1)[0]
    return scheme, rest.rsplit(":", 1)[0] if rest.count(":") == 1 else rest


def is_local(host: str) -> bool:
    """Whether ``host`` is this machine's loopback (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def connection(address: str, tls: TLSFiles | None = None, allow_insecure: bool = False) -> Any:
    """The Dask ``Security`` to reach ``address`` with (None: plain TCP to this machine,
    or anywhere with ``allow_insecure``); raise ``ClusterUnavailable`` (exit 2) for a
    ``tls://`` address without certificate files, a file that is not there, certificate
    files with a plain address, or plain TCP to another machine without
    ``allow_insecure``."""
    scheme, host = _host(address)
    if scheme == "tls":
        if tls is None:
            raise ClusterUnavailable(
                f"--scheduler {address}: expected --tls-ca-file, --tls-cert and --tls-key "
                "(the cluster's CA, this machine's certificate and key), given none"
            )
        for flag, path in (
            ("--tls-ca-file", tls.ca_file),
            ("--tls-cert", tls.cert),
            ("--tls-key", tls.key),
        ):
            if not Path(path).is_file():
                raise ClusterUnavailable(f"{flag} {path}: expected a PEM file, found none")
        from distributed.security import Security

        return Security(
            tls_ca_file=tls.ca_file,
            tls_client_cert=tls.cert,
            tls_client_key=tls.key,
            require_encryption=True,
        )
    if scheme != "tcp":
        raise ClusterUnavailable(
            f"--scheduler {address}: expected a tls:// or tcp:// address, found {scheme}://"
        )
    if tls is not None:
        raise ClusterUnavailable(
            f"--scheduler {address}: certificate files given for a plain tcp:// address; "
            f"expected tls://{address.partition('://')[2] or address}"
        )
    if not is_local(host) and not allow_insecure:
        raise ClusterUnavailable(
            f"--scheduler {address}: plain TCP to another machine lets anyone who reaches "
            "the scheduler run code on its workers; expected tls:// with --tls-ca-file, "
            "--tls-cert and --tls-key (see the README), or --allow-insecure on a network "
            "you trust"
        )
    return None


#: What a worker's checkout must share with the coordinator's, by the name it is reported
#: under (beside every data file and the report's notebook, by path).
CODE, RENDER, ENVIRONMENT = (
    "the reportlib code (src/reportlib)",
    "the reportlib exporters (src/reportlib/exporters, audit.py)",
    "the environment (requirements.lock and the Python version)",
)


def checkout_digests(paths: ProjectPaths, notebook: Path) -> dict[str, str | None]:
    """What a report's run depends on in a checkout, by name: the reportlib code, the
    exporters, the environment, every data file and the notebook (paths from the root)."""
    from .cache import environment_digest, file_digest, library_digest, render_digest

    out: dict[str, str | None] = {
        CODE: library_digest(),
        RENDER: render_digest(),
        ENVIRONMENT: environment_digest(paths),
    }
    for path in [*paths.data_files(), notebook]:
        out[Path(path).relative_to(paths.root).as_posix()] = file_digest(path)
    return out


def checkout_differences(
    expected: dict[str, Any], paths: ProjectPaths, notebook: Path
) -> list[str]:
    """The names whose digests in the checkout at ``paths`` differ from ``expected``
    (the coordinator's), missing or extra files included."""
    here = checkout_digests(paths, notebook)
    return sorted(k for k in set(expected) | set(here) if expected.get(k) != here.get(k))


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
    vars(multiprocessing.current_process())["_config"]["daemon"] = False
    root = getattr(spec, "root", None)
    if root is not None and not Path(root).is_dir():
        from dataclasses import replace

        from ..paths import find_root

        local = find_root()
        spec = replace(spec, root=local, reports_dir=local / "reports")
    expected = getattr(spec, "checkout", None)
    if expected:
        differ = checkout_differences(
            expected, ProjectPaths(spec.root), spec.job.notebook_path(spec.paths)
        )
        if differ:
            return Failure(
                f"worker {worker.address} refused it: its checkout ({spec.root}) differs "
                f"from the coordinator's in {', '.join(differ)}; bring it to the same "
                "commit, data and environment (see the README)"
            )
    interrupted = Event(f"{topic}-stop")
    try:
        # Event.is_set is typed as a coroutine, but a worker thread's call is synchronous
        stop = cast(Callable[[], bool], interrupted.is_set)
        return run_tasks(task, [spec], 1, timeout, stop=stop)[0]
    except Stopped:
        return Failure("stopped: the build was interrupted")


class _Tracker:
    """The reports of one build on the cluster: which started where, which finished, and
    what each result says (a worker lost once is retried, twice is given up)."""

    def __init__(
        self,
        specs: list[Any],
        by_key: dict[str, int],
        timeout: float | None,
        on_start: Callable[[Any], None] | None,
        on_done: Callable[[Any, Any], None] | None,
    ) -> None:
        self.specs, self.by_key, self.timeout = specs, by_key, timeout
        self.on_start, self.on_done = on_start, on_done
        self.futures: dict[Any, int] = {}
        self.results: dict[int, Any] = {}
        self.notes: dict[int, str] = {}
        self.starts: dict[int, list[str]] = {}
        self.started_at: dict[int, float] = {}

    def finish(self, future: Any, index: int, value: Any) -> None:
        self.futures.pop(future, None)
        if index in self.notes and not isinstance(value, Failure):
            value = _with_note(value, self.notes[index])
        self.results[index] = value
        if self.on_done:
            self.on_done(self.specs[index], value)

    def started(self, event: dict[str, Any]) -> None:
        """A worker announced it started a report: the first start is the report's start,
        a second means its first worker was lost, a third gives it up."""
        index = self.by_key.get(str(event.get("key")))
        if index is None or index in self.results:
            return
        seen = self.starts.setdefault(index, [])
        seen.append(event.get("worker", "?"))
        self.started_at[index] = time.monotonic()
        if len(seen) == 1:
            if self.on_start:
                self.on_start(self.specs[index])
        elif len(seen) == 2:
            self.notes[index] = f"its worker {seen[0]} was lost mid-run; retried once on {seen[1]}"
        else:
            future = next(f for f, i in self.futures.items() if i == index)
            future.cancel()
            lost = ", ".join(seen[:-1])
            self.finish(
                future,
                index,
                Failure(f"its worker was lost mid-run twice ({lost}); not retried again"),
            )

    def collect(self) -> None:
        """Record every future that finished, failed or was cancelled."""
        for future, index in list(self.futures.items()):
            if future.status == "finished":
                self.finish(future, index, future.result())
            elif future.status in ("error", "cancelled"):
                self.finish(future, index, Failure(_cluster_error(future)))

    def give_up_late(self) -> None:
        """Cancel a report that has run past ``--timeout`` and its grace."""
        if not self.timeout:
            return
        now = time.monotonic()
        for future, index in list(self.futures.items()):
            if index in self.started_at and now - self.started_at[index] > self.timeout + GRACE:
                future.cancel()
                self.finish(
                    future, index, Failure(f"timed out after {self.timeout:g} s and was given up")
                )


def _connect(address: str, security: Any) -> Any:
    from distributed import Client

    try:
        return Client(address, set_as_default=False, timeout="20s", security=security)
    except OSError as exc:
        raise ClusterUnavailable(
            f"--scheduler {address}: cannot reach a Dask scheduler there ({exc}); start one "
            "with 'dask scheduler' and workers with 'dask worker ADDRESS' (see the README)"
        ) from None


def run_tasks_on_cluster(
    task: Callable[[Any], Any],
    specs: list[Any],
    address: str,
    timeout: float | None = None,
    on_start: Callable[[Any], None] | None = None,
    on_done: Callable[[Any, Any], None] | None = None,
    security: Any = None,
) -> list[Any]:
    """Run ``task(spec)`` for every spec on the cluster (connecting with ``security``, a
    Dask ``Security``, for a ``tls://`` address); results in ``specs`` order."""
    build_id = uuid.uuid4().hex[:12]
    topic = f"reportlib-build-{build_id}"
    events: queue.Queue[dict[str, Any]] = queue.Queue()
    keys = [f"reportlib-{build_id}-{i}" for i in range(len(specs))]
    runs = _Tracker(specs, {key: i for i, key in enumerate(keys)}, timeout, on_start, on_done)
    client = _connect(address, security)
    try:
        client.subscribe_topic(topic, lambda event: events.put(event[1]))
        runs.futures = {
            client.submit(
                _remote, task, spec, timeout, topic, key, key=key, pure=False, retries=0
            ): i
            for i, (spec, key) in enumerate(zip(specs, keys, strict=True))
        }
        for future in runs.futures:
            future.add_done_callback(lambda f: events.put({"done": f.key}))
        while runs.futures:
            with contextlib.suppress(queue.Empty):
                events.put(events.get(timeout=0.25))  # wake on a start or a finish
            while not events.empty():
                event = events.get()
                if "done" not in event:  # a finish is read below, from the futures' status
                    runs.started(event)
            runs.collect()
            runs.give_up_late()
    except BaseException:  # Ctrl-C or SIGTERM: workers stop their reports' processes
        from distributed import Event

        with contextlib.suppress(Exception):
            Event(f"{topic}-stop", client=client).set()
        client.cancel(list(runs.futures))
        raise
    finally:
        client.close()
    return [runs.results[i] for i in range(len(specs))]


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
