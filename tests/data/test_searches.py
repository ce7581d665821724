"""The record of searches (``data/searches.csv``): each rule names file, line and column,
and ``currency`` on the real ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlib.analysis.currency import currency
from reportlib.analysis.scenarios import load_scenarios
from reportlib.ledger import load_ledger, validate_ledger
from tests.helpers import edit_csv

ROOT = Path(__file__).resolve().parents[2]


def one_problem(data: Path) -> str:
    found = [str(p) for p in validate_ledger(data, data.parent)]
    assert len(found) == 1, found
    return found[0]


def first_search(data: Path) -> str:
    return (data / "searches.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("date", "2026-12", "expected a day, YYYY-MM-DD (a search runs to a day), found '2026-12'"),
        ("searched_to", "2026-13-01", "expected a date as YYYY-MM-DD"),
        ("searched_to", "2099-01-01", "expected a day on or before the search's date"),
        ("newest_found", "2099-01", "expected a date on or before searched_to"),
        ("outcome", "found", "expected one of added, known, set_aside, nothing, found 'found'"),
        ("found", "", "expected a value, found an empty cell"),
        ("ledger_rows", "Bad_Id", "expected ids of a-z, 0-9 and '-' separated by spaces"),
        ("ledger_rows", "", "expected the ids of the rows this search added"),
    ],
)
def test_search_rules(data_copy, column, value, expected):
    path = data_copy / "searches.csv"
    first = first_search(data_copy)
    edit_csv(path, first, "outcome", "added")
    edit_csv(path, first, "ledger_rows", "art")
    line = edit_csv(path, first, column, value)
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/searches.csv:{line}: column '{column}':"), problem
    assert expected in problem


def test_a_search_that_found_nothing_names_no_rows_and_no_date(data_copy):
    path = data_copy / "searches.csv"
    first = first_search(data_copy)
    edit_csv(path, first, "outcome", "nothing")
    edit_csv(path, first, "newest_found", "")
    line = edit_csv(path, first, "ledger_rows", "art")
    assert one_problem(data_copy).startswith(f"data/searches.csv:{line}: column 'ledger_rows':")
    edit_csv(path, first, "ledger_rows", "")
    edit_csv(path, first, "newest_found", "2025")
    assert "found nothing" in one_problem(data_copy)


def test_a_row_a_search_named_may_be_withdrawn_later(data_copy):
    # the record is a log: withdrawing a ledger row does not rewrite it
    first = first_search(data_copy)
    edit_csv(data_copy / "searches.csv", first, "ledger_rows", "a-row-since-withdrawn")
    assert validate_ledger(data_copy, data_copy.parent) == []


def test_the_record_is_required(data_copy):
    (data_copy / "searches.csv").unlink()
    assert (
        one_problem(data_copy)
        == "data/searches.csv: expected the searches table file, found no file"
    )


def test_the_real_record_dates_the_latest_edition():
    ledger = load_ledger(ROOT / "data", ROOT)
    scenarios = load_scenarios(ROOT / "data")
    latest = currency(ledger, scenarios["latest"])
    newest_search = max(ledger.searches["searched_to"])
    assert latest.searched_to.isoformat() == newest_search
    assert latest.searched_to >= latest.as_of
    assert latest.figures_to is not None and latest.figures_to.end <= latest.as_of
    assert currency(ledger, scenarios["article"]).searched_to is None
    cross = currency(ledger, scenarios["cross-checked"])
    assert cross.searched_to == cross.as_of
