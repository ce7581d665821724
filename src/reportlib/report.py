"""What a notebook opens: validated parameters, the ledger and the scenario's claims.

    report = open_report(scenario=scenario, as_of=as_of, ...)

Every later cell asks ``report`` for one result (a table, a chart, a sentence).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import pandas as pd

from .analysis.scenarios import Scenario, load_scenarios
from .analysis.selection import pick
from .formatting import fmt_range, fmt_stated
from .ledger import Ledger, load_ledger
from .params import ReportParams, validate_params
from .tables import Table

#: The article's headline inputs, in reading order, with their labels.
HEADLINE = (
    ("troops_initial", "Troops sent in the first deployment"),
    ("troops_additional", "Troops sent in early 2025"),
    ("casualties", "Killed or wounded"),
    ("economic_benefit", "Economic benefit to North Korea"),
    ("budget_share", "Benefit as a share of the state budget"),
)


@dataclass
class Report:
    """One report's view of the analysis: parameters, ledger, scenario and as-of date."""

    params: ReportParams
    ledger: Ledger
    scenario: Scenario

    @cached_property
    def as_of(self) -> date:
        return self.scenario.as_of(self.ledger, self.params.as_of)

    @cached_property
    def analysis(self):
        """Inputs and metrics with ranges for this scenario (see ``analysis.engine``)."""
        from .analysis.engine import Analysis

        return Analysis(self.ledger, self.scenario, self.params)

    @cached_property
    def claims(self) -> pd.DataFrame:
        """The claims this scenario admits as of its date."""
        return self.scenario.claims(self.ledger, self.params.as_of)

    def source_label(self, source_id: str) -> str:
        row = self.ledger.sources[self.ledger.sources["source_id"] == source_id].iloc[0]
        return f"{row.publisher}, {row.date}"

    def headline_claims(self) -> list[tuple[str, pd.Series | None]]:
        return [(label, pick(self.ledger, self.claims, q)) for q, label in HEADLINE]

    def headline_table(self) -> Table:
        """The headline figures as their sources stated them, with the range used."""
        rows = []
        for label, claim in self.headline_claims():
            if claim is None:
                rows.append(
                    {
                        "Figure": label,
                        "As stated": "not reported",
                        "Range used": "",
                        "Claimed by": "",
                        "Date": "",
                        "Source": "",
                    }
                )
                continue
            rows.append(
                {
                    "Figure": label,
                    "As stated": fmt_stated(claim.value, claim.qualifier, claim.unit),
                    "Range used": fmt_range(claim.low, claim.high, claim.unit),
                    "Claimed by": claim.claimant,
                    "Date": claim.claim_date,
                    "Source": f"{self.source_label(claim.source_id)} ({claim.locator})",
                }
            )
        return Table(
            pd.DataFrame(rows),
            caption=f"Headline figures, {self.scenario.name} "
            f"scenario, as of {self.as_of.isoformat()}",
            numeric=("As stated", "Range used"),
        )

    def headline_chart(self):
        """Troops and casualties as stated, with the range the qualifier policy gives."""
        from .charts import range_bars

        people = [
            (label, c)
            for label, c in self.headline_claims()
            if c is not None and c.unit == "persons"
        ]
        sources = sorted({self.source_label(c.source_id) for _, c in people})
        return range_bars(
            [label for label, _ in people],
            [c.value for _, c in people],
            [c.low for _, c in people],
            [c.high for _, c in people],
            title="Troops sent and casualties, with the range each wording allows",
            xlabel="persons",
            source="; ".join(sources) + ". Ranges: reportlib qualifier policy.",
            value_labels=[fmt_stated(c.value, c.qualifier, c.unit) for _, c in people],
        )


def open_report(**values: Any) -> Report:
    """Validate the notebook's parameters and open the ledger for its scenario.

    Raises ``ParameterError`` naming the parameter, what was expected and what was given.
    """
    params = validate_params(**values)
    ledger = load_ledger()
    scenario = load_scenarios()[params.scenario]
    return Report(params=params, ledger=ledger, scenario=scenario)
