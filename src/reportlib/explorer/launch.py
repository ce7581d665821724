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
#: The scenario the explorer opens on when the notebook runs with its defaults: ``reportlib
#: explore`` sets it to the published scenario (the site leads with its latest edition).
START_ENV = "REPORTLIB_EXPLORE_SCENARIO"
#: A closed page's kernel is shut down once it has been idle, with no page connected, this
#: many seconds (Voilà starts one kernel per page view and would keep each one).
CULL_AFTER = 60


def voila_argv(
    paths: ProjectPaths,
    port: int = DEFAULT_PORT,
    browser: bool = True,
    cull_after: int = CULL_AFTER,
) -> list[str]:
    """The command that serves the explorer with Voilà (sources stripped, tracebacks off;
    a closed page's kernel culled after ``cull_after`` idle seconds)."""
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
        f"--MappingKernelManager.cull_idle_timeout={cull_after}",
        f"--MappingKernelManager.cull_interval={max(1, min(cull_after, 30) // 2)}",
        "--MappingKernelManager.cull_connected=False",
        # a kernel on this machine talks to Voilà over local sockets, not TCP
        "--KernelManager.transport=ipc",
        # Voilà's settings file (``jupyter/config/voila.json``): the websocket's pong wait
        # no longer than its ping interval, which tornado otherwise corrects with a warning
        f"--Voila.config_file_paths={JUPYTER_DATA / 'config'}",
    ]
    if not browser:
        argv.append("--no-browser")
    return argv


def jupyterlab_argv(
    paths: ProjectPaths, port: int | None = None, browser: bool = True
) -> list[str]:
    """The command that opens JupyterLab on ``notebooks/`` (``reportlib lab``): on
    ``port`` if given (else JupyterLab's own choice), a browser opened unless not."""
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={paths.notebooks}"]
    if port is not None:
        argv.append(f"--ServerApp.port={port}")
    if not browser:
        argv.append("--ServerApp.open_browser=False")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # containers and CI machines often run as root
    return argv


def trust_notebook(paths: ProjectPaths, data_dir: Path | None = None) -> None:
    """Mark the project's explorer notebook as trusted for this user (what ``jupyter trust``
    does), so Voilà does not warn on every page that it is not; run by ``reportlib
    explore``, which serves only this notebook."""
    import nbformat
    from nbformat.sign import NotebookNotary

    notebook = paths.notebooks / NOTEBOOK
    nb = nbformat.read(notebook, as_version=4)
    notary = NotebookNotary(**({"data_dir": str(data_dir)} if data_dir else {}))
    Path(notary.data_dir).mkdir(parents=True, exist_ok=True)  # where its key and list go
    if not notary.check_signature(nb):
        notary.sign(nb)


def published_scenario(paths: ProjectPaths) -> str:
    """The scenario the site leads with (the catalogue's ``published``, else ``latest``)."""
    import tomllib

    try:
        raw = tomllib.loads((paths.notebooks / "catalogue.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return "latest"
    name = raw.get("published", "latest")
    return name if isinstance(name, str) else "latest"


def voila_env(start: str | None = None) -> dict[str, str]:
    """Environment for Voilà and its kernels: links to built briefs go through Voilà's
    file route; the project's own kernel is preferred (as ``reportlib lab`` does); the
    form opens on ``start`` (a scenario) where given."""
    paths = [str(JUPYTER_DATA), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {
        **({START_ENV: start} if start else {}),
        LINK_BASE_ENV: "/voila/files/",
        "JUPYTER_PREFER_ENV_PATH": "1",
        "JUPYTER_PATH": os.pathsep.join(paths),  # finds the template
    }
