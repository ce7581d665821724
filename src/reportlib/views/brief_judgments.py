"""The brief's key judgments: each proposition with its likelihood, the note on the
words, the sources behind each judgment and the analysts' assumptions."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis.assess import Judgment, assess, unreported_words
from ..analysis.judgments import load_definitions
from ..analysis.protocol import Report
from ..facts import (
    Fact,
    Prose,
    derived_fact,
    judgment_fact,
)
from ..formatting import md
from ..ledger.vocabulary import (
    metric_label,
)
from ..tables import Table
from .common import (
    date_words,
    keybox,
    threshold_fact,
    why_unavailable,
)
from .losses import cohort_words


def _publications(report: Report, ids: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(source id, grade, date) of each claim or technology report in ``ids``."""
    ledger = report.ledger
    tech = ledger.technology.set_index("id")
    out = []
    for rid in ids:
        if rid in tech.index:
            row = tech.loc[rid]
            out.append((str(row["source_id"]), str(row["reliability"]), str(row["date"])))
        else:
            c = ledger.claim(rid)
            out.append((str(c.source_id), str(c.reliability), str(c.claim_date)))
    return out


def organisation_source(report: Report, ids: tuple[str, ...]) -> str:
    """The one publication a reader is pointed to for an organisation behind a judgment
    (``ids``: its claims or technology reports): one the brief already cites, else the
    best graded, then the newest. Chosen once per report, so the key judgments and the
    table of their sources cite the same number."""
    memo = report.__dict__.setdefault("_organisation_sources", {})
    if ids in memo:
        return memo[ids]
    found = _publications(report, ids)
    cited = [sid for sid in report.cited if sid in {f[0] for f in found}]
    if cited:
        chosen = cited[0]
    else:
        rank = report.ledger.grade_order
        best = sorted(found, key=lambda f: (rank.get(f[1], len(rank)), _negated(f[2])))
        chosen = best[0][0]
    memo[ids] = chosen
    return chosen


def _negated(when: str) -> tuple[int, ...]:
    """A date's sort key, newest first ("2025-04" before "2024-11-22")."""
    return tuple(-int(part) for part in when.split("-") if part.isdigit())


def evidence_cites(report: Report, j: Judgment, only: tuple[str, ...] | None = None) -> str:
    """ "[1, 4, 8]": the publication behind each organisation of a judgment (``only``: of
    those organisations), in number order; "" where there is none."""
    numbers = set()
    for org, ids in j.evidence.items():
        if ids and (only is None or org in only):
            numbers.add(int(report.cite(organisation_source(report, ids)).strip("[]")))
    return "[" + ", ".join(str(n) for n in sorted(numbers)) + "]" if numbers else ""


def _threshold_fact(j: Judgment) -> Fact:
    return threshold_fact(j)


def _proposition(report: Report, j: Judgment) -> tuple[str, list[Fact]]:
    facts: list[Fact] = []
    values: dict[str, str] = {"cohort": cohort_words(report)}
    if j.threshold is not None:
        t = _threshold_fact(j)
        facts.append(t)
        values["threshold"] = t.text
    return j.spec.proposition.format(**values), facts


def _listed(items: list[str], last: str = "or") -> str:
    """ "a, b or c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def likely(term: str) -> str:
    """The lead's opening with an ICD 203 term, grammatical for every term."""
    if term == "roughly even chance":
        return "There is a roughly even chance"
    if term == "almost no chance":
        return "There is almost no chance"
    return f"It is {term}"


def general_words(defs: Any, j: Judgment) -> str:
    """A judgment the general rule made, as the box's shared line and the explorer show it:
    "ICBM launchers and motors, a roughly even chance" (one definition of its words)."""
    label = defs.category_label(str(j.spec.category))
    term = str(j.likelihood)
    return f"{label}, {'a ' if term == 'roughly even chance' else ''}{term}"


def _general_item(report: Report, defs: Any, general: list[Judgment], facts: list[Fact]) -> str:
    """The categories the general rule judges, on one item: each with its likelihood word
    (one sentence), then their confidence levels (another: ICD 203 keeps them apart)."""
    words = []
    for j in general:
        label = defs.category_label(str(j.spec.category))
        cites = evidence_cites(report, j)
        if not j.assessable:  # reports of an aim, or unconfirmed: no word (its own basis)
            words.append(f"{label}, not yet to be judged{' ' + cites if cites else ''}")
            continue
        shown = general_words(defs, j)
        words.append(shown + (f" {cites}" if cites else ""))
        facts.append(judgment_fact(j, shown))  # the words the box shows for it
    levels = [j.confidence for j in general if j.assessable]
    if not levels:
        conf = ""
    elif len(set(levels)) == 1:
        conf = f" {levels[0].capitalize()} confidence in each judged."
    else:
        conf = " Confidence: " + _listed(levels, "and") + ", in that order."
    return (
        "**By the same rule, that Russia has helped North Korea with other technology: "
        + md("; ".join(words))
        + ".**"
        + conf
    )


