"""Key judgments: likelihood from the evidence, confidence from its basis, kept apart.

Definitions and thresholds live in ``data/judgments.toml`` (the analysts' assumptions,
typed by ``judgments.Definitions``). A metric judgment's probability is the share of the
analysis's Monte Carlo draws of that metric lying above (or below) its threshold: the same
draws whose median and 90% interval the reports print, so the likelihood word can never
contradict the figure beside it. Disagreement between sources is in those draws already:
an input's range covers the other chains of sources that count the same thing over the
same period (``selection.peers``); earlier counts of a growing total are not
disagreement. A technology judgment's probability comes from the best-supported status
reported (see the data file), in whole percents, exactly.

Confidence rests on independent sources: the originating organisations behind the figures
(an article and the statement it relays are one chain), how many of them corroborate the
weakest-supported figure, and the best reliability grade among them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np

from .judgments import (
    Definitions,
    JudgmentSpec,
    confidence_level,
    likelihood_term,
    load_definitions,
    on_scale,
)
from .metrics import METRICS
from .selection import corroborating, originator

WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_words(n: int, noun: str) -> str:
    """ "two originating sources": small counts in words (prose, not figures to audit)."""
    return f"{WORDS[n] if n < len(WORDS) else f'{n:,d}'} {noun}{'' if n == 1 else 's'}"


@dataclass
class Judgment:
    """One key judgment: its proposition, probability and term, and its basis."""

    id: str
    spec: JudgmentSpec
    probability: Fraction | None
    likelihood: str | None
    confidence: str
    basis: str
    threshold: float | None = None
    threshold_unit: str = ""
    claims: list[str] = field(default_factory=list)
    missing: tuple[str, ...] = ()  # inputs the scenario lacks (not assessable)
    undefined: tuple[str, ...] = ()  # inputs whose values leave its metric undefined

    @property
    def assessable(self) -> bool:
        return self.probability is not None

    @property
    def term(self) -> str | None:
        return self.likelihood


@dataclass(frozen=True)
class Basis:
    """What a judgment rests on: independent origins, publications, best grade, and the
    figures no independent source corroborates."""

    level: str
    origins: tuple[str, ...]
    publications: tuple[str, ...]
    weakest_corroboration: int
    best_grade: str
    best_label: str
    uncorroborated: tuple[str, ...] = ()


def basis(report: Any, claim_groups: dict[str, list[str]]) -> Basis:
    """Confidence from groups of claims, one group per figure (named by the figure): the
    selected claim and the independent claims of the same thing and period that agree
    with it. A judgment whose figures all come from one publication has low confidence."""
    ledger = report.ledger
    ids = [c for group in claim_groups.values() for c in group]
    claims = ledger.claims[ledger.claims["id"].isin(ids)]
    grades = claims["reliability"].tolist()
    origins = tuple(dict.fromkeys(originator(ledger, c) for c in ids))
    counts = {name: len({originator(ledger, c) for c in g}) for name, g in claim_groups.items()}
    weakest = min(counts.values(), default=0)
    publications = tuple(dict.fromkeys(claims["source_id"]))
    level = confidence_level([ledger.weights[g] for g in grades], weakest)
    if len(publications) == 1:
        level = "low"
    best = min(grades) if grades else "F"
    lonely = tuple(name for name, n in counts.items() if n < 2)
    return Basis(level, origins, publications, weakest, best, report.grade_label(best), lonely)


def _metric_judgment(report: Any, spec: JudgmentSpec) -> Judgment:
    metric = METRICS[spec.metric]
    result = report.analysis.results[spec.metric]
    if not result.available:
        return Judgment(
            spec.id,
            spec,
            None,
            None,
            "low",
            "",
            spec.threshold,
            metric.unit,
            missing=result.missing,
            undefined=result.undefined,
        )
    values = report.analysis.samples(spec.metric)
    if spec.comparison == "above":
        hits = int(np.count_nonzero(values > spec.threshold))
    else:
        hits = int(np.count_nonzero(values < spec.threshold))
    p = on_scale(Fraction(hits, len(values)))
    groups: dict[str, list[str]] = {}
    for name, x in report.analysis.inputs.items():
        if name in (*metric.requires, *metric.optional) and x.claim_id is not None:
            chosen = report.ledger.claim(x.claim_id)
            agree = corroborating(report.ledger, report.claims, chosen)
            groups[name] = list(dict.fromkeys([*x.provenance, *agree["id"]]))
    b = basis(report, groups)
    if spec.assumes and b.level == "high":
        b = replace(b, level="moderate")
    claims = list(dict.fromkeys(c for g in groups.values() for c in g))
    text = describe_basis(report, b)
    if spec.assumes:
        text += f"; and {spec.assumes}"
    return Judgment(
        spec.id,
        spec,
        p,
        likelihood_term(p),
        b.level,
        text,
        spec.threshold,
        metric.unit,
        claims,
    )


FIGURE_WORDS = {
    "troops_cohort": "the troop count",
    "troops_initial": "the troop count",
    "troops_additional": "the later wave",
    "casualties": "the casualty count",
    "benefit_usd": "the benefit estimate",
    "gni_usd": "the income estimate",
    "pay_per_soldier_month_usd": "the pay figure",
    "budget_share": "the budget share",
}


def describe_basis(report: Any, b: Basis) -> str:
    """The confidence sentence's reason, true to what the judgment rests on."""
    pubs = [str(report.source(s).publisher) for s in b.publications]
    n = len(b.origins)
    who = ", ".join(b.origins[:2]) + (f" and {count_words(n - 2, 'other')}" if n > 2 else "")
    sources = count_words(n, "originating source")
    where = (
        f", all reported in one publication, {pubs[0]}"
        if len(pubs) == 1
        else f", reported in {count_words(len(pubs), 'publication')}"
    )
    if b.uncorroborated:
        words = sorted({FIGURE_WORDS.get(f, "one figure") for f in b.uncorroborated})
        listed = " and ".join(words)
        corroboration = f"no independent source corroborates {listed}"
    else:
        corroboration = "each figure is corroborated by an independent source"
    return (
        f"its figures come from {sources} ({who}){where}; {corroboration}; "
        f"the best is graded {b.best_grade} ({b.best_label})"
    )


