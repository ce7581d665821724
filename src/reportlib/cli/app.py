"""The parser assembled from each command group's ``add_*`` function, and ``main``: run
the command, map every expected error to its exit code.

Exit codes everywhere: 0 all good; 1 a report failed (or failed its audit); 2 bad usage or
bad input (parameters, ledger, catalogue), with nothing run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .analysis import add_analysis_parsers
from .audit import add_audit_parser
from .building import add_build_parser
from .common import EXIT_FAILED, EXIT_USAGE, Interrupted, Parser, UsageError, on_sigterm
from .interactive import add_interactive_parsers
from .ledger import add_ledger_parsers
from .params import add_params_parser
from .site import add_site_parsers

DESCRIPTION = """\
Sourced, parameterised reports on North Korea's troop deployment to Russia.

Typical use:
  reportlib check            validate the figures ledger in data/
  reportlib ledger           show the sourced claims as a table
  reportlib build            execute every notebook for every scenario into reports/
  reportlib metrics --scenario latest   headline metrics with ranges
  reportlib params brief     list the parameters a report notebook takes
  reportlib explore          what if? the assumptions explorer in a browser (Voilà)
"""

GROUPS = (
    add_build_parser,  # build (and build --check)
    add_ledger_parsers,  # check, add, ledger
    add_params_parser,  # params
    add_analysis_parsers,  # metrics, judgments, changes
    add_audit_parser,  # audit
    add_interactive_parsers,  # lab, explore
    add_site_parsers,  # serve, publish
)
"""Each command group adds its commands, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = Parser(
        prog="reportlib",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reportlib {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for add in GROUPS:
        add(sub)
    return parser


def run() -> None:
    """The ``reportlib`` command: ``main``, then exit with its code.

    Before the interpreter's own teardown, every object left is moved out of the cyclic
    garbage collector's reach (``gc.freeze``): the process is ending, and collecting a
    build's object graph one last time took about 0.25 s of every cold build here. Files
    and atexit handlers are closed and run as usual."""
    import gc

    code = main()
    gc.freeze()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    import signal

    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        return args.run(args)
    except (KeyboardInterrupt, Interrupted) as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        print(
            "\nreportlib: interrupted; reports already finished are kept and cached, "
            "unfinished ones were left as they were. Run the same command to resume.",
            file=sys.stderr,
        )
        return 128 + int(signum)
    except Exception as exc:
        code = _said(exc)
        if code is None:
            raise
        return code


def _said(exc: Exception) -> int | None:
    """Say an expected error in a line (or a ledger's problems, one a line) and give the
    exit code; None for an error no command expects. The error classes are imported here,
    when one is raised: importing them up front cost every command 0.1 s (a cold build
    waits for that before its workers start to load)."""
    from ..analysis.scenarios import ScenarioError
    from ..builds.catalogue import CatalogueError
    from ..builds.runner import BuildLocked
    from ..builds.tasks import ClusterUnavailable
    from ..ledger import LedgerError
    from ..params import ParameterError

    if isinstance(exc, LedgerError):
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in the ledger; nothing was built.", file=sys.stderr)
        return EXIT_USAGE
    usage = (ParameterError, ScenarioError, CatalogueError, UsageError, ClusterUnavailable)
    if isinstance(exc, usage):
        print(f"reportlib: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(exc, BuildLocked):
        print(f"reportlib: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        print(
            f"reportlib: error: cannot read or write{where}: {exc.strerror or exc}; reports "
            "already written were left intact",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return None
