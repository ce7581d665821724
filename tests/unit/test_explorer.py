"""The assumptions explorer's logic: answers, what differs, the build command, bad input.

These run the real analysis on the project's ledger (one ``Explorer``, loaded once): the
explorer is only worth having if it is the reports' own code.
"""

from __future__ import annotations

from datetime import date

import pytest

from reportlib.explorer.answers import KEY_FIGURES, Explorer, build_command, command_line
from reportlib.explorer.launch import HOST, voila_argv
from reportlib.explorer.whatif import LINK_BASE_ENV, link
from reportlib.params import ParameterError, ReportParams, bounds, validate_params
from reportlib.paths import ProjectPaths, project


@pytest.fixture(scope="module")
def explorer() -> Explorer:
    return Explorer(project())


def test_an_empty_box_is_the_scenarios_figure_and_text_is_parsed_as_the_cli_does(explorer):
    params = explorer.params(
        {"scenario": "latest", "casualties": " 9000 ", "troops": "", "benefit_period": None}
    )
    assert params == ReportParams(scenario="latest", casualties=9000.0)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "casualties",
            "-1",
            "reportlib: error: parameter 'casualties': expected greater than or equal to 0, "
            "given '-1'",
        ),
        (
            "draws",
            "10",
            "reportlib: error: parameter 'draws': expected greater than or equal to 100, "
            "given '10'",
        ),
        (
            "benefit_period",
            "monthly",
            "reportlib: error: parameter 'benefit_period': expected 'cumulative' or 'yearly', "
            "given 'monthly'",
        ),
        ("troops", "many", "reportlib: error: parameter 'troops': expected a valid number"),
    ],
)
def test_a_bad_value_gets_the_clis_one_line_message(explorer, name, value, message):
    found = explorer.check(name, value, "latest")
    assert found is not None and found.startswith(message)
    assert "\n" not in found


def test_an_as_of_date_before_the_first_report_is_refused_as_the_cli_refuses_it(explorer):
    first = explorer.first_report
    assert first is not None
    message = explorer.check("as_of", "2000-01-01", "latest")
    assert message == (
        f"reportlib: error: parameter 'as_of': expected a date on or after {first.isoformat()}, "
        "the ledger's first report (before it no claim is known), given '2000-01-01'"
    )
    assert explorer.check("as_of", first.isoformat(), "latest") is None
    with pytest.raises(ParameterError):
        validate_params(scenarios=["latest"], as_of="2000-01-01", first_report=first)


def test_the_scenarios_own_settings_differ_in_nothing(explorer):
    answer = explorer.answer({"scenario": "latest"})
    assert answer.differences == []
    assert answer.differs_line == "Same figures and judgments as the scenario's own report."
    assert [f.metric for f in answer.figures] == list(KEY_FIGURES)


def test_an_override_says_what_differs_with_both_values(explorer):
    own = explorer.answer({"scenario": "latest"})
    answer = explorer.answer({"scenario": "latest", "casualties": "9000"})
    line = answer.differs_line
    assert line.startswith("Differs from the scenario's own report: ")
    assert "Killed or wounded 9,000 (own: " in line
    assert answer.figure("casualties").text == "9,000"
    assert own.figure("casualties").result.central != 9000
    assert "Troops sent in all" not in line  # unchanged figures are not listed


def test_a_chosen_benefit_reading_is_said_to_differ(explorer):
    """Choosing a reading changes no number but what the reader is shown: the line says
    so, rather than "same figures and judgments"."""
    line = explorer.answer({"scenario": "latest", "benefit_period": "yearly"}).differs_line
    assert "read as yearly (own: both readings shown)" in line


def test_a_chosen_benefit_reading_shows_only_that_reading(explorer):
    yearly = explorer.answer({"scenario": "latest", "benefit_period": "yearly"})
    names = [f.metric for f in yearly.figures]
    assert "benefit_per_casualty_if_annual_usd" in names
    assert "benefit_per_casualty_usd" not in names
    cumulative = explorer.answer({"scenario": "latest", "benefit_period": "cumulative"})
    names = [f.metric for f in cumulative.figures]
    assert "benefit_per_casualty_usd" in names
    assert "benefit_per_casualty_if_annual_usd" not in names
    assert "reading that figure as yearly" in yearly.chart.caption


def test_each_judgment_has_its_probability_and_likelihood_word(explorer):
    answer = explorer.answer({"scenario": "latest", "casualties": "1000"})
    burden = next(j for j in answer.judgments if j.id == "casualty-burden")
    assert burden.term is not None and burden.probability is not None
    assert burden.sentence.startswith(("It is", "There is"))
    assert burden.probability_text.endswith("%")