def _technology_judgment(
    report: Any, spec: JudgmentSpec, defs: Definitions, admitted: Any
) -> Judgment:
    rows = admitted[admitted["category"] == spec.category]
    if rows.empty:
        return Judgment(spec.id, spec, None, None, "low", "no report of it is admitted")
    rule = defs.technology
    # A status counts where a good enough claimant reports it, or two or more independent
    # claimants do: a lone report from the press, an aggregator or a party to the conflict
    # cannot confirm a transfer, whatever status it claims.
    claimants = rows.groupby("status")["claimant"].agg(lambda c: c.str.lower().nunique())
    good = rows["reliability"] <= rule.confirm_grade
    confirmed = rows[good | rows["status"].map(claimants).ge(2)]
    if confirmed.empty:
        best = min(rows["reliability"])
        who = (
            "a single report"
            if len(rows) == 1
            else f"{count_words(len(rows), 'report')}, none corroborated at its status"
        )
        text = (
            f"the evidence is {who}, the best graded {best} "
            f"({report.grade_label(best)}), and no independent source confirms it; "
            "low confidence"
        )
        return Judgment(spec.id, spec, None, None, "low", text, claims=list(rows["id"]))
    best_status = max(confirmed["status"], key=lambda s: rule.status_percent[s])
    percent = rule.status_percent[best_status]
    same = confirmed[confirmed["status"] == best_status]
    if same["claimant"].str.lower().nunique() >= 2:
        percent = min(percent + rule.corroboration_bonus_percent, rule.cap_percent)
    p = on_scale(Fraction(percent, 100))
    weights = report.ledger.weights
    at_best = same["claimant"].str.lower().nunique()
    level = confidence_level([weights[g] for g in same["reliability"]], at_best)
    best = min(same["reliability"])
    who = "one claimant" if at_best == 1 else count_words(at_best, "independent claimant")
    if best_status == "sought":
        basis_text = (
            "no admitted report says it was transferred, only that it is sought, and the "
            "analysts' rule gives an aim alone a low probability; the best source is graded "
            f"{best} ({report.grade_label(best)})"
        )
    else:
        basis_text = (
            f"the strongest report calls it {best_status} ({who} at that status), the best "
            f"source graded {best} ({report.grade_label(best)})"
        )
    return Judgment(
        spec.id, spec, p, likelihood_term(p), level, basis_text, claims=list(rows["id"])
    )


def assess(report: Any) -> list[Judgment]:
    """Every key judgment defined in ``data/judgments.toml``, for this report (computed once
    per report: the brief asks for them in its judgments, assumptions and indicators)."""
    memo = getattr(report, "__dict__", {})
    if "_judgments" in memo:
        return list(memo["_judgments"])
    out = _assess(report)
    memo["_judgments"] = tuple(out)
    return out


def _assess(report: Any) -> list[Judgment]:
    defs = load_definitions(report.ledger.data_dir)
    out = []
    admitted = None  # the technology reports the scenario admits, read once
    for spec in defs.judgment:
        if spec.kind == "metric":
            out.append(_metric_judgment(report, spec))
        else:
            if admitted is None:
                admitted = report.scenario.technology(report.ledger, report.as_of)
            out.append(_technology_judgment(report, spec, defs, admitted))
    return out
