"""Row rules of the claims table that span several columns or tables."""

from __future__ import annotations

from .dates import parse_partial_date
from .validate import Problem, RawTable

#: Units whose values are counts or amounts and so never negative.
NON_NEGATIVE_UNITS = {
    "persons",
    "USD",
    "KRW",
    "share",
    "months",
    "years",
    "USD/person-month",
    "rounds",
    "containers",
    "barrels",
    "tonnes",
}
#: A stated conversion may differ from original ÷ rate by this much (rounding in sources).
FX_TOLERANCE = 0.02


def _num(text: str) -> float | None:
    try:
        return float(text) if text != "" else None
    except ValueError:
        return None


Policies = dict[str, tuple[float | None, float | None]]
"""Each qualifier's low and high factors (``qualifiers.csv``); None where it has none."""


def policy_range(qualifier: str, value: float, policies: Policies) -> tuple[float, float] | None:
    """The (low, high) the qualifier policy gives ``value``; None where the policy has none."""
    low_f, high_f = policies.get(qualifier, (None, None))
    if low_f is None or high_f is None:
        return None
    return value * low_f, value * high_f


def check_claims(
    claims: RawTable,
    quantities: RawTable,
    qualifiers: RawTable,
    units: RawTable,
    problems: list[Problem],
) -> None:
    """Unit matches the quantity, ranges are ordered and in bounds, conversions add up."""
    unit_of = {r["quantity"]: r["unit"] for r in quantities.rows}
    known_units = {r["unit"] for r in units.rows}
    policies: Policies = {
        r["qualifier"]: (_num(r["low_factor"]), _num(r["high_factor"])) for r in qualifiers.rows
    }
    f = claims.display
    for row, line in zip(claims.rows, claims.lines, strict=True):
        unit, quantity = row["unit"], row["quantity"]
        if quantity in unit_of and unit in known_units and unit != unit_of[quantity]:
            problems.append(
                Problem(
                    f,
                    line,
                    "unit",
                    f"'{unit_of[quantity]}', the unit of {quantity} in {quantities.display}",
                    repr(unit),
                )
            )
        _check_troops_assumed(row, line, f, problems)
        value = _num(row["value"])
        if value is None:
            continue
        _check_range(row, line, f, value, policies, problems)
        _check_period(row, line, f, problems)
        _check_conversion(row, line, f, value, problems)


def _check_troops_assumed(row: dict[str, str], line: int, f: str, problems: list[Problem]) -> None:
    """The troops an estimate assumed: a positive count, on a claim of a quantity the
    vocabulary sets per soldier (role ``per-soldier``); elsewhere it would be shown nowhere."""
    from .vocabulary import PER_SOLDIER, QUANTITIES

    text, per_soldier = row.get("troops_assumed", ""), QUANTITIES.with_role(PER_SOLDIER)
    if text and row["quantity"] not in per_soldier:
        where = "(role 'per-soldier' in src/reportlib/ledger/vocabulary.py)"
        wanted = f"empty: only a claim of {', '.join(per_soldier)} states the troops {where}"
        problems.append(Problem(f, line, "troops_assumed", wanted, repr(text)))
    elif text and (n := _num(text)) is not None and n <= 0:
        problems.append(Problem(f, line, "troops_assumed", "a count of troops above 0", text))


