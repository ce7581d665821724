"""Which claim stands for a quantity when several sources give it, and which claims
disagree with it.

Selection (documented in data/README.md):

- A **cumulative** quantity (``growth = cumulative`` in ``quantities.csv``: troops sent,
  killed, wounded, killed or wounded) is a total that only grows; a **cohort** (the troops
  of one deployment) is one fixed group whose estimates improve. The figure as of a date
  is the **newest** claim from an acceptable channel: graded ``min_grade`` or better (B
  by default). Earlier, lower counts are not disagreement, they are the past; older,
  better-graded figures stay in the tables for comparison but are not preferred. Ties go
  to the better grade, then the lowest id. If no admitted claim is acceptable, the most
  reliable one stands, as for any other quantity.
- **Any other** quantity: the most reliable channel (grade weight), then the newest
  claim, then the lowest id. A later second-hand figure does not displace an
  on-the-record one.

Disagreement (``peers``): the claims that count the *same thing over the same period* as
the selected one, from another chain of sources, whose ranges do not overlap it. For a
cumulative quantity the same period means the same period end (month): counts of the same
total as of the same time; for a cohort or any other quantity, overlapping periods. Only
acceptable channels (``min_grade``) count as disagreement. Claims of the same thing whose
ranges overlap corroborate (``corroborating``, any grade). A claim that relays another
(``relays``) belongs to that claim's chain, so an article and the statement it reports
never disagree with each other, and never corroborate each other either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ..ledger import Ledger, parse_partial_date

DEFAULT_MIN_GRADE = "B"


def _memo(ledger: Ledger, name: str, build):
    """A table derived from the (immutable) ledger, computed once per ledger."""
    cache = ledger.__dict__.setdefault("_selection_memo", {})
    if name not in cache:
        cache[name] = build()
    return cache[name]


def _quantity_column(ledger: Ledger, column: str) -> dict[str, str]:
    def build() -> dict[str, str]:
        q = ledger.quantities
        values = q[column] if column in q else [""] * len(q)
        return dict(zip(q["quantity"], map(str, values), strict=True))

    return _memo(ledger, column, build)


def _relays(ledger: Ledger) -> dict[str, str]:
    def build() -> dict[str, str]:
        c = ledger.claims
        values = c["relays"] if "relays" in c else [""] * len(c)
        return {i: (r if isinstance(r, str) else "") for i, r in zip(c["id"], values, strict=True)}

    return _memo(ledger, "relays", build)


def growth(ledger: Ledger, quantity: str) -> str:
    """``cumulative`` (a total that only grows), ``cohort`` (the size of one fixed group,
    estimated better over time) or ``""``."""
    return _quantity_column(ledger, "growth").get(quantity, "")


def is_cumulative(ledger: Ledger, quantity: str) -> bool:
    """Whether the newest acceptable count stands (a growing total, or a cohort)."""
    return growth(ledger, quantity) in ("cumulative", "cohort")


def min_grade(ledger: Ledger, quantity: str) -> str:
    return _quantity_column(ledger, "min_grade").get(quantity, "") or DEFAULT_MIN_GRADE


def _rows_of(claims: pd.DataFrame, quantity: str) -> list[int]:
    """Positions of ``quantity``'s claims in ``claims`` (plain column arrays: selection runs
    dozens of times per report, and pandas' per-call overhead dominates on a small ledger)."""
    return [i for i, q in enumerate(claims["quantity"].tolist()) if q == quantity]


#: Counts among a later wave alone: part of the losses, never the count that stands for
#: them while a count among the first deployment or all troops sent is admitted.
PART_COHORTS = ("troops_additional",)


def cohort_of(claim: Any) -> str:
    """The troops a count of losses counts among (``cohort``; empty: the first deployment)."""
    value = claim.get("cohort", "") if hasattr(claim, "get") else ""
    return value if isinstance(value, str) and value else "troops_initial"


def _broadest(claims: pd.DataFrame, rows: list[int]) -> list[int]:
    """``rows`` without the counts among a later wave alone, unless they are all there is."""
    if "cohort" not in claims or not rows:
        return rows
    cohorts = claims["cohort"].tolist()
    whole = [i for i in rows if cohorts[i] not in PART_COHORTS]
    return whole or rows


def pick(ledger: Ledger, claims: pd.DataFrame, quantity: str) -> pd.Series | None:
    """The claim standing for ``quantity`` among ``claims``, or None if there is none."""
    rows = _broadest(claims, _rows_of(claims, quantity))
    if not rows:
        return None
    weights = ledger.weights
    grade, end, ids = (claims[c].tolist() for c in ("reliability", "claim_end", "id"))
    weight = {i: weights[grade[i]] for i in rows}

    def by_weight(i: int) -> float:
        return weight[i]

    def by_date(i: int) -> Any:
        return end[i]

    relayed = _relays(ledger)

    def best(candidates: list[int], first: Callable, then: Callable) -> int:
        """Highest ``first``, then highest ``then``, then an original statement before a
        relay of one (cite the Joint Chiefs, not the article reporting them), then the
        lowest id (stable sorts)."""
        ranked = sorted(candidates, key=lambda i: (bool(relayed.get(ids[i])), ids[i]))
        ranked.sort(key=then, reverse=True)
        ranked.sort(key=first, reverse=True)
        return ranked[0]

    if is_cumulative(ledger, quantity):
        floor = weights[min_grade(ledger, quantity)]
        acceptable = [i for i in rows if weight[i] >= floor]
        if acceptable:
            return claims.iloc[best(acceptable, by_date, by_weight)]
    return claims.iloc[best(rows, by_weight, by_date)]


