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
import pandas as pd

from ..ledger import vocabulary
from ..ledger.copies import publisher_name
from .judgments import (
    Definitions,
    JudgmentSpec,
    confidence_level,
    likelihood_term,
    load_definitions,
    on_scale,
)
from .metrics import METRICS
from .protocol import Report
from .selection import cohort_of, growth, origin, same_thing
from .tech_reports import (  # noqa: F401  (attempted, statements: part of this face)
    aim_words,
    attempt_ids,
    attempted,
    attempts_words,
    caveats,
    none_says,
    statements,
)

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
    sources: tuple[str, ...] = ()  # the independent organisations behind it, best first
    best_grade: str = ""  # the best grade among them
    #: The one source's figure the judgment hinges on, when only one bears it out ("the
    #: casualty count of South Korea's Joint Chiefs of Staff"): its likelihood word holds
    #: only if that figure does, and the lead says so.
    resting_on: str = ""
    #: a technology judgment no report confirms: no word of the scale, and its basis says
    #: what there is (an aim, or reports no independent source confirms)
    unconfirmed: bool = False
    #: the technology reports of an attempted transfer its basis names
    attempts: tuple[str, ...] = ()
    #: made by the general rule for a category with reports no definition names
    general: bool = False
    #: each organisation behind the judgment (those in ``sources`` and, for technology,
    #: any other reporting it, such as an attempt) with the claim or technology-report ids
    #: it rests on: the publications a reader is pointed to
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def assessable(self) -> bool:
        return self.probability is not None

    @property
    def term(self) -> str | None:
        return self.likelihood


@dataclass(frozen=True)
class Support:
    """What a metric judgment rests on, per figure it is computed from: the independent
    organisations whose own figure, set in place of the one the analysis uses, still puts
    the metric beyond the threshold (with the claims that do), and the publications."""

    level: str
    chains: dict[str, dict[str, tuple[str, ...]]]  # figure -> organisation -> claim ids
    publications: tuple[str, ...]
    best_grade: str

    @property
    def weakest(self) -> int:
        return min((len(o) for o in self.chains.values()), default=0)


def _beyond(spec: JudgmentSpec, value: float) -> bool:
    _, threshold = spec.measured
    return value > threshold if spec.comparison == "above" else value < threshold


def _counts_as_floor(
    report: Report, spec: JudgmentSpec, name: str, quantity: str, base: dict[str, float]
) -> bool:
    """Whether any count of a total that only grows supports the judgment: a larger one
    would only push the metric further beyond the threshold, so an earlier count is a floor."""
    metric = METRICS[spec.measured[0]]
    bigger = dict(base, **{name: base[name] * 1.1})
    rises = float(metric.formula(bigger)) > float(metric.formula(base))
    return growth(report.ledger, quantity) == "cumulative" and rises == (spec.comparison == "above")


def _values_with(
    report: Report, name: str, chosen: Any, claim: Any, base: dict[str, float]
) -> dict[str, float] | None:
    """The analysis's central inputs with ``claim`` in the place of ``name``; a casualty
    count against the troops of the cohort it counts among (None where there are none)."""
    values = dict(base, **{name: float(claim.value)})
    if name == "casualties" and "troops_cohort" in base:
        cohort = cohort_of(claim)
        if cohort != cohort_of(chosen):
            troops = report.pick(cohort)
            if troops is None:
                return None
            values["troops_cohort"] = float(troops.value)
    return values