def _check_range(
    row: dict[str, str],
    line: int,
    f: str,
    value: float,
    policies: Policies,
    problems: list[Problem],
) -> None:
    """A claim's stated range: low and high together (or a qualifier policy that gives
    them), ordered around the value, never negative for a count or amount, a share's
    within 0 to 1."""
    low, high = _num(row["low"]), _num(row["high"])
    if (row["low"] == "") != (row["high"] == ""):
        missing = "low" if row["low"] == "" else "high"
        problems.append(
            Problem(f, line, missing, "low and high together, or neither", "only one of them")
        )
    qualifier = row["qualifier"]
    if qualifier in policies and policies[qualifier][0] is None and row["low"] == "":
        problems.append(
            Problem(
                f,
                line,
                "low",
                f"a stated low and high (qualifier {qualifier!r} has no policy factors)",
                "an empty cell",
            )
        )
    if low is not None and high is not None and not low <= value <= high:
        problems.append(
            Problem(
                f,
                line,
                "value",
                f"low <= value <= high (low {low:g}, high {high:g})",
                f"{value:g}",
            )
        )
    unit = row["unit"]
    if unit in NON_NEGATIVE_UNITS:
        for name, v in (("value", value), ("low", low), ("high", high)):
            if v is not None and v < 0:
                problems.append(Problem(f, line, name, f"a value >= 0 for unit {unit}", f"{v:g}"))
    if unit == "share":
        band = (low, high) if low is not None and high is not None else None
        _check_share(line, f, value, band or policy_range(qualifier, value, policies), problems)


def _check_share(
    line: int, f: str, value: float, band: tuple[float, float] | None, problems: list[Problem]
) -> None:
    """A share and its range (stated, or from the qualifier policy) lie within 0 to 1."""
    if not 0 <= value <= 1:
        problems.append(Problem(f, line, "value", "a share from 0 to 1", f"{value:g}"))
    if band and (band[0] < 0 or band[1] > 1):
        problems.append(
            Problem(
                f,
                line,
                "high",
                "a share range within 0 to 1 (stated or from the qualifier policy)",
                f"{band[0]:g} to {band[1]:g}",
            )
        )


def _check_period(row: dict[str, str], line: int, f: str, problems: list[Problem]) -> None:
    try:
        start = parse_partial_date(row["period_start"]) if row["period_start"] else None
        end = parse_partial_date(row["period_end"]) if row["period_end"] else None
    except ValueError:
        return  # reported by the cell check
    if start and end and start.start > end.end:
        problems.append(
            Problem(
                f,
                line,
                "period_end",
                f"a period end on or after its start {start}",
                repr(str(end)),
            )
        )


def _check_conversion(
    row: dict[str, str], line: int, f: str, value: float, problems: list[Problem]
) -> None:
    original, unit, rate = _num(row["original_value"]), row["original_unit"], _num(row["fx_rate"])
    if (row["original_value"] == "") != (unit == ""):
        missing = "original_unit" if unit == "" else "original_value"
        problems.append(
            Problem(f, line, missing, "original_value and original_unit together", "only one")
        )
    if row["fx_rate"] and row["original_value"] == "":
        problems.append(
            Problem(f, line, "original_value", "the original figure the fx_rate converts", "none")
        )
    if row["fx_date"] and not row["fx_rate"]:
        problems.append(Problem(f, line, "fx_rate", "the rate the fx_date dates", "none"))
    if original is not None and rate:
        converted = original / rate
        if value and abs(converted - value) / abs(value) > FX_TOLERANCE:
            problems.append(
                Problem(
                    f,
                    line,
                    "value",
                    f"original_value / fx_rate = {converted:,.0f} (within {FX_TOLERANCE:.0%})",
                    f"{value:,.0f}",
                )
            )


def check_links(
    claims: RawTable,
    fx_rates: RawTable,
    quantities: RawTable,
    reliability: RawTable,
    problems: list[Problem],
) -> None:
    """Rules across rows: a relayed statement carries the date of the statement it relays;
    one source converts at one rate; a year's conversion uses that year's average rate (where
    the ledger has it); a quantity's ``min_grade`` is a grade."""
    _check_relays(claims, problems)
    _check_source_rates(claims, problems)
    _check_yearly_rates(claims, fx_rates, problems)
    _check_min_grades(quantities, reliability, problems)


