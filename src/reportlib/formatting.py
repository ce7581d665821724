"""One formatting policy for every number a reader sees: prose, tables, charts, audit.

Counts of people: thousands separators, rounded to the nearest 100 when 10,000 or more
and to the nearest 10 when 1,000 or more (sources give round figures; more digits would
claim a precision nobody has). Money: US dollars in millions or billions with two
significant figures (US$3.0 billion, US$19 billion, US$280 million). Shares: whole
percent. Ranges: "low–high" in the same style.

A bound ("more than US$200 million", "up to US$20 billion") is rounded in the safe
direction, never the nearest: a floor down, a ceiling up (``BOUNDS``), so the printed
figure never says more than its source (US$1,667 "more than" prints "more than US$1,660",
not "more than US$1,700"); a bound keeps a third significant figure where two would move
it by more than ``BOUND_SLACK`` (20.1 billion "up to" prints "up to US$20.1 billion", not
"up to US$21 billion").
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Literal

QUALIFIER_WORDS = {
    "": "",
    "exact": "",
    "range": "",
    "additional": "an additional",
}


#: Which way a rounding goes: to the nearest, or safe for a bound (a floor ``down``, a
#: ceiling ``up``).
Direction = Literal["nearest", "down", "up"]
#: The one rule for bounds: the qualifiers that make a figure a floor or a ceiling, and the
#: way each is rounded so the printed figure never overstates it. ``reportlib check``
#: holds ``data/qualifiers.csv`` to it (a floor's range reaches only up, a ceiling's down).
BOUNDS: dict[str, Direction] = {
    "more than": "down",
    "at least": "down",
    "up to": "up",
    "nearly": "up",
    "fewer than": "up",
}
_MODES = {"nearest": ROUND_HALF_EVEN, "down": ROUND_FLOOR, "up": ROUND_CEILING}


def bound_direction(qualifier: object) -> Direction:
    """How a figure with ``qualifier`` is rounded: ``down`` for a floor, ``up`` for a
    ceiling, else ``nearest``."""
    return BOUNDS.get(str(qualifier), "nearest")


#: significant digits a computed value is read to before a bound is rounded: arithmetic's
#: binary noise (20.1 / 3.0 = 6.700000000000001) must not push a ceiling up a step
NOISE_DIGITS = 12


def _decimal(value: float) -> Decimal:
    """``value`` as the decimal it stands for, to ``NOISE_DIGITS`` significant digits."""
    exact = Decimal(repr(float(value)))
    if exact == 0:
        return exact
    return exact.quantize(Decimal(1).scaleb(exact.adjusted() - NOISE_DIGITS + 1))


def _round_at(value: float, exponent: int, direction: Direction) -> float:
    """``value`` rounded to a multiple of 10**``exponent``, in decimal (a floor of 0.29
    stays 0.29, never the 0.2899... of its binary form)."""
    step = Decimal(1).scaleb(exponent)
    return float(_decimal(value).quantize(step, rounding=_MODES[direction]))


def round_sig(value: float, digits: int = 2, direction: Direction = "nearest") -> float:
    """``value`` rounded to ``digits`` significant figures (``direction``: see ``BOUNDS``)."""
    if value == 0 or not math.isfinite(value):
        return value
    if direction == "nearest":
        return round(value, digits - 1 - math.floor(math.log10(abs(value))))
    return _round_at(value, math.floor(math.log10(abs(value))) - digits + 1, direction)


def fmt_count(value: float, direction: Direction = "nearest") -> str:
    """People and other counts: 10,000 · 3,600 · 512 · 2."""
    v = abs(value)
    exponent = 2 if v >= 10_000 else (1 if v >= 1_000 else 0)
    if direction != "nearest":
        return f"{_round_at(value, exponent, direction):,.0f}"
    if exponent:
        value = round(value, -exponent)
    return f"{value:,.0f}"


def fmt_estimate(value: float) -> str:
    """A computed count (a median of simulated values): two significant figures below
    10,000, three from there (6,358 -> 6,400; 11,298 -> 11,300), so a derived figure never
    claims more precision than the counts it comes from."""
    digits = 2 if abs(value) < 10_000 else 3
    return f"{round_sig(value, digits):,.0f}"


#: how far rounding a bound the safe way may move it before it keeps a third significant
#: figure (a ceiling of 20.1 rounded up to two figures, 21, would say 4% more)
BOUND_SLACK = 0.02


def _sig_text(x: float, digits: int = 2) -> str:
    """A number already rounded to ``digits`` significant figures, without spurious
    digits: 3.0 · 19 · 20.1 · 1,660."""
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x)))) if x else 0
    return f"{x:,.{decimals}f}"


def fmt_usd(value: float, direction: Direction = "nearest") -> str:
    """US$3.0 billion · US$19 billion · US$2.5 million · US$280,000 · US$2,000; a bound
    the safe way, to three figures where two would move it more than ``BOUND_SLACK``."""
    digits = 2
    rounded = round_sig(value, digits, direction)
    if direction != "nearest" and abs(rounded - value) > BOUND_SLACK * abs(value):
        digits = 3
        rounded = round_sig(value, digits, direction)
    if abs(rounded) >= 1e9:
        return f"US${_sig_text(rounded / 1e9, digits)} billion"
    if abs(rounded) >= 1e6:
        return f"US${_sig_text(rounded / 1e6, digits)} million"
    if direction != "nearest":  # whole dollars, still the safe way
        rounded = _round_at(rounded, 0, direction)
    return f"US${rounded:,.0f}"


def fmt_share(value: float, direction: Direction = "nearest") -> str:
    """30% (a share 0–1 shown as whole percent; below 1% with one decimal)."""
    pct = value * 100
    if direction != "nearest" and math.isfinite(pct):
        # in decimal, so a floor of 0.29 stays 29%, never the 28.999... of a binary product
        exact = _decimal(value) * 100
        small = 0 < abs(exact) < 1
        pct = float(exact.quantize(Decimal("0.1") if small else Decimal(1), _MODES[direction]))
        if 0 < abs(pct) < 1 or (small and pct == 0):
            return f"{pct:.1f}%"
        return f"{pct:.0f}%"
    return f"{pct:.1f}%" if 0 < abs(pct) < 1 else f"{pct:.0f}%"


def fmt_value(value: float, unit: str, direction: Direction = "nearest") -> str:
    """Format a value in its ledger unit, rounded to the nearest or, for a bound, in the
    safe ``direction`` (``BOUNDS``)."""
    if unit == "USD":
        return fmt_usd(value, direction)
    if unit in ("share", "rate"):
        return fmt_share(value, direction)
    if unit == "USD/person-month":
        return f"{fmt_usd(value, direction)} a month"
    if unit in ("months", "years"):
        n = round(value) if direction == "nearest" else int(_round_at(value, 0, direction))
        return f"{n:,d} {unit[:-1] if n == 1 else unit}"
    if unit == "multiple":
        if value >= 10:
            return f"{round_sig(value, 2, direction):,.0f} times"
        tenth = round(value, 1) if direction == "nearest" else _round_at(value, -1, direction)
        return f"{tenth:.1f} times"
    return fmt_count(value, direction)


def fmt_bound(value: float, qualifier: object, unit: str) -> str:
    """A figure with its hedge, rounded the safe way for it ("more than US$1,660" for
    1,667 more than; "up to 5.6 times" for 5.58 up to); a figure that is no bound is
    rounded to the nearest and shown without a word."""
    direction = bound_direction(qualifier)
    number = fmt_value(value, unit, direction)
    return number if direction == "nearest" else f"{qualifier} {number}"


_ENDS = re.compile(r"^(US\$)?(-?[\d,.]+)(.*)$")


def fmt_range(low: float, high: float, unit: str) -> str:
    """A range in the unit's style, its currency and unit words said once where both ends
    share them ("US$1,800–2,200 a month", "US$2.7–3.3 billion", "17–21 times"); one value
    when both ends format alike."""
    return join_range(fmt_value(low, unit), fmt_value(high, unit))


def join_range(a: str, b: str) -> str:
    """Two formatted ends as one range, sharing currency and unit words (``fmt_range``)."""
    if a == b:
        return a
    ma, mb = _ENDS.match(a), _ENDS.match(b)
    if ma and mb and ma[1] == mb[1] and ma[3] == mb[3] and ma[3].strip():
        return f"{ma[1] or ''}{ma[2]}–{mb[2]}{ma[3]}"
    return f"{a}–{b}"


def fmt_stated(
    value: float, qualifier: str, unit: str, low: float | None = None, high: float | None = None
) -> str:
    """A claim as its source stated it: "more than 10,000", "about US$3.0 billion",
    "between US$1.7 billion and US$5.5 billion" (a stated range keeps both ends),
    "thousands" (a vague count)."""
    if qualifier == "range" and low is not None and high is not None and low != high:
        return f"between {fmt_value(low, unit)} and {fmt_value(high, unit)}"
    if qualifier == "thousands":
        return "thousands"
    word = QUALIFIER_WORDS.get(qualifier, qualifier)
    number = fmt_value(value, unit, bound_direction(qualifier))
    return f"{word} {number}".strip()


_MD_SPECIAL = "\\`*_{}[]()<>#+-.!|$~^&'\"@"


def breakable(text: str, every: int = 30) -> str:
    """Insert zero-width spaces into runs of more than ``every`` characters with no space,
    so a very long word or URL can wrap instead of running off the page."""
    return re.sub(
        rf"\S{{{every + 1},}}",
        lambda m: "\u200b".join(m.group()[i : i + every] for i in range(0, len(m.group()), every)),
        text,
    )


MATH_IGNORE = "mathjax_ignore"  # MathJax 3's class for "never typeset in here" (JupyterLab)


def no_math(markdown: str) -> str:
    """``markdown`` with every ``$`` not already escaped written ``\\$``: the reports' Markdown
    has no math, and a dollar is always a currency sign (pandoc and marked both read
    ``\\$`` as a literal dollar)."""
    return re.sub(r"\\.|\$", lambda m: "\\$" if m.group() == "$" else m.group(), markdown)


def reader_markdown(markdown: str) -> str:
    """Markdown as every surface should read it: currency escaped, and, where a dollar
    occurs, wrapped in a ``mathjax_ignore`` block, because JupyterLab typesets ``$...$``
    in the rendered page even after Markdown has unescaped ``\\$``. The wrapper is plain
    HTML (a ``div`` with blank lines inside) that marked, pandoc's HTML path and
    pandoc's Typst path all read as a container of Markdown."""
    text = no_math(markdown)
    if "$" not in text:
        return text
    return f'<div class="{MATH_IGNORE}">\n\n{text}\n\n</div>'


def plain(markdown: str) -> str:
    """Text ``md`` escaped, as plain text again (a chart's caption is not Markdown)."""
    return re.sub(r"\\([" + re.escape("".join(sorted(_MD_SPECIAL))) + "])", r"\1", markdown)


def md(text: object) -> str:
    """Ledger text made literal in Markdown: every Markdown, HTML and math character is
    escaped, so a claimant or note is shown as written and never interpreted; very long
    words are made breakable."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in breakable(str(text)))
