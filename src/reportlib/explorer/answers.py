"""The explorer's answers: what the reports would say for a set of parameters, at once.

An ``Explorer`` holds one project's ledger and scenarios, loaded once, and answers a
mapping of control values (the text a reader typed, as ``-p NAME=VALUE`` gives it) with
an ``Answer``: the key figures with their 90% intervals, each key judgment's probability
and likelihood word, the per-casualty chart, and what differs from the scenario's own
figures. It runs the reports' own code (``Report``, ``Analysis``, ``assess``, the brief's
chart) with the same draws and seed, so an answer equals ``reportlib metrics --json`` and
a ``reportlib build -p ...`` of the same settings, number for number.

Values are validated as the command line validates them (``validate_params``); a bad one
raises ``ParameterError``, whose ``user_message()`` is the line the CLI prints.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import cached_property
from typing import Any

from ..analysis.assess import Judgment, assess
from ..analysis.inputs import check_overrides
from ..analysis.judgments import load_definitions
from ..analysis.metrics import Result
from ..analysis.scenarios import Scenario, first_report, load_scenarios
from ..charts import Chart
from ..facts import Prose, metric_fact
from ..formatting import fmt_share
from ..ledger import Ledger, load_ledger
from ..ledger.vocabulary import CONTROL, EXPLORER, METRICS, PARAMETERS, metric_label
from ..params import NAMES, ParameterError, ReportParams, validate_params
from ..paths import ProjectPaths
from ..report import Report
from ..views.brief_figures import headline_chart
from ..views.brief_judgments import general_words, likely
from ..views.common import (
    per_casualty_metrics,
    threshold_fact,
    unshown_reading,
    why_unavailable,
)
from ..views.losses import cohort_words

#: The parameters a reader varies in the explorer, in the form's order.
CONTROLS = PARAMETERS.with_role(CONTROL)
#: The key figures, in the brief's order: the headline metrics with the benefit per
#: casualty under each reading (a what-if that chose one reading shows only that one).
KEY_FIGURES = METRICS.with_role(EXPLORER)


@dataclass(frozen=True)
class Figure:
    """One key figure as the reports show it: the metric, its label, and its text
    ("X (90% interval Y–Z)"), or why it cannot be computed."""

    metric: str
    label: str
    result: Result
    text: str


@dataclass(frozen=True)
class JudgmentLine:
    """One key judgment: its lead sentence, probability (None: not assessable) and ICD 203
    likelihood word."""

    id: str
    sentence: str
    probability: Fraction | None
    term: str | None
    confidence: str = ""  # "high", "moderate" or "low": how far the sources bear it out

    @property
    def probability_text(self) -> str:
        return "" if self.probability is None else fmt_share(float(self.probability))


@dataclass
class Answer:
    """What the reports would say for one set of parameters."""

    params: ReportParams
    as_of: date
    scenario_title: str
    figures: list[Figure]
    judgments: list[JudgmentLine]
    draw: Callable[[], Chart | Prose]  # the brief's per-casualty chart, drawn when asked
    differences: list[str] = field(default_factory=list)

    @cached_property
    def chart(self) -> Chart | Prose:
        """The per-casualty chart, drawn on first use (the figures and judgments are shown
        before it: drawing takes longer than computing them)."""
        return self.draw()

    def figure(self, metric: str) -> Figure:
        return next(f for f in self.figures if f.metric == metric)

    @property
    def differs_line(self) -> str:
        """One line: what differs from the scenario's own figures, or that nothing does."""
        if not self.differences:
            return "Same figures and judgments as the scenario's own report."
        return "Differs from the scenario's own report: " + "; ".join(self.differences) + "."


def overrides(params: ReportParams) -> dict[str, Any]:
    """The parameters that differ from their defaults (the scenario aside), as JSON
    values: what a ``reportlib build -p`` run is given."""
    dumped = params.model_dump(mode="json")
    defaults = ReportParams().model_dump(mode="json")
    return {k: dumped[k] for k in NAMES if k != "scenario" and dumped[k] != defaults[k]}


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def build_command(params: ReportParams) -> list[str]:
    """The ``reportlib build`` command that renders these settings' brief as a what-if run
    (or, with no override, the scenario's canonical brief)."""
    argv = ["reportlib", "build", "--scenario", params.scenario, "--only", "brief"]
    for name, value in overrides(params).items():
        argv += ["-p", f"{name}={_text(value)}"]
    return argv


def command_line(params: ReportParams) -> str:
    return shlex.join(build_command(params))


