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


ROW = [
    "id=xc-test-new",
    "quantity=casualties",
    "value=7000",
    "qualifier=more than",
    "unit=persons",
    "claimant=Test ministry, 2 officials",
    "claim_date=2026-03",
    "source_id=kcnawatch-2026-03-17",
    "locator=para 3",
    "kind=estimate",
    "reliability=A",
    "cohort=troops_total",
]


def test_add_appends_a_checked_row(data_copy, capsys):
    before = (data_copy / "claims.csv").read_text()
    assert main(["add", "claims", *ROW, "--data", str(data_copy)]) == 0
    after = (data_copy / "claims.csv").read_text()
    assert after.startswith(before) and after[len(before) :].startswith("xc-test-new,casualties")
    # a folder outside the project is named whole, as `check` names it
    assert f"added to {data_copy.resolve().as_posix()}/claims.csv, line " in capsys.readouterr().out
    assert main(["check", "--data", str(data_copy)]) == 0


def test_add_refuses_a_bad_row_and_writes_nothing(data_copy, capsys):
    before = (data_copy / "claims.csv").read_text()
    bad = [c if not c.startswith("unit=") else "unit=USD" for c in ROW]
    assert main(["add", "claims", *bad, "--data", str(data_copy)]) == 2
    err = capsys.readouterr().err
    line = before.count("\n") + 1
    where = f"{data_copy.resolve().as_posix()}/claims.csv:{line}"
    assert f"{where}: column 'unit': expected 'persons', the unit of casualties" in err
    assert "the row was not added" in err
    assert (data_copy / "claims.csv").read_text() == before
    assert main(["add", "claims", "colour=red", "--data", str(data_copy)]) == 2
    assert "unknown column 'colour' of claims.csv (" in capsys.readouterr().err
    assert main(["add", "claims", "valu=7000", "--data", str(data_copy)]) == 2
    assert "unknown column 'valu' of claims.csv (did you mean 'value'?" in capsys.readouterr().err
    assert main(["add", "claims", "id", "--data", str(data_copy)]) == 2
    assert "expected COLUMN=VALUE, found 'id' (no '='" in capsys.readouterr().err
    thousands = [c if not c.startswith("value=") else "value=7,000" for c in ROW]
    assert main(["add", "claims", *thousands, "--data", str(data_copy)]) == 2
    assert "expected a number without thousands separators (7000), found '7,000'" in (
        capsys.readouterr().err
    )
    assert (data_copy / "claims.csv").read_text() == before


def test_check_refuses_a_judgment_on_a_ratio_of_its_own_inputs(data_copy, capsys):
    """Issue 23: a threshold on the ministry's benefits per casualty restates a threshold
    on the casualty count; `check` refuses it, naming the judgment and its inputs."""
    path = data_copy / "judgments.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[judgment]]\nid = "price-per-casualty"\nkind = "metric"\n'
        'metric = "benefit_per_casualty_usd"\nthreshold = 500000\n'
        'proposition = "the benefits come to more than {threshold} per casualty"\n'
        'why = "Half a million dollars per casualty."\n',
        encoding="utf-8",
    )
    assert main(["check", "--data", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "judgment 'price-per-casualty'" in err
    assert "a ratio of its own inputs (benefit_usd and casualties)" in err
