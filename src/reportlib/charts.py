"""Charts in the house style (``styles/reportlib.mplstyle``), each a ``Chart``: an SVG with
alt text, a caption stating the takeaway, a source line, and the facts it shows.

Charts are vector graphics with their text kept as text (``svg.fonttype: none``): Typst
sets it in the same fonts as the page (selectable, searchable, crisp at any zoom) and
browsers draw it crisply at any resolution. The bytes are reproducible: ``svg.hashsalt``
fixes the ids matplotlib would draw at random, and the SVG carries no date.

The style is print-sized (full text width), legible in greyscale (markers and line styles
differ, not only colours) and colour-blind safe (Okabe-Ito), with at most two accents.
Matplotlib's math parser is off (``text.parse_math: False``), so a ``$`` in ledger text
is drawn literally.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter

from .facts import META_KEY, Fact
from .fonts import legible_width
from .formatting import MATH_IGNORE, md
from .measuring import measured_once as _text_measured_once
from .paths import package_file

STYLE = package_file("styles", "reportlib.mplstyle")
INK = "#1b2a41"
ACCENT = "#0072B2"  # Okabe-Ito blue
SECOND = "#D55E00"  # Okabe-Ito vermillion
MUTED = "#8a9199"
GRADE_STYLE = {  # reliability grade -> (colour, marker): distinct in greyscale too
    "A": (ACCENT, "o"),
    "B": (ACCENT, "s"),
    "C": (MUTED, "D"),
    "D": (SECOND, "^"),
    "E": (MUTED, "v"),
    "F": (MUTED, "x"),
}
DPI = 200


_SVG_TEXT = re.compile(r"<text ([^>]*)>([^<]*)</text>")
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


def _runs(text: str, order: tuple[str, ...]) -> list[tuple[str, Path, str]]:
    """``text`` cut where the face that draws it changes: (family, file, run); spaces go
    with the run before them."""
    from .fonts import face_for

    runs: list[tuple[str, Path, str]] = []
    for ch in text:
        face = None if ch.isspace() and runs else face_for(ch, order)
        if face is None and runs:
            runs[-1] = (runs[-1][0], runs[-1][1], runs[-1][2] + ch)
        elif face is not None and runs and runs[-1][0] == face[0]:
            runs[-1] = (*face, runs[-1][2] + ch)
        else:
            family, path = face or (order[0], Path())
            runs.append((family, path, ch))
    return runs


def one_face_per_text(svg: str) -> str:
    """The SVG with each text that needs more than its first face (Hangul or another
    script in a Latin label) set as one text per face, placed one after another along
    the same baseline, each naming the face that draws it.

    Typst's SVG layout sets a text needing Hangul in Noto Sans KR throughout, whose
    composed Latin letters ('ĺ') have no code point, and some mixes it cannot set at all:
    a report PDF (PDF/UA-1) refuses both. Texts in one face stay as matplotlib wrote them.
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure = TextToPath()

    def split(match: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        text = html.unescape(match.group(2))
        style = attrs.get("style", "")
        family = re.search(r"font-family: ([^;]*)", style)
        order = tuple(f.strip().strip("'\"") for f in family.group(1).split(",")) if family else ()
        runs = _runs(text, order or ("DejaVu Sans",))
        if len(runs) < 2 or "x" not in attrs or "y" not in attrs:
            return match.group(0)
        sized = re.search(r"font-size: ([\d.]+)px", style)
        size = float(sized.group(1)) if sized else 10.0
        widths = [
            measure.get_text_width_height_descent(
                run, FontProperties(fname=str(path), size=size), ismath=False
            )[0]
            for _, path, run in runs
        ]
        anchor = re.search(r"text-anchor: (\w+)", style)
        shift = {"middle": sum(widths) / 2, "end": sum(widths)}.get(
            anchor.group(1) if anchor else "", 0.0
        )
        x = float(attrs["x"]) - shift
        out = []
        for (face, _, run), width in zip(runs, widths, strict=True):
            own = re.sub(r"font-family: [^;]*", f"font-family: '{face}'", style)
            own = re.sub(r"text-anchor: \w+", "text-anchor: start", own)
            rest = "".join(f' {k}="{v}"' for k, v in attrs.items() if k not in ("style", "x"))
            out.append(
                f'<text style="{own}" x="{x:.6f}"{rest}>{html.escape(run, quote=False)}</text>'
            )
            x += width
        return "".join(out)

    return _SVG_TEXT.sub(split, svg)


@dataclass
class Chart:
    """A rendered chart with its caption, alt text and facts.

    Every fact a chart carries is also said in text a reader sees: in ``caption`` (the
    takeaway) or in ``data``, a line of the values drawn that every surface shows after
    the caption (the alt text describes the picture for those who cannot see it).
    """

    figure: Figure
    caption: str
    alt: str
    facts: list[Fact] = field(default_factory=list)
    data: str = ""

    @property
    def shown_caption(self) -> str:
        """The caption as shown: the takeaway, then the data line."""
        return f"{self.caption} {self.data}".strip()

    def _check_text(self) -> None:
        from matplotlib.text import Text

        from .fonts import check_glyphs

        labels = "".join(t.get_text() for t in self.figure.findobj(Text))
        check_glyphs(labels + self.shown_caption + self.alt, f"chart {self.caption[:40]!r}")

    def _save(self, fmt: str, **options) -> bytes:
        buffer = io.BytesIO()
        # The house style sets the SVG options (text as text, fixed ids); it is applied
        # again here because the figure is saved after its drawing context has closed.
        with plt.style.context(str(STYLE)), _text_measured_once(self.figure):
            self.figure.savefig(buffer, format=fmt, bbox_inches="tight", pad_inches=0.08, **options)
        return buffer.getvalue()

    def svg(self) -> bytes:
        """The chart as SVG, text kept as text, with no date or random ids; a text that
        needs more than its first face is set as one text per face (``one_face_per_text``)."""
        self._check_text()
        return one_face_per_text(self._save("svg", metadata={"Date": None}).decode()).encode()

    def png(self) -> bytes:
        """The chart as a PNG at print resolution (for tools that cannot show SVG)."""
        self._check_text()
        return self._save("png", dpi=DPI, metadata={"Software": None})

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {
            "image/svg+xml": self.svg().decode("utf-8"),
            "text/plain": f"Figure: {self.shown_caption}",
        }
        data["text/html"] = self.figure_html(data)
        metadata = {
            "image/svg+xml": {"alt": self.alt},
            META_KEY: {
                "caption": self.shown_caption,
                "caption_markdown": md(self.shown_caption),
                "facts": [f.as_dict() for f in self.facts],
            },
        }
        return data, metadata

    def figure_html(self, data: dict[str, str]) -> str:
        """The figure with its caption, for live frontends (JupyterLab shows one MIME type
        per output and would otherwise show the image with no caption). The report
        exporters prefer the image and write their own figure markup."""
        width = None
        if "image/svg+xml" in data:
            raw = data["image/svg+xml"]
            src = "data:image/svg+xml;base64," + base64.b64encode(raw.encode()).decode("ascii")
            width = legible_width(raw)  # its smallest text legible, scrolling if need be
        else:
            src = "data:image/png;base64," + data["image/png"]
        size = f"width: 100%; min-width: {width}px" if width else "max-width: 100%"
        caption = html.escape(self.shown_caption)
        return (
            f'<figure class="report-figure {MATH_IGNORE}" style="margin: 1em 0">'
            f'<div class="figure-scroll" role="region" tabindex="0" aria-label="{caption}"'
            ' style="overflow-x: auto">'
            f'<img src="{src}" alt="{html.escape(self.alt)}" style="{size}"></div>'
            f'<figcaption style="text-align: left">{caption}</figcaption></figure>'
        )


@contextmanager
def house_style():
    from .fonts import register_with_matplotlib

    register_with_matplotlib()
    # The Korean face has no bold; matplotlib says so for every bold title while falling
    # back to the regular weight, which is what we want.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with plt.style.context(str(STYLE)):
        yield


def _finish(fig: Figure, source: str) -> Figure:
    """Add the source line below everything the axes draw (ticks, labels), then close."""
    canvas = fig.canvas
    if not isinstance(canvas, FigureCanvasAgg):  # pyplot's and the inline backend's canvas
        raise TypeError(f"a chart is laid out on an Agg canvas, not {type(canvas).__name__}")
    drawn = fig.axes[0].get_tightbbox(canvas.get_renderer())
    if drawn is None:
        raise ValueError("a chart's first panel draws nothing to place its source line under")
    box = drawn.transformed(fig.transFigure.inverted())
    fig.text(
        box.x0, box.y0 - 0.03, f"Source: {source}", ha="left", va="top", fontsize=7, color="#555555"
    )
    plt.close(fig)
    return fig


def tick_label(x: float) -> str:
    """A tick value with thousands separators and as many decimals as it has (up to six),
    so ticks are never rounded past meaning: 0.5 stays 0.5, never "0" or "1"."""
    text = f"{x:,.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


TICKS = FuncFormatter(lambda x, _: tick_label(x))


def _thousands(ax, axis: str = "x") -> None:
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(TICKS)


def range_bars(
    labels, central, low, high, *, title, xlabel, source, value_labels=None, row=0.4
) -> Figure:
    """Horizontal bars with the range drawn as a whisker, labelled directly; ``row``: the
    height of one bar's row in inches (a page-one chart is set tighter)."""
    with house_style():
        fig, ax = plt.subplots(figsize=(6.7, row * len(labels) + 0.9))
        ys = list(range(len(labels)))[::-1]
        ax.barh(ys, central, color=ACCENT, height=0.55)
        ax.errorbar(
            central,
            ys,
            xerr=[np.subtract(central, low), np.subtract(high, central)],
            fmt="none",
            ecolor=INK,
            elinewidth=1.1,
            capsize=3,
        )
        ax.set_yticks(ys, labels)
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        _thousands(ax)
        for y, hi, text in zip(ys, high, value_labels or [""] * len(ys), strict=True):
            ax.annotate(
                text,
                (hi, y),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
                color=INK,
            )
        ax.set_xlim(0, max(high) * 1.3)
        ax.grid(axis="y", visible=False)
        return _finish(fig, source)


def _value_labels(ax, ys, ends, texts) -> None:
    """Each bar's value as its source states it, just right of the bar's end."""
    for y, x, text in zip(ys, ends, texts, strict=True):
        ax.annotate(
            text,
            (x, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
            color=INK,
        )


def _gets_panel(ax, gets, marks, title: str, unit: str) -> None:
    """The left panel of ``balance``: what the regime gets (solid bars, whiskers for
    their range, muted where kept apart) above the size of its economy (hollow bars)."""
    ys = list(range(len(gets) + len(marks)))[::-1]
    top_ys, low_ys = ys[: len(gets)], ys[len(gets) :]
    central = [row[1] for row in gets]
    ax.barh(top_ys, central, color=[MUTED if r[4] else ACCENT for r in gets], height=0.6)
    ax.errorbar(
        central,
        top_ys,
        xerr=[
            np.subtract(central, [r[2] for r in gets]),
            np.subtract([r[3] for r in gets], central),
        ],
        fmt="none",
        ecolor=INK,
        elinewidth=1.0,
        capsize=2.5,
    )
    ax.barh(
        low_ys,
        [m[1] for m in marks],
        height=0.6,
        facecolor="white",
        edgecolor=INK,
        linewidth=0.8,
    )
    ax.set_yticks(ys, [r[0] for r in gets] + [m[0] for m in marks])
    ends = [r[3] for r in gets] + [m[1] for m in marks]
    _value_labels(ax, ys, ends, [r[5] for r in gets] + [m[2] for m in marks])
    if marks and gets:
        ax.axhline(len(marks) - 0.5, color=MUTED, linewidth=0.6)
    ax.set_xlim(0, max(ends) * 1.7)
    ax.set_title(title)
    ax.set_xlabel(unit)
    ax.grid(axis="y", visible=False)
    _thousands(ax)


def _loses_panel(ax, loses, title: str, unit: str) -> None:
    """The right panel of ``balance``: what the regime loses, counts of people (accented
    where they are the losses themselves)."""
    ys = list(range(len(loses)))[::-1]
    values = [r[1] for r in loses]
    ax.barh(ys, values, color=[SECOND if r[2] else MUTED for r in loses], height=0.6)
    ax.set_yticks(ys, [r[0] for r in loses])
    ax.set_xlim(0, max(values) * 1.6)
    _value_labels(ax, ys, values, [r[3] for r in loses])
    ax.set_title(title)
    ax.set_xlabel(unit)
    ax.grid(axis="y", visible=False)
    _thousands(ax)


def balance(gets, marks, loses, *, titles, units, source) -> Figure:
    """The balance on one figure, two panels: what the regime gets (solid bars, their range
    as whiskers; a muted bar is a flow kept apart) above the size of its economy (hollow
    bars: a year's national income, budget, trade), and what it loses (counts of people).

    ``gets``: rows ``(label, central, low, high, muted, value_label)``; ``marks``: rows
    ``(label, value, value_label)``; ``loses``: rows ``(label, value, accent,
    value_label)``; ``titles`` and ``units``: one for each panel."""
    with house_style():
        rows = len(gets) + len(marks)
        fig, (left, right) = plt.subplots(
            1,
            2,
            figsize=(6.7, 0.22 * max(rows, len(loses)) + 1.0),
            gridspec_kw={"width_ratios": [1.6, 1]},
        )
        _gets_panel(left, gets, marks, titles[0], units[0])
        _loses_panel(right, loses, titles[1], units[1])
        fig.tight_layout(w_pad=1.0)
        return _finish(fig, source)


MIN_DATE_SPAN_DAYS = 60  # the narrowest date axis: about two months, so ticks still read


def date_limits(
    dates, *, pad: float = 0.08, right: float = 0.0, min_days: int = MIN_DATE_SPAN_DAYS
):
    """Axis limits that fit ``dates``: their span plus ``pad`` of it on each side (and
    ``right`` more on the right, for labels), never narrower than ``min_days``, so one
    or two points sit inside a short axis instead of on a mostly empty multi-year one."""
    import datetime as dt

    first, last = min(dates), max(dates)
    span = max((last - first).days, min_days)
    middle = first + (last - first) / 2
    half = dt.timedelta(days=span * (0.5 + pad))
    return middle - half, middle + half + dt.timedelta(days=span * right)


def fixed_ticks(ax, locator) -> None:
    """The x ticks ``locator`` places within the axis' current limits, worked out once: a
    date locator is asked again at every layout pass of every panel sharing the axis, and
    its date rules are slow. Set the limits first."""
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_locator(FixedLocator(locator()))


def _date_axis(ax, lo, hi) -> None:
    """Month ticks (with the year) on a date axis from ``lo`` to ``hi``; day and month
    when the axis spans less than about four months."""
    ax.set_xlim(lo, hi)
    fixed_ticks(ax, mdates.AutoDateLocator(minticks=3, maxticks=7))
    short = (hi - lo).days < 120
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y" if short else "%b\n%Y"))


def claims_over_time(points, *, title, ylabel, source, highlight=None) -> Figure:
    """Each claim as a point at its date with its range, styled by reliability grade.

    ``points``: rows with ``when`` (date), ``value``, ``low``, ``high``, ``grade``, ``id``.
    """
    with house_style():
        fig, ax = plt.subplots(figsize=(6.7, 3.0))
        used = set()
        for p in points:
            colour, marker = GRADE_STYLE.get(p["grade"], (MUTED, "o"))
            label = f"grade {p['grade']}" if p["grade"] not in used else None
            used.add(p["grade"])
            ax.errorbar(
                [p["when"]],
                [p["value"]],
                yerr=[[p["value"] - p["low"]], [p["high"] - p["value"]]],
                fmt=marker,
                color=colour,
                ecolor=colour,
                markersize=6,
                capsize=2.5,
                elinewidth=1,
                label=label,
                markerfacecolor="white" if p["grade"] in "BE" else colour,
            )
            if highlight and p["id"] == highlight:
                ax.plot(
                    [p["when"]],
                    [p["value"]],
                    marker="o",
                    markersize=13,
                    markerfacecolor="none",
                    markeredgecolor=INK,
                    markeredgewidth=1.2,
                )
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.set_ylim(bottom=0)
        _thousands(ax, "y")
        ax.grid(axis="y", visible=True)
        ax.grid(axis="x", visible=False)
        fig.autofmt_xdate(rotation=0, ha="center")
        _date_axis(ax, *date_limits([p["when"] for p in points]))
        ax.legend(loc="upper left", ncol=3, title="reliability", title_fontsize=8)
        return _finish(fig, source)


def timeline(events, *, title, source) -> Figure:
    """Events on a date axis, labelled; expected events hollow."""
    with house_style():
        fig, ax = plt.subplots(figsize=(6.7, 0.34 * len(events) + 1.0))
        ys = list(range(len(events)))[::-1]
        for y, e in zip(ys, events, strict=True):
            hollow = e["status"] != "occurred"
            ax.plot(
                [e["when"]],
                [y],
                marker="D" if hollow else "o",
                markersize=6,
                color=SECOND if hollow else ACCENT,
                markerfacecolor="white" if hollow else (SECOND if hollow else ACCENT),
            )
            ax.annotate(
                e["label"],
                (e["when"], y),
                xytext=(7, 0),
                textcoords="offset points",
                va="center",
                fontsize=7.5,
                color=INK,
            )
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_title(title)
        # room on the right for the labels of the last events, so they stay inside the axes
        _date_axis(ax, *date_limits([e["when"] for e in events], pad=0.03, right=0.45))
        ax.grid(axis="x", visible=True)
        return _finish(fig, source)


def break_even(
    targets: np.ndarray,
    needed: np.ndarray,
    *,
    title,
    xlabel,
    ylabel,
    source,
    marker: tuple[float, float] | None = None,
) -> Figure:
    """What technology would have to be worth for each benefit-per-casualty target."""
    with house_style():
        fig, ax = plt.subplots(figsize=(6.7, 2.8))
        ax.plot(targets, needed, color=ACCENT, linewidth=2)
        if marker:
            ax.plot([marker[0]], [marker[1]], marker="o", color=SECOND)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: tick_label(x / 1e6)))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: tick_label(y / 1e9)))
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", visible=True)
        return _finish(fig, source)


def warm_up() -> None:
    """Draw one small chart and save it as SVG, so fonts, text layout and the SVG backend
    are loaded once by the build's fork server rather than by every report."""
    fig = range_bars(["a"], [1.0], [0.5], [1.5], title="A", xlabel="x", source="s")
    buffer = io.BytesIO()
    with plt.style.context(str(STYLE)):
        fig.savefig(buffer, format="svg", bbox_inches="tight")
