"""Imported once by the fork server: everything a report needs, already loaded and built,
so each forked report starts warm.

Before anything imports jsonschema (nbformat does), keep it from importing
``rfc3987_syntax``: that module compiles about 35 Lark grammars at import (about 2 s here)
for the ``iri`` format checker, which no notebook schema uses. jsonschema imports it under
``suppress(ImportError)``, so blocking it only drops that unused checker
(python-jsonschema/jsonschema#1428). Likewise nbconvert's ``serve`` post-processor (for
``--post serve``, which no report uses): nbconvert imports it under ``ImportError``, and
with it tornado's server modules, whose import builds an SSL context (about 0.08 s).
This changes ``sys.modules`` of the fork server and its report children only: the
processes that run reports, nothing else.

The cyclic garbage collector is off while the server loads (it would walk the growing
heap again and again: about 0.3 s of the 1.5 s), and what the server holds is then frozen
(``gc.freeze``) before it forks: a report's full collections walk only its own objects,
not the server's million (they took about 0.12 s of every report).
"""

import gc
import sys

gc.disable()
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
sys.modules.setdefault("nbconvert.postprocessors.serve", None)  # type: ignore[arg-type]

from reportlib.builds.pool import WARM_MODULES, warm_up  # noqa: E402

__all__ = ["WARM_MODULES"]


def _open_ahead() -> None:
    """Each scenario's report opened once here, not in each of its notebooks
    (``report.open_ahead``), and the ledger's texts the audit traces numbers to read;
    where the project or its ledger cannot be read, nothing is, and each report fails as
    it would have."""
    from contextlib import suppress

    from reportlib.audit import verbatim_texts
    from reportlib.report import open_ahead

    with suppress(Exception):
        verbatim_texts(open_ahead().data)  # the ledger texts every report's audit reads


try:
    warm_up()
    _open_ahead()
finally:
    gc.freeze()
    gc.enable()
