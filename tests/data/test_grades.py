"""Every source a report lists carries a grade: an event or factor whose source no claim
or technology report grades carries its own (``ledger.rules.check_grades``)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reportlib.ledger import validate_ledger
from tests.helpers import edit_csv


def problems_of(data: Path) -> list[str]:
    return [str(p) for p in validate_ledger(data, data.parent)]


def test_an_event_of_an_ungraded_source_must_carry_a_grade(data_copy):
    line = edit_csv(data_copy / "events.csv", "ev-sappers-return-expected", "reliability", "")
    [problem] = problems_of(data_copy)
    assert problem.startswith(f"data/events.csv:{line}: column 'reliability': expected a grade")
    assert "'rbc-2025-12-13'" in problem and problem.endswith("found an empty cell")


def test_a_factor_of_an_ungraded_source_must_carry_a_grade(data_copy):
    line = edit_csv(data_copy / "factors.csv", "fx-tactics-nis-2026", "reliability", "")
    [problem] = problems_of(data_copy)
    assert problem.startswith(f"data/factors.csv:{line}: column 'reliability':")


def test_a_source_a_claim_grades_needs_no_second_grade(data_copy):
    # the article's claims grade it, so its events leave the column empty (the row stops
    # before it)
    rows = (data_copy / "events.csv").read_text(encoding="utf-8").splitlines()
    treaty = next(r for r in rows if r.startswith("ev-treaty-signed,"))
    assert len(next(csv.reader([treaty]))) < len(next(csv.reader([rows[0]])))
    assert problems_of(data_copy) == []


def test_a_grade_must_be_one_of_the_table(data_copy):
    line = edit_csv(data_copy / "events.csv", "ev-museum-93pct", "reliability", "Z")
    [problem] = problems_of(data_copy)
    assert problem.startswith(f"data/events.csv:{line}: column 'reliability': expected a grade")


@pytest.mark.parametrize("scenario", ["article", "cross-checked", "latest"])
def test_every_source_a_report_lists_carries_a_grade(scenario):
    from reportlib.report import report_with
    from reportlib.views.common import sources_list

    report = report_with(scenario=scenario, draws=200)
    for source_id in report.ledger.sources["source_id"]:
        report.cite(str(source_id))  # list every source the scenario admits rows of
    admitted = set(report.claims["source_id"]) | set(
        report.admitted(report.ledger.technology)["source_id"]
    )
    admitted |= set(report.scenario.events(report.ledger, report.as_of)["source_id"])
    admitted |= set(report.admitted(report.ledger.factors)["source_id"])
    lines = sources_list(report).text.splitlines()
    listed = [line for line in lines if line[:1].isdigit()]
    ungraded = [
        line
        for line, sid in zip(listed, report.cited, strict=True)
        if sid in admitted and " Grade" not in line
    ]
    assert not ungraded, ungraded
