"""The ledger's commands: ``check`` validates it, ``add`` appends a checked row, ``ledger``
prints its numeric claims."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_OK, EXIT_USAGE, Subparsers, add_command

#: The tables ``reportlib add`` appends to: every table of ``ledger.schema.TABLES``, named
#: here so the parser is built without importing the ledger (a unit test holds them equal).
TABLES = (
    "units",
    "quantities",
    "qualifiers",
    "reliability",
    "sources",
    "claims",
    "fx_rates",
    "events",
    "technology",
    "factors",
    "searches",
    "organisations",
)


def add_ledger_parsers(sub: Subparsers) -> None:
    c = add_command(
        sub,
        "check",
        _cmd_check,
        help="validate the figures ledger",
        description="Validate every table of the ledger: types, required fields, units, "
        "ranges, dates, unique ids and references. One line per problem; exit 2 if any.",
    )
    c.add_argument("--data", metavar="DIR", help="validate this folder instead of data/")

    ad = add_command(
        sub,
        "add",
        _cmd_add,
        help="append a validated row to a ledger table",
        description="Append one row to data/<TABLE>.csv, given as COLUMN=VALUE items (the "
        "columns of data/README.md; a column not given is empty). The whole ledger is "
        "checked with the row in place first: on any problem the row is not written, "
        "each problem is named as `reportlib check` names it, and the exit code is 2.",
    )
    ad.add_argument("table", choices=TABLES, help="table")
    ad.add_argument("cells", nargs="+", metavar="COLUMN=VALUE", help="the row's cells")
    ad.add_argument("--data", metavar="DIR", help="add to this folder instead of data/")

    led = add_command(
        sub,
        "ledger",
        _cmd_ledger,
        help="print the numeric claims",
        description="Print the ledger's numeric claims as a table, or as CSV with --csv.",
    )
    led.add_argument("--csv", action="store_true", help="one CSV row per numeric claim")
    led.add_argument("--data", metavar="DIR", help="read this folder instead of data/")


def _cmd_check(args: argparse.Namespace) -> int:
    from ..ledger import validate_ledger
    from ..paths import project

    paths = project()
    data = args.data or paths.data
    problems = [str(p) for p in validate_ledger(data, paths.root)]
    try:
        from ..analysis.judgments import JudgmentsError, load_definitions

        if Path(data).is_dir():  # no folder: validate_ledger has said so, once
            load_definitions(Path(data))
    except JudgmentsError as exc:
        problems.append(str(exc))
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing is built from this ledger.", file=sys.stderr)
        return EXIT_USAGE
    print(f"ledger OK: {data}")
    return EXIT_OK


class _BadCell(Exception):
    """A ``COLUMN=VALUE`` item ``reportlib add`` cannot place: its message says why."""


def _row(cells: list[str], table: str, path: Path, header: list[str]) -> dict[str, str]:
    """The row the ``COLUMN=VALUE`` items give, by column; a bad item raises ``_BadCell``."""
    from ..ledger.schema import TABLES as SCHEMA

    columns = {c.name for t in SCHEMA if t.name == table for c in t.columns}
    row: dict[str, str] = {}
    for item in cells:
        name, sep, value = item.partition("=")
        if not sep:
            raise _BadCell(
                f"add: expected COLUMN=VALUE, found {item!r} (no '='; e.g. {header[0]}=...)"
            )
        if name not in header:
            if name in columns:
                hint = f"{name} is not in the header of {path}: add it there first"
            else:
                import difflib

                near = difflib.get_close_matches(name, header, n=1)
                hint = (f"did you mean '{near[0]}'? " if near else "") + (
                    f"expected one of {', '.join(header)}"
                )
            raise _BadCell(f"add: unknown column {name!r} of {table}.csv ({hint})")
        row[name] = value
    return row


def _cmd_add(args: argparse.Namespace) -> int:
    import csv
    import io
    import shutil
    import tempfile

    from ..ledger import validate_ledger
    from ..paths import project

    paths = project()
    data = Path(args.data or paths.data)
    path = data / f"{args.table}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    try:
        row = _row(args.cells, args.table, path, header)
    except _BadCell as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([row.get(h, "") for h in header])
    line = buffer.getvalue()
    text = path.read_text(encoding="utf-8-sig")
    joined = text + ("" if text.endswith("\n") else "\n") + line
    with tempfile.TemporaryDirectory(prefix="reportlib-add-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(data, trial)
        (trial / path.name).write_text(joined, encoding="utf-8")
        problems = validate_ledger(trial, Path(tmp))

    def shown(where: Path) -> str:  # as `reportlib check` names it: in the project, or whole
        where = where.resolve()
        inside = where.is_relative_to(paths.root.resolve())
        return paths.relative(where) if inside else where.as_posix()

    if problems:
        for p in problems:
            print(str(p).replace("data/", f"{shown(data)}/", 1), file=sys.stderr)
        print(f"{len(problems)} problem(s); the row was not added.", file=sys.stderr)
        return EXIT_USAGE
    from ..builds.atomic import write_atomic

    write_atomic(path, joined)
    number = joined.count("\n") - line.count("\n") + 1
    print(f"added to {shown(path)}, line {number}; run `reportlib build` for the reports")
    return EXIT_OK


def _cmd_ledger(args: argparse.Namespace) -> int:
    from ..ledger import load_ledger
    from ..ledger.views import claims_csv, claims_table
    from ..paths import project

    paths = project()
    ledger = load_ledger(args.data or paths.data, paths.root)
    if args.csv:
        sys.stdout.write(claims_csv(ledger))
    else:
        claims_table(ledger, paths.root)
    return EXIT_OK
