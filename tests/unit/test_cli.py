import pytest

from reportlib.cli import main


def test_help_explains_itself(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "check", "ledger", "params", "lab"):
        assert command in out


def test_build_help(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    assert "--only" in out and "--scenario" in out and "NAME=VALUE" in out


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as done:
        main(["build", "--nope"])
    assert done.value.code == 2


def test_params_command(capsys):
    assert main(["params", "brief"]) == 0
    assert "draws" in capsys.readouterr().out


def test_add_takes_every_table_of_the_schema():
    from reportlib.cli.ledger import TABLES
    from reportlib.ledger.schema import TABLES as SCHEMA

    assert set(TABLES) == {t.name for t in SCHEMA}


def test_params_never_cuts_a_name_at_80_columns(capsys, monkeypatch):
    from reportlib.params import ReportParams

    monkeypatch.setenv("COLUMNS", "80")
    assert main(["params"]) == 0
    out = capsys.readouterr().out
    for name in ReportParams.model_fields:
        assert f" {name} " in out, name  # whole, not "pay_per_soldier_mo…"


def test_params_of_an_unknown_notebook_is_one_line_and_no_table(capsys):
    assert main(["params", "nope"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err.strip().splitlines() == [captured.err.strip()]
        and "notebook 'nope': expected a file" in captured.err
    )


@pytest.mark.parametrize("given", ["notebooks/brief.ipynb", "brief.ipynb", "brief"])
def test_params_takes_a_notebook_by_path_or_name(capsys, given):
    assert main(["params", given]) == 0
    assert "notebooks/notebooks" not in capsys.readouterr().err


def test_check_of_a_missing_folder_says_so_once(capsys, tmp_path):
    missing = tmp_path / "nope"
    assert main(["check", "--data", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == f"{missing}: expected a ledger folder, found no such folder"
    assert len(err) == 2 and err[1].startswith("1 problem(s)")


def test_lab_takes_a_port_and_no_browser(monkeypatch):
    import os

    calls = []
    monkeypatch.setattr(os, "execvp", lambda exe, argv: calls.append(argv))
    assert main(["lab", "--port", "8899", "--no-browser"]) == 0
    argv = calls[0]
    assert "--ServerApp.port=8899" in argv and "--ServerApp.open_browser=False" in argv
    assert main(["lab"]) == 0
    assert not [a for a in calls[1] if "port" in a or "open_browser" in a]
    assert main(["lab", "--port", "0"]) == 2  # UsageError: exit 2, nothing started
    assert len(calls) == 2
