"""Reports opened ahead (the build's fork server, ``report.open_ahead``): handed out for the
same parameters and data only, each with its own list of cited sources, and the same as a
report computed when asked for."""

from __future__ import annotations

import pytest

from reportlib import report as opening


@pytest.fixture
def loads(project_copy, monkeypatch) -> list[str]:
    """Reports opened ahead in a fresh project; the ledger loads after that, counted."""
    monkeypatch.setattr(opening, "_opened", {})
    opening.open_ahead()
    seen: list[str] = []
    load = opening.load_ledger

    def counted(*args, **kwargs):
        seen.append("load")
        return load(*args, **kwargs)

    monkeypatch.setattr(opening, "load_ledger", counted)
    return seen


def test_the_same_parameters_get_the_report_opened_ahead(loads):
    first = opening.report_with(scenario="latest")
    second = opening.report_with(scenario="latest")
    assert loads == []
    assert first.analysis is second.analysis  # computed once, shared
    first.cite(first.claims["source_id"].iloc[0])
    assert first.cited and second.cited == []  # each report numbers its own sources


def test_a_report_opened_ahead_equals_one_computed_when_asked(loads, monkeypatch):
    ahead = opening.report_with(scenario="cross-checked")
    monkeypatch.setattr(opening, "_opened", {})
    fresh = opening.report_with(scenario="cross-checked")
    assert loads == ["load"]
    assert ahead.analysis.as_json() == fresh.analysis.as_json()
    assert ahead.as_of == fresh.as_of


def test_other_parameters_are_computed_when_asked(loads):
    opening.report_with(scenario="latest", seed=7)
    assert loads == ["load"]


def test_a_changed_data_file_is_read_again(loads, project_copy):
    scenarios = project_copy / "data" / "scenarios.toml"
    scenarios.write_text(scenarios.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    opening.report_with(scenario="latest")
    assert loads == ["load"]
