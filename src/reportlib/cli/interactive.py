"""The commands a person works in: ``lab`` (JupyterLab on the notebooks) and ``explore``
(the assumptions explorer in Voilà). Each replaces this process with the server."""

from __future__ import annotations

import argparse
import os

from .common import EXIT_OK, Subparsers, UsageError, add_command


def add_interactive_parsers(sub: Subparsers) -> None:
    la = add_command(
        sub,
        "lab",
        _cmd_lab,
        help="open JupyterLab on notebooks/",
        description="Start JupyterLab in notebooks/ with the project's environment.",
    )
    la.add_argument("--port", type=int, help="port (default: JupyterLab's, 8888 or the next free)")
    la.add_argument("--no-browser", action="store_true", help="do not open a browser")

    ex = add_command(
        sub,
        "explore",
        _cmd_explore,
        help="open the assumptions explorer in a browser (Voilà, 127.0.0.1)",
        description="Serve notebooks/explore.ipynb with Voilà on 127.0.0.1, no code shown: "
        "change casualties, troops, the benefit and its reading, pay, the as-of date or the "
        "draws and read the key figures, judgments and per-casualty chart at once; turn the "
        "settings into a 'reportlib build -p ...' what-if run. Ctrl-C stops.",
    )
    ex.add_argument("--port", type=int, default=8866, help="port (default 8866, Voilà's own)")
    ex.add_argument("--no-browser", action="store_true", help="do not open a browser")


def _cmd_lab(args: argparse.Namespace) -> int:
    from ..explorer.launch import jupyterlab_argv
    from ..paths import project

    if args.port is not None and not 1 <= args.port <= 65535:
        raise UsageError(f"--port: expected 1 to 65535, given {args.port}")
    # kernels of this environment (its python3: .venv's) before a user's own of that name,
    # so the notebooks' "python3" kernelspec opens here with no kernel dialog
    os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
    argv = jupyterlab_argv(project(), args.port, browser=not args.no_browser)
    os.execvp(argv[0], argv)
    return EXIT_OK  # not reached


def _cmd_explore(args: argparse.Namespace) -> int:
    from ..explorer.launch import published_scenario, trust_notebook, voila_argv, voila_env
    from ..paths import project

    if not 1 <= args.port <= 65535:
        raise UsageError(f"--port: expected 1 to 65535, given {args.port}")
    paths = project()
    os.environ.update(voila_env(published_scenario(paths)))
    trust_notebook(paths)
    os.environ.setdefault("REPORTLIB_ROOT", str(paths.root))
    argv = voila_argv(paths, args.port, browser=not args.no_browser)
    print(f"explorer at http://127.0.0.1:{args.port}/ (Ctrl-C stops)", flush=True)
    os.execvp(argv[0], argv)
    return EXIT_OK  # not reached
