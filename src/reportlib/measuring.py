"""Text measured once while a chart is saved (``measured_once``): the same numbers, so the
same bytes, for less work.

Saving a figure with ``bbox_inches="tight"``, matplotlib lays it out with one renderer to
find its bounds and draws it with another of the same kind and resolution, and each
lays out every text again: its size (``_get_text_metrics_function``) and its font's
line metrics (the ascent, descent and line gap from the font's OS/2 or hhea table, found
by looking the font up again for every text on every pass). Within ``measured_once``
both are computed once per text, font and resolution and shared; outside it, matplotlib
measures as it always does. Per thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib.text as mtext
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.font_manager import FontProperties, fontManager, get_font

__all__ = ["measured_once"]

_measuring = threading.local()
_MEASURE = "_get_text_metrics_function"  # matplotlib.text's per-renderer measuring (3.6+)
_measure_alone = getattr(mtext, _MEASURE)
# A renderer's own line metrics, which ``Text._get_layout`` asks for where a renderer has
# them (matplotlib's PDF and PostScript renderers do); None values: measure as usual.
_HEIGHTS = "_get_font_height_metrics"
# The tables ``Text._get_layout`` reads, in its order: (table, line gap, ascent, descent)
_LINE_TABLES = (
    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
    ("hhea", "lineGap", "ascent", "descent"),
)


def _text_metrics_function(renderer: Any) -> Any:
    """Matplotlib's text measuring for ``renderer``, shared by every renderer of the same
    kind while a chart is saved (``measured_once``), else matplotlib's own."""
    shared = getattr(_measuring, "cache", None)
    if shared is None:
        return _measure_alone(renderer)

    def metrics(text, fontprop, ismath, dpi):
        key = (type(renderer), getattr(renderer, "dpi", None), text, fontprop, ismath, dpi)
        if key not in shared:
            shared[key] = renderer.get_text_width_height_descent(text, fontprop, ismath)
        return shared[key]

    return metrics


def _prop_key(prop: FontProperties) -> tuple[Any, ...]:
    """What a font's line metrics depend on, read now (a FontProperties can change)."""
    return (
        tuple(prop.get_family()),
        prop.get_slant(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_size_in_points(),
        prop.get_file(),
        prop.get_math_fontfamily(),
    )


def _line_metrics(prop: FontProperties, dpi: float) -> tuple[Any, Any, Any]:
    """(ascent, descent, line gap) as ``Text._get_layout`` computes them, the same
    expressions in the same order, so the same floats."""
    font: Any = get_font(fontManager._find_fonts_by_props(prop))  # typed per table name
    for table_name, linegap_key, ascent_key, descent_key in _LINE_TABLES:
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        fontsize = prop.get_size_in_points()
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
        scale = 1 / units_per_em * fontsize * dpi / 72
        line_gap = table[linegap_key] * scale
        min_ascent = table[ascent_key] * scale
        min_descent = -table[descent_key] * scale
        return min_ascent, min_descent, line_gap
    return None, None, None


def _font_height_metrics(renderer: Any, prop: FontProperties) -> tuple[Any, Any, Any]:
    """A text's line metrics, once per font and resolution while a chart is saved; None
    values (matplotlib measures) otherwise."""
    state = getattr(_measuring, "heights", None)
    if state is None:
        return None, None, None
    cache, figure = state
    dpi = figure.dpi  # the saved figure's: every text's root figure while it is saved
    key = (_prop_key(prop), dpi)
    if key not in cache:
        cache[key] = _line_metrics(prop, dpi)
    return cache[key]


setattr(mtext, _MEASURE, _text_metrics_function)
for _renderer in (RendererSVG, RendererAgg):
    if not hasattr(_renderer, _HEIGHTS):
        setattr(_renderer, _HEIGHTS, _font_height_metrics)


@contextmanager
def measured_once(figure: Any) -> Iterator[None]:
    """While ``figure`` is saved, each text's size and each font's line metrics are
    measured once and shared by the layout and drawing passes."""
    outer = getattr(_measuring, "cache", None), getattr(_measuring, "heights", None)
    _measuring.cache = {} if outer[0] is None else outer[0]
    _measuring.heights = ({} if outer[1] is None else outer[1][0], figure)
    try:
        yield
    finally:
        _measuring.cache, _measuring.heights = outer
