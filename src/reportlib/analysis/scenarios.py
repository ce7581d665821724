"""Scenarios: named parameter sets (``data/scenarios.toml``) that filter the ledger.

A scenario fixes an as-of date and the sources its claims may come from. ``latest`` as-of
means the newest report in the ledger (a claim, technology report, event that happened or
source, ``ledger.newest_report``), so the same data give the same reports on any day and
no row waits for a later claim. Context quantities (GNI, GDP, state-budget estimates)
serve every scenario whatever its sources, filtered only by the as-of date. A scenario
may name the as-of date of its previous edition (``previous_edition``); its brief then
says what changed since. A scenario with editions in the archive (``reportlib publish``)
takes its previous edition from there instead: the newest one before its as-of date.
"""

from __future__ import annotations

import contextlib
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..ledger import Ledger
from ..ledger.dates import known_by

if TYPE_CHECKING:
    import pandas as pd

CONTEXT_QUANTITIES = frozenset(
    {
        "gni_nominal",
        "gdp_nominal",
        "gni_per_capita",
        "trade_total",
        "army_active",
        "state_budget",
        "budget_growth",
        "defence_budget_share",
    }
)


class ScenarioError(ValueError):
    """The scenarios file is missing or malformed, or names an unknown scenario."""


@dataclass(frozen=True)
class Scenario:
    """One named scenario as declared in ``data/scenarios.toml``."""

    name: str
    title: str
    description: str
    as_of_spec: str
    sources: tuple[str, ...] | None  # None: every source
    previous_edition: date | None = None  # the as-of date of the last edition, if any

    def as_of(self, ledger: Ledger, override: date | None = None) -> date:
        """The as-of date: the override, else the declared date, else the newest report's."""
        return self.resolve_as_of(ledger.newest_report_date, override)

    def resolve_as_of(self, newest_report: date | None, override: date | None = None) -> date:
        """The as-of date: ``override``, else the declared date, else ``newest_report``
        (the newest claim's date; None when the ledger dates none)."""
        if override is not None:
            return override
        if self.as_of_spec == "latest":
            if newest_report is None:
                raise ScenarioError(
                    f"scenario {self.name!r}: expected a dated claim for its as-of date "
                    "'latest', found none in the ledger"
                )
            return newest_report
        return date.fromisoformat(self.as_of_spec)

    def speaker(self, ledger: Ledger, claimant: str) -> str:
        """Who said it, as a reader of this scenario sees it. A scenario of every source
        names the organisation a claimant speaks for (``organisations.csv``: other
        reporting may identify it, as the Joint Chiefs behind "South Korea's military"); a
        scenario limited to some sources names the claimant as its admitted source states
        it (``Ledger.display``), never by what only sources it leaves out say (review X-M4).
        Independence is counted by organisation in both."""
        if self.sources is None:
            return ledger.organisation(claimant)
        return ledger.display(claimant)

    def admits_source(self, source_id: object) -> bool:
        """Whether a row (event, technology report, factor) from ``source_id`` may be
        admitted: the one rule, whatever its date (``admitted``; the build's cache key,
        ``builds.cache.admitted_digest``, keeps the same rows)."""
        return self.sources is None or source_id in self.sources

    def admits_claim(self, source_id: object, quantity: object) -> bool:
        """Whether a claim from ``source_id`` of ``quantity`` may be admitted, whatever its
        date: from the scenario's sources, or of a context quantity from any source."""
        return self.admits_source(source_id) or quantity in CONTEXT_QUANTITIES

    def claims(self, ledger: Ledger, as_of: date | None = None) -> pd.DataFrame:
        """The claims this scenario admits: known by the as-of date, from its sources
        (context quantities from any source: ``admits_claim``)."""
        import pandas as pd

        cutoff = self.as_of(ledger, as_of)
        claims = ledger.claims
        known = pd.Series(known_by(claims["claim_date"], cutoff), index=claims.index)
        allowed = pd.Series(
            [
                self.admits_claim(s, q)
                for s, q in zip(claims["source_id"], claims["quantity"], strict=True)
            ],
            index=claims.index,
            dtype=bool,
        )
        return claims.loc[known & allowed].reset_index(drop=True)

    def admitted(
        self, ledger: Ledger, frame: pd.DataFrame, as_of: date | None = None, column: str = "date"
    ) -> pd.DataFrame:
        """Rows of a ledger table (events, technology, factors) this scenario admits: from
        its sources, dated (``column``, a partial date) on or before its as-of date."""
        from ..ledger.dates import parse_partial_date

        cutoff = self.as_of(ledger, as_of)
        known = frame[column].map(lambda d: parse_partial_date(d).end <= cutoff)
        allowed = frame["source_id"].map(self.admits_source)
        return frame.loc[known & allowed]

    def events(self, ledger: Ledger, as_of: date | None = None) -> pd.DataFrame:
        """Events admitted: reported by a source the scenario admits whose date (its
        ``source_date`` column) is known by the as-of date. An event is known when it is
        reported; an expected one may be dated after the as-of date."""
        return self.admitted(ledger, ledger.events_reported, as_of, "source_date")

    def technology(self, ledger: Ledger, as_of: date | None = None) -> pd.DataFrame:
        """Technology reports admitted, by category, date and id."""
        rows = self.admitted(ledger, ledger.technology, as_of)
        return rows.sort_values(["category", "date", "id"]).reset_index(drop=True)


