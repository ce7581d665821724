"""What a notebook opens: validated parameters, the ledger, the scenario and the analysis.

    report = open_report(scenario=scenario, as_of=as_of, ...)  # every parameter, by name

``open_report`` is one of the two places that look for the project root (the CLI is the
other); the report then hands its ``paths`` to everything below. Every later cell asks a
view (``reportlib.views``) for one result: a table, a chart or a sentence, each carrying
the facts it shows.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .analysis.scenarios import Scenario, first_report, load_scenarios, previous_edition
from .analysis.selection import pick_stated
from .ledger import Ledger, load_ledger
from .ledger.copies import publisher_name
from .ledger.vocabulary import PARAMETERS, WHAT_IF
from .params import NAMES, ParameterError, ReportParams, validate_params
from .paths import ProjectPaths, project

if TYPE_CHECKING:
    import pandas as pd

    from .analysis import protocol
    from .analysis.engine import Analysis
    from .facts import Fact, Prose


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
    def previous_edition(self) -> date | None:
        """The as-of date of the edition readers last saw (``scenarios.previous_edition``:
        the archive's newest before this one, else the scenarios file's), or None."""
        return previous_edition(self.scenario, self.as_of, self.paths.editions)

    @cached_property
    def analysis(self) -> Analysis:
        """Inputs and metrics with ranges for this scenario (see ``analysis.engine``)."""
        from .analysis.engine import Analysis

        return Analysis(self.ledger, self.scenario, self.params)

    @cached_property
    def claims(self) -> pd.DataFrame:
        """The claims this scenario admits as of its date, each claimant by its display
        name (``Ledger.display``, from ``organisations.csv``; the ledger keeps the
        claimant as stated)."""
        frame = self.scenario.claims(self.ledger, self.params.as_of)
        return frame.assign(claimant=[self.ledger.display(str(c)) for c in frame["claimant"]])

    def claims_of(self, *quantities: str) -> pd.DataFrame:
        """Admitted claims of these quantities, oldest first."""
        rows = self.claims.loc[self.claims["quantity"].isin(quantities)]
        return rows.sort_values(["claim_end", "id"]).reset_index(drop=True)

    def admitted(self, frame: pd.DataFrame, date_column: str = "date") -> pd.DataFrame:
        """Rows of a ledger table (events, technology, factors) the scenario admits: from
        its sources, dated (``date_column``, a partial date) by its as-of date."""
        return self.scenario.admitted(self.ledger, frame, self.as_of, date_column)

    def pick(self, quantity: str) -> pd.Series | None:
        """The claim the selection rule picks for a quantity, or None (a figure stated about
        another only with that other figure: ``selection.pick_stated``)."""
        return pick_stated(self.ledger, self.claims, quantity)

    def source(self, source_id: str) -> pd.Series:
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
        parts = [f"{publisher_name(self.source(s))} ({self.source(s).date})" for s in seen[:4]]
        more = len(seen) - 4
        return "; ".join(parts) + (f"; and {more} more in the ledger" if more > 0 else "")

    def dateline(self) -> Prose:
        """The line under the title: scenario, as-of date and what the report draws on;
        where the scenario admits some claims only as context (figures for scale from
        sources it does not otherwise use: national income, trade), how many of each and
        from how many other publications, so "the article alone" says it uses outside
        baselines (review X-M2)."""
        from .facts import count_fact, say

        claims = self.claims
        sources = sorted(set(claims["source_id"]))
        own, context = self._context_claims()
        n = count_fact("claims", len(claims), tuple(claims["id"]))
        m = count_fact("sources", len(sources), tuple(sources))
        head = "*{scenario}, as of {as_of}. Drawing on {n} sourced " + _plural(len(claims), "claim")
        if context.empty or own.empty:
            alone = "an outside figure" if len(context) == 1 else "outside figures"
            only = "" if context.empty else f", {alone} for scale alone"
            line = say(
                head + " from {m} " + _plural(len(sources), "publication") + only + ".*",
                scenario=self.scenario.title,
                as_of=self.as_of.isoformat(),
                n=n,
                m=m,
            )
        else:
            line = say(
                head
                + ": {own} from "
                + self._own_words(own)
                + ", {context} outside "
                + _plural(len(context), "figure")
                + " for scale from {other} other "
                + _plural(len(set(context["source_id"])), "publication")
                + ".*",
                scenario=self.scenario.title,
                as_of=self.as_of.isoformat(),
                n=n,
                **self._split_facts(own, context),
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

    def _context_claims(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The admitted claims from the scenario's own sources, and the outside figures it
        draws on: those admitted only as context (``Scenario.admits_claim``: a context
        quantity from another source). One definition for the dateline's count and the
        source list (``views.common.sources_list`` lists each one's publication), so the
        two agree (review X-m3)."""
        claims = self.claims
        own = claims["source_id"].map(lambda s: bool(self.scenario.admits_source(s)))
        return claims.loc[own.astype(bool)], claims.loc[~own.astype(bool)]

    def outside_sources(self) -> list[str]:
        """The sources of the outside figures the dateline counts (``_context_claims``)."""
        return sorted(set(self._context_claims()[1]["source_id"]))

    def _own_words(self, own: pd.DataFrame) -> str:
        """Its own sources in words: "the article" where that is all, else a count."""
        ids = set(own["source_id"])
        if len(ids) == 1 and ids <= set(self.ledger.role("the-article")):
            return "the article"
        return "{own_m} " + _plural(len(ids), "publication")

    def _split_facts(self, own: pd.DataFrame, context: pd.DataFrame) -> dict[str, Fact]:
        """The counts of the split dateline: own claims, context claims, their sources."""
        from .facts import count_fact

        others = tuple(sorted(set(context["source_id"])))
        ids = tuple(sorted(set(own["source_id"])))
        facts = {
            "own": count_fact("own-claims", len(own), tuple(own["id"])),
            "context": count_fact("context-claims", len(context), tuple(context["id"])),
            "other": count_fact("context-sources", len(others), others),
        }
        if "{own_m}" in self._own_words(own):  # a count only where it is shown
            facts["own_m"] = count_fact("own-sources", len(ids), ids)
        return facts

    def what_if_settings(self) -> list[Fact]:
        """Each setting a what-if run changed, in a reader's words, as facts (their numbers
        are the parameters given, not a source's): "killed or wounded set to 9,000"."""
        from .facts import derived_fact
        from .formatting import fmt_value

        p = self.params
        out: list[Fact] = []
        for param in PARAMETERS.with_role(WHAT_IF):
            name, words, unit = param, PARAMETERS[param].words, PARAMETERS[param].unit
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


