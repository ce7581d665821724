"""The series over all editions: the figures' charts, the judgments' chart and the
table of the steps at which something moved."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from fractions import Fraction
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..analysis import history
from ..analysis.judgments import LIKELIHOOD_BANDS
from ..analysis.protocol import Report
from ..charts import ACCENT, INK, MUTED, SECOND, TICKS, Chart, fixed_ticks, house_style
from ..facts import Fact, Prose, count_fact, metric_fact, say
from ..formatting import md
from ..tables import Table
from .editions import (
    EVENT_FIGURES,
    TRACKED,
    citations_of,
    claimants_of,
    day,
    decapitalised,
    label,
    point_fact,
    probability_fact,
    proposition,
    threshold_fact_or_none,
)

BANDS = tuple((float(upper), term) for upper, term in LIKELIHOOD_BANDS)  # for plotting
TITLE_WIDTH = 60  # characters of a panel title per line: the panel's width at 8.5 pt


def _scale(unit: str, top: float) -> tuple[float, str]:
    if unit in ("share", "rate"):
        return 0.01, "per cent"
    if unit == "USD":
        for size, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
            if top >= size:
                return size, f"{word} US$"
        return 1.0, "US$"
    return 1.0, unit


def _moved_at(report: Report) -> dict[Any, history.Changes]:
    return {c.until: c for c in history.steps(report)}


def series_intro(report: Report) -> Prose:
    """How the series was made: dates, and how many of them moved something."""
    snaps = history.series(report)
    moved = history.steps(report)
    n = count_fact("series-dates", len(snaps), tuple(f"as-of:{s.as_of}" for s in snaps))
    k = count_fact("series-steps", len(moved), tuple(f"as-of:{c.until.isoformat()}" for c in moved))
    return say(
        "The analysis is recomputed from the ledger as it stood at the end of each month, "
        "from {first} to {last}, and on the as-of date: {n} dates, of which {k} moved a key "
        "figure or judgment. Each step is marked with the sources of the claims that moved "
        "it; the table at the end lists them.",
        first=day(snaps[0].as_of),
        last=day(snaps[-1].as_of),
        n=n,
        k=k,
    )


def _move_marks(
    report: Report, snaps: list[history.Snapshot], name: str
) -> tuple[list[tuple[int, str]], list[str]]:
    """The steps at which new claims moved figure ``name`` (the index of the date and the
    citation numbers of its sources), and the ids of those sources."""
    moved = _moved_at(report)
    marks: list[tuple[int, str]] = []
    sources: list[str] = []
    for i, s in enumerate(snaps):
        step = moved.get(s.as_of)
        change = next((f for f in step.figures if f.key == name), None) if step else None
        if change is not None and change.new.available and change.claims:
            marks.append((i, citations_of(report, change.claims)))
            sources += claimants_of(report, change.claims, limit=99)[1]
    return marks, sources


def _draw_series(
    snaps: list[history.Snapshot],
    name: str,
    scale: float,
    marks: list[tuple[int, str]],
) -> tuple[Any, Any]:
    """The step chart of figure ``name`` over the dates of ``snaps`` (divided by
    ``scale``): its central value, its range as a band, and the marked steps."""
    when = [s.as_of for s in snaps]
    x = np.array(when)
    central = np.array([_or_nan(s.results[name].central) for s in snaps]) / scale
    low = np.array([_or_nan(s.results[name].low) for s in snaps]) / scale
    high = np.array([_or_nan(s.results[name].high) for s in snaps]) / scale
    fig, ax = plt.subplots(figsize=(6.7, 2.9))
    ax.fill_between(x, low, high, step="post", color=ACCENT, alpha=0.18, linewidth=0)
    ax.plot(x, central, drawstyle="steps-post", color=ACCENT, linewidth=1.8)
    ax.errorbar(
        x,
        central,
        yerr=[central - low, high - central],
        fmt="o",
        color=ACCENT,
        ecolor=ACCENT,
        elinewidth=0.8,
        capsize=2,
        markersize=3.5,
    )
    for i, text in marks:
        ax.plot(x[i : i + 1], [central[i]], "D", color=SECOND, markersize=6, zorder=4)
        ax.annotate(
            text,
            (when[i], high[i]),
            xytext=(0, 5),
            textcoords="offset points",
            ha="center",
            fontsize=7.5,
            color=INK,
        )
    ax.set_ylim(bottom=0, top=np.nanmax(high) * 1.22)
    ax.yaxis.set_major_formatter(TICKS)
    _date_axis(ax, when)
    ax.grid(axis="y", visible=True)
    ax.grid(axis="x", visible=False)
    return fig, ax


def _series_template(name: str, first: float, last: float, points: int) -> str:
    """How figure ``name`` moved from its ``first`` computable value to its ``last`` (over
    ``points`` dates): stood, rose or fell (a growing total), or was revised."""
    if points == 1:
        return " is {last} (range {range}) on {last_date}, the only date it can be computed."
    if last == first:
        return " stood at {last} (range {range}) from {first_date} to {last_date}."
    if name in EVENT_FIGURES:  # a later count of a growing total: new events
        verb = "rose" if last > first else "fell"
    else:  # the same troops, re-estimated
        verb = "was revised " + ("up" if last > first else "down")
    return (
        f" {verb} from {{first}} on {{first_date}} to {{last}} (range {{range}}) on {{last_date}}."
    )


def metric_chart(report: Report, name: str) -> Chart | Prose:
    """One key figure as the analysis stood at each date, its range as a band, and each
    step that moved it marked with the citation numbers of its sources."""
    snaps = history.series(report)
    shown = [s for s in snaps if s.results[name].available]
    what = label(name)
    if not shown:
        return Prose(
            f"{md(what)} cannot be computed at any date in this scenario: its sources do "
            "not give the figures it needs."
        )
    unit = shown[0].results[name].unit
    scale, axis = _scale(unit, max(_or_nan(s.results[name].high) for s in shown))
    marks, sources = _move_marks(report, snaps, name)
    facts = [point_fact(name, s, style) for s in shown for style in ("central", "range")]
    with house_style():
        fig, ax = _draw_series(snaps, name, scale, marks)
        ax.set_ylabel(axis)
        ax.set_title(f"{what}, as the analysis stood at each date")
        _finish(fig, report.source_line(sources) if sources else "the project's ledger")
    first, last = shown[0], shown[-1]
    template = md(what) + _series_template(
        name,
        _or_nan(first.results[name].central),
        _or_nan(last.results[name].central),
        len(shown),
    )
    caption = say(
        template,
        first=point_fact(name, first),
        last=point_fact(name, last),
        range=point_fact(name, last, "range"),
        first_date=day(first.as_of),
        last_date=day(last.as_of),
    )
    described = "; ".join(
        f"{day(s.as_of)}: {point_fact(name, s).text} ({point_fact(name, s, 'range').text})"
        for s in shown
    )
    alt = (
        f"Step chart of {decapitalised(what)} over time with the range of the simulation as a "
        f"band; diamonds mark the dates new claims moved it. {described}."
    )
    return Chart(fig, _plain(caption.text), alt, facts + caption.facts)


def _date_axis(ax: Any, when: list) -> None:
    """The series' span with a little room each side; a tick every month or few."""
    from datetime import timedelta

    span = (when[-1] - when[0]).days
    pad = timedelta(days=max(12, span // 30))
    ax.set_xlim(when[0] - pad, when[-1] + pad)
    months = max(1, round(span / 30.4 / 7))
    locator = mdates.MonthLocator(interval=months)
    fixed_ticks(ax, locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))


def _plain(markdown: str) -> str:
    """A caption is plain text: undo ``md``'s escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _or_nan(x: float | None) -> float:
    """A value to plot, NaN (a gap) where there is none."""
    return np.nan if x is None else x


def _probability(x: Fraction | None) -> Fraction | float:
    """A judgment's probability to plot, NaN (a gap) where it cannot be assessed."""
    return np.nan if x is None else x


def _finish(fig: Any, source: str) -> None:
    """The source line under the axes, as the other charts place it; then close."""
    import textwrap

    renderer = fig.canvas.get_renderer()
    box = fig.axes[-1].get_tightbbox(renderer).transformed(fig.transFigure.inverted())
    text = textwrap.fill(f"Source: {source}", width=120)
    fig.text(0.02, box.y0 - 0.02, text, ha="left", va="top", fontsize=7, color="#555555")
    plt.close(fig)


PANEL_IN = 0.9  # a judgment panel's plot height, inches
TITLE_LINE_IN = 8.5 * 1.2 / 72  # one line of a panel title (8.5 pt)
TITLE_PAD_IN = 6 / 72  # between a title and its panel (matplotlib's axes.titlepad)
PANEL_GAP_IN = 0.16  # between a panel and the next panel's title


def _panels(title_lines: list[int], width: float = 6.7) -> tuple[Any, list[Any]]:
    """A figure of stacked panels sharing the x axis, each below room for its title (so
    a one-line title leaves no gap sized for a three-line one); laid out once, here,
    instead of by ``tight_layout``. The saved image is cropped to what is drawn."""
    left, right, top, bottom = 0.55, 1.0, 0.05, 0.45  # inches: tick labels, band labels
    heights = [n * TITLE_LINE_IN + TITLE_PAD_IN + PANEL_IN for n in title_lines]
    total = top + sum(heights) + PANEL_GAP_IN * (len(heights) - 1) + bottom
    fig = plt.figure(figsize=(width, total))
    axes: list[Any] = []
    y = total - top
    for height in heights:
        low = y - height
        box = (left / width, low / total, (width - left - right) / width, PANEL_IN / total)
        ax = fig.add_axes(box, sharex=axes[0] if axes else None)
        axes.append(ax)
        y = low - PANEL_GAP_IN
    for ax in axes[:-1]:
        ax.tick_params(labelbottom=False)
    return fig, axes


def _cohort(snaps: list[history.Snapshot]) -> str:
    """The troops a judgment's count covers, as the brief names them at the last date (the
    first deployment's default where nothing is known yet)."""
    from .losses import cohort_words

    last = snaps[-1].report
    return cohort_words(last) if last is not None else ""


def _band_shading(ax: Any) -> None:
    """The bands of the fixed likelihood scale, shaded."""
    lower = 0.0
    for k, (upper, _term) in enumerate(BANDS):
        ax.axhspan(lower, upper, color="#eceff2" if k % 2 else "#f8f9fa", linewidth=0)
        lower = upper


def _band_terms(ax: Any) -> None:
    """The likelihood terms beside their bands, right of the panel (labels, not a second
    axis: the same picture for a fraction of the layout work)."""
    ax.spines["right"].set_visible(True)
    bottom = 0.0
    for upper, term in BANDS:
        ax.annotate(
            term,
            xy=(1, (bottom + upper) / 2),
            xycoords=ax.get_yaxis_transform(),
            xytext=(3.5, 0),
            textcoords="offset points",
            va="center",
            fontsize=5.5,
            color=MUTED,
        )
        bottom = upper


def _judgment_panel(
    report: Report, ax: Any, snaps: list[history.Snapshot], jid: str
) -> tuple[list[Fact], list[str]]:
    """One judgment's probability at each date, drawn on ``ax``, each step new reports
    moved marked with their citations; the facts it shows and the ids of those sources."""
    moved = _moved_at(report)
    x = np.array([s.as_of for s in snaps])
    p = np.array([_probability(s.judgments[jid].probability) for s in snaps])
    ax.plot(x, p, drawstyle="steps-post", color=ACCENT, linewidth=1.6)
    ax.plot(x, p, "o", color=ACCENT, markersize=3)
    facts: list[Fact] = []
    sources: list[str] = []
    for i, s in enumerate(snaps):
        j = s.judgments[jid]
        if j.probability is not None:
            facts.append(probability_fact(j, s.as_of))
        step = moved.get(s.as_of)
        change = next((c for c in step.judgments if c.id == jid), None) if step else None
        if change is not None and j.probability is not None and change.claims:
            ax.plot(x[i : i + 1], [p[i]], "D", color=SECOND, markersize=5.5, zorder=4)
            ax.annotate(
                citations_of(report, change.claims),
                (x[i], p[i]),
                xytext=(0, 6) if p[i] < 0.8 else (0, -12),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=INK,
            )
            sources += claimants_of(report, change.claims, limit=99)[1]
    return facts, sources


def _judgment_words(title: str, snaps: list[history.Snapshot], jid: str) -> str:
    """One judgment's likelihood at each date it has one, for the text alternative."""
    return f"{title}: " + ", ".join(
        f"{s.as_of.isoformat()} {s.judgments[jid].likelihood} "
        f"({probability_fact(s.judgments[jid], s.as_of).text})"
        for s in snaps
        if s.judgments[jid].likelihood
    )


def judgments_chart(report: Report) -> Chart | Prose:
    """Each key judgment's probability at each date against the ICD 203 bands, one panel
    per judgment that could be assessed at some date; steps marked with citations."""
    snaps = history.series(report)
    ids = [
        jid
        for jid in snaps[-1].judgments
        if any(history.assessable(s.judgments[jid]) for s in snaps)
    ]
    if not ids:
        return Prose("No key judgment can be assessed at any date in this scenario.")
    facts: list[Fact] = []
    sources: list[str] = []
    described = []
    cohort = _cohort(snaps)  # as the brief names them
    plain = {jid: proposition(snaps[-1].judgments[jid], cohort) for jid in ids}
    titles = {
        jid: textwrap.fill(t[:1].upper() + t[1:], width=TITLE_WIDTH, break_on_hyphens=False)
        for jid, t in plain.items()
    }
    with house_style():
        fig, axes = _panels([titles[jid].count("\n") + 1 for jid in ids])
        for ax, jid in zip(axes, ids, strict=True):
            _band_shading(ax)
            shown, cited = _judgment_panel(report, ax, snaps, jid)
            facts += shown
            sources += cited
            ax.set_title(titles[jid], fontsize=8.5, loc="left")
            ax.set_ylim(-0.04, 1.04)  # room for markers at the ends of the scale
            ax.set_yticks([0, 0.5, 1], ["0%", "50%", "100%"], fontsize=7)
            _band_terms(ax)
            ax.grid(False)
            described.append(_judgment_words(plain[jid], snaps, jid))
        _date_axis(axes[-1], [s.as_of for s in snaps])
        _finish(fig, report.source_line(sources) if sources else "the project's ledger")
    caption = (
        "The key judgments' probabilities as the analysis stood at each date, against the "
        "bands of the fixed likelihood scale (shaded); diamonds mark the dates new reports "
        "moved them."
    )
    alt = "Probability of each key judgment over time. " + "; ".join(described) + "."
    data = "; ".join(described) + "."
    return Chart(fig, caption, alt, facts, data=data[:1].upper() + data[1:])


NOTHING_MOVED = "Nothing in the key figures or judgments moved over the series."


def _figure_step(
    report: Report, f: history.FigureChange, until: Any, snaps: dict[Any, history.Snapshot]
) -> tuple[dict[str, str], list[Fact]]:
    """The row of a key figure that moved at the step to ``until``, from what to what."""
    facts: list[Fact] = []
    shown = []
    for result, at in ((f.old, _previous(snaps, until)), (f.new, until)):
        if result.available:
            fact = replace(metric_fact(result, "both"), key=f"step:{f.key}:{at}")
            facts.append(fact)
            shown.append(fact.text)
        else:
            shown.append("not computable")
    return _row(report, until, label(f.key), shown[0], shown[1], f.claims), facts


def _judgment_step(
    report: Report, j: Any, until: Any, snaps: dict[Any, history.Snapshot]
) -> tuple[dict[str, str], list[Fact]]:
    """The row of a key judgment that moved at the step to ``until``, from what likelihood
    to what, titled as the brief then named the troops the count covered."""
    from .losses import cohort_words

    facts: list[Fact] = []
    shown = []
    for side, judgment in (("old", j.old), ("new", j.new)):
        if judgment.probability is None:
            shown.append("not assessable")
            continue
        at = until if side == "new" else _previous(snaps, until)
        fact = probability_fact(judgment, at)
        facts.append(fact)
        shown.append(f"{judgment.likelihood} ({fact.text})")
    at_step = snaps.get(until)
    then = at_step.report if at_step is not None else None
    title = proposition(j.new, cohort_words(then) if then is not None else "")
    threshold = threshold_fact_or_none(j.new)
    if threshold is not None:
        facts.append(threshold)
    return _row(report, until, "Judgment: " + title, shown[0], shown[1], j.claims), facts


def steps_table(report: Report) -> Table | Prose:
    """Every step of the series: what moved, from what to what, and on whose report."""
    rows: list[dict[str, str]] = []
    facts: list[Fact] = []
    tracked = [n for n in TRACKED if n in history.key_figures()]
    snaps = {s.as_of: s for s in history.series(report)}
    for step in history.steps(report):
        moves = [
            *(_figure_step(report, f, step.until, snaps) for f in step.figures if f.key in tracked),
            *(_judgment_step(report, j, step.until, snaps) for j in step.judgments),
        ]
        for row, shown in moves:
            rows.append(row)
            facts += shown
    if not rows:
        return Prose(NOTHING_MOVED)
    frame = pd.DataFrame(rows, columns=["As of", "What moved", "From", "To", "Moved by"])
    return Table(
        frame,
        caption="The steps: each key figure and judgment that moved, and the claims that moved it",
        numeric=("From", "To"),
        facts=facts,
        empty=NOTHING_MOVED,
    )


def _previous(snaps: dict, when: Any) -> Any:
    """The date before ``when`` in the series (``when`` itself if it is the first)."""
    earlier = [d for d in snaps if d < when]
    return max(earlier) if earlier else when


def _row(report: Report, when: Any, what: str, old: str, new: str, claims: tuple) -> dict[str, str]:
    """A row of the table of steps."""
    who = _plain(claimants_of(report, claims, limit=3)[0]) if claims else "the parameters"
    return {"As of": day(when), "What moved": what, "From": old, "To": new, "Moved by": who}
