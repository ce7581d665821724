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
