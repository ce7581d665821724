"""A view that needs a figure or a picked claim names the one it lacks, never carries a
None into arithmetic or an attribute lookup (``views.common``: central, interval, picked)."""

from __future__ import annotations

from datetime import date

import pytest

from reportlib.analysis.metrics import Result
from reportlib.views.common import central, interval, picked


def test_an_unavailable_figure_is_named():
    missing = Result("casualty_rate", "share", None, None, None, ())
    with pytest.raises(ValueError, match="'casualty_rate' is not available"):
        central(missing)
    with pytest.raises(ValueError, match="'casualty_rate' is not available"):
        interval(missing)


def test_an_available_figure_gives_its_values():
    known = Result("casualty_rate", "share", 0.2, 0.1, 0.3, ())
    assert central(known) == 0.2
    assert interval(known) == (0.2, 0.1, 0.3)


class _NothingPicked:
    as_of = date(2025, 4, 9)

    def pick(self, quantity: str) -> None:
        return None


def test_a_claim_not_picked_is_named():
    with pytest.raises(LookupError, match="'army_active' as of 2025-04-09"):
        picked(_NothingPicked(), "army_active")  # a stub of what picked reads