def _check_relays(claims: RawTable, problems: list[Problem]) -> None:
    """A claim that relays another names it and carries its statement's date."""
    by_id = {r["id"]: (r, line) for r, line in zip(claims.rows, claims.lines, strict=True)}
    f = claims.display
    for row, line in zip(claims.rows, claims.lines, strict=True):
        relays = row.get("relays", "")
        if not relays:
            continue
        if relays == row["id"] or relays not in by_id:
            problems.append(
                Problem(f, line, "relays", "the id of another claim in this table", repr(relays))
            )
            continue
        original = by_id[relays][0]
        try:
            parse_partial_date(row["claim_date"])
            parse_partial_date(original["claim_date"])
        except ValueError:
            continue  # a malformed date is reported by the cell check
        if row["claim_date"] != original["claim_date"]:
            problems.append(
                Problem(
                    f,
                    line,
                    "claim_date",
                    f"the date of the statement it relays ({relays}: {original['claim_date']})",
                    repr(row["claim_date"]),
                )
            )


def _check_source_rates(claims: RawTable, problems: list[Problem]) -> None:
    """One source converts won to dollars at one rate: each conversion at another rate than
    its source's usual one (the most frequent) is named."""
    by_source: dict[str, list[tuple[str, int]]] = {}
    for row, line in zip(claims.rows, claims.lines, strict=True):
        if row["original_value"] and row["original_unit"] == "KRW":
            by_source.setdefault(row["source_id"], []).append((row["fx_rate"], line))
    for source, conversions in by_source.items():
        counts: dict[float | None, int] = {}
        for rate, _ in conversions:
            counts[_num(rate)] = counts.get(_num(rate), 0) + 1
        usual = max(counts, key=lambda r: (counts[r], r is not None, r or 0))
        for rate, line in conversions:
            if _num(rate) != usual:
                problems.append(
                    Problem(
                        claims.display,
                        line,
                        "fx_rate",
                        f"the rate source {source}'s other conversions use ({usual:g})"
                        if usual is not None
                        else f"no rate, as source {source}'s other conversions",
                        repr(rate) if rate else "none",
                    )
                )


def _check_yearly_rates(claims: RawTable, fx_rates: RawTable, problems: list[Problem]) -> None:
    """A conversion dated by a year uses that year's average rate (where the ledger has it)."""
    yearly = {r["year"]: _num(r["krw_per_usd"]) for r in fx_rates.rows}
    for row, line in zip(claims.rows, claims.lines, strict=True):
        year, rate = row["fx_date"], _num(row["fx_rate"])
        average = yearly.get(year)
        if len(year) == 4 and average and rate and abs(rate - average) / average > 0.005:
            problems.append(
                Problem(
                    claims.display,
                    line,
                    "fx_rate",
                    f"{year}'s average rate {average:g} from {fx_rates.display}",
                    f"{rate:g}",
                )
            )


def _check_min_grades(quantities: RawTable, reliability: RawTable, problems: list[Problem]) -> None:
    """A quantity's ``min_grade`` is a grade of the reliability table."""
    grades = {r["grade"] for r in reliability.rows}
    for row, line in zip(quantities.rows, quantities.lines, strict=True):
        grade = row.get("min_grade", "")
        if grade and grade not in grades:
            problems.append(
                Problem(
                    quantities.display,
                    line,
                    "min_grade",
                    f"a grade listed in {reliability.display} ({', '.join(sorted(grades))})",
                    repr(grade),
                )
            )


def check_events(events: RawTable, problems: list[Problem]) -> None:
    """An event that ``resolves`` another names an expected event of this table."""
    status = {r["id"]: r["status"] for r in events.rows}
    for row, line in zip(events.rows, events.lines, strict=True):
        target = row.get("resolves", "")
        if not target:
            continue
        expected = sorted(i for i, s in status.items() if s == "expected" and i != row["id"])
        listed = ", ".join(expected[:6]) + (", …" if len(expected) > 6 else "") or "none"
        if target == row["id"] or status.get(target) != "expected":
            found = (
                "its own id"
                if target == row["id"]
                else f"{target!r}, an event whose status is {status[target]!r}"
                if target in status
                else f"{target!r}, which is no event id"
            )
            problems.append(
                Problem(
                    events.display,
                    line,
                    "resolves",
                    f"the id of an expected event of this table ({listed})",
                    found,
                )
            )


