"""Saving a chart measures each text, and reads each font's line metrics, once; the shared
measurements change no byte."""

from __future__ import annotations

from matplotlib.backends.backend_svg import RendererSVG

from reportlib import charts, measuring
from reportlib.charts import Chart


def _chart() -> Chart:
    fig = charts.range_bars(
        ["first", "second"], [1.0, 2.0], [0.5, 1.5], [1.5, 2.5],
        title="A title", xlabel="persons", source="Source: a ledger",
    )  # fmt: skip
    return Chart(fig, caption="Two bars.", alt="Two bars.")


def test_a_saved_chart_measures_each_text_once(monkeypatch):
    measured: list[tuple[str, object]] = []
    own = RendererSVG.get_text_width_height_descent

    def counting(self, s, prop, ismath):
        measured.append((s, prop))
        return own(self, s, prop, ismath)

    monkeypatch.setattr(RendererSVG, "get_text_width_height_descent", counting)
    _chart().svg()
    assert measured, "the chart measured no text"
    assert len(measured) == len(set(measured)), "a text was measured twice"


def test_each_fonts_line_metrics_are_read_once(monkeypatch):
    read: list[tuple[object, float]] = []
    own = measuring._line_metrics

    def counting(prop, dpi):
        read.append((measuring._prop_key(prop), dpi))
        return own(prop, dpi)

    monkeypatch.setattr(measuring, "_line_metrics", counting)
    _chart().svg()
    assert read, "the chart's line metrics were not shared: each text looked its font up"
    assert len(read) == len(set(read)), "a font's line metrics were read twice"


def test_outside_a_save_matplotlib_measures_as_usual():
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(10, 10, 72)
    assert renderer._get_font_height_metrics(FontProperties()) == (None, None, None)


def test_shared_measurements_give_the_same_bytes(monkeypatch):
    shared = _chart().svg()
    monkeypatch.setattr(charts, "_text_measured_once", _alone)
    assert _chart().svg() == shared


def _alone(figure):
    from contextlib import nullcontext

    return nullcontext()
