"""What cannot be true is refused in one line, exit 2, before anything runs (issue 29):
a number with thousands separators, a non-finite or implausible value, casualties above
the troops they are counted among, a -p the command would ignore."""

from __future__ import annotations

import pytest

from reportlib.cli import main
from reportlib.params import ParameterError, bounds, validate_params

SCENARIOS = ("article", "cross-checked", "latest")


def one_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (
            ["build", "-p", "casualties=9,000"],
            "parameter 'casualties': expected a number without thousands separators (9000)",
        ),
        (["build", "-p", "benefit_usd=3,000,000,000"], "without thousands separators"),
        (["metrics", "-p", "casualties=9,000"], "without thousands separators (9000)"),
        (["build", "-p", "casualties=1e99"], "parameter 'casualties': expected less than or"),
        (["build", "-p", "casualties=inf"], "parameter 'casualties': expected a finite number"),
        (["build", "-p", "troops=nan"], "parameter 'troops': expected a finite number"),
        (["build", "-p", "benefit_usd=-inf"], "parameter 'benefit_usd': expected a finite"),
        (["build", "-p", "benefit_usd=5e13"], "parameter 'benefit_usd': expected less than"),
        (["build", "-p", "pay_per_soldier_month_usd=1e7"], "pay_per_soldier_month_usd"),
        (["build", "-p", "troops=5000000"], "parameter 'troops': expected less than or equal"),
        (
            ["build", "--scenario", "latest", "-p", "casualties=20000"],
            "parameter 'casualties': expected casualties at most the troops they are counted "
            "among in the latest scenario (the ledger's troops: at most 15,000), given 20,000",
        ),
        (
            ["build", "-p", "casualties=5000", "-p", "troops=4000"],
            "parameter 'casualties': expected casualties at most the troops they are counted "
            "among in the article scenario (troops set to 4,000), given 5,000",
        ),
        (
            ["build", "--scenario", "article", "-p", "troops=100"],
            "parameter 'troops': expected casualties at most the troops",
        ),
        (["build", "-p", "casualties=4000,20000"], "at most the troops"),  # one bad combination
        (["metrics", "--scenario", "latest", "-p", "casualties=20000"], "at most the troops"),
        (["judgments", "--scenario", "latest", "-p", "casualties=20000"], "at most the troops"),
        (
            ["metrics", "-p", "scenario=nope"],
            "-p scenario=nope: reportlib metrics takes the scenario from --scenario",
        ),
        (["judgments", "-p", "scenario=latest"], "reportlib judgments takes the scenario from"),
        (
            ["metrics", "--as-of", "2025-04-09", "-p", "as_of=2025-06-01"],
            "takes the as_of from --as-of (given --as-of 2025-04-09)",
        ),
        (
            ["changes", "--scenario", "latest", "--since", "2025-04-09", "-p", "scenario=x"],
            "reportlib changes takes the scenario from --scenario",
        ),
    ],
)
def test_refused_in_one_line_with_exit_2(project_copy, capsys, argv, needle):
    assert main(argv) == 2
    assert needle in one_line(capsys)
    assert not list((project_copy / "reports").rglob("*.html"))  # nothing built


def test_a_grid_of_values_still_splits_on_commas():
    from reportlib.builds.sweep import expand

    combos, axes = expand({"casualties": "4000,6000", "draws": "2000"})
    assert axes == ["casualties"] and [c.overrides["casualties"] for c in combos] == [4000, 6000]


def test_every_number_has_a_documented_plausible_range():
    for name in ("troops", "casualties", "benefit_usd", "pay_per_soldier_month_usd", "draws"):
        assert "<=" in bounds(name), name
    assert bounds("budget_share") == "> 0 and <= 1"


def test_casualties_within_the_troops_they_are_counted_among_are_accepted(project_copy):
    from reportlib.report import report_with

    inputs = report_with(scenario="latest", casualties=15000).analysis.inputs
    assert inputs["casualties"].central == 15000
    with pytest.raises(ParameterError):
        validate_params(scenarios=SCENARIOS, casualties=float("inf"))


def test_the_explorer_refuses_casualties_above_the_troops_with_the_clis_line(project_copy):
    from reportlib.explorer.answers import Explorer
    from reportlib.paths import ProjectPaths

    explorer = Explorer(ProjectPaths(project_copy))
    line = explorer.check("casualties", "20000", "latest")
    assert line is not None and "expected casualties at most the troops" in line
    assert explorer.check("casualties", "9000", "latest") is None
