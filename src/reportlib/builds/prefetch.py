"""Work the end of a build needs, started while its reports run.

Once the reports are built, the coordinator compares each rebuilt scenario's facts with
``reportlib metrics --json`` (``runner._check_scenarios``) and writes the landing page and
what-if pages, which quote each brief's bottom line and key judgments
(``summaries.summary_of``). Both are computed from a scenario's parameters and the ledger
alone, never from the reports, so a build starts them on a thread as soon as it is
planned: they then run while the fork server warms up and the reports run, not after the
last report. The values are those of the same functions with the same arguments; a call
that failed on the thread is made again where it is needed, so it fails there as before.

``during(prefetch)`` makes a build's prefetch the current one; ``value`` returns a
prefetched value (waiting for it if the thread is still on it) or computes it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..paths import ProjectPaths

_current: Prefetch | None = None


def key(kind: str, paths: ProjectPaths, parameters: dict[str, Any]) -> tuple[str, ...]:
    """What a prefetched value is computed from: its kind, the project and output folder,
    and the parameters."""
    return (
        kind,
        str(paths.root),
        str(paths.reports),
        json.dumps(parameters, sort_keys=True, default=str),
    )


class Prefetch:
    """Calls made in order on one daemon thread; each result kept by its ``key``."""

    def __init__(self) -> None:
        self._calls: list[tuple[tuple[str, ...], Callable[..., Any], tuple[Any, ...]]] = []
        self._ready: dict[tuple[str, ...], threading.Event] = {}
        self._results: dict[tuple[str, ...], tuple[bool, Any]] = {}

    def add(
        self, kind: str, paths: ProjectPaths, parameters: dict[str, Any], fn: Callable[..., Any]
    ) -> None:
        """Compute ``fn(paths, parameters)`` on the thread (once per key)."""
        k = key(kind, paths, parameters)
        if k not in self._ready:
            self._ready[k] = threading.Event()
            self._calls.append((k, fn, (paths, parameters)))

    def start(self) -> None:
        if self._calls:
            threading.Thread(target=self._run, name="reportlib-prefetch", daemon=True).start()

    def _run(self) -> None:
        for k, fn, args in self._calls:
            try:
                self._results[k] = (True, fn(*args))
            except Exception:  # computed again where it is needed, and fails there
                self._results[k] = (False, None)
            finally:
                self._ready[k].set()

    def get(self, k: tuple[str, ...]) -> tuple[bool, Any]:
        """(True, value) once computed, (False, None) if not prefetched or it failed."""
        ready = self._ready.get(k)
        if ready is None:
            return False, None
        ready.wait()
        return self._results.get(k, (False, None))


@contextmanager
def during(prefetch: Prefetch | None) -> Iterator[None]:
    """Make ``prefetch`` the current one while the block runs (a build)."""
    global _current
    previous, _current = _current, prefetch
    try:
        yield
    finally:
        _current = previous


def value(
    kind: str, paths: ProjectPaths, parameters: dict[str, Any], fn: Callable[..., Any]
) -> Any:
    """``fn(paths, parameters)``, prefetched by the current build if it was."""
    if _current is not None:
        found, result = _current.get(key(kind, paths, parameters))
        if found:
            return result
    return fn(paths, parameters)
