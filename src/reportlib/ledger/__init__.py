"""The figures ledger: sourced claims, their sources, events, technology reports and policies.

``load_ledger(data_dir)`` reads every table of a ``data/`` folder, validates it (see
``validate.py`` and ``rules.py``) and returns typed pandas DataFrames; it raises
``LedgerError`` listing every problem, so nothing is ever built from bad data. The folder
is always given: the ledger never looks for the project. Problems name files relative to
``root`` when it is given and holds them (the CLI passes the project root), else as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .attribution import check_displays, check_undated
from .bounds import check_bound_qualifiers, check_stated_rates
from .copies import check_copies
from .dates import PartialDate, parse_partial_date
from .frames import rows
from .rules import (
    check_claims,
    check_events,
    check_grades,
    check_links,
    check_reported_after,
    check_roles,
    check_searches,
    check_vocabulary,
    policy_range,
    row_roles,
)
from .schema import TABLES, Table
from .validate import LedgerError, Problem, RawTable, check_cells, check_refs, read_table

if TYPE_CHECKING:  # pandas is imported where frames are built, keeping `check` fast
    import pandas as pd

__all__ = [
    "Ledger",
    "LedgerError",
    "PartialDate",
    "Problem",
    "check_ledger",
    "load_ledger",
    "parse_partial_date",
    "validate_ledger",
]


@dataclass(frozen=True)
class Ledger:
    """The validated ledger. Each attribute is one table as a DataFrame.

    ``claims`` has, beside its CSV columns (numbers as floats), ``low``/``high`` filled from
    the qualifier policy where the claim states no range, ``range_from`` (``stated`` or
    ``policy``), and ``claim_start``/``claim_end`` (the span of the partial claim date).
    """

    data_dir: Path
    units: pd.DataFrame
    quantities: pd.DataFrame
    qualifiers: pd.DataFrame
    reliability: pd.DataFrame
    sources: pd.DataFrame
    claims: pd.DataFrame
    fx_rates: pd.DataFrame
    events: pd.DataFrame
    technology: pd.DataFrame
    factors: pd.DataFrame
    searches: pd.DataFrame
    organisations: pd.DataFrame

    # The tables are never changed in place (a changed ledger is a new one), so what is
    # derived from them is computed once per ledger (``cached_property`` writes to the
    # instance's ``__dict__``, which a frozen dataclass allows).
    @cached_property
    def weights(self) -> dict[str, float]:
        """Reliability grade → weight (``reliability.csv``)."""
        return dict(zip(self.reliability["grade"], self.reliability["weight"], strict=True))

    @cached_property
    def events_reported(self) -> pd.DataFrame:
        """The events, each with the date of the source reporting it (``source_date``)."""
        dated = self.sources.loc[:, ["source_id", "date"]].rename(columns={"date": "source_date"})
        return self.events.merge(dated, on="source_id")

    @cached_property
    def _claims_by_id(self) -> dict[str, int]:
        return {claim_id: i for i, claim_id in enumerate(self.claims["id"])}

    @cached_property
    def _sources_by_id(self) -> dict[str, int]:
        return {source_id: i for i, source_id in enumerate(self.sources["source_id"])}

    @cached_property
    def grade_labels(self) -> dict[str, str]:
        """Reliability grade → its label (``reliability.csv``)."""
        return dict(
            zip(self.reliability["grade"], map(str, self.reliability["label"]), strict=True)
        )

    @cached_property
    def _technology_by_id(self) -> dict[str, int]:
        return {report_id: i for i, report_id in enumerate(self.technology["id"])}

    def role(self, role: str) -> tuple[str, ...]:
        """The ids of the rows marked with ``role`` (``vocabulary.LEDGER_ROLES``), in the
        file's order; ``reportlib check`` guarantees a needed role is marked."""
        from .vocabulary import LEDGER_ROLES

        spec = LEDGER_ROLES[role]
        frame = getattr(self, spec.table)
        key = next(t.key for t in TABLES if t.name == spec.table)
        return tuple(
            str(i)
            for i, r in zip(frame[key], frame["roles"], strict=True)
            if role in row_roles({"roles": r})
        )

    @cached_property
    def _displays(self) -> dict[str, str]:
        """Claimant -> its display name, where ``organisations.csv`` declares one."""
        return {
            str(c): str(d)
            for c, d in zip(
                self.organisations["claimant"], self.organisations["display"], strict=True
            )
            if isinstance(d, str) and d
        }

    @cached_property
    def _organisations(self) -> dict[str, str]:
        orgs = dict(
            zip(self.organisations["claimant"], self.organisations["organisation"], strict=True)
        )
        # a claimant shown by its display name (``Report.claims``) keeps its organisation;
        # ``reportlib check`` refuses a display name shared across organisations
        return {**{d: orgs[c] for c, d in self._displays.items()}, **orgs}

    def organisation(self, claimant: str) -> str:
        """The organisation a claimant (as stated, or by its display name) speaks for
        (``organisations.csv``): claimants of one organisation are one chain of reporting.
        ``reportlib check`` lists every claimant of a claim or a technology report there;
        any other claimant is its own."""
        return self._organisations.get(claimant, claimant)

    def display(self, claimant: str) -> str:
        """A claimant as a reader sees it: the ``display`` name ``organisations.csv``
        declares for it (the ledger's wording kept as stated), else the claimant as the
        ledger states it. Only words the claimant's own source gives, so a scenario limited
        to some sources may show it (``Scenario.speaker``)."""
        return self._displays.get(claimant, claimant)

    def grades(self, standing: str) -> tuple[str, ...]:
        """The grades whose channel has this ``standing`` ("official", "party"; the
        ``standing`` column of ``reliability.csv``), best first."""
        rows = self.reliability.loc[self.reliability["standing"] == standing, "grade"]
        return tuple(map(str, rows))

    @cached_property
    def grade_words(self) -> dict[str, str]:
        """Reliability grade -> the grade in a sentence (``words`` in ``reliability.csv``)."""
        return dict(
            zip(self.reliability["grade"], map(str, self.reliability["words"]), strict=True)
        )

    @cached_property
    def grade_order(self) -> dict[str, int]:
        """Reliability grade -> its rank, best first, in ``reliability.csv``'s order."""
        return {g: n for n, g in enumerate(self.reliability["grade"])}

    def best_grade(self, grades: Any) -> str:
        """The best of ``grades`` by ``reliability.csv``'s order (never by their letters)."""
        return min(grades, key=lambda g: self.grade_order[g])

    def has_claim(self, claim_id: str) -> bool:
        return claim_id in self._claims_by_id

    def technology_report(self, report_id: str) -> pd.Series:
        """One technology report by id; ``KeyError`` names the id if it is not there."""
        at = self._technology_by_id.get(report_id)
        if at is None:
            raise KeyError(f"no technology report {report_id!r} in {self.data_dir}")
        return self.technology.iloc[at]

    def source(self, source_id: str) -> pd.Series:
        """One source by id; ``KeyError`` names the id if it is not in the ledger."""
        at = self._sources_by_id.get(source_id)
        if at is None:
            raise KeyError(f"no source {source_id!r} in {self.data_dir / 'sources.csv'}")
        return self.sources.iloc[at]

    @property
    def newest_claim_date(self) -> date:
        """The end of the latest claim date in the ledger."""
        return max(self.claims["claim_end"])

    @property
    def newest_report_date(self) -> date:
        """The newest dated report in the ledger (the ``latest`` as-of date): see
        ``newest_report``."""
        memo = self.__dict__
        if "_newest_report" not in memo:
            memo["_newest_report"] = newest_report(
                {
                    name: getattr(self, name).to_dict("records")
                    for name in ("claims", "technology", "events", "sources")
                }
            )
        return memo["_newest_report"]

    def claim(self, claim_id: str) -> pd.Series:
        """One claim by id; ``KeyError`` names the id if it is not in the ledger."""
        rows = self.__dict__.setdefault("_claim_rows", {})  # one Series per claim, built once
        if claim_id not in rows:
            at = self._claims_by_id.get(claim_id)
            if at is None:
                raise KeyError(f"no claim with id {claim_id!r} in {self.data_dir / 'claims.csv'}")
            rows[claim_id] = self.claims.iloc[at]
        return rows[claim_id]


