"""The domain vocabulary (``ledger.vocabulary``): each figure declared once, every role
ordered, every reference resolved, and a missing id a loud error naming it."""

from __future__ import annotations

import pytest

from reportlib.analysis.metrics import METRICS as FORMULAS
from reportlib.analysis.metrics import check_registered, compute
from reportlib.ledger import vocabulary as v
from reportlib.ledger.registry import Metric, Registry, VocabularyError
from reportlib.ledger.vocabulary_check import check_consistency


def test_the_vocabulary_is_consistent_with_itself_and_the_formulas():
    assert check_consistency() == []
    assert check_registered() == []


def test_a_figure_stated_about_an_undeclared_quantity_is_named(monkeypatch):
    from reportlib.ledger.registry import Quantity

    odd = Quantity("odd_share", "odd share", stated_about="nonesuch")
    quantities = Registry("quantity", (*v.QUANTITIES.values(), odd), "here")
    monkeypatch.setattr(v, "QUANTITIES", quantities)
    assert check_consistency() == ["quantity 'odd_share' is stated about 'nonesuch', not declared"]


def test_a_cap_that_is_not_declared_or_has_no_words_is_named(monkeypatch):
    from reportlib.ledger.registry import Quantity

    odd = Quantity("odd_flow", "odd flow", cap="nonesuch")
    quantities = Registry("quantity", (*v.QUANTITIES.values(), odd), "here")
    monkeypatch.setattr(v, "QUANTITIES", quantities)
    assert check_consistency() == [
        "quantity 'odd_flow' is set against cap 'nonesuch', not declared",
        "quantity 'odd_flow' has a cap but no cap_words with {n}",
    ]


def test_a_missing_id_names_itself_and_where_to_declare_it():
    with pytest.raises(VocabularyError, match=r"no metric 'nonesuch_usd'.*vocabulary\.py"):
        v.metric_label("nonesuch_usd")
    with pytest.raises(VocabularyError, match="no quantity 'nonesuch'"):
        v.figure_label("nonesuch")
    with pytest.raises(VocabularyError, match="no input 'nonesuch'"):
        v.input_words("nonesuch")


def test_an_entry_declared_twice_or_with_an_unknown_role_is_refused():
    m = Metric("x", "USD", "X", "x", ("benefit_usd",))
    with pytest.raises(VocabularyError, match="'x' is declared twice"):
        Registry("metric", (m, m), "here")
    bad = Metric("y", "USD", "Y", "y", ("benefit_usd",), roles={"headlin": 1})
    with pytest.raises(VocabularyError, match="unknown role 'headlin'"):
        Registry("metric", (bad,), "here")
    with pytest.raises(VocabularyError, match="no role 'nonesuch' for a metric"):
        v.METRICS.with_role("nonesuch")


def test_roles_keep_their_order():
    assert v.METRICS.with_role(v.HEADLINE) == (
        "troops_deployed",
        "casualties",
        "casualty_rate",
        "benefit_usd",
        "implied_state_budget_usd",
        "benefit_per_deployed_soldier_usd",
        "benefit_per_casualty_usd",
        "deployment_payment_per_casualty_usd",
    )
    assert v.PARAMETERS.with_role(v.CONTROL)[:3] == ("scenario", "as_of", "casualties")


def test_each_reading_is_its_own_metric_with_its_own_label():
    readings = (
        "benefit_per_casualty_usd",
        "benefit_per_casualty_if_annual_usd",
        "benefit_per_casualty_at_estimate_date_usd",
    )
    labels = [v.metric_label(m) for m in readings]
    assert len(set(labels)) == len(labels)
    every = [v.metric_label(m) for m in v.METRICS]
    assert len(set(every)) == len(every), "two metrics share a label"


def test_every_metric_unit_is_the_formulas_unit():
    for name, formula in FORMULAS.items():
        assert formula.unit == v.METRICS[name].unit
        assert formula.requires == v.METRICS[name].requires


def test_compute_of_an_undeclared_metric_is_loud():
    with pytest.raises(VocabularyError, match="no metric 'nonesuch'"):
        compute({}, 10, 1, names=("nonesuch",))