def _supporters(
    report: Report, spec: JudgmentSpec, name: str, chosen: Any, base: dict[str, float]
) -> dict[str, list[str]]:
    """The claims of one input's figure that keep the metric beyond the threshold in the
    place of the claim used (``chosen``), by organisation."""
    ledger = report.ledger
    metric = METRICS[spec.measured[0]]
    quantity = str(chosen.quantity)
    same = {chosen.id, *same_thing(ledger, report.claims, chosen)["id"]}
    floor_counts = _counts_as_floor(report, spec, name, quantity, base)
    orgs: dict[str, list[str]] = {}
    names: dict[str, str] = {}  # organisation -> its name as the scenario's reader sees it
    admitted = set(report.claims["id"])
    for cid in report.claims_of(quantity)["id"]:
        if cid not in same and not floor_counts:
            continue
        values = _values_with(report, name, chosen, ledger.claim(cid), base)
        if values is not None and _beyond(spec, _formula(metric, values)):
            root = origin(ledger, cid)
            who = ledger.organisation(str(ledger.claim(root).claimant))
            # named by the chain's origin where the scenario admits it, else by the
            # admitted claim's own claimant: never by a source the scenario leaves out
            named = root if root in admitted else cid
            names.setdefault(
                who, report.scenario.speaker(ledger, str(ledger.claim(named).claimant))
            )
            orgs.setdefault(who, []).append(cid)
    # counted by organisation, named as the scenario's sources name them (review X-M4)
    return {names[who]: ids for who, ids in orgs.items()}


def _formula(metric: Any, values: dict[str, float]) -> float:
    """The metric on these values; NaN where a count of zero leaves it undefined (a claim
    of no troops bears no judgment out)."""
    try:
        return float(metric.formula(values))
    except ZeroDivisionError:
        return float("nan")


def support(report: Report, spec: JudgmentSpec) -> Support:
    """Corroboration counted per figure across independent chains (issue 23, finding 5).

    For each figure a metric judgment is computed from, every admitted claim of that
    figure from another chain of reporting is set in its place (the other figures as the
    analysis has them; a casualty count against the troops of the cohort it counts among)
    and counts for its organisation (``Ledger.organisation``, from ``organisations.csv``:
    the intelligence service's briefings, whoever relayed them, are one) if the metric
    still lies beyond the threshold. Candidates are the claims of the same thing over the same
    period (``selection.same_thing``), and, for a total that only grows, any count of it when a
    larger one would only push the metric further beyond: an earlier count is a floor.
    The confidence level and the words that explain it both come from these counts.
    """
    ledger = report.ledger
    inputs = report.analysis.inputs
    base = {n: x.central for n, x in inputs.items()}
    chains: dict[str, dict[str, tuple[str, ...]]] = {}
    used: list[str] = []
    metric = METRICS[spec.measured[0]]
    for name in (*metric.requires, *metric.optional):
        x = inputs.get(name)
        if x is None or x.claim_id is None:
            continue
        orgs = _supporters(report, spec, name, ledger.claim(x.claim_id), base)
        used += [cid for ids in orgs.values() for cid in ids]
        chains[name] = {k: tuple(v) for k, v in orgs.items()}
    claims = ledger.claims[ledger.claims["id"].isin(used)]
    grades = claims["reliability"].tolist()
    publications = tuple(dict.fromkeys(claims["source_id"]))
    weakest = min((len(o) for o in chains.values()), default=0)
    level = confidence_level([ledger.weights[g] for g in grades], weakest)
    if len(publications) <= 1:
        level = "low"
    return Support(
        level, chains, publications, ledger.best_grade(grades) if grades else worst_grade(ledger)
    )


def _metric_judgment(report: Report, spec: JudgmentSpec) -> Judgment:
    name, threshold = spec.measured
    metric = METRICS[name]
    result = report.analysis.results[name]
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
    values = report.analysis.samples(name)
    if spec.comparison == "above":
        hits = int(np.count_nonzero(values > threshold))
    else:
        hits = int(np.count_nonzero(values < threshold))
    p = on_scale(Fraction(hits, len(values)))
    s = support(report, spec)
    if spec.assumes and s.level == "high":
        s = replace(s, level="moderate")
    claims = list(
        dict.fromkeys(c for orgs in s.chains.values() for ids in orgs.values() for c in ids)
    )
    text, names = describe_support(report, spec, s)
    hinge = hinge_figure(s)
    single = bool(hinge) and len(s.chains[hinge]) == 1
    resting_on = f"the {_judged_as(hinge)} of {names[0]}" if single else ""
    if spec.assumes:
        text += f"; and {spec.assumes}"
    return Judgment(
        spec.id,
        spec,
        p,
        likelihood_term(p),
        s.level,
        text,
        spec.threshold,
        metric.unit,
        claims,
        sources=tuple(names),
        best_grade=s.best_grade,
        resting_on=resting_on,
        evidence=dict(s.chains[hinge]) if hinge else {},
    )