def _display(path: Path, root: Path | None) -> str:
    """The path as a reader should see it: relative to ``root`` when inside it."""
    if root is None:
        return str(path)
    try:
        return path.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def _read_all(data_dir: Path, root: Path | None) -> tuple[dict[str, RawTable], list[Problem]]:
    problems: list[Problem] = []
    raws: dict[str, RawTable] = {}
    if not Path(data_dir).is_dir():  # one line, not one per table it would have held
        found = "a file" if Path(data_dir).exists() else "no such folder"
        return raws, [Problem(str(data_dir), None, None, "a ledger folder", found)]
    for table in TABLES:
        path = Path(data_dir) / table.filename
        raw = read_table(path, table, _display(path, root), problems)
        check_cells(raw, problems)
        raws[table.name] = raw
    for raw in raws.values():
        check_refs(raw, raws, problems)
    check_claims(raws["claims"], raws["quantities"], raws["qualifiers"], raws["units"], problems)
    check_links(raws["claims"], raws["fx_rates"], raws["quantities"], raws["reliability"], problems)
    check_events(raws["events"], problems)
    check_searches(raws["searches"], problems)
    check_grades(raws, problems)
    check_roles(raws, problems)
    check_vocabulary(raws["quantities"], problems)
    check_reported_after(raws["claims"], raws["sources"], problems)
    check_copies(raws["sources"], problems)
    check_bound_qualifiers(raws["qualifiers"], problems)
    check_stated_rates(raws["claims"], raws["qualifiers"], problems)
    check_displays(raws["organisations"], problems)
    check_undated(raws["claims"], raws["sources"], problems)
    order = {raw.display: n for n, raw in enumerate(raws.values())}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line or 0))  # as in the files
    return raws, problems