class Explorer:
    """Answers for one project; the ledger, scenarios and each scenario's own answer are
    loaded once and reused between changes."""

    def __init__(self, paths: ProjectPaths) -> None:
        self.paths = paths
        self.ledger: Ledger = load_ledger(paths.data, paths.root)
        self.scenarios: dict[str, Scenario] = load_scenarios(paths.data)
        self.first_report = first_report(paths.data)
        self._own: dict[tuple[str, int, int], Answer] = {}

    def params(self, values: Mapping[str, Any]) -> ReportParams:
        """Validate control values as ``-p NAME=VALUE`` would be: text, an empty one
        meaning unset. Raises ``ParameterError`` (the CLI's message) on a bad one."""
        given = {}
        for name, value in values.items():
            if isinstance(value, str):
                value = value.strip()
                value = None if value.lower() in ("", "none", "null") else value
            if value is not None:
                given[name] = value
        params = validate_params(scenarios=self.scenarios, first_report=self.first_report, **given)
        if params.casualties is not None or params.troops is not None:  # as the CLI does
            check_overrides(
                self.report(params).analysis.inputs, params, self.scenarios[params.scenario]
            )
        return params

    def check(self, name: str, value: Any, scenario: str) -> str | None:
        """The CLI's one-line message for one control's value, or None if it is good."""
        try:
            self.params({"scenario": scenario, name: value})
        except ParameterError as exc:
            return exc.user_message()
        return None

    def report(self, params: ReportParams) -> Report:
        return Report(
            params=params,
            ledger=self.ledger,
            scenario=self.scenarios[params.scenario],
            paths=self.paths,
        )

    def own(self, params: ReportParams) -> Answer:
        """The scenario's own answer: its canonical report's parameters."""
        key = (params.scenario, ReportParams().draws, ReportParams().seed)
        if key not in self._own:
            self._own[key] = self._answer(ReportParams(scenario=params.scenario))
        return self._own[key]

    def answer(self, values: Mapping[str, Any] | ReportParams) -> Answer:
        """The answer for these control values (or validated parameters), with what differs
        from the scenario's own."""
        params = values if isinstance(values, ReportParams) else self.params(values)
        out = self._answer(params)
        out.differences = differences(self.own(params), out)
        return out

    def _answer(self, params: ReportParams) -> Answer:
        report = self.report(params)
        results = report.analysis.results
        figures = []
        for name in per_casualty_metrics(report, KEY_FIGURES):
            res = results[name]
            if unshown_reading(report, name):
                continue  # no count by the estimate's date: the reports say so in words
            text = (
                metric_fact(res, "both").text
                if res.available
                else f"not available: {why_unavailable(res, report)}"
            )
            figures.append(Figure(name, metric_label(name), res, text))
        judgments = [_judgment_line(report, j) for j in assess(report)]
        return Answer(
            params,
            report.as_of,
            report.scenario.title,
            figures,
            judgments,
            lambda: headline_chart(report),
        )


def _judgment_line(report: Report, j: Judgment) -> JudgmentLine:
    values = {"cohort": cohort_words(report)}
    if j.threshold is not None:
        values["threshold"] = threshold_fact(j).text
    proposition = j.spec.proposition.format(**values)
    if j.assessable and j.likelihood is not None and j.general:  # as the brief's box has it
        sentence = general_words(load_definitions(report.ledger.data_dir), j)
    elif j.assessable and j.likelihood is not None:
        sentence = f"{likely(j.likelihood)} that {proposition}."
    else:
        sentence = f"Whether {proposition} cannot yet be judged."
    return JudgmentLine(j.id, sentence, j.probability, j.likelihood, j.confidence)


def differences(own: Answer, now: Answer) -> list[str]:
    """Each key figure and judgment word that differs from the scenario's own, with both."""
    out = []
    if now.as_of != own.as_of:
        out.append(f"as of {now.as_of.isoformat()} (own: {own.as_of.isoformat()})")
    reading, own_reading = now.params.benefit_period, own.params.benefit_period
    if reading != own_reading:
        out.append(
            f"the ministry's benefit estimate read as {reading or 'either'} "
            f"(own: {'read as ' + own_reading if own_reading else 'both readings shown'})"
        )
    theirs = {f.metric: f for f in own.figures}
    for f in now.figures:
        before = theirs.get(f.metric)
        if before is None:
            continue
        a, b = _central(before), _central(f)
        if a != b:
            out.append(f"{f.label} {b} (own: {a})")
    words = {j.id: j for j in own.judgments}
    for j in now.judgments:
        before = words.get(j.id)
        if before is not None and (before.term, before.probability) != (j.term, j.probability):
            out.append(f"judgment {j.id}: {_word(j)} (own: {_word(before)})")
    return out


def _word(j: JudgmentLine) -> str:
    """A judgment's word and probability ("likely, 78%"), or that it is not assessed."""
    return f"{j.term}, {j.probability_text}" if j.term else "not assessed"


def _central(f: Figure) -> str:
    return metric_fact(f.result).text if f.result.available else "not available"
