"""What-if folder names and grid expansion: deterministic, readable, validated first."""

from __future__ import annotations

import pytest

from reportlib.builds.sweep import check_name, expand, folder_name, grid_name, split_values
from reportlib.params import ParameterError


def test_folder_name_is_sorted_readable_and_canonical():
    a, _ = expand({"draws": "2000", "casualties": "9000"})
    b, _ = expand({"casualties": "9e3", "draws": 2000})
    assert a[0].name == b[0].name == "casualties=9000,draws=2000"
    assert folder_name({}) == "defaults"
    assert folder_name({"as_of": "2025-01-01"}) == "as_of=2025-01-01"
    long = folder_name({"casualties": 1.5, "benefit_usd": 10.0**30, "troops": 1 / 3})
    assert len(long) <= 96 and "/" not in long


def test_defaults_are_no_override():
    combos, axes = expand({"draws": "20000", "casualties": None})
    assert [c.overrides for c in combos] == [{}] and axes == []


def test_grid_expands_every_combination():
    combos, axes = expand({"casualties": "4000,6000", "benefit_usd": [1e9, 3e9], "draws": 2000})
    assert axes == ["casualties", "benefit_usd"]
    assert len(combos) == 4 and len({c.name for c in combos}) == 4
    assert grid_name(combos, axes) == (
        "sweep-benefit_usd=1000000000+3000000000,casualties=4000+6000,draws=2000"
    )
    assert split_values("1,2") == ["1", "2"] and split_values(3) == [3]


def test_bad_value_names_its_combination():
    with pytest.raises(ParameterError, match=r"combination casualties=-1, draws=5000: .*"):
        expand({"casualties": "4000,-1", "draws": "5000"})
    with pytest.raises(ParameterError, match="parameter 'draws'"):
        expand({"draws": "5"})  # one value: the plain message


@pytest.mark.parametrize("name", ["", "..", "a/b", ".hidden", "x y"])
def test_bad_names_are_refused(name):
    with pytest.raises(ParameterError, match="--name"):
        check_name(name)
