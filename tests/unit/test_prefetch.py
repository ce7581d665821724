"""A build's prefetch: values computed on its thread are the ones used, once; a failure
there is raised where the value is needed; outside a build nothing is prefetched."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlib.builds.prefetch import Prefetch, during, value
from reportlib.paths import ProjectPaths

PATHS = ProjectPaths(Path("/project"))


def test_a_prefetched_value_is_used_and_computed_once():
    calls: list[dict] = []

    def compute(paths, parameters):
        calls.append(parameters)
        return {"scenario": parameters["scenario"], "n": len(calls)}

    prefetch = Prefetch()
    prefetch.add("metrics", PATHS, {"scenario": "a"}, compute)
    prefetch.add("metrics", PATHS, {"scenario": "a"}, compute)  # the same key: once
    prefetch.start()
    with during(prefetch):
        assert value("metrics", PATHS, {"scenario": "a"}, compute) == {"scenario": "a", "n": 1}
        # another key, another kind or another output folder is computed where asked
        assert value("metrics", PATHS, {"scenario": "b"}, compute)["n"] == 2
        assert value("summary", PATHS, {"scenario": "a"}, compute)["n"] == 3
        other = ProjectPaths(Path("/project"), Path("/elsewhere"))
        assert value("metrics", other, {"scenario": "a"}, compute)["n"] == 4
    assert len(calls) == 4


def test_a_failure_on_the_thread_is_raised_where_the_value_is_needed():
    attempts: list[str] = []

    def compute(paths, parameters):
        attempts.append("x")
        raise ValueError("bad ledger row")

    prefetch = Prefetch()
    prefetch.add("summary", PATHS, {"scenario": "a"}, compute)
    prefetch.start()
    with during(prefetch), pytest.raises(ValueError, match="bad ledger row"):
        value("summary", PATHS, {"scenario": "a"}, compute)
    assert attempts == ["x", "x"]


def test_outside_a_build_values_are_computed():
    prefetch = Prefetch()
    prefetch.add("metrics", PATHS, {"scenario": "a"}, lambda p, q: "prefetched")
    prefetch.start()
    with during(prefetch):
        pass
    assert value("metrics", PATHS, {"scenario": "a"}, lambda p, q: "computed") == "computed"
