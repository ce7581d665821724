"""Imported once by the fork server: everything a report needs, already loaded and built,
so each forked report starts warm.

Before anything imports jsonschema (nbformat does), keep it from importing
``rfc3987_syntax``: that module compiles about 35 Lark grammars at import (about 2 s here)
for the ``iri`` format checker, which no notebook schema uses. jsonschema imports it under
``suppress(ImportError)``, so blocking it only drops that unused checker
(python-jsonschema/jsonschema#1428). This changes ``sys.modules`` of the fork server and
its report children only: the processes that run reports, nothing else.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from reportlib.builds.pool import WARM_MODULES, warm_up  # noqa: E402

__all__ = ["WARM_MODULES"]

warm_up()


def _open_ahead() -> None:
    """Each scenario's report opened once here, not in each of its notebooks
    (``report.open_ahead``); where the project or its ledger cannot be read, nothing is,
    and each report fails as it would have."""
    from contextlib import suppress

    from reportlib.report import open_ahead

    with suppress(Exception):
        open_ahead()


_open_ahead()
