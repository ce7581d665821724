"""What casts doubt on the newest count of the losses, in words: the organisation's own
count of the dead set against its total (``balance.deaths_against``, review L-M2)."""

from __future__ import annotations

from typing import Any

from ..analysis.balance import deaths_against, reached_before
from ..analysis.inputs import count_end_days
from ..analysis.protocol import Report
from ..facts import Prose, claim_fact, derived_fact, say
from ..formatting import md
from .common import date_words


def deaths_words(report: Report, t: Any) -> Prose:
    """ "South Korea's intelligence service itself counted about 600 dead by 30 April 2025
    and around 2,000 by 2 September 2025, about 1,400 more, while its count of the killed
    and wounded together rose by about 1,300 to 12 February 2026: unless many of the
    wounded died later, its newest total is low" for a trend ``t`` whose organisation's
    dead rose by more than its total did; "" otherwise."""
    d = deaths_against(report, t)
    if d is None:
        return Prose("")
    early, late = (md(date_words(count_end_days(c)[1])) for c in (d.early, d.late))
    return say(
        "{who} itself counted {k0} dead by " + early + " and {k1} by " + late + ", about "
        "{dk} more, while its count of the killed and wounded together rose by about {dt} "
        "to " + md(date_words(t.recent.end)) + ": unless many of the wounded died later, "
        "its newest total is low",
        who=t.who,
        k0=claim_fact(d.early),
        k1=claim_fact(d.late),
        dk=derived_fact(f"deaths-added:{d.late.id}", d.added, "persons", (d.early.id, d.late.id)),
        dt=derived_fact(
            f"pace:recent-added-central:{t.recent.claims[-1]}",
            d.total_added,
            "persons",
            t.recent.claims,
        ),
    )


def reached_words(report: Report) -> Prose:
    """ "Another source counted about 4,000 already by 23 January 2025 (Western officials
    speaking to the BBC [3]): the losses did not come evenly over that span, though
    counts from different sources cannot say how fast they came after it." where a flat
    average stands alone (``balance.reached_before``); "" otherwise."""
    c = reached_before(report)
    if c is None:
        return Prose("")
    return say(
        "Another source counted {n} already by "
        + md(date_words(count_end_days(c)[1]))
        + " ({who} {cite}): the losses did not come evenly over that span, though counts "
        "from different sources cannot say how fast they came after it.",
        n=claim_fact(c),
        who=report.scenario.speaker(report.ledger, str(c.claimant)),
        cite=report.cite(c.source_id),
    )
