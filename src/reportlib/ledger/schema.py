"""The ledger's tables: what one row of each file is, and the type of every column.

``data/README.md`` explains the same schema for people; ``reportlib check`` enforces it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """One CSV column.

    kind: ``text`` (any non-empty text), ``id`` (lower-case letters, digits and hyphens),
    ``name`` (a snake_case name),
    ``number`` (a decimal number), ``date`` (a partial date, see ``dates.py``) or
    ``choice`` (one of ``choices``). ``ref`` names ``table.column`` whose values this
    column must take. ``added`` columns are optional in the header and at a row's end, so
    a row written in the ledger's first columns still passes ``reportlib check``.
    """

    name: str
    kind: str = "text"
    required: bool = True
    ref: str | None = None
    choices: tuple[str, ...] = ()
    description: str = ""
    #: A column added after the ledger's first version: a file may leave it out of its
    #: header, and a row may stop before it (it then takes its documented default, empty).
    added: bool = False


@dataclass(frozen=True)
class Table:
    """One ledger file: ``data/<name>.csv``; one row is ``row``; ``key`` is unique."""

    name: str
    row: str
    key: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


KINDS = ("reported", "estimate", "projection")
TECH_STATUSES = ("delivered", "reported", "suspected", "sought")
EVENT_STATUSES = ("occurred", "expected")
GROWTH = ("cumulative", "cohort")
#: The troops a count of losses may count among: the first deployment, a later wave, or
#: all the troops sent (the analysis sets the losses against that count).
COHORTS = ("troops_initial", "troops_additional", "troops_total")
FACTOR_SIDES = ("gain", "cost")
#: What a search of the public reporting found: new rows it added to the ledger
#: (``added``), only what the ledger already holds (``known``), something on topic it did
#: not add, for the reason its note gives (``set_aside``), or nothing on topic (``nothing``).
SEARCH_OUTCOMES = ("added", "known", "set_aside", "nothing")

#: A row's roles: what the reports need it for (``ledger.vocabulary.LEDGER_ROLES``).
ROLES_COLUMN = Column(
    "roles",
    required=False,
    added=True,
    description="the roles the reports need this row for, separated by ';' (see "
    "data/README.md, 'Roles'); empty: none",
)

UNITS = Table(
    "units",
    "a unit a claim may be stated in",
    "unit",
    (Column("unit"), Column("description")),
)
QUANTITIES = Table(
    "quantities",
    "a quantity the ledger measures, with the one unit it is stored in",
    "quantity",
    (
        Column("quantity", "name"),
        Column("unit", ref="units.unit"),
        Column("description"),
        Column(
            "growth",
            "choice",
            required=False,
            choices=GROWTH,
            added=True,
            description="cumulative: a total that only grows; cohort: the size of one fixed "
            "group (a deployment), estimated better over time; for both the newest acceptable "
            "count stands. Empty: any other quantity (the most reliable claim stands)",
        ),
        Column(
            "min_grade",
            required=False,
            added=True,
            description="for a cumulative quantity, the lowest reliability grade whose "
            "newer count displaces an older one; empty: B",
        ),
    ),
)
QUALIFIERS = Table(
    "qualifiers",
    "the range policy for one qualifier as sources state it",
    "qualifier",
    (
        Column("qualifier", required=False),
        Column("low_factor", "number", required=False),
        Column("high_factor", "number", required=False),
        Column("reasoning"),
    ),
)
RELIABILITY = Table(
    "reliability",
    "one reliability grade for a claimant's channel",
    "grade",
    (
        Column("grade", choices=("A", "B", "C", "D", "E", "F"), kind="choice"),
        Column("label"),
        Column("weight", "number"),
        # who speaks through the channel: the reports set officials' figures apart from a
        # party's to the war (``Ledger.grades``)
        Column(
            "standing",
            choices=("official", "research", "party", "press", "aggregator"),
            kind="choice",
        ),
        Column("words"),  # the grade in a sentence: "the best of them is {words}"
        Column("rule"),
    ),
)
SOURCES = Table(
    "sources",
    "one published document that reports claims",
    "source_id",
    (
        Column("source_id", "id"),
        Column("publisher"),
        Column("title"),
        Column("date", "date"),
        Column("url", required=False),
        Column("kind"),
        ROLES_COLUMN,
        Column(
            "copy_of",
            required=False,
            added=True,
            description="the publisher whose text this document carries as a copy (a mirror "
            "or syndication) where only the copy was read, as a reader knows it ('CNN'); the "
            "source list names it first, then 'read in a copy at' the publisher. Empty: the "
            "publisher's own text",
        ),
    ),
)
CLAIMS = Table(
    "claims",
    "one numeric claim: a value one claimant gave for one quantity at one date",
    "id",
    (
        Column("id", "id"),
        Column("quantity", ref="quantities.quantity"),
        Column("value", "number"),
        Column("qualifier", required=False, ref="qualifiers.qualifier"),
        Column("low", "number", required=False),
        Column("high", "number", required=False),
        Column("unit", ref="units.unit"),
        Column("claimant"),
        Column("claim_date", "date"),
        Column("period_start", "date", required=False),
        Column("period_end", "date", required=False),
        Column("source_id", ref="sources.source_id"),
        Column("locator"),
        Column("kind", "choice", choices=KINDS),
        Column("reliability", ref="reliability.grade"),
        Column("original_value", "number", required=False),
        Column("original_unit", required=False, ref="units.unit"),
        Column("fx_rate", "number", required=False),
        Column("fx_date", "date", required=False),
        Column("note", required=False),
        Column(
            "relays",
            "id",
            required=False,
            added=True,
            description="the id of the claim this one reports second-hand (one statement, "
            "one chain of sources); empty: an original statement",
        ),
        Column(
            "cohort",
            "choice",
            required=False,
            choices=COHORTS,
            added=True,
            description="for a count of losses, the troop quantity it counts among; "
            "empty: troops_initial (the troops sent in 2024)",
        ),
        Column(
            "troops_assumed",
            "number",
            required=False,
            added=True,
            description="for an estimate over a number of troops (a quantity with the "
            "vocabulary's role 'per-soldier'), the troops its source assumed, in persons; "
            "empty: not stated",
        ),
        Column(
            "cites",
            required=False,
            added=True,
            description="whom the claimant said it was citing for the figure, in a reader's "
            "words after 'citing' ('expert analysis'); empty: the claimant's own figure",
        ),
        Column(
            "rate_assumed",
            "number",
            required=False,
            added=True,
            description="for an estimate over a number of troops, the pay per soldier and "
            "month its source states as its basis, in USD/person-month (with "
            "rate_qualifier); empty: not stated",
        ),
        Column(
            "rate_qualifier",
            required=False,
            added=True,
            ref="qualifiers.qualifier",
            description="the qualifier of rate_assumed as its source states it ('at least'); "
            "empty: none",
        ),
        Column(
            "undated",
            "choice",
            required=False,
            added=True,
            choices=("yes",),
            description="yes where the source gives no date for the claim: claim_date is then "
            "the date of the statement it relays (relays), known from other reporting, or "
            "else the source's own date; a report never shows it as the source's date. "
            "Empty: the source dates it",
        ),
    ),
)
FX_RATES = Table(
    "fx_rates",
    "one calendar year's average won-per-dollar rate, sourced",
    "year",
    (
        Column("year", "date"),
        Column("krw_per_usd", "number"),
        Column("source_id", ref="sources.source_id"),
        Column("locator"),
        Column("note", required=False),
    ),
)
EVENTS = Table(
    "events",
    "one dated event of the story",
    "id",
    (
        Column("id", "id"),
        Column("date", "date"),
        Column("event"),
        Column("actor"),
        Column("status", "choice", choices=EVENT_STATUSES),
        Column("source_id", ref="sources.source_id"),
        Column("locator"),
        Column("note", required=False),
        Column(
            "resolves",
            "id",
            required=False,
            added=True,
            description="the id of an expected event this one settles (it happened, or did "
            "not); empty: none",
        ),
        Column(
            "reliability",
            required=False,
            ref="reliability.grade",
            added=True,
            description="the grade of the channel that reports it (as for claims); "
            "required: every entry a report lists carries a grade",
        ),
        ROLES_COLUMN,
    ),
)
TECHNOLOGY = Table(
    "technology",
    "one report of a military technology item passing from Russia to North Korea",
    "id",
    (
        Column("id", "id"),
        Column("item"),
        Column("category"),
        Column("status", "choice", choices=TECH_STATUSES),
        Column("claimant"),
        Column("date", "date"),
        Column("source_id", ref="sources.source_id"),
        Column("locator"),
        Column("reliability", ref="reliability.grade"),
        Column("note", required=False),
        Column(
            "caveat",
            required=False,
            added=True,
            description="what a reader must see beside the report in its judgment, as the "
            "source gives it (\"South Korea's national security adviser could not confirm "
            'it"); empty: none',
        ),
    ),
)
FACTORS = Table(
    "factors",
    "one non-monetary gain or cost of the deployment for North Korea",
    "id",
    (
        Column("id", "id"),
        Column("side", "choice", choices=FACTOR_SIDES),
        Column("factor"),
        Column("claimant"),
        Column("date", "date"),
        Column("source_id", ref="sources.source_id"),
        Column("locator"),
        Column("note", required=False),
        Column(
            "reliability",
            required=False,
            ref="reliability.grade",
            added=True,
            description="the grade of the channel that reports it (as for claims); "
            "required: every entry a report lists carries a grade",
        ),
        ROLES_COLUMN,
    ),
)

SEARCHES = Table(
    "searches",
    "one search of the public reporting for news on the story, kept even when it finds nothing",
    "id",
    (
        Column("id", "id"),
        Column("date", "date", description="the day the search was run (YYYY-MM-DD)"),
        Column(
            "searched_to",
            "date",
            description="the newest publication day the search covered (YYYY-MM-DD, on or "
            "before its date): reporting published by then was looked for",
        ),
        Column("topic", description="what was looked for, in a reader's words"),
        Column("query", description="the words searched for, as typed"),
        Column("searched_in", description="where: the collection or site searched"),
        Column("outcome", "choice", choices=SEARCH_OUTCOMES),
        Column("found", description="what it found, in our words (also when nothing)"),
        Column(
            "newest_found",
            "date",
            required=False,
            description="the date of the newest on-topic report it found; empty: none",
        ),
        Column(
            "ledger_rows",
            required=False,
            description="ids of ledger rows (claims, events, technology, factors, sources) it "
            "added or found again, as they were then, separated by spaces; required when it "
            "added rows",
        ),
        Column("note", required=False),
    ),
)

ORGANISATIONS = Table(
    "organisations",
    "one claimant as the ledger states it, and the organisation it speaks for: claimants "
    "of one organisation are one chain of reporting, not independent sources",
    "claimant",
    (
        Column("claimant"),
        Column("organisation"),
        Column("note", required=False),
        Column(
            "display",
            required=False,
            added=True,
            description="the claimant as a reader sees it where the ledger's wording reads "
            "badly in a sentence ('UK Defence Intelligence'); only words its own source "
            "gives. Empty: the claimant as stated",
        ),
    ),
)

# Order matters: a table's references point only at tables earlier in this list.
TABLES: tuple[Table, ...] = (
    UNITS,
    QUANTITIES,
    QUALIFIERS,
    RELIABILITY,
    SOURCES,
    CLAIMS,
    FX_RATES,
    EVENTS,
    TECHNOLOGY,
    FACTORS,
    SEARCHES,
    ORGANISATIONS,
)
