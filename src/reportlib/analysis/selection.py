"""Which claim stands for a quantity when several sources give it.

Rule (documented in data/README.md): among the claims a scenario admits for a quantity,
take the most reliable channel (reliability grade weight), then the most recent claim
date (the end of its span), then the lowest id. Reliability comes first because a later
second-hand figure should not displace an on-the-record one; recency breaks ties because
counts of troops and casualties grow over time.
"""

from __future__ import annotations

import pandas as pd

from ..ledger import Ledger


def pick(ledger: Ledger, claims: pd.DataFrame, quantity: str) -> pd.Series | None:
    """The claim standing for ``quantity`` among ``claims``, or None if there is none."""
    rows = claims[claims["quantity"] == quantity]
    if rows.empty:
        return None
    ranked = rows.assign(_w=rows["reliability"].map(ledger.weights)).sort_values(
        ["_w", "claim_end", "id"], ascending=[False, False, True]
    )
    return ranked.drop(columns="_w").iloc[0]
