"""Running pandoc: the one place that starts it, for the HTML and the Typst conversions.

Each report runs pandoc twice, and each run is short (a tenth of a second). The bundled
pandoc is built to ask for a 64 MB heap up front (``-with-rtsopts=-H64m``): a short run
spends more time having the kernel hand it those fresh pages than converting. A 16 MB
allocation area and no suggested heap (``GHCRTS=-A16m -H1m``) convert the same text to
the same bytes with about a fifth less CPU (``benchmarks/bench_build.py``). A ``GHCRTS``
the user has set is kept.
"""

from __future__ import annotations

import os
import subprocess

import pypandoc

GHC_RTS = "-A16m -H1m"


class ConversionError(RuntimeError):
    """Pandoc could not convert the notebook's Markdown at all."""


def run_pandoc(
    args: list[str], text: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``pandoc *args`` with ``text`` on its standard input; raises ``ConversionError``
    with the last lines pandoc wrote where it fails."""
    proc = subprocess.run(
        [pypandoc.get_pandoc_path(), *args],
        input=text.encode("utf-8"),
        capture_output=True,
        env={"GHCRTS": GHC_RTS, **os.environ, **(env or {})},
        check=False,
    )
    if proc.returncode != 0:
        said = proc.stderr.decode("utf-8", "replace").rstrip("\n").split("\n")
        raise ConversionError(f"pandoc failed ({proc.returncode}): " + "\n".join(said[-5:]))
    return proc
