"""The ``reportlib`` command line.

Exit codes everywhere: 0 all good; 1 a report failed (or failed its audit); 2 bad usage or
bad input (parameters, ledger, catalogue), with nothing run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Sourced, parameterised reports on North Korea's troop deployment to Russia.

Typical use:
  reportlib check            validate the figures ledger in data/
  reportlib ledger           show the sourced claims as a table
  reportlib build            execute every notebook for every scenario into reports/
  reportlib metrics --scenario latest   headline metrics with ranges
  reportlib params brief     list the parameters a report notebook takes
  reportlib explore          what if? the assumptions explorer in a browser (Voilà)
"""


class Interrupted(Exception):
    """SIGTERM arrived; handled like Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_sigterm(signum, frame):
    raise Interrupted(signum)


class UsageError(Exception):
    """Bad usage or bad input: printed as one message, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 on usage errors too
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _add_params(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a report parameter (repeatable); see 'reportlib params NOTEBOOK'",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reportlib",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"reportlib {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    b = sub.add_parser(
        "build",
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
        help="run the reports on a Dask cluster (e.g. tcp://host:8786) instead of local "
        "processes; workers need the same environment and checkout (see the README)",
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

    c = sub.add_parser(
        "check",
        help="validate the figures ledger",
        description="Validate every table of the ledger: types, required fields, units, "
        "ranges, dates, unique ids and references. One line per problem; exit 2 if any.",
    )
    c.add_argument("--data", metavar="DIR", help="validate this folder instead of data/")

    ad = sub.add_parser(
        "add",
        help="append a validated row to a ledger table",
        description="Append one row to data/<TABLE>.csv, given as COLUMN=VALUE items (the "
        "columns of data/README.md; a column not given is empty). The whole ledger is "
        "checked with the row in place first: on any problem the row is not written, "
        "each problem is named as `reportlib check` names it, and the exit code is 2.",
    )
    ad.add_argument(
        "table", choices=("claims", "sources", "events", "technology", "factors"), help="table"
    )
    ad.add_argument("cells", nargs="+", metavar="COLUMN=VALUE", help="the row's cells")
    ad.add_argument("--data", metavar="DIR", help="add to this folder instead of data/")

    led = sub.add_parser(
        "ledger",
        help="print the numeric claims",
        description="Print the ledger's numeric claims as a table, or as CSV with --csv.",
    )
    led.add_argument("--csv", action="store_true", help="one CSV row per numeric claim")
    led.add_argument("--data", metavar="DIR", help="read this folder instead of data/")

    pa = sub.add_parser(
        "params",
        help="list a notebook's parameters",
        description="Each parameter a report notebook takes: name, type, default, help.",
    )
    pa.add_argument("notebook", nargs="?", help="notebook name (checks its parameters cell)")

    m = sub.add_parser(
        "metrics",
        help="print the headline metrics with ranges",
        description="Every headline metric of a scenario with its central value, its range "
        "(5th-95th percentile of a seeded Monte Carlo) and unit. --json prints base units: "
        "money in US dollars, rates and shares as fractions 0-1, people as counts.",
    )
    _add_scenario_report(m)

    j = sub.add_parser(
        "judgments",
        help="print the key judgments: probability, likelihood word, confidence",
        description="Every key judgment of a scenario (data/judgments.toml), from the same "
        "draws as `reportlib metrics`: its probability, ICD 203 likelihood word, confidence "
        "and basis; a judgment the scenario cannot assess says why. --json prints "
        "probabilities as fractions 0-1.",
    )
    _add_scenario_report(j)

    ch = sub.add_parser(
        "changes",
        help="what changed between two as-of dates",
        description="Recompute a scenario as of two dates and list every key figure and "
        "judgment that changed (old -> new: figure and range, likelihood term, "
        "confidence), the claims that caused each change, and the claims admitted between "
        "the two dates. --json prints base units.",
    )
    ch.add_argument(
        "--scenario", metavar="NAME", required=True, help="scenario from data/scenarios.toml"
    )
    ch.add_argument(
        "--since", metavar="DATE", required=True, help="earlier as-of date (YYYY-MM-DD)"
    )
    ch.add_argument(
        "--until", metavar="DATE", help="later as-of date (default: the scenario's as-of date)"
    )
    ch.add_argument("--json", action="store_true", help="print JSON")
    _add_params(ch)

    au = sub.add_parser(
        "audit",
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

    la = sub.add_parser(
        "lab",
        help="open JupyterLab on notebooks/",
        description="Start JupyterLab in notebooks/ with the project's environment.",
    )
    la.add_argument("--port", type=int, help="port (default: JupyterLab's, 8888 or the next free)")
    la.add_argument("--no-browser", action="store_true", help="do not open a browser")

    ex = sub.add_parser(
        "explore",
        help="open the assumptions explorer in a browser (Voilà, 127.0.0.1)",
        description="Serve notebooks/explore.ipynb with Voilà on 127.0.0.1, no code shown: "
        "change casualties, troops, the benefit and its reading, pay, the as-of date or the "
        "draws and read the key figures, judgments and per-casualty chart at once; turn the "
        "settings into a 'reportlib build -p ...' what-if run. Ctrl-C stops.",
    )
    ex.add_argument("--port", type=int, default=8866, help="port (default 8866, Voilà's own)")
    ex.add_argument("--no-browser", action="store_true", help="do not open a browser")

    se = sub.add_parser(
        "serve",
        help="serve reports/ on 127.0.0.1 (the search page needs HTTP)",
        description="Serve the reports folder over HTTP on 127.0.0.1 only, until Ctrl-C. "
        "The reports open from disk too; the search page loads its index by script, "
        "which needs HTTP.",
    )
    se.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free)")

    pu = sub.add_parser(
        "publish",
        help="archive the latest reports as an edition; the feed; a bundle",
        description="Copy the current reports of the scenario 'latest' into "
        "reports/editions/<as-of>/ with a manifest of SHA-256 sums, and write the Atom feed "
        "reports/feed.xml (one entry per edition). An edition is never rewritten: "
        "publishing the same as-of date again with other bytes is refused (exit 2), naming "
        "the files that differ. --bundle also writes reports/editions/<as-of>.zip: PDFs, "
        "HTML, facts, SHA256SUMS and the ledger as a Frictionless data package.",
    )
    pu.add_argument("--bundle", action="store_true", help="also write the edition's zip")
    pu.add_argument(
        "--base-url",
        metavar="URL",
        help="where the site is published: the feed's links become absolute "
        "(default: base_url in [tool.reportlib] of pyproject.toml; none: relative)",
    )
    return parser


def _cmd_add(args: argparse.Namespace) -> int:
    import csv
    import io
    import shutil
    import tempfile
    from pathlib import Path

    from .ledger import validate_ledger
    from .ledger.schema import TABLES
    from .paths import project

    paths = project()
    data = Path(args.data or paths.data)
    path = data / f"{args.table}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    columns = {c.name for t in TABLES if t.name == args.table for c in t.columns}
    row: dict[str, str] = {}
    for item in args.cells:
        name, sep, value = item.partition("=")
        if not sep:
            print(
                f"add: expected COLUMN=VALUE, found {item!r} (no '='; e.g. {header[0]}=...)",
                file=sys.stderr,
            )
            return EXIT_USAGE
        if name not in header:
            if name in columns:
                hint = f"{name} is not in the header of {path}: add it there first"
            else:
                import difflib

                near = difflib.get_close_matches(name, header, n=1)
                hint = (f"did you mean '{near[0]}'? " if near else "") + (
                    f"expected one of {', '.join(header)}"
                )
            print(f"add: unknown column {name!r} of {args.table}.csv ({hint})", file=sys.stderr)
            return EXIT_USAGE
        row[name] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([row.get(h, "") for h in header])
    line = buffer.getvalue()
    text = path.read_text(encoding="utf-8-sig")
    joined = text + ("" if text.endswith("\n") else "\n") + line
    with tempfile.TemporaryDirectory(prefix="reportlib-add-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(data, trial)
        (trial / path.name).write_text(joined, encoding="utf-8")
        problems = validate_ledger(trial, Path(tmp))

    def shown(where: Path) -> str:  # as `reportlib check` names it: in the project, or whole
        where = where.resolve()
        inside = where.is_relative_to(paths.root.resolve())
        return paths.relative(where) if inside else where.as_posix()

    if problems:
        for p in problems:
            print(str(p).replace("data/", f"{shown(data)}/", 1), file=sys.stderr)
        print(f"{len(problems)} problem(s); the row was not added.", file=sys.stderr)
        return EXIT_USAGE
    from .builds.atomic import write_atomic

    write_atomic(path, joined)
    number = joined.count("\n") - line.count("\n") + 1
    print(f"added to {shown(path)}, line {number}; run `reportlib build` for the reports")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from .ledger import validate_ledger
    from .paths import project

    paths = project()
    data = args.data or paths.data
    problems = [str(p) for p in validate_ledger(data, paths.root)]
    try:
        from pathlib import Path

        from .analysis.judgments import JudgmentsError, load_definitions

        if Path(data).is_dir():  # no folder: validate_ledger has said so, once
            load_definitions(Path(data))
    except JudgmentsError as exc:
        problems.append(str(exc))
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing is built from this ledger.", file=sys.stderr)
        return EXIT_USAGE
    print(f"ledger OK: {data}")
    return EXIT_OK


def _cmd_ledger(args: argparse.Namespace) -> int:
    from .ledger import load_ledger
    from .ledger.views import claims_csv, claims_table
    from .paths import project

    paths = project()
    ledger = load_ledger(args.data or paths.data, paths.root)
    if args.csv:
        sys.stdout.write(claims_csv(ledger))
    else:
        claims_table(ledger, paths.root)
    return EXIT_OK


def _cmd_params(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from .params import check_parameters_cell, describe
    from .paths import project

    problems: list[str] = []
    if args.notebook:  # checked first: a bad name is its one line, not after the table
        import nbformat

        path = project().notebook(args.notebook)
        if not path.is_file():
            raise UsageError(f"notebook {args.notebook!r}: expected a file {path}, found none")
        nb = nbformat.read(path, as_version=4)
        cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        if len(cells) != 1:
            raise UsageError(f"{path}: expected one cell tagged 'parameters', found {len(cells)}")
        problems = [f"{path.name}: {p}" for p in check_parameters_cell(cells[0].source)]
    rows = describe()
    table = Table(title="Report parameters")
    longest = max(len(row["name"]) for row in rows)
    table.add_column("name", no_wrap=True, min_width=longest)  # a name is never cut
    for col in ("type", "default", "help"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(row["name"], row["type"], row["default"], row["help"])
    Console().print(table)
    for p in problems:
        print(p, file=sys.stderr)
    return EXIT_USAGE if problems else EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    from .builds.progress import BuildProgress
    from .builds.runner import BuildRequest, build
    from .params import parse_assignments
    from .paths import project

    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs: expected a whole number of at least 1, given {args.jobs}")
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
        from .builds.sweep import load_grid

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
    )
    progress = BuildProgress()
    result = None
    try:
        result = build(
            paths,
            request,
            on_plan=lambda planned: progress.planned(len(planned.tasks)),
            on_start=progress.started,
            report=progress.finished,
        )
    finally:
        progress.close(result.outcomes if result else [])
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
    print(f"{len(result.outcomes) - len(failed)} of {len(result.outcomes)} reports ok; see {where}")
    return EXIT_FAILED if failed or result.site_problems else EXIT_OK


def _check(paths, jobs: int | None, only: list[str] | None, scenario: str | None) -> int:
    from .builds.check import check

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


def _add_scenario_report(parser: argparse.ArgumentParser) -> None:
    """The options naming one scenario's report: ``--scenario``, ``--as-of``, ``--json``
    and ``-p`` (read by ``_scenario_report``)."""
    parser.add_argument(
        "--scenario",
        metavar="NAME",
        default="article",
        help="scenario from data/scenarios.toml (default: article)",
    )
    parser.add_argument("--as-of", metavar="DATE", help="only claims known by DATE (YYYY-MM-DD)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    _add_params(parser)


def _scenario_report(args: argparse.Namespace) -> Any:
    """The report ``--scenario``, ``--as-of`` and ``-p`` name, its parameters checked as a
    build checks them (``metrics`` and ``judgments``)."""
    from .analysis.scenarios import first_report, load_scenarios
    from .params import parse_assignments, validate_params
    from .paths import project
    from .report import load_report

    values = parse_assignments(args.param)
    values["scenario"] = args.scenario
    if args.as_of:
        values["as_of"] = args.as_of
    paths = project()
    params = validate_params(
        scenarios=load_scenarios(paths.data), first_report=first_report(paths.data), **values
    )
    return load_report(params, paths)


def _cmd_metrics(args: argparse.Namespace) -> int:
    analysis = _scenario_report(args).analysis
    if args.json:
        sys.stdout.write(analysis.as_json())
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    from .formatting import fmt_value

    table = Table(title=f"Metrics: {args.scenario} scenario, as of {analysis.as_of}")
    for col, justify in (
        ("metric", "left"),
        ("central", "right"),
        ("low", "right"),
        ("high", "right"),
        ("unit", "left"),
    ):
        table.add_column(col, justify=justify)
    for name, r in analysis.results.items():
        if r.available:
            table.add_row(
                name,
                fmt_value(r.central, r.unit),
                fmt_value(r.low, r.unit),
                fmt_value(r.high, r.unit),
                r.unit,
            )
        else:
            table.add_row(name, "n/a", "", "", f"lacks {', '.join(r.missing)}")
    Console(width=120).print(table)
    return EXIT_OK


def _cmd_judgments(args: argparse.Namespace) -> int:
    import json

    from .analysis.assess import assess
    from .views.editions import proposition
    from .views.losses import cohort_words

    report = _scenario_report(args)
    cohort = cohort_words(report)
    rows = [
        {
            "id": j.id,
            "proposition": proposition(j, cohort),
            "probability": None if j.probability is None else float(j.probability),
            "likelihood": j.term,
            "confidence": j.confidence,
            "basis": j.basis,
        }
        for j in assess(report)
    ]
    if args.json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Key judgments: {args.scenario} scenario, as of {report.as_of}")
    for col in ("judgment", "probability", "likelihood", "confidence"):
        table.add_column(col, justify="right" if col == "probability" else "left")
    for row in rows:
        p = row["probability"]
        table.add_row(
            row["proposition"],
            "n/a" if p is None else f"{p:.0%}",
            row["likelihood"] or "cannot be assessed",
            row["confidence"],
        )
    Console(width=120).print(table)
    return EXIT_OK


def _cmd_changes(args: argparse.Namespace) -> int:
    import json
    from datetime import date

    from .params import parse_assignments, validate_params
    from .report import report_with

    def when(flag: str, text: str | None) -> date | None:
        if text is None:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"{flag}: expected a date YYYY-MM-DD, given {text!r}") from None

    since, until = when("--since", args.since), when("--until", args.until)
    values = parse_assignments(args.param)
    values["scenario"] = args.scenario
    from .analysis.scenarios import load_scenarios
    from .paths import project

    # names a bad scenario or parameter before any work
    validate_params(scenarios=load_scenarios(project().data), **values)
    if "as_of" in values:
        raise UsageError("-p as_of: expected --since and --until instead")
    report = report_with(**values)
    end = until or report.as_of
    if since >= end:
        raise UsageError(f"--since: expected a date before {end.isoformat()}, given {since}")
    from .analysis.history import changes
    from .views.cost_benefit import LABELS

    result = changes(report, since, end)
    out = result.as_dict(report.ledger, LABELS)
    if args.json:
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    from .formatting import fmt_range, fmt_value

    def shown(r: dict) -> str:
        if r["central"] is None:
            return "not computable"
        return f"{fmt_value(r['central'], r['unit'])} ({fmt_range(r['low'], r['high'], r['unit'])})"

    def because(ids: list[str]) -> str:
        info = out["claim_info"]
        return (
            "; ".join(f"{i} ({info[i]['claimant']}, {info[i]['claim_date']})" for i in ids)
            or "no claim (parameters)"
        )

    print(f"{args.scenario}: what changed from {out['since']} to {out['until']}")
    print(f"\nKey figures ({len(out['figures'])} changed)")
    for f in out["figures"]:
        print(f"  {f['label']}: {shown(f['old'])} -> {shown(f['new'])}")
        print(f"      because of {because(f['claims'])}")
    print(f"\nKey judgments ({len(out['judgments'])} changed)")
    for j in out["judgments"]:
        old_p = "n/a" if j["old_probability"] is None else f"{j['old_probability']:.0%}"
        new_p = "n/a" if j["new_probability"] is None else f"{j['new_probability']:.0%}"
        print(
            f"  {j['id']}: {j['old_term'] or 'not assessable'} ({old_p}) -> "
            f"{j['new_term'] or 'not assessable'} ({new_p}); confidence "
            f"{j['old_confidence']} -> {j['new_confidence']}"
        )
        print(f"      because of {because(j['claims'])}")
    print(f"\nClaims admitted ({len(out['admitted'])})")
    for i in out["admitted"]:
        c = out["claim_info"][i]
        value = f"{c['value']:,.0f}" if c["value"] == int(c["value"]) else f"{c['value']:g}"
        print(f"  {i}: {c['quantity']} {value}, {c['claimant']}, {c['claim_date']}")
    return EXIT_OK


def _cmd_audit(args: argparse.Namespace) -> int:
    from .audit import audit_files
    from .builds.manifest import read_manifest
    from .paths import project

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
    from .audit import check_facts, check_scenario

    by_scenario: dict[str, dict[str, list]] = {}
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


def _cmd_lab(args: argparse.Namespace) -> int:
    from .explorer.launch import jupyterlab_argv
    from .paths import project

    if args.port is not None and not 1 <= args.port <= 65535:
        raise UsageError(f"--port: expected 1 to 65535, given {args.port}")
    # kernels of this environment (its python3: .venv's) before a user's own of that name,
    # so the notebooks' "python3" kernelspec opens here with no kernel dialog
    os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
    argv = jupyterlab_argv(project(), args.port, browser=not args.no_browser)
    os.execvp(argv[0], argv)
    return EXIT_OK  # not reached


def _cmd_explore(args: argparse.Namespace) -> int:
    from .explorer.launch import published_scenario, trust_notebook, voila_argv, voila_env
    from .paths import project

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


def _cmd_serve(args: argparse.Namespace) -> int:
    from .builds.serving import make_server
    from .paths import project

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
    from .builds.publishing import EditionConflict, publish
    from .paths import project

    paths = project()
    try:
        done = publish(paths, bundle=args.bundle, base_url=args.base_url)
    except EditionConflict as exc:
        print(f"reportlib: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(done.summary(paths))
    for problem in done.problems:
        print(f"landing page: {problem} traces to no fact or ledger entry", file=sys.stderr)
    return EXIT_FAILED if done.problems else EXIT_OK


COMMANDS = {
    "build": _cmd_build,
    "check": _cmd_check,
    "add": _cmd_add,
    "ledger": _cmd_ledger,
    "params": _cmd_params,
    "metrics": _cmd_metrics,
    "judgments": _cmd_judgments,
    "changes": _cmd_changes,
    "audit": _cmd_audit,
    "lab": _cmd_lab,
    "explore": _cmd_explore,
    "serve": _cmd_serve,
    "publish": _cmd_publish,
}


def main(argv: Sequence[str] | None = None) -> int:
    from .analysis.scenarios import ScenarioError
    from .builds.catalogue import CatalogueError
    from .builds.cluster import ClusterUnavailable
    from .builds.runner import BuildLocked
    from .ledger import LedgerError
    from .params import ParameterError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    import signal

    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return COMMANDS[args.command](args)
    except (KeyboardInterrupt, Interrupted) as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        print(
            "\nreportlib: interrupted; reports already finished are kept and cached, "
            "unfinished ones were left as they were. Run the same command to resume.",
            file=sys.stderr,
        )
        return 128 + int(signum)
    except LedgerError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in the ledger; nothing was built.", file=sys.stderr)
        return EXIT_USAGE
    except (ParameterError, ScenarioError, CatalogueError, UsageError, ClusterUnavailable) as exc:
        print(f"reportlib: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BuildLocked as exc:
        print(f"reportlib: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(
            f"reportlib: error: cannot read or write{where}: {exc.strerror or exc}; reports "
            "already written were left intact",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
