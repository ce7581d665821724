"""The ``reportlib`` command line: one module per command group (``building``: build;
``ledger``: check, add, ledger; ``params``; ``analysis``: metrics, judgments, changes;
``audit``; ``interactive``: lab, explore; ``site``: serve, publish), the shared parts in
``common`` and the parser and ``main`` in ``app``.

Exit codes everywhere: 0 all good; 1 a report failed (or failed its audit); 2 bad usage or
bad input (parameters, ledger, catalogue), with nothing run.
"""

from .app import build_parser, main, run
from .common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "UsageError", "build_parser", "main", "run"]