def validate_ledger(data_dir: Path, root: Path | None = None) -> list[Problem]:
    """Every problem of the ledger in ``data_dir``."""
    _, problems = _read_all(Path(data_dir), root)
    return problems


def check_ledger(data_dir: Path, root: Path | None = None) -> tuple[list[Problem], date | None]:
    """Validate without pandas (fast); also return the newest claim date when valid."""
    raws, problems = _read_all(Path(data_dir), root)
    if problems:
        return problems, None
    return problems, newest_report({name: raw.rows for name, raw in raws.items()})


#: Where a table dates its rows, for ``newest_report``.
DATED = {"claims": "claim_date", "technology": "date", "events": "date", "sources": "date"}


def newest_report(rows: dict[str, list[dict]]) -> date:
    """The date of the newest report in the ledger, the as-of date of a ``latest``
    scenario: the latest end of any claim's date, technology report, event that has
    happened (not one still expected) and source's publication date. So every row in the
    ledger counts by the time a latest edition stands on, and no source is newer than it."""
    ends = []
    for table, column in DATED.items():
        for row in rows.get(table, ()):
            if table == "events" and str(row.get("status") or "") == "expected":
                continue
            text = str(row.get(column) or "").strip()
            if text and text.lower() != "nan":
                ends.append(parse_partial_date(text).end)
    return max(ends)


def _frame(raw: RawTable) -> pd.DataFrame:
    import pandas as pd

    table: Table = raw.table
    frame = pd.DataFrame(raw.rows, columns=list(table.column_names))
    frame.insert(0, "line", raw.lines)
    for col in table.columns:
        if col.kind == "number":
            frame[col.name] = pd.to_numeric(frame[col.name].replace("", None), errors="raise")
    return frame


def load_ledger(data_dir: Path, root: Path | None = None) -> Ledger:
    """Load and validate the ledger in ``data_dir``; raise ``LedgerError`` on any problem."""
    folder = Path(data_dir)
    raws, problems = _read_all(folder, root)
    if problems:
        raise LedgerError(problems)
    import pandas as pd

    frames = {name: _frame(raw) for name, raw in raws.items()}
    claims = frames["claims"]
    policies = {r.qualifier: (r.low_factor, r.high_factor) for r in rows(frames["qualifiers"])}
    stated = claims["low"].notna()
    lows, highs = [], []
    for row in rows(claims):
        if pd.notna(row.low):
            lows.append(row.low)
            highs.append(row.high)
        else:
            band = policy_range(row.qualifier, row.value, policies)
            if band is None:  # check_claims refuses such a row before this
                raise ValueError(f"claim {row.id}: qualifier {row.qualifier!r} gives no range")
            lows.append(band[0])
            highs.append(band[1])
    claims["low"] = lows
    claims["high"] = highs
    claims["range_from"] = ["stated" if s else "policy" for s in stated]
    spans = [parse_partial_date(d) for d in claims["claim_date"]]
    claims["claim_start"] = [s.start for s in spans]
    claims["claim_end"] = [s.end for s in spans]
    return Ledger(data_dir=folder, **frames)
