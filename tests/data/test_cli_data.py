"""The CLI's ledger commands on today's ledger (and a copy of it broken on purpose)."""

import csv
import io

from reportlib.cli import main


def test_check_ok_and_bad(data_copy, capsys):
    assert main(["check", "--data", str(data_copy)]) == 0
    (data_copy / "units.csv").write_text("")
    assert main(["check", "--data", str(data_copy)]) == 2
    assert (
        "units.csv:1: expected a header line and rows, found an empty file"
        in capsys.readouterr().err
    )


def test_ledger_csv_columns(capsys):
    assert main(["ledger", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {
        "id",
        "quantity",
        "value",
        "low",
        "high",
        "unit",
        "qualifier",
        "claimant",
        "date",
        "source",
        "locator",
    } <= set(rows[0])
    by_id = {r["id"]: r for r in rows}
    assert (
        by_id["art-troops-initial"]["low"] == "10000"
        and by_id["art-troops-initial"]["high"] == "12000"
    )


def test_ledger_table(capsys):
    assert main(["ledger"]) == 0
    assert "art-troops-initial" in capsys.readouterr().out
