"""What every command group of the command line shares: exit codes, the usage error, the
parser class and the ``-p`` option."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING, TypeAlias

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

Command: TypeAlias = Callable[[argparse.Namespace], int]
"""A command: its parsed arguments in, its exit code out."""


class Interrupted(Exception):
    """SIGTERM arrived; handled like Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


class UsageError(Exception):
    """Bad usage or bad input: printed as one message, exit code 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 on usage errors too
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


if TYPE_CHECKING:
    Subparsers: TypeAlias = argparse._SubParsersAction[Parser]
else:
    Subparsers = argparse._SubParsersAction


def add_command(sub: Subparsers, name: str, run: Command, *, help: str, description: str) -> Parser:
    """The subcommand ``name``, run by ``run`` (``main`` calls ``args.run(args)``)."""
    parser = sub.add_parser(name, help=help, description=description)
    parser.set_defaults(run=run)
    return parser


def add_params(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a report parameter (repeatable); see 'reportlib params NOTEBOOK'",
    )
