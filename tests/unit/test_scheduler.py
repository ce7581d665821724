"""Which report starts next: the slowest expected first (``builds.pool.Scheduler``).

Times are given, not measured: the scheduler reads the clock only through ``now``."""

from __future__ import annotations

from reportlib.builds.pool import Scheduler


def _group(spec: str) -> str:
    return spec.split("/")[1]


def test_without_group_or_history_the_given_order_stands():
    s = Scheduler()
    assert s.pick(["a", "b", "c"], [], now=0.0) == 0


def test_history_starts_the_slowest_first():
    s = Scheduler(history={"x/01": 1.0, "y/04": 4.5, "x/04": 3.0})
    pending = ["x/01", "x/04", "y/04"]
    assert pending[s.pick(pending, [], now=0.0)] == "y/04"


def test_equal_expectations_keep_the_given_order():
    s = Scheduler(history={"a": 2.0, "b": 2.0})
    assert s.pick(["a", "b"], [], now=0.0) == 0


def test_an_unknown_notebook_is_tried_first_then_learnt():
    s = Scheduler(group=_group)
    pending = ["x/01", "x/02", "y/01", "y/02"]
    assert pending[s.pick(pending, [], now=0.0)] == "x/01"
    # x/01 runs; x/02's notebook is still unknown: try it next
    assert s.pick(["x/02", "y/01", "y/02"], [("x/01", 0.0)], now=0.5) == 0
    # both notebooks now known: 01 took 3 s, 02 has been running for 1 s so far
    s.done("x/01", 3.0)
    pending = ["y/02", "y/01"]
    assert pending[s.pick(pending, [("x/02", 9.0)], now=10.0)] == "y/01"
    # a running 02 that has passed 3 s is now the slower notebook
    assert pending[s.pick(pending, [("x/02", 6.0)], now=10.0)] == "y/02"


def test_history_beats_what_the_group_suggests():
    s = Scheduler(group=_group, history={"y/02": 0.1, "y/01": 0.2})
    s.done("x/02", 9.0)
    pending = ["y/02", "y/01"]
    assert pending[s.pick(pending, [], now=0.0)] == "y/01"
