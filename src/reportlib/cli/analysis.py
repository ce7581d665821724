"""The analysis of one scenario, printed: ``metrics`` (headline figures with their 90%
intervals), ``judgments`` (probability, likelihood word, confidence) and ``changes``
(what changed between two as-of dates, and why)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from .common import EXIT_OK, Subparsers, UsageError, add_command, add_params

if TYPE_CHECKING:
    from ..report import Report


def add_analysis_parsers(sub: Subparsers) -> None:
    m = add_command(
        sub,
        "metrics",
        _cmd_metrics,
        help="print the headline metrics with ranges",
        description="Every headline metric of a scenario with its central value, its range "
        "(5th-95th percentile of a seeded Monte Carlo) and unit. --json prints base units: "
        "money in US dollars, rates and shares as fractions 0-1, people as counts.",
    )
    _add_scenario_report(m)

    j = add_command(
        sub,
        "judgments",
        _cmd_judgments,
        help="print the key judgments: probability, likelihood word, confidence",
        description="Every key judgment of a scenario (data/judgments.toml), from the same "
        "draws as `reportlib metrics`: its probability, ICD 203 likelihood word, confidence "
        "and basis; a judgment the scenario cannot assess says why. --json prints "
        "probabilities as fractions 0-1.",
    )
    _add_scenario_report(j)

    ch = add_command(
        sub,
        "changes",
        _cmd_changes,
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
    add_params(ch)


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
    add_params(parser)


def _scenario_report(args: argparse.Namespace) -> Report:
    """The report ``--scenario``, ``--as-of`` and ``-p`` name, its parameters checked as a
    build checks them (``metrics`` and ``judgments``)."""
    from ..analysis.scenarios import first_report, load_scenarios
    from ..params import parse_assignments, validate_params, with_flags
    from ..paths import project
    from ..report import load_report

    values = with_flags(
        parse_assignments(args.param), args.command, scenario=args.scenario, as_of=args.as_of
    )
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

    from ..formatting import fmt_value

    table = Table(title=f"Metrics: {args.scenario} scenario, as of {analysis.as_of}")
    for col in ("metric", "central", "low", "high", "unit"):
        table.add_column(col, justify="left" if col in ("metric", "unit") else "right")
    for name, r in analysis.results.items():
        if r.central is None or r.low is None or r.high is None:  # not available
            table.add_row(name, "n/a", "", "", f"lacks {', '.join(r.missing)}")
        else:
            table.add_row(
                name,
                fmt_value(r.central, r.unit),
                fmt_value(r.low, r.unit),
                fmt_value(r.high, r.unit),
                r.unit,
            )
    Console(width=120).print(table)
    return EXIT_OK


def _cmd_judgments(args: argparse.Namespace) -> int:
    from ..analysis.assess import assess
    from ..ledger.vocabulary import metric_label
    from ..views.editions import proposition
    from ..views.losses import cohort_words

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
            # the figure a metric judgment is on, by its id and label (the vocabulary's)
            "metric": j.spec.metric or None,
            "metric_label": metric_label(j.spec.metric) if j.spec.metric else None,
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


def _date(flag: str, text: str | None) -> date | None:
    """``--since`` or ``--until`` as a date (None when not given); else a usage error."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{flag}: expected a date YYYY-MM-DD, given {text!r}") from None


def _cmd_changes(args: argparse.Namespace) -> int:
    from ..analysis.history import changes
    from ..analysis.scenarios import load_scenarios
    from ..params import parse_assignments, validate_params, with_flags
    from ..paths import project
    from ..report import report_with

    since, until = _date("--since", args.since), _date("--until", args.until)
    values = with_flags(parse_assignments(args.param), "changes", scenario=args.scenario)
    # names a bad scenario or parameter before any work
    validate_params(scenarios=load_scenarios(project().data), **values)
    if "as_of" in values:
        raise UsageError("-p as_of: expected --since and --until instead")
    report = report_with(**values)
    end = until or report.as_of
    assert since is not None  # --since is required
    if since >= end:
        raise UsageError(f"--since: expected a date before {end.isoformat()}, given {since}")
    out = changes(report, since, end).as_dict(report.ledger)
    if args.json:
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    _print_changes(args.scenario, out)
    return EXIT_OK


def _shown(r: dict[str, Any]) -> str:
    """One side of a changed figure: its value and range, or that it was not computable."""
    from ..formatting import fmt_range, fmt_value

    if r["central"] is None:
        return "not computable"
    return f"{fmt_value(r['central'], r['unit'])} ({fmt_range(r['low'], r['high'], r['unit'])})"


def _print_changes(scenario: str, out: dict[str, Any]) -> None:
    """``reportlib changes`` as text: figures, judgments, then the claims admitted."""
    info = out["claim_info"]

    def because(ids: list[str]) -> str:
        return (
            "; ".join(f"{i} ({info[i]['claimant']}, {info[i]['claim_date']})" for i in ids)
            or "no claim (parameters)"
        )

    print(f"{scenario}: what changed from {out['since']} to {out['until']}")
    print(f"\nKey figures ({len(out['figures'])} changed)")
    for f in out["figures"]:
        print(f"  {f['label']}: {_shown(f['old'])} -> {_shown(f['new'])}")
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
        c = info[i]
        value = f"{c['value']:,.0f}" if c["value"] == int(c["value"]) else f"{c['value']:g}"
        print(f"  {i}: {c['quantity']} {value}, {c['claimant']}, {c['claim_date']}")