def worst_grade(ledger: Any) -> str:
    """The last grade of ``reliability.csv`` (the least reliable)."""
    return str(ledger.reliability["grade"].iloc[-1])


def _judged_as(name: str) -> str:
    """What an input is in a confidence sentence ("casualty count"; vocabulary)."""
    return vocabulary.INPUTS[name].judged_as or "figure"


#: Grades as the plain reason a reader is given (the best source behind a judgment).
def _names(orgs: list[str]) -> str:
    return orgs[0] if len(orgs) == 1 else ", ".join(orgs[:-1]) + " and " + orgs[-1]


def _ranked(s: Support) -> list[tuple[str, dict[str, tuple[str, ...]]]]:
    """The figures a judgment rests on, the one it hinges on first: the one with the most
    independent sources (the casualty count), then any figure resting on fewer than two."""
    order = list(vocabulary.INPUTS.with_role(vocabulary.JUDGED))
    return sorted(
        s.chains.items(),
        key=lambda kv: (-len(kv[1]), order.index(kv[0]) if kv[0] in order else len(order)),
    )


def hinge_figure(s: Support) -> str:
    """The input a judgment hinges on (``_ranked``), or "" when no source gives one."""
    return _ranked(s)[0][0] if s.chains else ""


def describe_support(report: Report, spec: JudgmentSpec, s: Support) -> tuple[str, list[str]]:
    """The confidence sentence's one or two plain reasons, from the same per-figure counts
    that set the level: how many independent sources' own figures carry the judgment, and
    the best of them (or the one publication everything comes from)."""
    if not s.chains:
        return "no admitted source gives its figures", []
    ranked = _ranked(s)
    name, orgs = ranked[0]
    word = _judged_as(name)
    claims = report.ledger.claims
    grades = dict(zip(claims["id"], claims["reliability"], strict=True))
    # the best-graded first, so the sentence leads with its strongest source
    rank = report.ledger.grade_order
    names = sorted(orgs, key=lambda o: (min(rank[grades[c]] for c in orgs[o]), o))
    n = len(names)
    if n >= 2:
        lead = f"{count_words(n, 'independent source')}' {word}s each bear it out on their own"
    elif n == 1:
        lead = f"only one source's {word} bears it out"
    else:
        lead = f"no admitted {word} bears it out on its own"
    thin = [_judged_as(k) for k, o in ranked[1:] if len(o) < 2]
    if len(s.publications) == 1:
        pub = publisher_name(report.source(s.publications[0]))
        second = f"all its figures come from one publication, {pub}"
    elif thin:
        second = f"the {' and the '.join(sorted(set(thin)))} rests on one source"
    else:
        second = f"the best of them is {report.ledger.grade_words.get(s.best_grade, s.best_grade)}"
    return f"{lead}; {second}", names


def unreported_words(report: Report, many: bool = False) -> str:
    """Why a technology with no admitted report is not judged: the reader's words, by the
    brief's date, of the sources used, never of the world (``many``: of several)."""
    when = report.as_of
    it = "them" if many else "it"
    if report.scenario.sources is None:
        return f"the sources used here had no report of {it} by {when.day} {when:%B %Y}"
    return f"the sources used here do not report {it}"  # of its own sources only


def _unreported(report: Report, spec: JudgmentSpec) -> Judgment:
    """No admitted report of the technology: not judged, and why."""
    return Judgment(spec.id, spec, None, None, "low", unreported_words(report))


