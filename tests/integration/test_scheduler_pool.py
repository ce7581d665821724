"""The fork-server pool starts tasks in the order its scheduler picks."""

from __future__ import annotations

import pytest

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


def test_the_next_build_starts_the_slowest_report_of_the_last_one_first(project_copy):
    """The run log's times order the next build: with one worker, the report that took
    longest last time starts first (whatever the catalogue's order)."""
    import json

    from reportlib.builds.runner import build
    from reportlib.paths import ProjectPaths

    paths = ProjectPaths(project_copy)
    only = ["02_casualties", "brief"]
    assert build(paths, scenario="article", only=only, jobs=1).ok
    log = paths.reports / ".runlog" / "last.json"
    entries = json.loads(log.read_text())
    assert [e["report"] for e in entries] == ["article/02_casualties", "article/brief"]
    for entry, seconds in zip(entries, (1.0, 9.0), strict=True):  # as if brief were slow
        entry["seconds"] = seconds
    log.write_text(json.dumps(entries))
    started = []
    result = build(
        paths, scenario="article", only=only, jobs=1, force=True, on_start=started.append
    )
    assert result.ok
    assert [t.job.key for t in started] == ["article/brief", "article/02_casualties"]


def test_the_next_report_starts_before_the_last_ones_files_are_written():
    """One worker: the second task starts before the first one's result is handed on
    (the coordinator writes a report's files while the next report runs)."""
    events: list[str] = []
    run_tasks(
        _identity,
        ["a", "b"],
        jobs=1,
        on_start=lambda spec: events.append(f"start {spec}"),
        on_done=lambda spec, _: events.append(f"done {spec}"),
    )
    assert events == ["start a", "start b", "done a", "done b"]


class _Interrupt(Exception):
    pass


def test_reports_already_finished_are_handed_on_when_the_build_stops():
    """A build stopped while a report runs (here: as the second one starts) still hands
    on the result of the one that finished, so its files are written."""
    done: list[str] = []

    def stop_at_b(spec: str) -> None:
        if spec == "b":
            raise _Interrupt

    with pytest.raises(_Interrupt):
        run_tasks(
            _identity,
            ["a", "b"],
            jobs=1,
            on_start=stop_at_b,
            on_done=lambda spec, _: done.append(spec),
        )
    assert done == ["a"]
