"""How ``reportlib explore`` starts Voilà: the explorer notebook as a page with no code, on
127.0.0.1 only, and the what-if briefs it builds served beside it.

Voilà's root is the project, so the briefs a what-if build writes under
``reports/what-if/`` are served at ``/voila/files/reports/what-if/...`` (only those: the
allowlist); the explorer's links point there (``whatif.LINK_BASE_ENV``). The page is
Voilà's own lab template less its CDN stylesheets (``jupyter/voila/templates/reportlib``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..paths import ProjectPaths
from .whatif import LINK_BASE_ENV

NOTEBOOK = "explore.ipynb"
HOST = "127.0.0.1"
DEFAULT_PORT = 8866  # Voilà's own default
#: the only files Voilà serves besides the page: what-if reports (self-contained HTML, PDF)
SERVED = r"reports/what-if/.*\.(html|pdf)"
#: Jupyter data folder shipped with the package: the ``reportlib`` Voilà template (Voilà's
#: lab page without the stylesheets it would fetch from a CDN)
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"
TEMPLATE = "reportlib"


def voila_argv(paths: ProjectPaths, port: int = DEFAULT_PORT, browser: bool = True) -> list[str]:
    """The command that serves the explorer with Voilà (sources stripped, tracebacks off)."""
    argv = [
        sys.executable,
        "-m",
        "voila",
        str(paths.notebooks / NOTEBOOK),
        f"--Voila.ip={HOST}",
        f"--port={port}",
        f"--Voila.root_dir={paths.root}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--template={TEMPLATE}",
        f"--VoilaConfiguration.file_allowlist={SERVED}",
    ]
    if not browser:
        argv.append("--no-browser")
    return argv


def voila_env() -> dict[str, str]:
    """Environment for Voilà and its kernels: links to built briefs go through Voilà's
    file route; the project's own kernel is preferred (as ``reportlib lab`` does)."""
    paths = [str(JUPYTER_DATA), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {
        LINK_BASE_ENV: "/voila/files/",
        "JUPYTER_PREFER_ENV_PATH": "1",
        "JUPYTER_PATH": os.pathsep.join(paths),  # finds the template
    }
