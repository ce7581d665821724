"""The site's commands: ``serve`` (reports/ over HTTP on 127.0.0.1) and ``publish`` (an
edition, the feed, a bundle)."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Subparsers, UsageError, add_command


def add_site_parsers(sub: Subparsers) -> None:
    se = add_command(
        sub,
        "serve",
        _cmd_serve,
        help="serve reports/ on 127.0.0.1 (the search page needs HTTP)",
        description="Serve the reports folder over HTTP on 127.0.0.1 only, until Ctrl-C. "
        "The reports open from disk too; the search page loads its index by script, "
        "which needs HTTP.",
    )
    se.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free)")

    pu = add_command(
        sub,
        "publish",
        _cmd_publish,
        help="archive the latest reports as an edition; the feed; a bundle",
        description="Copy the reports of the scenario 'latest', as built, into "
        "reports/editions/<as-of>/ with a manifest of SHA-256 sums, and write the Atom feed "
        "reports/feed.xml (one entry per edition). Refused (exit 2) unless the reports were "
        "built from the ledger and code now in the project ('reportlib build' first). An "
        "edition is never rewritten: publishing the same as-of date again with other bytes "
        "is refused (exit 2), naming the files that differ; --correct REASON publishes them "
        "as a correction beside it (reports/editions/<as-of>-r2/). --bundle also writes "
        "reports/editions/<folder>.zip: PDFs, HTML, facts, SHA256SUMS and the ledger as a "
        "Frictionless data package.",
    )
    pu.add_argument("--bundle", action="store_true", help="also write the edition's zip")
    pu.add_argument(
        "--correct",
        metavar="REASON",
        help="publish changed reports or ledger for an as-of date already published as a "
        "correction: a numbered revision beside the edition, with this reason",
    )
    pu.add_argument(
        "--base-url",
        metavar="URL",
        help="where the site is published: the feed's links become absolute "
        "(default: base_url in [tool.reportlib] of pyproject.toml; none: relative)",
    )


def _cmd_serve(args: argparse.Namespace) -> int:
    from ..builds.serving import make_server
    from ..paths import project

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port: expected 0 to 65535, given {args.port}")
    paths = project()
    server = make_server(paths.reports, args.port, verbose=True)
    host, port = server.server_address[:2]
    print(f"serving {paths.relative(paths.reports)}/ at http://{host}:{port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return EXIT_OK


def _cmd_publish(args: argparse.Namespace) -> int:
    from ..builds.publishing import EditionConflict, publish
    from ..paths import project

    paths = project()
    try:
        done = publish(paths, bundle=args.bundle, correction=args.correct, base_url=args.base_url)
    except EditionConflict as exc:
        print(f"reportlib: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(done.summary(paths))
    for problem in done.problems:
        print(f"landing page: {problem} traces to no fact or ledger entry", file=sys.stderr)
    return EXIT_FAILED if done.problems else EXIT_OK
