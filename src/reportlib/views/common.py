"""Building blocks shared by the views: claim tables and claims-over-time charts."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..charts import Chart, claims_over_time
from ..facts import Fact, Prose, claim_fact
from ..formatting import fmt_range, fmt_stated, md
from ..ledger.dates import parse_partial_date
from ..ledger.labels import QUANTITY_LABELS
from ..tables import Table


def midpoint(text: str):
    d = parse_partial_date(text)
    return d.start + (d.end - d.start) / 2


def claims_table(report: Any, quantities: tuple[str, ...], caption: str) -> Table:
    """Each admitted claim of these quantities: as stated, range, who, when, grade, source."""
    rows, facts = [], []
    for c in report.claims_of(*quantities).itertuples():
        stated, rng = claim_fact(c, "stated"), claim_fact(c, "range")
        facts += [stated, rng]
        rows.append(
            {
                "Date": c.claim_date,
                "Figure": QUANTITY_LABELS.get(c.quantity, c.quantity.replace("_", " ")),
                "As stated": stated.text,
                "Range used": rng.text,
                "Claimed by": c.claimant,
                "Grade": c.reliability,
                "Source": report.cite(c.source_id),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["Date", "Figure", "As stated", "Range used", "Claimed by", "Grade", "Source"]
    )
    return Table(frame, caption=caption, numeric=("As stated", "Range used"), facts=facts)


def claims_chart(
    report: Any,
    quantities: tuple[str, ...],
    *,
    title: str,
    ylabel: str,
    caption: str,
    alt_subject: str,
    highlight: str | None = None,
    extra_facts: list[Fact] | None = None,
) -> Chart:
    rows = report.claims_of(*quantities)
    points = [
        {
            "when": midpoint(c.claim_date),
            "value": c.value,
            "low": c.low,
            "high": c.high,
            "grade": c.reliability,
            "id": c.id,
        }
        for c in rows.itertuples()
    ]
    facts = [claim_fact(c, "stated") for c in rows.itertuples()]
    figure = claims_over_time(
        points,
        title=title,
        ylabel=ylabel,
        source=report.source_line(list(rows["source_id"])),
        highlight=highlight,
    )
    described = "; ".join(
        f"{c.claim_date}: {fmt_stated(c.value, c.qualifier, c.unit)} "
        f"({fmt_range(c.low, c.high, c.unit)}), {c.claimant}, grade {c.reliability}"
        for c in rows.itertuples()
    )
    alt = f"Chart of {alt_subject} by the date each claim was made. {described}."
    return Chart(figure, caption, alt, facts + list(extra_facts or []))


def sources_list(report: Any) -> Prose:
    """The sources cited so far, numbered as cited, with publisher, date and grades."""
    lines, facts = [], []
    claims = report.ledger.claims
    for n, sid in enumerate(report.cited, start=1):
        s = report.source(sid)
        grades = sorted(set(claims[claims["source_id"] == sid]["reliability"]))
        grade = f" Claims graded {', '.join(grades)}." if grades else ""
        url = f" <{s.url}>" if isinstance(s.url, str) and s.url else ""
        lines.append(f"{n}. {md(s.publisher)}, *{md(s.title)}*, {md(s.date)}.{md(grade)}{url}")
    return Prose("\n".join(lines) or "No sources cited.", facts)
