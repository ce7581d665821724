"""``reportlib build``: execute and render the catalogue, a what-if run or a grid; and
``build --check``, a fresh build compared with the committed reports."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .common import EXIT_FAILED, EXIT_OK, Subparsers, UsageError, add_command

if TYPE_CHECKING:
    from ..builds.tasks import BuildResult, Outcome
    from ..paths import ProjectPaths


def add_build_parser(sub: Subparsers) -> None:
    b = add_command(
        sub,
        "build",
        _cmd_build,
        help="execute and render reports into reports/",
        description="Execute each notebook of notebooks/catalogue.toml for each of its "
        "scenarios with papermill, render HTML and a Typst PDF into "
        "reports/<scenario>/<notebook>.{html,pdf}, and write reports/manifest.json and "
        "reports/index.html. The ledger is validated first; nothing runs on bad data.",
    )
    b.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="build only this notebook (file name without .ipynb); repeatable",
    )
    b.add_argument("--scenario", metavar="NAME", help="build only this scenario")
    b.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="reports built at once (default: the number of cores)",
    )
    b.add_argument(
        "--check",
        action="store_true",
        help="rebuild into a temporary folder and fail (exit 1) naming every "
        "report whose text or facts differ from the committed reports/",
    )
    b.add_argument(
        "--force", action="store_true", help="ignore the cache: execute and render everything again"
    )
    b.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        default=600,
        help="stop a report that runs longer than this (default: 600)",
    )
    b.add_argument(
        "--cell-timeout",
        type=float,
        metavar="SECONDS",
        default=300,
        help="fail a cell that runs longer than this (default: 300)",
    )
    b.add_argument(
        "--name",
        metavar="NAME",
        help="the what-if or grid folder, reports/what-if/NAME/ (default: spelled from the "
        "overrides, e.g. casualties=9000)",
    )
    b.add_argument(
        "--grid",
        metavar="FILE",
        help='a TOML grid file: optional name = "..." and a [parameters] table of values or '
        "lists of values; every combination renders (-p adds to it and wins)",
    )
    b.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the reports on a Dask cluster (tls://host:8786 with the three --tls "
        "files; tcp:// only on this machine or with --allow-insecure) instead of local "
        "processes; workers need the same environment and checkout (see the README)",
    )
    b.add_argument("--tls-ca-file", metavar="FILE", help="the cluster's CA certificate (PEM)")
    b.add_argument("--tls-cert", metavar="FILE", help="this machine's certificate (PEM)")
    b.add_argument("--tls-key", metavar="FILE", help="this machine's private key (PEM)")
    b.add_argument(
        "--allow-insecure",
        action="store_true",
        help="allow a plain tcp:// scheduler on another machine (anyone who reaches it runs "
        "code on the workers)",
    )
    b.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE[,VALUE...]",
        help="override a report parameter (repeatable); a what-if run, written under "
        "reports/what-if/, never over the canonical reports. Several values (comma "
        "separated) make a grid: every combination renders, with a comparison table",
    )


def _cmd_build(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs: expected a whole number of at least 1, given {args.jobs}")
    if args.force and not (args.scheduler or args.check):
        from ..builds.pool import start_server

        # every report will run there: the workers warm up from the start, while this
        # process imports the rest and plans (the server's loading is the build's start)
        start_server()
    from ..builds.progress import BuildProgress
    from ..builds.runner import BuildRequest, build
    from ..builds.tasks import tls_files
    from ..params import parse_assignments
    from ..paths import project

    overrides = parse_assignments(args.param)
    paths = project()
    if args.check:
        if overrides or args.grid or args.name:
            raise UsageError(
                "--check compares the canonical reports: it takes no -p, --grid or --name"
            )
        return _check(paths, args.jobs, args.only, args.scenario)
    name = args.name
    if args.grid:
        from ..builds.sweep import load_grid

        grid_name, grid = load_grid(args.grid)
        overrides = {**grid, **overrides}  # -p wins over the grid file
        name = name or grid_name
    request = BuildRequest(
        only=tuple(args.only) if args.only else None,
        scenario=args.scenario,
        overrides=overrides,
        name=name,
        force=args.force,
        jobs=args.jobs,
        timeout=args.timeout,
        cell_timeout=args.cell_timeout,
        scheduler=args.scheduler,
        tls=tls_files(args.tls_ca_file, args.tls_cert, args.tls_key),
        allow_insecure=args.allow_insecure,
    )
    progress = BuildProgress()
    outcomes: list[Outcome] = []  # none if the build stops before any report
    try:
        result = build(
            paths,
            request,
            on_plan=lambda planned: progress.planned(len(planned.tasks)),
            on_start=progress.started,
            report=progress.finished,
        )
        outcomes = result.outcomes
    finally:
        progress.close(outcomes)
    return _summary(paths, result)


def _summary(paths: ProjectPaths, result: BuildResult) -> int:
    """Say where the build's reports are and what failed; the build's exit code."""
    failed = [o for o in result.outcomes if o.status != "ok"]
    if result.sweep is not None:
        where = paths.relative(result.sweep / "index.html")
        print(f"sweep: {paths.relative(result.sweep / 'comparison.csv')} compares the grid")
    elif result.folders:
        where = paths.relative(result.folders[0] / "index.html")
        print(f"what-if run: the canonical reports were not touched; see {where}")
    else:
        where = paths.relative(paths.index)
    for problem in result.site_problems:
        print(f"landing page: {problem} traces to no fact or ledger entry", file=sys.stderr)
    if result.search_error:
        print(f"reportlib: error: {result.search_error}", file=sys.stderr)
    print(f"{len(result.outcomes) - len(failed)} of {len(result.outcomes)} reports ok; see {where}")
    return EXIT_FAILED if failed or result.site_problems or result.search_error else EXIT_OK


def _check(
    paths: ProjectPaths, jobs: int | None, only: list[str] | None, scenario: str | None
) -> int:
    from ..builds.check import check

    _, differences = check(paths, jobs, only, scenario)
    for key, problems in differences.items():
        for problem in problems:
            print(f"{key}: {problem}", file=sys.stderr)
    if differences:
        print(
            f"{len(differences)} report(s) differ from a fresh build; run "
            "'reportlib build' and commit reports/.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print("reports/ matches a fresh build")
    return EXIT_OK
