"""Claimants as a reader sees them, and the organisations behind them (issue 23), which
the ledger keeps in data/organisations.csv (its ``display`` column: one definition of a
claimant's display name)."""

from __future__ import annotations

from reportlib.analysis.scenarios import load_scenarios
from reportlib.ledger import load_ledger
from reportlib.paths import project


def organisation(claimant: str) -> str:
    return load_ledger(project().data).organisation(claimant)


def test_a_display_name_per_claimant():
    ledger = load_ledger(project().data)
    assert ledger.display("UK Ministry of Defence Defence Intelligence") == (
        "UK Defence Intelligence"
    )
    assert ledger.display("Bank of Korea") == "Bank of Korea"  # none needed: as stated
    # a claimant shown by its display name keeps its organisation
    assert ledger.organisation("UK Defence Intelligence") == ledger.organisation(
        "UK Ministry of Defence Defence Intelligence"
    )


def test_a_scenario_of_some_sources_names_a_claimant_as_its_source_does():
    """Review X-M4: the article says "South Korea's military"; only other reporting names
    the Joint Chiefs of Staff behind it, and nothing in the article attributes the 10,000
    troops to the intelligence service."""
    data = project().data
    ledger, scenarios = load_ledger(data), load_scenarios(data)
    article, every = scenarios["article"], scenarios["cross-checked"]
    assert article.speaker(ledger, "South Korea's military") == "South Korea's military"
    assert every.speaker(ledger, "South Korea's military") == (
        "South Korea's Joint Chiefs of Staff"
    )
    first = "Yonhap (article narrative; first reported by South Korean intelligence)"
    assert "intelligence" not in article.speaker(ledger, first)
    assert every.speaker(ledger, first) == "South Korea's intelligence service"


def test_one_organisation_however_its_statements_were_relayed():
    """The intelligence service's briefings, whichever lawmakers relayed them, are one
    chain: they never corroborate each other (issue 23, finding 5)."""
    nis = {
        organisation(c)
        for c in (
            "National Intelligence Service via lawmakers Lee Seong-kweun and Kim Byung-kee",
            "National Intelligence Service report to the National Assembly intelligence committee",
            "Yonhap citing the National Intelligence Service",
        )
    }
    assert len(nis) == 1
    ukraine = {
        organisation(c)
        for c in (
            "President Zelensky citing commander Syrskyi",
            "Ukrainian officials via lawmaker Yu Yong-weon",
            "Ukraine's military intelligence chief Kyrylo Budanov",
        )
    }
    assert len(ukraine) == 1
    assert organisation("South Korea's Joint Chiefs of Staff") not in nis | ukraine
    assert organisation("A claimant nobody listed") == "A claimant nobody listed"


def test_a_date_its_source_does_not_give_is_never_shown_as_its_date():
    """X-M4: the article gives no date for the casualty count; the ledger stores the Joint
    Chiefs' date it relays, which a report never shows beside the article's citation."""
    import pandas as pd

    from reportlib.views.common import NO_DATE, claim_when

    dated = pd.Series({"claim_date": "2025-03-27", "undated": ""})
    assert claim_when(dated) == "2025-03-27"
    assert claim_when(dated, words=True) == "27 March 2025"
    relayed = pd.Series({"claim_date": "2025-03-27", "undated": "yes"})
    assert claim_when(relayed) == claim_when(relayed, words=True) == NO_DATE == "no date given"
    ledger = load_ledger(project().data)
    assert claim_when(ledger.claim("art-casualties")) == NO_DATE
