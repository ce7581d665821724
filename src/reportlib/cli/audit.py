"""``reportlib audit``: every number in the rendered reports and what it traces to."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .common import EXIT_FAILED, EXIT_OK, Subparsers, UsageError, add_command


def add_audit_parser(sub: Subparsers) -> None:
    au = add_command(
        sub,
        "audit",
        _cmd_audit,
        help="trace every number in the rendered reports",
        description="Read each report's HTML and PDF text and list every number with what it "
        "traces to: a recorded fact (ledger ids or metric), verbatim ledger text, or an "
        "exemption (years, dates, figure/page/section numbers). Exit 1 naming each number "
        "that traces to nothing.",
    )
    au.add_argument(
        "reports",
        nargs="*",
        metavar="REPORT",
        help="scenario/notebook, e.g. latest/brief (default: every report in the manifest)",
    )
    au.add_argument("--all", action="store_true", help="list traced numbers too")


def _cmd_audit(args: argparse.Namespace) -> int:
    from ..audit import audit_files, check_facts, check_scenario
    from ..builds.manifest import read_manifest
    from ..paths import project

    paths = project()
    entries = read_manifest(paths)
    if not entries:
        raise UsageError(
            f"{paths.relative(paths.manifest)}: expected a manifest; run 'reportlib build' first"
        )
    by_key = {
        f"{e['scenario']}/{e['notebook'].rsplit('/', 1)[-1].removesuffix('.ipynb')}": e
        for e in entries
    }
    wanted = args.reports or list(by_key)
    bad_total = 0
    by_scenario: dict[str, dict[str, list[Any]]] = {}
    for key in wanted:
        entry = by_key.get(key)
        if entry is None:
            raise UsageError(f"report {key!r}: expected one of {', '.join(by_key)}")
        html, pdf = paths.root / entry["html"], paths.root / entry["pdf"]
        findings = audit_files(html, pdf, html.with_suffix(".facts.json"), paths.data, key)
        bad = [f for f in findings if not f.ok]
        bad_total += len(bad)
        print(f"{key}: {len(findings)} numbers, {len(bad)} untraced")
        for f in findings if args.all else bad:
            where = f.traced_to or "NOTHING: not a fact, not ledger text, not exempt"
            print(f"  {f.number:>14}  {where}\n  {'':>14}  in {f.report}: {f.context}")
        facts_path = html.with_suffix(".facts.json")
        facts = json.loads(facts_path.read_text(encoding="utf-8")) if facts_path.exists() else []
        by_scenario.setdefault(entry["scenario"], {})[key] = facts
        for problem in check_facts(key, facts):
            bad_total += 1
            print(f"  {problem}")
    for reports in by_scenario.values():
        for problem in check_scenario(reports):
            bad_total += 1
            print(f"  {problem}")
    return EXIT_FAILED if bad_total else EXIT_OK