def key_judgments(report: Report) -> Prose:
    """Numbered judgments, each at most two sentences: a bold lead with its likelihood
    word, then the confidence level with one or two plain reasons (ICD 203 keeps the two
    apart). The sources behind each are in ``judgment_sources`` under the box. Each
    assessed one is recorded as a ``judgment`` fact."""
    items, facts = [], []
    judgments = assess(report)
    defs = load_definitions(report.ledger.data_dir)
    # a technology category with no admitted report is one line at the end, not a judgment;
    # the categories the general rule judges (no definition names them) share one item
    unreported = [j for j in judgments if j.spec.kind == "technology" and not j.claims]
    general = [j for j in judgments if j.general and j not in unreported]
    shown = [j for j in judgments if j not in unreported and j not in general]
    for n, j in enumerate(shown, start=1):
        proposition, used = _proposition(report, j)
        facts += used
        if not j.assessable or j.likelihood is None:
            why = why_unavailable(j, report) if j.missing or j.undefined else j.basis
            cites = evidence_cites(report, j)  # the reports there are, where there are some
            items.append(
                f"{n}. **Whether {md(proposition)} cannot yet be judged.** "
                f"{md(why[0].upper() + why[1:])}" + (f" {cites}" if cites else "") + "."
            )
            continue
        lead = f"{likely(j.likelihood)} that {proposition}."
        if j.resting_on:  # one source's figure carries it: the word holds only if it does
            lead = f"If {j.resting_on} is right, {lead[0].lower()}{lead[1:]}"
        elif j.spec.kind == "technology" and report.scenario.sources is not None:
            # a scenario of some sources judges on their wording alone (fifth read, A-M1)
            lead = f"On the sources used here, {lead[0].lower()}{lead[1:]}"
        facts.append(judgment_fact(j, lead))
        cites = evidence_cites(report, j)
        items.append(
            f"{n}. **{md(lead)}** {j.confidence.capitalize()} confidence: {md(j.basis)}"
            f"{' ' + cites if cites else ''}."
        )
    if general:
        items.append(f"{len(shown) + 1}. {_general_item(report, defs, general, facts)}")
    if unreported:
        n = len(shown) + bool(general) + 1
        labels = [defs.category_label(str(j.spec.category)) for j in unreported]
        why = unreported_words(report, many=len(unreported) > 1)
        items.append(
            f"{n}. **Whether Russia has helped North Korea with {md(_listed(labels))} cannot yet "
            "be judged.** "
            f"{md(why[0].upper() + why[1:])}."
        )
    return Prose(keybox("\n".join(items)), facts)


def likelihood_note(report: Report) -> Prose:
    """One plain sentence under the key-judgments box: how its likelihood words are made,
    for the kinds of judgment the box holds (the thresholds and the rule: Assumptions)."""
    judgments = assess(report)
    kinds = {j.spec.kind for j in judgments}
    how = []
    if "metric" in kinds:
        how.append("for a figure, the share of our simulation's draws beyond its threshold")
    if "technology" in kinds:
        how.append("for technology, the status rule")
    if not how:
        return Prose("")
    conditional = (
        " A judgment that only one source's figure bears out says so first: its word holds "
        "if that figure does."
        if any(j.resting_on for j in judgments if j.assessable)
        else ""
    )
    return Prose(
        "*Likelihood words follow one fixed scale: "
        + "; ".join(how)
        + " (see Assumptions); confidence rates the evidence behind a word, not its likelihood."
        + conditional
        + "*"
    )


def judgment_sources(report: Report) -> Table:
    """The sources behind each key judgment, compact, under the box: the independent
    organisations whose figures or reports bear it out, and the best of them."""
    rows = []
    for j in assess(report):
        if not j.sources or not j.assessable:  # no word: its line in the box cites its reports
            continue
        rows.append(
            {
                "Judgment": j.spec.short or j.spec.id.replace("-", " ").capitalize(),
                "Independent sources behind it": "; ".join(
                    f"{org} {evidence_cites(report, j, (org,))}".strip() for org in j.sources
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=["Judgment", "Independent sources behind it"])
    return Table(
        frame,
        caption="Sources behind the key judgments",
        facts=[],
        empty=f"No key judgment rests on an independent source by {md(date_words(report.as_of))}.",
    )


def assumptions_note(report: Report) -> Prose:
    """The analysts' assumptions behind the judgments: each threshold and why, and the
    rule that turns technology reports into probabilities."""
    defs = load_definitions(report.ledger.data_dir)
    lines, facts = [], []
    for j in assess(report):
        spec = j.spec
        if spec.kind == "metric" and spec.metric is not None:
            t = _threshold_fact(j)
            facts.append(t)
            which = "above" if spec.comparison == "above" else "below"
            lines.append(
                f"- **{md(metric_label(spec.metric))}, {which} {md(t.text)}.** {md(spec.why)}"
            )
    rule = defs.technology
    parts = []
    for status, percent in rule.status_percent.items():
        f = derived_fact(
            f"assumption:status:{status}",
            percent / 100,
            "share",
            ("assumption:data/judgments.toml#technology",),
        )
        facts.append(f)
        parts.append(f"{status} {f.text}")
    bonus = derived_fact(
        "assumption:corroboration-bonus",
        rule.corroboration_bonus_percent / 100,
        "share",
        ("assumption:data/judgments.toml#technology",),
        text=f"{rule.corroboration_bonus_percent} percentage points",
    )
    cap = derived_fact(
        "assumption:cap",
        rule.cap_percent / 100,
        "share",
        ("assumption:data/judgments.toml#technology",),
    )
    facts += [bonus, cap]
    lines.append(
        "- **Technology.** The best-supported status reported sets the probability ("
        + md(", ".join(parts))
        + f"), plus {md(bonus.text)} when two or more independent sources report it, at "
        f"most {md(cap.text)}; a lone report from the press, an aggregator or a party to the "
        "conflict cannot confirm a transfer; without a confirmed report a category is not judged."
    )
    head = "*The analysts' assumptions, not facts: each moves the judgment it names.*"
    return Prose(head + "\n\n" + "\n".join(lines), facts)
