"""Data tests: the committed ledger is valid and complete."""

from __future__ import annotations

import pytest

from reportlib.ledger import load_ledger, validate_ledger
from reportlib.ledger.vocabulary_check import check_consistency
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def ledger():
    return load_ledger(ROOT / "data", ROOT)


def test_ledger_has_no_problems():
    assert [str(p) for p in validate_ledger(ROOT / "data", ROOT)] == []


def test_ids_unique(ledger):
    for frame in (ledger.claims, ledger.events, ledger.technology, ledger.factors):
        assert frame["id"].is_unique


def test_every_reference_resolves(ledger):
    sources = set(ledger.sources["source_id"])
    for frame in (ledger.claims, ledger.events, ledger.technology, ledger.factors):
        assert set(frame["source_id"]) <= sources


def test_ranges_contain_values(ledger):
    c = ledger.claims
    assert ((c["low"] <= c["value"]) & (c["value"] <= c["high"])).all()
    shares = c[c["unit"] == "share"]
    assert ((shares["low"] >= 0) & (shares["high"] <= 1)).all()


# Every numeric figure of the article: (quantity, value, qualifier, paragraph).
ARTICLE_FIGURES = [
    ("deployment_duration", 6, "around", "para 1"),
    ("casualties_vague", 2000, "thousands", "para 1"),
    ("troops_initial", 10_000, "more than", "para 2"),
    ("casualties", 4_000, "around", "para 3"),
    ("troops_additional", 3_000, "additional", "para 3"),
    ("captured_soldiers", 2, "exact", "para 5"),
    ("defection_wishes", 1, "exact", "para 6"),
    ("anniversary", 80, "exact", "para 9"),
    ("economic_benefit", 3e9, "about", "para 14"),
    ("budget_share", 0.30, "around", "para 14"),
]


@pytest.mark.parametrize(("quantity", "value", "qualifier", "locator"), ARTICLE_FIGURES)
def test_article_figure_recorded(ledger, quantity, value, qualifier, locator):
    art = ledger.claims[ledger.claims["source_id"] == "art"]
    rows = art[(art["quantity"] == quantity) & (art["value"] == value)]
    assert len(rows) == 1, f"{quantity}={value} missing from the article's claims"
    row = rows.iloc[0]
    assert row["qualifier"] == qualifier and row["locator"] == locator
    assert row["claimant"] and row["claim_date"]


def test_article_events_and_technology(ledger):
    art_events = ledger.events[ledger.events["source_id"] == "art"]
    assert {
        "ev-treaty-signed",
        "ev-troops-dispatched",
        "ev-lawmaker-meeting",
        "ev-kim-visit-expected",
    } <= set(art_events["id"])
    categories = set(ledger.technology[ledger.technology["source_id"] == "art"]["category"])
    assert categories == {"air defence", "submarine reactor", "satellites", "ICBM re-entry"}
    sides = set(ledger.factors["side"])
    assert sides == {"gain", "cost"}


def test_won_figures_keep_original_and_rate(ledger):
    won = ledger.claims[ledger.claims["original_unit"] == "KRW"]
    assert len(won) >= 4
    assert won["original_value"].notna().all()


def test_the_vocabulary_names_the_ledgers_quantities_and_only_them(ledger):
    """Every quantity of the vocabulary is one of data/quantities.csv and every quantity the
    ledger defines has a reader's label; every input is read from a defined quantity."""
    from reportlib.ledger import vocabulary

    quantities = set(ledger.quantities["quantity"])
    assert check_consistency(quantities) == []
    assert quantities <= set(vocabulary.QUANTITIES), sorted(quantities - set(vocabulary.QUANTITIES))


def test_every_claimant_is_placed_in_an_organisation(ledger):
    """Which claimants are one chain of reporting decides every judgment's confidence, so
    each claimant of the project's ledger is placed by hand in data/organisations.csv (a
    claimant not listed would count as independent), and no row there names a claimant the
    ledger no longer has (a renamed claimant would lose its organisation)."""
    listed = set(ledger.organisations["claimant"])
    used = set(ledger.claims["claimant"]) | set(ledger.technology["claimant"])
    assert not used - listed, f"not in data/organisations.csv: {sorted(used - listed)}"
    assert not listed - used, (
        f"data/organisations.csv names no claimant of: {sorted(listed - used)}"
    )