def origin(ledger: Ledger, claim_id: str) -> str:
    """The claim at the root of a chain of relays (an original statement)."""
    relays = _relays(ledger)
    seen = set()
    current = claim_id
    while current not in seen:
        seen.add(current)
        up = relays.get(current, "")
        if not up:
            return current
        current = up
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
    """Counts of a growing total as of the same month; any other figures over overlapping
    periods (two estimates of one cohort, whenever they were made)."""
    (a0, a1), (b0, b1) = _span(a), _span(b)
    if growth(ledger, str(a.quantity)) == "cumulative":
        return (a1.year, a1.month) == (b1.year, b1.month)
    return a0 <= b1 and b0 <= a1


def overlaps(a: pd.Series, b: pd.Series) -> bool:
    """Whether two claims' ranges (stated, or from the qualifier policy) overlap."""
    return float(a.low) <= float(b.high) and float(b.low) <= float(a.high)


def _same_thing_at(
    ledger: Ledger, claims: pd.DataFrame, chosen: pd.Series
) -> list[tuple[int, pd.Series]]:
    """(position, claim) of each claim ``same_thing`` returns, in ``claims`` order."""
    root = origin(ledger, chosen.id)
    ids = claims["id"].tolist()
    cohort = cohort_of(chosen)
    out = []
    for i in _rows_of(claims, chosen.quantity):
        if ids[i] == chosen.id or origin(ledger, ids[i]) == root:
            continue
        row = ledger.claim(ids[i])  # the same values as ``claims.iloc[i]``, built once
        # counts among other troops count another thing
        if cohort_of(row) == cohort and same_period(ledger, chosen, row):
            out.append((i, row))
    return out


def same_thing(ledger: Ledger, claims: pd.DataFrame, chosen: pd.Series) -> pd.DataFrame:
    """Admitted claims of the same quantity and period from other chains of sources, of
    any grade: the candidates to corroborate or contradict ``chosen``."""
    return claims.iloc[[i for i, _ in _same_thing_at(ledger, claims, chosen)]]


def corroborating(ledger: Ledger, claims: pd.DataFrame, chosen: pd.Series) -> pd.DataFrame:
    """Claims of the same thing whose ranges overlap ``chosen``'s: independent agreement."""
    rows = _same_thing_at(ledger, claims, chosen)
    return claims.iloc[[i for i, row in rows if overlaps(chosen, row)]]


def peers(ledger: Ledger, claims: pd.DataFrame, chosen: pd.Series) -> pd.DataFrame:
    """Claims that *disagree* with ``chosen``: the same thing over the same period, from
    another chain of sources and an acceptable channel (graded the quantity's
    ``min_grade`` or better), with a range that does not overlap ``chosen``'s. Claims whose
    ranges overlap agree within what their wording allows: they corroborate, and widen
    nothing. A party to the conflict's or an aggregator's figure is shown beside the
    others, not mixed in."""
    floor = ledger.weights[min_grade(ledger, str(chosen.quantity))]
    rows = _same_thing_at(ledger, claims, chosen)
    keep = [
        i
        for i, row in rows
        if ledger.weights[row.reliability] >= floor and not overlaps(chosen, row)
    ]
    return claims.iloc[keep]


def same_statement(ledger: Ledger, a: pd.Series, b: pd.Series) -> bool:
    """Whether two claims come from one statement: the same originating claimant, on the
    same date, in the same publication (after following relays to their roots)."""
    ra, rb = ledger.claim(origin(ledger, str(a.id))), ledger.claim(origin(ledger, str(b.id)))
    return (str(ra.claimant), str(ra.claim_date), str(ra.source_id)) == (
        str(rb.claimant),
        str(rb.claim_date),
        str(rb.source_id),
    )


def pick_stated(ledger: Ledger, claims: pd.DataFrame, quantity: str) -> pd.Series | None:
    """``pick``, keeping a figure stated about another (the vocabulary's ``stated_about``:
    the ministry gave the benefits' share of the budget of its own benefit estimate) only
    where the claim picked for that other figure is the one it was stated about: else None,
    and the figure computed from the pair is not given, never combined with a newer or
    different estimate of the same quantity."""
    from ..ledger.vocabulary import QUANTITIES

    chosen = pick(ledger, claims, quantity)
    entry = QUANTITIES.get(quantity)
    about = entry.stated_about if entry is not None else ""
    if chosen is None or not about:
        return chosen
    partner = pick(ledger, claims, about)
    if partner is None or not same_statement(ledger, chosen, partner):
        return None
    return chosen