def test_pay_per_soldier_moves_the_payment_per_casualty(explorer):
    low = explorer.answer({"scenario": "latest", "pay_per_soldier_month_usd": "1000"})
    high = explorer.answer({"scenario": "latest", "pay_per_soldier_month_usd": "4000"})
    a = low.figure("deployment_payment_per_casualty_usd").result.central
    b = high.figure("deployment_payment_per_casualty_usd").result.central
    assert b == pytest.approx(4 * a)


def test_the_build_command_names_only_what_differs_from_the_defaults():
    params = ReportParams(scenario="latest", casualties=9000.0, benefit_period="yearly")
    assert build_command(params) == [
        "reportlib",
        "build",
        "--scenario",
        "latest",
        "--only",
        "brief",
        "-p",
        "casualties=9000",
        "-p",
        "benefit_period=yearly",
    ]
    dated = ReportParams(scenario="article", as_of=date(2025, 1, 1), draws=5000)
    assert command_line(dated) == (
        "reportlib build --scenario article --only brief -p as_of=2025-01-01 -p draws=5000"
    )


def test_bounds_come_from_the_typed_parameters():
    assert bounds("casualties") == ">= 0 and <= 1,500,000"
    assert bounds("draws") == ">= 100 and <= 10,000,000"
    assert bounds("scenario") == ""


def test_links_go_through_voilas_file_route_when_served(tmp_path, monkeypatch):
    paths = ProjectPaths(tmp_path)
    target = tmp_path / "reports" / "what-if" / "casualties=9000" / "latest" / "brief.html"
    monkeypatch.setenv(LINK_BASE_ENV, "/voila/files/")
    assert link(paths, target) == "/voila/files/reports/what-if/casualties=9000/latest/brief.html"
    monkeypatch.delenv(LINK_BASE_ENV)
    assert link(paths, target).startswith("file://")


def test_voila_serves_the_explorer_on_loopback_without_code(tmp_path):
    argv = voila_argv(ProjectPaths(tmp_path), 9999, browser=False)
    assert f"--Voila.ip={HOST}" in argv and HOST == "127.0.0.1"
    assert "--port=9999" in argv and "--no-browser" in argv
    assert "--strip_sources=True" in argv
    assert argv[3].endswith("notebooks/explore.ipynb")
    assert "--no-browser" not in voila_argv(ProjectPaths(tmp_path), 9999)


def test_explore_refuses_a_bad_port():
    from reportlib.cli import main

    assert main(["explore", "--port", "0", "--no-browser"]) == 2


@pytest.fixture(scope="module")
def form():
    from reportlib.explorer.form import ExplorerForm

    return ExplorerForm(ReportParams(scenario="latest"), project())


class TestForm:
    """The ipywidgets form, driven as a reader would (values set on the controls)."""

    def test_every_control_has_a_label_and_a_hint(self, form):
        for name, control in form.controls.items():
            assert control.description, name
            assert "rl-hint" in form.hints[name].value, name

    def test_a_change_updates_the_answer(self, form):
        form.controls["casualties"].value = "9000"
        assert form.last.params.casualties == 9000.0
        assert "9,000" in form.figures.value
        assert "Killed or wounded 9,000" in form.differs.value
        assert "<img" in form.chart.value

    def test_a_bad_value_is_named_beside_its_control_and_the_last_answer_stays(self, form):
        form.controls["casualties"].value = "9000"
        shown, last = form.figures.value, form.last
        form.controls["casualties"].value = "-5"
        assert "parameter &#x27;casualties&#x27;: expected greater than or equal to 0" in (
            form.errors["casualties"].value
        )
        assert form.figures.value == shown and form.last is last
        assert "Not updated" in form.status.value
        form.controls["casualties"].value = "9000"
        assert form.errors["casualties"].value == ""

    def test_reset_goes_back_to_the_scenarios_value(self, form):
        form.controls["casualties"].value = "9000"
        form._resetter("casualties")(None)
        assert form.controls["casualties"].value == ""
        assert form.last.params.casualties is None
        form.controls["benefit_period"].value = "yearly"
        form._resetter("benefit_period")(None)
        assert form.last.params.benefit_period is None

    def test_the_command_is_shown_for_the_current_settings(self, form):
        form.controls["casualties"].value = "7000"
        line = form.show_command()
        assert line == "reportlib build --scenario latest --only brief -p casualties=7000"
        assert line in form.command.value