if TYPE_CHECKING:

    def _is_a_report(report: Report) -> protocol.Report:
        """The type checker proves this class is what the views and the analysis expect."""
        return report


#: Reports opened ahead by the build's fork server (``open_ahead``), by ``_opened_key``.
_opened: dict[tuple[str, str, str], Report] = {}


def _opened_key(params: ReportParams, paths: ProjectPaths) -> tuple[str, str, str]:
    """What a report opened ahead is computed from: the project, every parameter and the
    bytes of every data file (a changed ledger or scenario file is another key)."""
    h = hashlib.sha256()
    for f in paths.data_files():
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return str(paths.root), params.model_dump_json(), h.hexdigest()


def open_ahead() -> ProjectPaths:
    """Open every scenario's report of the project (found as ``open_report`` finds it) with
    its default parameters, with its ledger, claims and analysis computed, in this
    process: the build's fork server does, so each report
    forked from it starts with them (copy-on-write) instead of computing them again in
    each of the scenario's notebooks. ``load_report`` hands out a copy of one when asked
    for the same parameters and data; anywhere else (JupyterLab, papermill, a what-if)
    nothing is opened ahead and every report is computed as it is asked for. Returns the
    project it opened."""
    paths = project()
    scenarios = load_scenarios(paths.data)
    first = first_report(paths.data)
    ledger = load_ledger(paths.data, paths.root)
    for name, scenario in scenarios.items():
        params = validate_params(scenarios=scenarios, first_report=first, scenario=name)
        report = Report(params=params, ledger=ledger, scenario=scenario, paths=paths)
        _ = report.as_of, report.claims, report.analysis.results
        _opened[_opened_key(params, paths)] = report
    return paths


def load_report(params: ReportParams, paths: ProjectPaths) -> Report:
    """The report for validated ``params`` in the project at ``paths``."""
    if _opened:
        found = _opened.get(_opened_key(params, paths))
        if found is not None:
            report = copy.copy(found)  # its computed values shared, its own list of cited
            report.cited = []
            return report
    ledger = load_ledger(paths.data, paths.root)
    scenario = load_scenarios(paths.data)[params.scenario]
    report = Report(params=params, ledger=ledger, scenario=scenario, paths=paths)
    if params.casualties is not None or params.troops is not None:
        from .analysis.inputs import check_overrides

        check_overrides(report.analysis.inputs, params, scenario)  # one line, before any view
    return report


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


def _plural(n: int, word: str) -> str:
    """``word`` for one, else its plural."""
    return word if n == 1 else word + "s"
