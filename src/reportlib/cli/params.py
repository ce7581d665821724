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

    table = Table(title="Report parameters")
    for col in ("name", "type", "default", "help"):
        table.add_column(col)
    for row in describe():
        table.add_row(row["name"], row["type"], row["default"], row["help"])
    Console().print(table)
    if args.notebook:
        import nbformat

        path = project().notebooks / f"{args.notebook.removesuffix('.ipynb')}.ipynb"
        if not path.is_file():
            raise UsageError(f"notebook {args.notebook!r}: expected a file {path}, found none")
        nb = nbformat.read(path, as_version=4)
        cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        if len(cells) != 1:
            raise UsageError(f"{path}: expected one cell tagged 'parameters', found {len(cells)}")
        problems = check_parameters_cell(cells[0].source)
        for p in problems:
            print(f"{path.name}: {p}", file=sys.stderr)
        return EXIT_USAGE if problems else EXIT_OK
    return EXIT_OK
