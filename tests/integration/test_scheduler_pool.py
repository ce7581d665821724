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


def test_a_build_keeps_each_reports_time_apart_from_its_index(project_copy):
    """Times go to reports/.cache/timings.json, read by the next build's scheduler; the
    cache index (compared across machines) holds none."""
    import json

    from reportlib.builds.cache import read_timings
    from reportlib.builds.runner import build
    from reportlib.paths import ProjectPaths

    paths = ProjectPaths(project_copy)
    assert build(paths, scenario="article", only=["brief", "02_casualties"], jobs=2).ok
    timings = read_timings(paths)
    assert set(timings) == {"article/brief", "article/02_casualties"}
    assert all(isinstance(t["execute"], float) and t["execute"] > 0 for t in timings.values())
    index = json.loads((paths.cache / "index.json").read_text())
    assert not any("seconds" in entry for entry in index.values())
