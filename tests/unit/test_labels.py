"""Claimants as a reader sees them, and the organisations behind them (issue 23), which
the ledger keeps in data/organisations.csv."""

from __future__ import annotations

from reportlib.ledger import load_ledger
from reportlib.ledger.labels import claimant_label
from reportlib.paths import project


def organisation(claimant: str) -> str:
    return load_ledger(project().data).organisation(claimant)


def test_a_display_name_per_claimant():
    assert (
        claimant_label("UK Ministry of Defence Defence Intelligence") == "UK Defence Intelligence"
    )
    assert claimant_label("Bank of Korea") == "Bank of Korea"  # none needed: as stated


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