def archived_editions(archive: Path) -> list[dict[str, Any]]:
    """What ``reportlib publish`` recorded of each edition in ``archive``
    (``reports/editions/<folder>/edition.json``), oldest first; [] where there is none.
    Plain JSON: read without pandas, by the build's planning too."""
    import json

    found = []
    for path in sorted(Path(archive).glob("*/edition.json")):
        if path.parent.name.startswith("."):  # an interrupted publish's scratch folder
            continue
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
            date.fromisoformat(info["as_of"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        found.append({**info, "folder": path.parent.name})
    return found


def previous_edition(scenario: Scenario, as_of: date, archive: Path) -> date | None:
    """The as-of date of the edition readers last saw before ``as_of``: the newest
    edition of this scenario published in ``archive`` before it (what changed is told
    against that), else the ``previous_edition`` the scenarios file pins, if it is before
    ``as_of``; None when there is neither."""
    earlier = [
        date.fromisoformat(info["as_of"])
        for info in archived_editions(archive)
        if info.get("scenario") == scenario.name
    ]
    earlier = [d for d in earlier if d < as_of]
    if earlier:
        return max(earlier)
    pinned = scenario.previous_edition
    return pinned if pinned is not None and pinned < as_of else None


def first_report(data_dir: Path) -> date | None:
    """The date of the ledger's first report (the earliest source's date in
    ``sources.csv``): an as-of date before it admits no claim. Read without pandas, so
    parameters are checked before any heavy import; None if no source is dated."""
    import csv

    from ..ledger.dates import parse_partial_date

    path = Path(data_dir) / "sources.csv"
    try:
        with path.open(encoding="utf-8", newline="") as f:
            dates = [row.get("date") or "" for row in csv.DictReader(f)]
    except FileNotFoundError:
        return None
    found = []
    for text in dates:
        with contextlib.suppress(ValueError):
            found.append(parse_partial_date(text.strip()).start)
    return min(found, default=None)


def scenarios_file(data_dir: Path) -> Path:
    return Path(data_dir) / "scenarios.toml"


def load_scenarios(data_dir: Path) -> dict[str, Scenario]:
    """Every scenario of ``data_dir/scenarios.toml``, by name, in file order."""
    path = scenarios_file(data_dir)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no scenarios file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: expected TOML, found a syntax error ({exc})") from None
    out: dict[str, Scenario] = {}
    for name, spec in raw.items():
        if not isinstance(spec, dict):
            raise ScenarioError(f"{path}: [{name}] expected a table, found {spec!r}")
        for key in ("title", "description", "as_of", "sources"):
            if key not in spec:
                raise ScenarioError(f"{path}: [{name}] expected the key '{key}', found none")
        as_of = str(spec["as_of"])
        if as_of != "latest":
            try:
                date.fromisoformat(as_of)
            except ValueError:
                raise ScenarioError(
                    f"{path}: [{name}] as_of: expected YYYY-MM-DD or 'latest', found {as_of!r}"
                ) from None
        sources = spec["sources"]
        if sources == "all":
            chosen = None
        elif isinstance(sources, list) and all(isinstance(s, str) for s in sources):
            chosen = tuple(sources)
        else:
            raise ScenarioError(
                f'{path}: [{name}] sources: expected "all" or a list of source ids, '
                f"found {sources!r}"
            )
        previous = _previous_edition(path, name, spec, as_of)
        out[name] = Scenario(name, spec["title"], spec["description"], as_of, chosen, previous)
    if not out:
        raise ScenarioError(f"{path}: expected at least one scenario, found none")
    return out


def _previous_edition(path: Path, name: str, spec: dict, as_of: str) -> date | None:
    """The optional ``previous_edition`` key: a date (quoted, or a bare TOML date) before
    the scenario's as-of date when that is fixed (a ``latest`` one is checked on use)."""
    if "previous_edition" not in spec:
        return None
    raw = spec["previous_edition"]
    found = None
    if type(raw) is date:  # a TOML date; a datetime (with a time) is not one
        found = raw
    elif isinstance(raw, str):
        with contextlib.suppress(ValueError):
            found = date.fromisoformat(raw)
    if found is None:
        raise ScenarioError(
            f"{path}: [{name}] previous_edition: expected a date YYYY-MM-DD, found {raw!r}"
        )
    if as_of != "latest" and found >= date.fromisoformat(as_of):
        raise ScenarioError(
            f"{path}: [{name}] previous_edition: expected a date before the as_of date "
            f"{as_of}, found {found.isoformat()}"
        )
    return found
