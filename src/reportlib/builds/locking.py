"""One build at a time per output folder: ``reports/.build.lock`` for the canonical
reports, ``reports/what-if/.build.lock`` for what-if runs and grids (which never write
the canonical files, so the two may run side by side)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..paths import ProjectPaths


class BuildLocked(RuntimeError):
    """Another build holds this project's lock."""


@contextmanager
def build_lock(folder: Path, paths: ProjectPaths) -> Iterator[None]:
    """Hold ``folder/.build.lock``; refuse at once (``BuildLocked``) if another build does."""
    from filelock import FileLock, Timeout

    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(folder / ".build.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise BuildLocked(
            f"another reportlib build is running in {paths.root} (it holds "
            f"{paths.relative(folder / '.build.lock')}); wait for it to finish and "
            "run this one again"
        ) from None
    try:
        yield
    finally:
        lock.release()