def _by_organisation(report: Report, rows: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The technology reports' ids by the organisation behind each, named as the judgment's
    ``sources`` name it (``_named``), so a table of sources finds each one's reports; of
    each organisation only its firmest reports, so a citation points to what the word
    rests on ("reported" in one paper, not "may have" in another: review X-xc-M1)."""
    rule = load_definitions(report.ledger.data_dir).technology
    percent = {str(k): v for k, v in rule.status_percent.items()}
    out: dict[str, list[tuple[int, str]]] = {}
    for name, (_, r) in zip(_named(report, rows), rows.iterrows(), strict=True):
        out.setdefault(name, []).append((percent[str(r["status"])], str(r["id"])))
    firmest = {k: max(p for p, _ in v) for k, v in out.items()}
    return {k: tuple(i for p, i in v if p == firmest[k]) for k, v in out.items()}


def _unconfirmed(report: Report, spec: JudgmentSpec, rule: Any, rows: pd.DataFrame) -> Judgment:
    """No confirmed report of a transfer: what there is, said, and no word of the scale
    (not yet judged), with low confidence."""
    ledger = report.ledger
    transfer = rows.loc[rows["status"] != "sought"]
    sought = rows.loc[rows["status"] == "sought"]
    if transfer.empty:
        best = ledger.best_grade(rows["reliability"])
        text = f"{none_says(report)} it has been transferred, only {aim_words(rows)}"
        text += attempts_words(rows)
        behind = rows
    else:
        best = ledger.best_grade(transfer["reliability"])
        n_transfer = len(statements(ledger, transfer))
        one = n_transfer == 1
        what = (
            "one report of a transfer, from"
            if one
            else f"{count_words(n_transfer, 'report')} of a transfer, the best from"
        )
        text = f"{what} {ledger.grade_words.get(best, best)}, unconfirmed"
        if not sought.empty:
            n_sought = len(statements(ledger, sought))
            others = count_words(n_sought, "other")
            verb = "says" if n_sought == 1 else "say"
            text += f"; {others} {verb} only {aim_words(sought)}{attempts_words(sought)}"
        behind = transfer
    # No word of the scale: an aim, or a report no good source confirms, says nothing of
    # whether a transfer happened (a 15% "very unlikely" read it as evidence against it),
    # so the judgment says what there is and that it cannot yet be judged (review X-art-C1)
    return Judgment(
        spec.id,
        spec,
        None,
        None,
        "low",
        text,
        claims=list(rows["id"]),
        sources=tuple(sorted(set(_named(report, behind)))),
        best_grade=best,
        unconfirmed=True,
        attempts=attempt_ids(rows if transfer.empty else sought),
        evidence=_by_organisation(report, rows),
    )


def _behind(report: Report, rule: Any, rows: pd.DataFrame, best_status: str) -> tuple[str, ...]:
    """Every organisation reporting a transfer, the strongest status and grade first (a
    reader sees all of them named where the brief lists the reports)."""
    ranked = rows.loc[rows["status"] != "sought"] if best_status != "sought" else rows
    ranked = ranked.assign(
        rank=[-rule.status_percent[s] for s in ranked["status"]],
        grade_rank=[report.ledger.grade_order[g] for g in ranked["reliability"]],
    )
    ordered = ranked.sort_values(["rank", "grade_rank"], kind="stable")
    return tuple(dict.fromkeys(_named(report, ordered)))


def _named(report: Report, rows: pd.DataFrame) -> list[str]:
    """Each row's organisation, in order, named as the scenario's sources name it: by the
    first of its rows' claimants (``Scenario.speaker``; independence is counted by
    organisation all the same)."""
    names: dict[str, str] = {}
    for o, c in zip(rows["organisation"], rows["claimant"], strict=True):
        if str(o) not in names:  # the first of its rows (a loop: pandas' own took longer)
            names[str(o)] = report.scenario.speaker(report.ledger, str(c))
    return [names[str(o)] for o in rows["organisation"]]


def _confirmed_words(
    report: Report, best_status: str, grade: str, orgs: list[str], rows: pd.DataFrame
) -> str:
    """Why the judgment holds: the strongest status confirmed, by how many and how good
    (``grade``: the best grade in words)."""
    if best_status == "sought":
        return (
            f"{none_says(report)} it was transferred, only {aim_words(rows)}"
            f"{attempts_words(rows)}; the best source is {grade}"
        )
    # an attempted transfer beside it is named too: it speaks to intent, not to a transfer;
    # each with its caveat as the source gives it (``technology.csv`` ``caveat``)
    tried = rows.loc[[attempted(r) for _, r in rows.iterrows()]]
    attempt = attempts_words(rows).replace(
        " (the attempt: ", "; an attempted transfer is reported ("
    )
    if attempt and caveats(tried):
        attempt = attempt.removesuffix(")") + ": " + caveats(tried) + ")"
    at_best = rows.loc[rows["status"] == best_status]
    caveat = f" ({caveats(at_best)})" if caveats(at_best) else ""
    if len(orgs) == 1:
        return f"one source, {grade}, calls it {best_status}{caveat}{attempt}"
    return (
        f"{count_words(len(orgs), 'independent source')} call it {best_status}, the best "
        f"{grade}{caveat}{attempt}"
    )


def _technology_judgment(
    report: Report, spec: JudgmentSpec, defs: Definitions, admitted: Any
) -> Judgment:
    rows = admitted.loc[admitted["category"] == spec.category]
    if rows.empty:
        return _unreported(report, spec)
    rule = defs.technology
    # A status counts where a good enough claimant reports it, or two or more independent
    # claimants do: a lone report from the press, an aggregator or a party to the conflict
    # cannot confirm a transfer, whatever status it claims.
    # independent claimants are organisations (``Ledger.organisation``), as for figures
    ledger = report.ledger
    rows = rows.assign(organisation=[ledger.organisation(str(c)) for c in rows["claimant"]])
    by_status: dict[str, set[str]] = {}
    for status, organisation in zip(rows["status"], rows["organisation"], strict=True):
        by_status.setdefault(status, set()).add(organisation)
    rank = ledger.grade_order  # best first, in reliability.csv's order
    good = [g in rank and rank[g] <= rank[rule.confirm_grade] for g in rows["reliability"]]
    several = [len(by_status[status]) >= 2 for status in rows["status"]]
    confirmed = rows.loc[[g or n for g, n in zip(good, several, strict=True)]]
    # Only a report that it was transferred (or is suspected to have been) speaks to a
    # transfer; one that a transfer is sought or was attempted shows an aim. Where reports
    # of a transfer stand unconfirmed, the aim alone does not set the probability either:
    # the category is not yet judged, and the basis says what there is.
    if confirmed.empty or confirmed["status"].eq("sought").all():
        return _unconfirmed(report, spec, rule, rows)
    best_status = max(confirmed["status"], key=lambda s: rule.status_percent[s])
    percent = rule.status_percent[best_status]
    same = confirmed.loc[confirmed["status"] == best_status]
    if same["organisation"].nunique() >= 2:
        percent = min(percent + rule.corroboration_bonus_percent, rule.cap_percent)
    p = on_scale(Fraction(percent, 100))
    at_best = same["organisation"].nunique()
    level = confidence_level([ledger.weights[g] for g in same["reliability"]], at_best)
    best = ledger.best_grade(same["reliability"])
    return Judgment(
        spec.id,
        spec,
        p,
        likelihood_term(p),
        level,
        _confirmed_words(
            report,
            best_status,
            ledger.grade_words.get(best, best),
            sorted(set(same["organisation"])),
            rows,
        ),
        claims=list(rows["id"]),
        sources=_behind(report, rule, rows, best_status),
        best_grade=best,
        attempts=attempt_ids(rows),
        evidence=_by_organisation(report, rows),
    )


def assess(report: Report) -> list[Judgment]:
    """Every key judgment defined in ``data/judgments.toml``, for this report (computed once
    per report: the brief asks for them in its judgments, assumptions and indicators)."""
    memo = getattr(report, "__dict__", {})
    if "_judgments" in memo:
        return list(memo["_judgments"])
    out = _assess(report)
    memo["_judgments"] = tuple(out)
    return out


def _assess(report: Report) -> list[Judgment]:
    defs = load_definitions(report.ledger.data_dir)
    out = []
    admitted = report.scenario.technology(report.ledger, report.as_of)
    for spec in defs.judgment:
        if spec.kind == "metric":
            out.append(_metric_judgment(report, spec))
        else:
            out.append(_technology_judgment(report, spec, defs, admitted))
    # the general rule: every category with reports gets a judgment, named or not
    named = {spec.category for spec in defs.judgment}
    for category in sorted(set(admitted["category"]) - named):
        j = _technology_judgment(report, defs.for_category(category), defs, admitted)
        out.append(replace(j, general=True))
    return out
