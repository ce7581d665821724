"""The kinds of entry of the domain vocabulary (``ledger.vocabulary``), their roles, and
the registry that holds each kind: declared once, in order, with a loud error for an id
that has no entry."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Generic, TypeVar

# --- roles ---------------------------------------------------------------------------------
# quantities
TIED_TO_DEPLOYMENT = "tied-to-deployment"  # paid or given for the troops: set per casualty
GAIN = "gain"  # a gain estimate set side by side (cost-benefit, "What the regime gains")
YEARLY = "yearly"  # a gain stated per year: scaled to the count's months per casualty
IN_KIND = "in-kind"  # a gain in kind or labour: shown as stated (its ``basis``), never priced
TROOP_TABLE = "troop-table"  # the troop numbers table (notebook 01)
SENT_BESIDE = "sent-beside"  # personnel sent beside the combat troops, not counted among them
CASUALTY_TABLE = "casualty-table"  # the casualty claims table (notebook 02)
BRIEF_INPUT = "brief-input"  # a row of the brief's key-figures table, as its source stated it
PER_SOLDIER = "per-soldier"  # an estimate over a number of troops: a claim may state the
#   troops its source assumed (claims' troops_assumed), so it is set per soldier and month
# inputs
JUDGED = "judged"  # a figure a judgment's confidence names ("casualty count"); order: rank
# metrics
HEADLINE = "headline"  # the headline metrics (metrics --json first, the explorer, history)
RATIO_OF_INPUTS = "ratio-of-inputs"  # only a ratio of stated inputs: no judgment may rest on it
TRACKED = "tracked"  # tracked over time in the over-time report's table of steps
CHANGES = "changes"  # figures the brief's "what changed" section may speak of
HISTORY_EXTRA = "history-extra"  # compared over time besides the headline metrics
BRIEF_KEY = "brief-key"  # the brief's key-figures table (derived rows)
PER_CASUALTY = "per-casualty"  # the per-casualty readings the brief's chart sets side by side
OVER_DEPLOYMENT = "over-the-deployment"  # its numerator runs over the months deployed: say so
EXPLORER = "explorer"  # the explorer's key figures
SWEEP = "sweep"  # a sweep's comparison.csv columns (<id>_central/_low/_high)
SWEEP_PAGE = "sweep-page"  # a sweep page's formatted columns, in this order
GROWS_WITH_EVENTS = "grows-with-events"  # a later count is new events ("rose"), not "revised"
# parameters
CONTROL = "control"  # an explorer control, in the form's order
WHAT_IF = "what-if"  # stated in a what-if run's "What-if run" line, in this order

ROLES = {
    "quantity": (
        TIED_TO_DEPLOYMENT,
        GAIN,
        YEARLY,
        IN_KIND,
        TROOP_TABLE,
        SENT_BESIDE,
        CASUALTY_TABLE,
        BRIEF_INPUT,
        PER_SOLDIER,
    ),
    "input": (JUDGED,),
    "metric": (
        HEADLINE,
        RATIO_OF_INPUTS,
        TRACKED,
        CHANGES,
        HISTORY_EXTRA,
        BRIEF_KEY,
        PER_CASUALTY,
        OVER_DEPLOYMENT,
        EXPLORER,
        SWEEP,
        SWEEP_PAGE,
        GROWS_WITH_EVENTS,
    ),
    "parameter": (CONTROL, WHAT_IF),
}


class VocabularyError(LookupError):
    """An id the vocabulary does not declare (or an entry declared wrongly)."""


@dataclass(frozen=True)
class Quantity:
    """A ledger quantity (a row of ``data/quantities.csv``) as a reader sees it."""

    id: str
    figure: str  # named on its own: "troops, first deployment"
    label: str = ""  # in a table of its kind ("Figure" column); "" = ``figure``
    gain: str = ""  # as a gain estimate ("Troop deal, per year"); "" = not a gain
    counts: str = ""  # what a gain estimate counts ("payment for the troops")
    basis: str = ""  # how an in-kind gain is stated ("in kind, a year; not priced")
    kind_words: str = ""  # the brief's words for an in-kind gain ("{n} tonnes of rice a year";
    #   "{period}": " in March–November 2024" from the claim's period, "" without one)
    #: the quantity of a limit an in-kind figure is set against ("" = none): the brief adds
    #: "against {cap_words}" with the limit's admitted claim, cited, where there is one
    cap: str = ""
    cap_words: str = ""  # "a UN cap of {n} a year"
    heading: str = ""  # a row heading of the brief's key figures ("Troops, first deployment")
    said: str = ""  # what a source said, in "X said about N ...": "" = ``figure``
    cohort: str = ""  # the troops a casualty count among them covers, as a proposition says
    #: the quantity a figure of this one is stated about ("" = none): such a figure is
    #: combined only with the figure it was stated about (``selection.pick_stated``)
    stated_about: str = ""
    roles: Mapping[str, int] = field(default_factory=dict)

    @property
    def table_label(self) -> str:
        return self.label or self.figure

    @property
    def said_as(self) -> str:
        return self.said or self.figure


@dataclass(frozen=True)
class Input:
    """An input of the analysis (``analysis.inputs.Input`` carries its values)."""

    id: str
    unit: str
    label: str  # "troops, first deployment" (a sensitivity chart's row)
    words: str  # "a count of the troops of the first deployment" (no report gives ...)
    quantity: str = ""  # the ledger quantity it is read from ("" = derived or a parameter)
    judged_as: str = ""  # what it is in a judgment's confidence sentence ("casualty count")
    roles: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Metric:
    """A computed figure: one reading of one thing, one id, one value per scenario and date."""

    id: str
    unit: str
    label: str  # "Casualty rate (of the troops the count covers)"
    description: str  # what it counts and how (``reportlib metrics``, the README)
    requires: tuple[str, ...]  # inputs it cannot be computed without
    optional: tuple[str, ...] = ()  # inputs used when present (and so in its provenance)
    roles: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Parameter:
    """A what-if parameter (``params.ReportParams``) as a reader sets and reads it."""

    id: str
    label: str  # the explorer's label, unit in brackets: "Casualties (persons)"
    words: str = ""  # what a what-if run states ({} is its value)
    unit: str = ""  # the unit its value is shown in ("" = shown as given)
    overrides: str = ""  # the input it stands for ("" = none)
    roles: Mapping[str, int] = field(default_factory=dict)


E = TypeVar("E", Quantity, Input, Metric, Parameter)


class Registry(Generic[E]):
    """The entries of one kind, in declaration order; a missing id is a loud error."""

    def __init__(self, kind: str, entries: tuple[E, ...], where: str) -> None:
        self.kind, self.where = kind, where
        table: dict[str, E] = {}
        for e in entries:
            if e.id in table:
                raise VocabularyError(f"{kind} {e.id!r} is declared twice in {where}")
            unknown = set(e.roles) - set(ROLES[kind])
            if unknown:
                raise VocabularyError(
                    f"{kind} {e.id!r}: unknown role {sorted(unknown)[0]!r}; expected one of "
                    + ", ".join(ROLES[kind])
                )
            table[e.id] = e
        self._table = MappingProxyType(table)

    def __getitem__(self, id: str) -> E:
        try:
            return self._table[id]
        except KeyError:
            raise VocabularyError(
                f"no {self.kind} {id!r} in the vocabulary: declare it in {self.where} "
                "(see CONTRIBUTING.md)"
            ) from None

    def __contains__(self, id: object) -> bool:
        return id in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def values(self) -> tuple[E, ...]:
        return tuple(self._table.values())

    def get(self, id: str) -> E | None:
        return self._table.get(id)

    def with_role(self, role: str) -> tuple[str, ...]:
        """The ids of the entries with ``role``, in the role's order."""
        if role not in ROLES[self.kind]:
            raise VocabularyError(f"no role {role!r} for a {self.kind}")
        members = [e for e in self._table.values() if role in e.roles]
        return tuple(e.id for e in sorted(members, key=lambda e: e.roles[role]))
