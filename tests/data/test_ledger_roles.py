"""Roles, not row ids: the rows the reports need are marked in the ledger (the ``roles``
column of data/events.csv and data/factors.csv), and ``reportlib check`` refuses a ledger
that lacks one, naming the role."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reportlib.cli import main
from reportlib.ledger import load_ledger
from reportlib.ledger.vocabulary import LEDGER_ROLES


def drop_row(data: Path, table: str, row_id: str) -> None:
    path = data / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(row_id + ",")]
    assert len(kept) == len(lines) - 1, row_id
    path.write_text("".join(kept), encoding="utf-8")


def test_every_role_the_reports_need_is_marked(data_copy):
    ledger = load_ledger(data_copy)
    for role, spec in LEDGER_ROLES.items():
        ids = ledger.role(role)
        assert ids, role
        assert spec.many or len(ids) == 1, role


@pytest.mark.parametrize("role", sorted(r for r, spec in LEDGER_ROLES.items() if spec.needed))
def test_deleting_a_row_the_reports_need_names_the_missing_role(data_copy, capsys, role):
    spec = LEDGER_ROLES[role]
    for rid in load_ledger(data_copy).role(role):
        drop_row(data_copy, spec.table, rid)
    assert main(["check", "--data", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert f"data/{spec.table}.csv" in err
    assert f"a row marked with role {role!r}" in err, err


@pytest.mark.parametrize("role", sorted(r for r, spec in LEDGER_ROLES.items() if not spec.needed))
def test_a_role_the_reports_can_do_without_may_have_no_row(data_copy, capsys, role):
    """Where the troops are and the memorial: said where the ledger has a row, never
    required (a ledger with none still checks)."""
    spec = LEDGER_ROLES[role]
    for rid in load_ledger(data_copy).role(role):
        drop_row(data_copy, spec.table, rid)
    assert main(["check", "--data", str(data_copy)]) == 0


def test_an_unknown_role_and_a_second_row_of_a_single_role_are_refused(data_copy, capsys):
    path = data_copy / "events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    # the treaty also marked as the start of combat, and a misspelt role on the last row
    (treaty,) = [r for r in rows if r["roles"] == "treaty-signed"]
    treaty["roles"] = "treaty-signed; combat-start"
    rows[-1]["roles"] = "combat-strat"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert main(["check", "--data", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "one row marked with role 'combat-start'" in err
    assert "found 'combat-strat'" in err


def test_grades_are_ranked_by_the_order_of_reliability_csv_not_their_letters(data_copy):
    path = data_copy / "reliability.csv"
    header, a, b, *rest = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert a.startswith("A,") and b.startswith("B,")
    path.write_text("".join([header, b, a, *rest]), encoding="utf-8")  # B now ranks first
    ledger = load_ledger(data_copy)
    assert ledger.best_grade(["A", "B", "C"]) == "B"
    assert ledger.grade_order["B"] < ledger.grade_order["A"] < ledger.grade_order["C"]


def test_a_confirm_grade_not_in_reliability_csv_is_refused(data_copy, capsys):
    path = data_copy / "judgments.toml"
    text = path.read_text(encoding="utf-8")
    assert 'confirm_grade = "C"' in text
    path.write_text(text.replace('confirm_grade = "C"', 'confirm_grade = "G"', 1))
    assert main(["check", "--data", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "technology.confirm_grade: expected a grade of reliability.csv" in err
    assert "found 'G'" in err


def test_who_speaks_through_a_grade_is_read_from_reliability_csv(data_copy, capsys):
    """The reports set officials' figures apart from a party's to the war by the grades'
    ``standing`` column, and say a grade in words from its ``words`` column: no grade
    letter is fixed in the code."""
    ledger = load_ledger(data_copy)
    assert ledger.grades("official") == ("A", "B") and ledger.grades("party") == ("D",)
    assert ledger.grade_words["C"] == "a research institute"
    path = data_copy / "reliability.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",0.7,research,", ",0.7,official,", 1), encoding="utf-8")
    assert load_ledger(data_copy).grades("official") == ("A", "B", "C")
    path.write_text(text.replace(",0.7,research,", ",0.7,think-tank,", 1), encoding="utf-8")
    assert main(["check", "--data", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "reliability.csv" in err and "standing" in err and "think-tank" in err
