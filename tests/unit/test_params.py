from datetime import date

import pytest

from reportlib.params import (
    NAMES,
    ParameterError,
    check_parameters_cell,
    describe,
    parse_assignments,
    validate_params,
)

SCENARIOS = ("article", "cross-checked", "latest")  # passed in: params never reads data/


def check(**values):
    return validate_params(scenarios=SCENARIOS, **values)


def test_defaults_validate():
    p = check()
    assert p.scenario == "article" and p.as_of is None and p.draws == 20_000


def test_coerces_strings_from_cli():
    p = check(**parse_assignments(["scenario=latest", "as_of=2025-04-09", "draws=5000"]))
    assert (p.scenario, p.as_of, p.draws) == ("latest", date(2025, 4, 9), 5000)


@pytest.mark.parametrize(
    ("values", "needle"),
    [
        ({"draws": -1}, "parameter 'draws': expected greater than or equal to 100, given -1"),
        ({"as_of": "2025-13-45"}, "parameter 'as_of'"),
        ({"casualties": "many"}, "parameter 'casualties': expected a valid number"),
        ({"scenario": "nowhere"}, "parameter 'scenario': expected one of article"),
        ({"budget_share": 1.5}, "parameter 'budget_share'"),
    ],
)
def test_bad_values_name_parameter_expected_and_given(values, needle):
    with pytest.raises(ParameterError) as err:
        check(**values)
    assert needle in str(err.value)
    assert repr(next(iter(values.values()))) in str(err.value)


def test_unknown_name_suggests_nearest():
    with pytest.raises(ParameterError, match="did you mean 'draws'"):
        check(drawz=10)


def test_scenario_typo_suggests_nearest():
    with pytest.raises(ParameterError, match="did you mean 'latest'"):
        check(scenario="lates")


def test_malformed_assignment():
    with pytest.raises(ParameterError, match="expected NAME=VALUE"):
        parse_assignments(["draws"])


def test_describe_lists_every_parameter():
    assert [r["name"] for r in describe()] == list(NAMES)


def test_parameters_cell_check():
    good = "\n".join(f"{r['name']} = {r['default']}" for r in describe())
    assert check_parameters_cell(good) == []
    bad = good.replace("draws = 20000", "draws = 10") + "\nextra = 1"
    problems = check_parameters_cell(bad)
    assert any("draws" in p for p in problems) and any("extra" in p for p in problems)


def test_scenario_names_come_from_the_caller():
    assert validate_params(scenarios=["only-this"], scenario="only-this").scenario == "only-this"
    with pytest.raises(ParameterError, match="expected one of only-this"):
        validate_params(scenarios=["only-this"], scenario="article")
