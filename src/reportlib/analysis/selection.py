"""Which claim stands for a quantity when several sources give it, and which claims
disagree with it.

Selection (documented in data/README.md):

- A **cumulative** quantity (``growth = cumulative`` in ``quantities.csv``: troops sent,
  killed, wounded, killed or wounded) is a total that only grows. The figure as of a date
  is the **newest** claim from an acceptable channel: graded ``min_grade`` or better (B
  by default). Earlier, lower counts are not disagreement, they are the past; older,
  better-graded figures stay in the tables for comparison but are not preferred. Ties go
  to the better grade, then the lowest id. If no admitted claim is acceptable, the most
  reliable one stands, as for any other quantity.
- **Any other** quantity: the most reliable channel (grade weight), then the newest
  claim, then the lowest id. A later second-hand figure does not displace an
  on-the-record one.

Disagreement (``peers``): the claims that count the *same thing over the same period* as
the selected one, from another chain of sources. For a cumulative quantity that means
the same period end (month): counts of the same total as of the same time. For any other
quantity, overlapping periods. Only acceptable channels (``min_grade``) count as
disagreement. A claim that relays another (``relays``) belongs to that
claim's chain, so an article and the statement it reports never disagree with each
other, and never corroborate each other either.
"""

from __future__ import annotations

import pandas as pd

from ..ledger import Ledger, parse_partial_date

DEFAULT_MIN_GRADE = "B"


def is_cumulative(ledger: Ledger, quantity: str) -> bool:
    row = ledger.quantities[ledger.quantities["quantity"] == quantity]
    return not row.empty and row.iloc[0].get("growth", "") == "cumulative"


def min_grade(ledger: Ledger, quantity: str) -> str:
    row = ledger.quantities[ledger.quantities["quantity"] == quantity]
    grade = row.iloc[0].get("min_grade", "") if not row.empty else ""
    return grade or DEFAULT_MIN_GRADE


def pick(ledger: Ledger, claims: pd.DataFrame, quantity: str) -> pd.Series | None:
    """The claim standing for ``quantity`` among ``claims``, or None if there is none."""
    rows = claims[claims["quantity"] == quantity]
    if rows.empty:
        return None
    weights = ledger.weights
    rows = rows.assign(_w=rows["reliability"].map(weights))
    if is_cumulative(ledger, quantity):
        floor = weights[min_grade(ledger, quantity)]
        acceptable = rows[rows["_w"] >= floor]
        if not acceptable.empty:
            ranked = acceptable.sort_values(
                ["claim_end", "_w", "id"], ascending=[False, False, True]
            )
            return ranked.drop(columns="_w").iloc[0]
    ranked = rows.sort_values(["_w", "claim_end", "id"], ascending=[False, False, True])
    return ranked.drop(columns="_w").iloc[0]


def origin(ledger: Ledger, claim_id: str) -> str:
    """The claim at the root of a chain of relays (an original statement)."""
    seen = set()
    current = claim_id
    while current not in seen:
        seen.add(current)
        relays = ledger.claim(current).get("relays", "")
        if not isinstance(relays, str) or not relays:
            return current
        current = relays
    return current


def originator(ledger: Ledger, claim_id: str) -> str:
    """Who originally made a claim: the claimant at the root of its chain of relays."""
    return str(ledger.claim(origin(ledger, claim_id)).claimant)


def _span(claim: pd.Series) -> tuple:
    """The period a claim covers (start of its start, end of its end)."""
    start = claim.get("period_start") or claim.claim_date
    end = claim.get("period_end") or claim.claim_date
    return parse_partial_date(str(start)).start, parse_partial_date(str(end)).end


def same_period(ledger: Ledger, a: pd.Series, b: pd.Series) -> bool:
    (a0, a1), (b0, b1) = _span(a), _span(b)
    if is_cumulative(ledger, str(a.quantity)):
        return (a1.year, a1.month) == (b1.year, b1.month)
    return a0 <= b1 and b0 <= a1


def peers(ledger: Ledger, claims: pd.DataFrame, chosen: pd.Series) -> pd.DataFrame:
    """Admitted claims of the same quantity and period from other chains of sources, each
    from an acceptable channel (graded the quantity's ``min_grade`` or better): a party to
    the conflict's or an aggregator's figure is shown beside the others, not mixed in."""
    floor = ledger.weights[min_grade(ledger, str(chosen.quantity))]
    rows = claims[
        (claims["quantity"] == chosen.quantity)
        & (claims["id"] != chosen.id)
        & (claims["reliability"].map(ledger.weights) >= floor)
    ]
    root = origin(ledger, chosen.id)
    keep = [
        same_period(ledger, chosen, row) and origin(ledger, row.id) != root
        for _, row in rows.iterrows()
    ]
    return rows[keep] if len(rows) else rows
