"""What a notebook opens: validated parameters, the ledger, the scenario and the analysis.

    report = open_report(scenario=scenario, as_of=as_of, ...)  # every parameter, by name

``open_report`` is one of the two places that look for the project root (the CLI is the
other); the report then hands its ``paths`` to everything below. Every later cell asks a
view (``reportlib.views``) for one result: a table, a chart or a sentence, each carrying
the facts it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .analysis.scenarios import Scenario, first_report, load_scenarios
from .analysis.selection import pick
from .ledger import Ledger, load_ledger
from .ledger.labels import claimant_label
from .params import NAMES, ParameterError, ReportParams, validate_params
from .paths import ProjectPaths, project

if TYPE_CHECKING:
    import pandas as pd

    from .analysis.engine import Analysis


@dataclass
class Report:
    """One report's view of the analysis: parameters, ledger, scenario and as-of date."""

    params: ReportParams
    ledger: Ledger
    scenario: Scenario
    paths: ProjectPaths
    cited: list[str] = field(default_factory=list)

    @cached_property
    def as_of(self) -> date:
        return self.scenario.as_of(self.ledger, self.params.as_of)

    @cached_property
    def analysis(self) -> Analysis:
        """Inputs and metrics with ranges for this scenario (see ``analysis.engine``)."""
        from .analysis.engine import Analysis

        return Analysis(self.ledger, self.scenario, self.params)

    @cached_property
    def claims(self) -> pd.DataFrame:
        """The claims this scenario admits as of its date, each claimant by its display
        name (``ledger.labels.claimant_label``; the ledger keeps the claimant as stated)."""
        frame = self.scenario.claims(self.ledger, self.params.as_of)
        return frame.assign(claimant=[claimant_label(str(c)) for c in frame["claimant"]])

    def claims_of(self, *quantities: str) -> pd.DataFrame:
        """Admitted claims of these quantities, oldest first."""
        rows = self.claims[self.claims["quantity"].isin(quantities)]
        return rows.sort_values(["claim_end", "id"]).reset_index(drop=True)

    def admitted(self, frame: pd.DataFrame, date_column: str = "date") -> pd.DataFrame:
        """Rows of a ledger table (events, technology, factors) the scenario admits: from
        its sources, dated (``date_column``, a partial date) by its as-of date."""
        return self.scenario.admitted(self.ledger, frame, self.as_of, date_column)

    def pick(self, quantity: str) -> Any:
        """The claim the selection rule picks for a quantity, or None."""
        return pick(self.ledger, self.claims, quantity)

    def source(self, source_id: str) -> Any:
        return self.ledger.source(source_id)

    def grade_label(self, grade: str) -> str:
        return self.ledger.grade_labels[grade]

    def cite(self, source_id: str) -> str:
        """``[n]``: the source's number in this report's source list (first cited, first)."""
        if source_id not in self.cited:
            self.cited.append(source_id)
        return f"[{self.cited.index(source_id) + 1}]"

    def source_line(self, source_ids: list[str]) -> str:
        """A chart's source line: publishers and dates, plain text."""
        seen = list(dict.fromkeys(source_ids))
        parts = [f"{self.source(s).publisher} ({self.source(s).date})" for s in seen[:4]]
        more = len(seen) - 4
        return "; ".join(parts) + (f"; and {more} more in the ledger" if more > 0 else "")

    def dateline(self):
        """The line under the title: scenario, as-of date and what the report draws on."""
        from .facts import count_fact, say

        claims = self.claims
        sources = len(set(claims["source_id"]))
        claim = "claim" if len(claims) == 1 else "claims"
        publication = "publication" if sources == 1 else "publications"
        line = say(
            "*{scenario}, as of {as_of}. Drawing on {n} sourced "
            + claim
            + " from {m} "
            + publication
            + ".*",
            scenario=self.scenario.title,
            as_of=self.as_of.isoformat(),
            n=count_fact("claims", len(claims), tuple(claims["id"])),
            m=count_fact("sources", sources, tuple(sorted(set(claims["source_id"])))),
        )
        settings = self.what_if_settings()
        if not settings:
            return line
        return line + say(
            "\n\n**What-if run, not a canonical report:** "
            + "; ".join(f"{{w{i}}}" for i in range(len(settings)))
            + ". The figures follow these settings, not the sources.",
            **{f"w{i}": w for i, w in enumerate(settings)},
        )

    def what_if_settings(self) -> list[Any]:
        """Each setting a what-if run changed, in a reader's words, as facts (their numbers
        are the parameters given, not a source's): "killed or wounded set to 9,000"."""
        from .facts import derived_fact
        from .formatting import fmt_value

        p = self.params
        out = []
        for name, words, unit in WHAT_IF_WORDS:
            value = getattr(p, name)
            if value is None or value == type(p).model_fields[name].default:
                continue
            key, prov = f"what-if-setting:{name}", (f"parameter:{name}",)
            if unit:
                shown = fmt_value(value, unit)
                out.append(derived_fact(key, value, unit, prov, text=words.format(shown)))
            else:
                if name == "as_of":  # as a reader writes a date ("1 June 2025")
                    value = f"{value.day} {value:%B %Y}"
                out.append(derived_fact(key, 0, "parameter", prov, text=words.format(value)))
        return out


#: What a what-if setting changes, in a reader's words ({} is its value) and its unit.
WHAT_IF_WORDS = (
    ("as_of", "an as-of date of {} chosen for this run", ""),
    ("troops", "troops sent set to {}", "persons"),
    ("casualties", "killed or wounded set to {}", "persons"),
    ("benefit_usd", "the economic benefit set to {}", "USD"),
    ("budget_share", "its share of the state budget set to {}", "share"),
    ("benefit_period", "the ministry's estimate read as {}", ""),
    ("pay_per_soldier_month_usd", "pay per soldier set to {} a month", "USD"),
    ("draws", "{} draws", "count"),
    ("seed", "seed {}", ""),
)


def load_report(params: ReportParams, paths: ProjectPaths) -> Report:
    """The report for validated ``params`` in the project at ``paths``."""
    ledger = load_ledger(paths.data, paths.root)
    scenario = load_scenarios(paths.data)[params.scenario]
    return Report(params=params, ledger=ledger, scenario=scenario, paths=paths)


def open_report(**values: Any) -> Report:
    """Validate the notebook's parameters and open the ledger for its scenario.

    Every parameter of ``ReportParams`` must be passed, by name (the notebook passes its
    ``parameters`` cell's variables): a forgotten one would otherwise fall back silently
    to its default while papermill injected another value. Raises ``ParameterError``
    naming the parameter, what was expected and what was given.
    """
    paths = project()
    scenarios = load_scenarios(paths.data)
    # a bad value is named first
    params = validate_params(scenarios=scenarios, first_report=first_report(paths.data), **values)
    missing = [name for name in NAMES if name not in values]
    if missing:
        raise ParameterError(
            f"open_report: expected every parameter of the parameters cell, missing "
            f"{', '.join(missing)} (pass e.g. {missing[0]}={missing[0]})"
        )
    return load_report(params, paths)


def report_with(**values: Any) -> Report:
    """Like ``open_report``, but a parameter not given takes its default: for code and
    tests that set a few parameters on purpose (a notebook passes them all, see
    ``open_report``)."""
    paths = project()
    scenarios = load_scenarios(paths.data)
    first = first_report(paths.data)
    return load_report(validate_params(scenarios=scenarios, first_report=first, **values), paths)