def _day(text: str):
    """The day ``text`` names, or None when it is no full YYYY-MM-DD date."""
    try:
        parsed = parse_partial_date(text)
    except ValueError:
        return None  # the cell check has said what is wrong with it
    return parsed.start if parsed.precision == "day" else None


def check_searches(searches: RawTable, problems: list[Problem]) -> None:
    """A search runs on a day and covers reporting up to a day no later than it; what it
    found is no newer than what it covered; a search that added rows names them, one that
    found nothing names none. The record is a log: an id it names may belong to a row
    later corrected or withdrawn, so ids are checked for their form, not looked up."""
    for row, line in zip(searches.rows, searches.lines, strict=True):
        where = (searches.display, line)
        covered = _search_days(row, where, problems)
        newest = row["newest_found"]
        if newest and covered and _parses(newest) and parse_partial_date(newest).start > covered:
            problems.append(
                Problem(
                    *where,
                    "newest_found",
                    f"a date on or before searched_to {covered.isoformat()}",
                    repr(newest),
                )
            )
        _search_rows(row, where, problems)


def _search_days(row: dict[str, str], where: tuple[str, int], problems: list[Problem]):
    """The day a search covered reporting to (None where its cells are not days); a day
    that is not a full date, or coverage past the day it ran, is a problem."""
    days = {}
    for column in ("date", "searched_to"):
        text = row[column]
        days[column] = _day(text)
        if text and days[column] is None and _parses(text):
            problems.append(
                Problem(*where, column, "a day, YYYY-MM-DD (a search runs to a day)", repr(text))
            )
    run, covered = days["date"], days["searched_to"]
    if run and covered and covered > run:
        problems.append(
            Problem(
                *where,
                "searched_to",
                f"a day on or before the search's date {run.isoformat()} (reporting not yet "
                "published cannot have been searched)",
                repr(row["searched_to"]),
            )
        )
    return covered


def _search_rows(row: dict[str, str], where: tuple[str, int], problems: list[Problem]) -> None:
    """The ids a search names are ids; one that added rows names them, one that found
    nothing names none and no date found."""
    from .validate import ID_RE

    named = row["ledger_rows"].split()
    for item in named:
        if not ID_RE.match(item):
            problems.append(
                Problem(
                    *where, "ledger_rows", "ids of a-z, 0-9 and '-' separated by spaces", repr(item)
                )
            )
    outcome = row["outcome"]
    if outcome == "added" and not named:
        problems.append(
            Problem(
                *where,
                "ledger_rows",
                "the ids of the rows this search added (its outcome is 'added')",
                "an empty cell",
            )
        )
    if outcome == "nothing" and named:
        problems.append(
            Problem(
                *where,
                "ledger_rows",
                "no ids for a search that found nothing (outcome 'nothing'; use 'known' "
                "for one that found rows the ledger holds)",
                repr(row["ledger_rows"]),
            )
        )
    if outcome == "nothing" and row["newest_found"]:
        problems.append(
            Problem(
                *where,
                "newest_found",
                "an empty cell for a search that found nothing (outcome 'nothing')",
                repr(row["newest_found"]),
            )
        )


def _parses(text: str) -> bool:
    try:
        parse_partial_date(text)
    except ValueError:
        return False
    return True


def check_grades(tables: dict[str, RawTable], problems: list[Problem]) -> None:
    """Every entry a report lists carries a grade: each event and factor row its own
    ``reliability`` (claims and technology reports require theirs in the schema), so
    deleting a claim never leaves another table's row ungraded."""
    for name in ("events", "factors"):
        raw = tables.get(name)
        if raw is None:
            continue
        for row, line in zip(raw.rows, raw.lines, strict=True):
            if row.get("reliability", ""):
                continue
            problems.append(
                Problem(
                    raw.display,
                    line,
                    "reliability",
                    "a grade from the reliability table (every event and factor is graded "
                    "by who states it)",
                    "an empty cell",
                )
            )


