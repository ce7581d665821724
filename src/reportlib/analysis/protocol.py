"""``Report``: the type of the object every view and analysis function is handed.

The object itself is ``reportlib.report.Report`` (``open_report`` makes it), but the views
and the analysis sit below ``report.py`` in the layering (``pyproject.toml``'s contracts),
so they cannot import it. They import this protocol instead: what a report offers them,
read-only. (``as_of``, ``previous_edition``, ``analysis`` and ``claims`` are declared as
the class computes them, ``cached_property``: a type checker does not take one for a
``property``.) The type checker proves the real class matches it (``report.py`` assigns
it here under ``TYPE_CHECKING``), so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pandas as pd

    from ..facts import Fact, Prose
    from ..ledger import Ledger
    from ..params import ReportParams
    from ..paths import ProjectPaths
    from .engine import Analysis
    from .scenarios import Scenario


class Report(Protocol):
    """One report's view of the analysis: parameters, ledger, scenario and as-of date."""

    @property
    def params(self) -> ReportParams: ...

    @property
    def ledger(self) -> Ledger: ...

    @property
    def scenario(self) -> Scenario: ...

    @property
    def paths(self) -> ProjectPaths: ...

    @property
    def cited(self) -> list[str]:
        """Source ids in the order this report first cited them (``cite``)."""
        ...

    @cached_property
    def as_of(self) -> date:
        """The scenario's as-of date for these parameters."""
        ...

    @cached_property
    def previous_edition(self) -> date | None:
        """The as-of date of the edition readers last saw, if any."""
        ...

    @cached_property
    def analysis(self) -> Analysis:
        """Inputs and metrics with ranges for this scenario (see ``analysis.engine``)."""
        ...

    @cached_property
    def claims(self) -> pd.DataFrame:
        """The claims this scenario admits as of its date, claimants by display name."""
        ...

    def claims_of(self, *quantities: str) -> pd.DataFrame:
        """Admitted claims of these quantities, oldest first."""
        ...

    def admitted(self, frame: pd.DataFrame, date_column: str = "date") -> pd.DataFrame:
        """Rows of a ledger table (events, technology, factors) the scenario admits."""
        ...

    def pick(self, quantity: str) -> pd.Series | None:
        """The claim the selection rule picks for a quantity, or None."""
        ...

    def source(self, source_id: str) -> pd.Series:
        """One source by id."""
        ...

    def grade_label(self, grade: str) -> str: ...

    def cite(self, source_id: str) -> str:
        """``[n]``: the source's number in this report's source list (first cited, first)."""
        ...

    def source_line(self, source_ids: list[str]) -> str:
        """A chart's source line: publishers and dates, plain text."""
        ...

    def outside_sources(self) -> list[str]:
        """The sources of the outside figures (context only) the dateline counts."""
        ...

    def dateline(self) -> Prose:
        """The line under the title: scenario, as-of date and what the report draws on."""
        ...

    def what_if_settings(self) -> list[Fact]:
        """Each setting a what-if run changed, in a reader's words, as facts."""
        ...
