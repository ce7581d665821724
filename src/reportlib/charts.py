"""Charts in the house style (``styles/reportlib.mplstyle``), each with a source line."""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .paths import package_file

STYLE = package_file("styles", "reportlib.mplstyle")
INK = "#1b2a41"
ACCENT = "#0072B2"
SECOND = "#D55E00"
MUTED = "#8a9199"


@contextmanager
def house_style():
    with plt.style.context(str(STYLE)):
        yield


def add_source(fig: Figure, text: str) -> None:
    """A source line under the chart, left-aligned with the plot."""
    fig.text(0.01, -0.02, f"Source: {text}", ha="left", va="top", fontsize=7.5, color="#555555")


def range_bars(
    labels: list[str],
    central: list[float],
    low: list[float],
    high: list[float],
    *,
    title: str,
    xlabel: str,
    source: str,
    value_labels: list[str] | None = None,
) -> Figure:
    """Horizontal bars with the range drawn as a whisker, labelled directly."""
    with house_style():
        fig, ax = plt.subplots(figsize=(6.7, 0.55 * len(labels) + 1.0))
        ys = list(range(len(labels)))[::-1]
        ax.barh(ys, central, color=ACCENT, height=0.55)
        ax.errorbar(
            central,
            ys,
            xerr=[
                [c - lo for c, lo in zip(central, low, strict=True)],
                [hi - c for c, hi in zip(central, high, strict=True)],
            ],
            fmt="none",
            ecolor=INK,
            elinewidth=1.1,
            capsize=3,
        )
        ax.set_yticks(ys, labels)
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
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
        ax.set_xlim(0, max(high) * 1.25)
        ax.grid(axis="y", visible=False)
        add_source(fig, source)
        plt.close(fig)
    return fig