def row_roles(row: dict[str, str]) -> list[str]:
    """The roles a row's ``roles`` cell names ("a; b" -> ["a", "b"])."""
    return [r.strip() for r in str(row.get("roles") or "").split(";") if r.strip()]


def check_roles(raws: dict[str, RawTable], problems: list[Problem]) -> None:
    """Each role the reports need (``vocabulary.LEDGER_ROLES``) is marked on a row of its
    table (on exactly one unless several may carry it), and a row names only known roles of
    its own table."""
    from .vocabulary import LEDGER_ROLES

    for name in sorted({r.table for r in LEDGER_ROLES.values()}):
        raw = raws.get(name)
        if raw is None:
            continue
        if not raw.rows and not raw.lines:
            continue  # the table could not be read; its own problems say why
        known = sorted(k for k, r in LEDGER_ROLES.items() if r.table == name)
        carriers: dict[str, list[int]] = {k: [] for k in known}
        for row, line in zip(raw.rows, raw.lines, strict=True):
            for role in row_roles(row):
                if role not in carriers:
                    problems.append(
                        Problem(
                            raw.display,
                            line,
                            "roles",
                            f"a role of {name} ({', '.join(known)})",
                            repr(role),
                        )
                    )
                else:
                    carriers[role].append(line)
        for role, lines in carriers.items():
            spec = LEDGER_ROLES[role]
            if not lines and spec.needed:
                problems.append(
                    Problem(
                        raw.display,
                        None,
                        "roles",
                        f"a row marked with role {role!r} ({spec.meaning}), which the reports need",
                        "none",
                    )
                )
            elif len(lines) > 1 and not spec.many:
                problems.append(
                    Problem(
                        raw.display,
                        lines[1],
                        "roles",
                        f"one row marked with role {role!r} (also on line {lines[0]})",
                        "a second",
                    )
                )


def check_vocabulary(quantities: RawTable, problems: list[Problem]) -> None:
    """Every quantity of the ledger has a reader's words in the vocabulary, and every
    quantity the vocabulary (or an input read from the ledger) names is in the ledger: a
    figure without an entry would be shown under its bare id, or not at all."""
    from . import vocabulary

    if not quantities.rows and not quantities.lines:
        return  # the file could not be read; its own problems say why
    where = vocabulary.WHERE
    defined = set()
    for row, line in zip(quantities.rows, quantities.lines, strict=True):
        name = row.get("quantity", "")
        defined.add(name)
        if name and name not in vocabulary.QUANTITIES:
            problems.append(
                Problem(
                    quantities.display,
                    line,
                    "quantity",
                    f"a quantity declared in {where} (QUANTITIES; see CONTRIBUTING.md)",
                    f"{name!r}, which it does not declare",
                )
            )
    needed = {q: "the vocabulary declares it" for q in vocabulary.QUANTITIES}
    needed.update(
        {
            i.quantity: f"input {i.id!r} is read from it"
            for i in vocabulary.INPUTS.values()
            if i.quantity
        }
    )
    for name, why in needed.items():
        if name not in defined:
            problems.append(
                Problem(quantities.display, None, "quantity", f"a row for {name!r} ({why})", "none")
            )


def check_reported_after(claims: RawTable, sources: RawTable, problems: list[Problem]) -> None:
    """A claim is dated on or before the publication that reports it: a source published
    on 14 February 2026 cannot report what was said on 30 November 2026. Partial dates
    compare by their spans: the claim's span must start on or before the source's ends."""
    published = {r["source_id"]: r["date"] for r in sources.rows}
    for row, line in zip(claims.rows, claims.lines, strict=True):
        source = published.get(row["source_id"])
        if not source:
            continue  # an unknown source is reported by the reference check
        try:
            said, out = parse_partial_date(row["claim_date"]), parse_partial_date(source)
        except ValueError:
            continue  # a malformed date is reported by the cell check
        if said.start > out.end:
            problems.append(
                Problem(
                    claims.display,
                    line,
                    "claim_date",
                    f"a date on or before {source}, when its source {row['source_id']} "
                    "was published",
                    repr(row["claim_date"]),
                )
            )
