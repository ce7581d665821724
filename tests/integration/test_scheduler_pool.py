"""The fork-server pool starts tasks in the order its scheduler picks."""

from __future__ import annotations

from reportlib.builds.pool import Scheduler, run_tasks


def _identity(spec: str) -> str:
    return spec


def test_the_pool_starts_tasks_in_the_schedulers_order():
    """One worker, every time known: the start order is the slowest first."""
    started: list[str] = []
    history = {"a": 1.0, "b": 3.0, "c": 2.0}
    results = run_tasks(
        _identity,
        ["a", "b", "c"],
        jobs=1,
        on_start=started.append,
        scheduler=Scheduler(history=history),
    )
    assert started == ["b", "c", "a"]
    assert results == ["a", "b", "c"]  # results stay in the given order
