"""The explorer's form: one labelled control per parameter a reader varies, and the answers
beside them, updated on every change without re-running a cell.

Each control is a text box or a drop-down with a ``description`` (ipywidgets draws it as
a ``<label for=...>`` of the input), its unit and allowed range in the hint under it, and
a reset button that goes back to the scenario's value (an empty box: the ledger's figure,
as ``None`` does in a notebook). A value the command line would refuse shows the CLI's own
line beside its control (``ParameterError.user_message()``) and leaves the last good
answer on screen. Numbers are typed as text, as ``-p NAME=VALUE`` takes them, so an
out-of-range value is shown and named rather than silently clamped.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..analysis.protocol import Report
from ..charts import Chart
from ..facts import INTERVAL, Prose
from ..formatting import fmt_value
from ..ledger.vocabulary import PARAMETERS
from ..params import ReportParams, bounds
from ..paths import ProjectPaths
from .answers import CONTROLS, Answer, Explorer, command_line
from .whatif import link, run_build

#: Each control's label (its unit in brackets) and what an empty box means.
LABELS = {name: PARAMETERS[name].label for name in CONTROLS}
READINGS = [
    ("both (the reports' default)", "both"),
    ("cumulative", "cumulative"),
    ("yearly", "yearly"),
]
STYLE = {"description_width": "16em"}
WIDTH = {"width": "31em"}  # the label and its box
CSS = """<style>
.rl-explore .rl-error { color: #a4000f; font-weight: bold; }
.rl-explore .rl-hint { color: #3d3d3d; font-size: 90%; margin: 0 0 0.5em 17.5em;
  max-width: 26em; line-height: 1.3; }
.rl-explore table { border-collapse: collapse; margin: 0.5em 0; }
.rl-explore th, .rl-explore td { text-align: left; padding: 0.2em 0.8em 0.2em 0;
  border-bottom: 1px solid #ccc; vertical-align: top; }
.rl-explore td.rl-num { text-align: right; font-variant-numeric: tabular-nums; }
.rl-explore caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
.rl-explore .rl-answers .widget-html, .rl-explore .rl-answers .widget-html-content {
  min-width: 0; max-width: 100%; }
.rl-explore .figure-scroll { max-width: 100%; }
@media (max-width: 40em) {
  /* one column: each label above its box, the box and its Reset across the screen */
  .rl-explore .rl-form, .rl-explore .rl-answers { flex: 1 1 100% !important;
    min-width: 0 !important; max-width: 100%; }
  .rl-explore .rl-form .widget-hbox { flex-wrap: wrap; max-width: 100%; }
  .rl-explore .rl-form .widget-inline-hbox { flex-wrap: wrap; width: 100% !important;
    max-width: 100%; height: auto !important; }
  .rl-explore .rl-form .widget-inline-hbox .widget-label { width: 100% !important;
    max-width: 100% !important; text-align: left; }
  .rl-explore .rl-form .widget-inline-hbox input,
  .rl-explore .rl-form .widget-inline-hbox select { flex: 1 1 auto; min-width: 0;
    height: var(--jp-widgets-inline-height, 28px); }
  .rl-explore .rl-hint { margin-left: 0; }
  .rl-explore .rl-answers table { display: block; overflow-x: auto; max-width: 100%; }
}
</style>"""


def _text_value(params: ReportParams, name: str) -> str:
    value = getattr(params, name)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ExplorerWidget(widgets.VBox):
    """The displayed explorer: a VBox whose form is reachable from it (tests, benchmarks)."""

    form: ExplorerForm | None = None


class ExplorerForm:
    """The form and its answers for one project (``paths``: the report's, which
    ``open_report`` found), starting from ``start``."""

    def __init__(self, start: ReportParams, paths: ProjectPaths) -> None:
        self.explorer = Explorer(paths)
        self.start = start
        self.last: Answer | None = None
        self.timings: list[float] = []
        self._charts: dict[tuple[str, str], str] = {}
        self.controls: dict[str, widgets.ValueWidget] = {}
        self.errors: dict[str, widgets.HTML] = {}
        self.hints: dict[str, widgets.HTML] = {}
        rows = []
        for name in CONTROLS:
            control = self._control(name, start)
            self.controls[name] = control
            self.errors[name] = widgets.HTML("", layout={"margin": "0 0 0 1em"})
            self.errors[name].add_class("rl-error-box")
            self.hints[name] = widgets.HTML("")
            parts: list[widgets.Widget] = [control]
            if name != "scenario":
                reset = widgets.Button(
                    description="Reset",
                    tooltip=f"Reset {LABELS[name].split(' (')[0].lower()} to the scenario's value",
                    layout={"width": "6em"},
                )
                reset.on_click(self._resetter(name))
                parts.append(reset)
            parts.append(self.errors[name])
            row = widgets.VBox([widgets.HBox(parts), self.hints[name]])
            row.add_class(f"rl-control-{name}")
            rows.append(row)
            control.observe(self._changed, names="value")
        self.status = widgets.HTML("")
        self.differs = widgets.HTML("")
        self.figures = widgets.HTML("")
        self.judgments = widgets.HTML("")
        self.chart = widgets.HTML("")
        self.command = widgets.HTML("")
        self.build_status = widgets.HTML("")
        show = widgets.Button(
            description="Show the build command",
            tooltip="The reportlib build command for these settings",
            layout={"width": "auto"},
        )
        show.on_click(lambda _: self.show_command())
        self.run = widgets.Button(
            description="Build this what-if brief",
            tooltip="Run the command: a what-if build under reports/what-if/",
            layout={"width": "auto"},
        )
        self.run.on_click(lambda _: self.build())
        answers = widgets.VBox(
            [
                self.status,
                self.differs,
                self.figures,
                self.judgments,
                self.chart,
                widgets.HBox([show, self.run]),
                self.command,
                self.build_status,
            ]
        )
        answers.add_class("rl-answers")
        answers.layout = {"flex": "1 1 36em", "min_width": "20em"}
        form = widgets.VBox(rows, layout={"flex": "0 0 auto"})
        form.add_class("rl-form")
        columns = widgets.HBox(
            [form, answers], layout={"flex_flow": "row wrap", "align_items": "flex-start"}
        )
        self.widget = ExplorerWidget([widgets.HTML(CSS), columns])
        self.widget.add_class("rl-explore")
        self.update_hints()
        self.refresh()

    # --- controls -------------------------------------------------------------------
    def _control(self, name: str, start: ReportParams) -> widgets.ValueWidget:
        if name == "scenario":
            options = [(s.title, n) for n, s in self.explorer.scenarios.items()]
            return widgets.Dropdown(
                options=options,
                value=start.scenario,
                description=LABELS[name],
                style=STYLE,
                layout=WIDTH,
            )
        if name == "benefit_period":
            return widgets.Dropdown(
                options=READINGS,
                value=start.benefit_period or "both",
                description=LABELS[name],
                style=STYLE,
                layout=WIDTH,
            )
        return widgets.Text(
            value=_text_value(start, name),
            description=LABELS[name],
            style=STYLE,
            continuous_update=False,
            layout=WIDTH,
        )

    def values(self) -> dict[str, Any]:
        """The controls' values as ``-p`` would give them (text; empty: unset)."""
        out: dict[str, Any] = {}
        for name, control in self.controls.items():
            value = control.value
            out[name] = None if value == "both" and name == "benefit_period" else value
        return out

    def _resetter(self, name: str) -> Callable[[Any], None]:
        def reset(_: Any) -> None:
            default = ReportParams.model_fields[name].default
            control = self.controls[name]
            if name == "benefit_period":
                control.value = "both"
            else:
                control.value = "" if default is None else str(default)

        return reset

    def update_hints(self) -> None:
        """Each control's unit, allowed range and the scenario's own value."""
        scenario = self.controls["scenario"].value
        own = self.explorer.own(ReportParams(scenario=scenario))
        inputs = self.explorer.report(own.params).analysis.inputs

        def ledger(name: str, input_name: str, unit: str) -> str:
            x = inputs.get(input_name)
            if x is None or x.claim_id is None:
                return "none reported in this scenario"
            return x.stated or fmt_value(x.central, unit)

        first = self.explorer.first_report
        hints = {
            "scenario": self.explorer.scenarios[scenario].description,
            "as_of": f"A date, YYYY-MM-DD, on or after {first.isoformat() if first else '?'}"
            f" (the ledger's first report). Empty: the scenario's, {own.as_of.isoformat()}.",
            "casualties": f"Killed plus wounded; {bounds('casualties')}. Empty: the ledger's, "
            f"{ledger('casualties', 'casualties', 'persons')}.",
            "troops": f"All troops sent; {bounds('troops')}. Empty: the ledger's, "
            f"{own.figure('troops_deployed').text.split(' (')[0]}.",
            "benefit_usd": f"All economic benefits from Russia, e.g. 3e9; {bounds('benefit_usd')}."
            f" Empty: the ministry's estimate, {ledger('benefit_usd', 'benefit_usd', 'USD')}.",
            "benefit_period": "Cumulative: set against the losses as it stands. Yearly: only the "
            "share for the months from deployment to the end of the count.",
            "pay_per_soldier_month_usd": f"{bounds('pay_per_soldier_month_usd')}. Empty: the "
            f"ledger's, {ledger('pay_per_soldier_month_usd', 'pay_per_soldier_month_usd', 'USD')}.",
            "draws": f"A whole number, {bounds('draws')}. The reports use "
            f"{ReportParams().draws:,}.",
        }
        for name, text in hints.items():
            self.hints[name].value = f'<p class="rl-hint">{html.escape(text)}</p>'

    # --- answers --------------------------------------------------------------------
    def _changed(self, change: dict[str, Any]) -> None:
        if change.get("owner") is self.controls["scenario"]:
            self.update_hints()
        self.refresh()

    def refresh(self) -> Answer | None:
        """Check every control; on a bad value say why beside it and keep the last answer,
        else show the new answer."""
        started = time.perf_counter()
        values = self.values()
        scenario = values["scenario"]
        bad = []
        for name in CONTROLS:
            if name == "scenario":
                continue
            message = self.explorer.check(name, values[name], scenario)
            self.errors[name].value = (
                f'<span class="rl-error" role="alert">{html.escape(message)}</span>'
                if message
                else ""
            )
            if message:
                bad.append(LABELS[name])
        if bad:
            self.status.value = (
                '<p class="rl-status" role="status">Not updated: '
                f"{html.escape(', '.join(bad))} {'is' if len(bad) == 1 else 'are'} not "
                "valid (see beside the control). The answer below is for the last good "
                "settings.</p>"
            )
            return None
        answer = self.explorer.answer(values)
        self.show(answer)
        self.timings.append(time.perf_counter() - started)
        return answer

    def show(self, answer: Answer) -> None:
        self.last = answer
        p = answer.params
        self.status.value = (
            '<p class="rl-status" role="status">'
            f"{html.escape(answer.scenario_title)}, as of {answer.as_of.isoformat()}; "
            f"{p.draws:,} draws, seed {p.seed}.</p>"
        )
        self.differs.value = f'<p class="rl-differs">{html.escape(answer.differs_line)}</p>'
        self.figures.value = figures_html(answer)
        self.judgments.value = judgments_html(answer)
        self.command.value = ""
        self.build_status.value = ""
        # each value goes to the page as it is set: the figures and judgments show while
        # the chart (most of a change's time) is drawn
        self.chart.value = self._chart_html(answer.chart)

    def _chart_html(self, chart: Chart | Prose) -> str:
        """The chart as HTML; drawn to SVG once per picture (its caption, data line and alt
        text name every value it shows), so a change that moves no bar costs no drawing."""
        if not isinstance(chart, Chart):
            return chart_html(chart)
        key = (chart.shown_caption, chart.alt)
        if key not in self._charts:
            if len(self._charts) > 64:
                self._charts.clear()
            self._charts[key] = chart_html(chart)
        return self._charts[key]

    # --- keep what was found ----------------------------------------------------------
    def show_command(self) -> str | None:
        if self.last is None:
            return None
        line = command_line(self.last.params)
        self.command.value = (
            "<p>Build these settings from the project folder:</p>"
            f'<pre class="rl-command"><code>{html.escape(line)}</code></pre>'
        )
        return line

    def build(self, wait: bool = False) -> threading.Thread | None:
        """Run the settings' build command in the background; link its brief when done."""
        if self.last is None:
            return None
        params = self.last.params
        line = self.show_command()
        self.run.disabled = True
        self.build_status.value = (
            f'<p role="status">Building: <code>{html.escape(line or "")}</code> '
            "(a minute or so)...</p>"
        )
        paths = self.explorer.paths

        def work() -> None:
            try:
                outcome = run_build(paths, params)
                if outcome.ok and outcome.brief is not None:
                    rel = paths.relative(outcome.brief)
                    self.build_status.value = (
                        '<p role="status" class="rl-built">Built: '
                        f'<a href="{html.escape(link(paths, outcome.brief))}" target="_blank" '
                        f'rel="noopener">the what-if brief</a> ({html.escape(rel)}).</p>'
                    )
                else:
                    self.build_status.value = (
                        '<p role="status" class="rl-error">The build did not finish '
                        f"(exit {outcome.returncode}):</p><pre>{html.escape(outcome.tail)}</pre>"
                    )
            except Exception as exc:  # shown to the reader, not lost in a thread
                self.build_status.value = (
                    f'<p role="status" class="rl-error">The build failed: '
                    f"{html.escape(str(exc))}</p>"
                )
            finally:
                self.run.disabled = False

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        if wait:
            thread.join()
        return thread


def figures_html(answer: Answer) -> str:
    rows = "".join(
        f'<tr data-metric="{f.metric}"><th scope="row">{html.escape(f.label)}</th>'
        f'<td class="rl-num">{html.escape(f.text)}</td></tr>'
        for f in answer.figures
    )
    return (
        '<table class="rl-figures"><caption>Key figures: central value (the median of '
        f"the simulation) and {INTERVAL}</caption>"
        '<thead><tr><th scope="col">Figure</th><th scope="col">Value</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def judgments_html(answer: Answer) -> str:
    items = []
    for j in answer.judgments:
        if j.term is None:
            detail = "No probability: not assessed."
        else:
            detail = f"Probability {j.probability_text}: {j.term}."
        if j.confidence:
            detail += f" {j.confidence.capitalize()} confidence."
        items.append(
            f'<li data-judgment="{j.id}" data-term="{html.escape(j.term or "")}">'
            f"<strong>{html.escape(j.sentence)}</strong> {html.escape(detail)}</li>"
        )
    return (
        '<h2 class="rl-judgments-title" style="font-size: 1.1em">Key judgments</h2>'
        f'<ol class="rl-judgments">{"".join(items)}</ol>'
    )


def chart_html(chart: Chart | Prose) -> str:
    if isinstance(chart, Chart):
        return chart.figure_html({"image/svg+xml": chart.svg().decode("utf-8")})
    return f"<p>{html.escape(chart.text)}</p>"


def explore(report: Report) -> ExplorerWidget:
    """The explorer, starting from a report's parameters, in its project (the notebook's
    ``open_report``); a notebook run with its defaults under ``reportlib explore`` opens
    on the published scenario instead (``launch.START_ENV``), as the site does."""
    import os

    from .launch import START_ENV

    start = report.params
    wanted = os.environ.get(START_ENV)
    if wanted and start == ReportParams() and wanted != start.scenario:
        start = start.model_copy(update={"scenario": wanted})
    form = ExplorerForm(start, report.paths)
    form.widget.form = form  # reachable from the displayed widget (tests, benchmarks)
    return form.widget
