"""``reportlib params``: every notebook parameter, and a check of a notebook's
``parameters`` cell."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, EXIT_USAGE, Subparsers, UsageError, add_command


def add_params_parser(sub: Subparsers) -> None:
    pa = add_command(
        sub,
        "params",
        _cmd_params,
        help="list a notebook's parameters",
        description="Each parameter a report notebook takes: name, type, default, help.",
    )
    pa.add_argument("notebook", nargs="?", help="notebook name (checks its parameters cell)")


def _cmd_params(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from ..params import check_parameters_cell, describe
    from ..paths import project

    problems: list[str] = []
    if args.notebook:  # checked first: a bad name is its one line, not after the table
        import nbformat

        path = project().notebook(args.notebook)
        if not path.is_file():
            raise UsageError(f"notebook {args.notebook!r}: expected a file {path}, found none")
        nb = nbformat.read(path, as_version=4)
        cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        if len(cells) != 1:
            raise UsageError(f"{path}: expected one cell tagged 'parameters', found {len(cells)}")
        problems = [f"{path.name}: {p}" for p in check_parameters_cell(cells[0].source)]
    rows = describe()
    table = Table(title="Report parameters")
    longest = max(len(row["name"]) for row in rows)
    table.add_column("name", no_wrap=True, min_width=longest)  # a name is never cut
    for col in ("type", "default", "help"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(row["name"], row["type"], row["default"], row["help"])
    Console().print(table)
    for p in problems:
        print(p, file=sys.stderr)
    return EXIT_USAGE if problems else EXIT_OK
