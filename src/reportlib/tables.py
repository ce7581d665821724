"""Report tables: a DataFrame with a caption, shown as a clean HTML table.

A plain DataFrame shows an index and pandas' own styling; a ``Table`` shows only its
columns, escapes every cell (ledger text is data, never markup) and keeps the DataFrame
in ``.frame`` for exploration. Every cell says its alignment (``text-align: left`` for
text, ``right`` for numbers), because JupyterLab right-aligns every cell by default, and
pandoc reads the same style into the PDF's column alignment. The table is marked
``mathjax_ignore`` so JupyterLab never typesets two currency signs as math.

A table with no rows is never drawn as an empty grid: it shows ``empty``, the sentence
saying what is missing ("No troop numbers to list by 1 February 2025."), as Markdown,
on every surface. Every table must say it (a required keyword): the view that builds the
table is the one place that knows what its rows would have been.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from .facts import META_KEY, Fact, Prose
from .formatting import MATH_IGNORE, breakable


@dataclass
class Table:
    frame: pd.DataFrame
    caption: str = ""
    numeric: tuple[str, ...] = field(default_factory=tuple)
    facts: list[Fact] = field(default_factory=list)
    #: what a reader is told instead of an empty table (Markdown of the house dialect)
    empty: str = field(kw_only=True)

    def __post_init__(self) -> None:
        if not self.empty.strip():
            raise ValueError(
                f"Table {self.caption!r}: expected the sentence shown when it has no rows "
                "(empty=...), found none"
            )

    @property
    def has_rows(self) -> bool:
        return len(self.frame.index) > 0

    def _repr_mimebundle_(self, include=None, exclude=None):
        if not self.has_rows:
            return Prose(self.empty, list(self.facts))._repr_mimebundle_(include, exclude)
        text = self.frame.to_string(index=False)
        return (
            {"text/html": self._repr_html_(), "text/plain": text},
            {META_KEY: {"facts": [f.as_dict() for f in self.facts]}},
        )

    def _repr_html_(self) -> str | None:
        """The table as HTML; None with no rows (IPython adds every format an object has to
        its mimebundle: an empty grid here would stand beside the sentence, and win)."""
        if not self.has_rows:
            return None
        cols = list(self.frame.columns)

        def cell(tag: str, col: str, text: object) -> str:
            # numbers right; words left, even in a numeric column ("not available")
            number = tag == "th" or any(ch.isdigit() for ch in str(text))
            align = "right" if col in self.numeric and number else "left"
            escaped = html.escape(breakable(str(text)))
            return f'<{tag} style="text-align: {align}">{escaped}</{tag}>'

        head = "".join(cell("th", c, c) for c in cols)
        body = "\n".join(
            "<tr>" + "".join(cell("td", c, row[c]) for c in cols) + "</tr>"
            for _, row in self.frame.iterrows()
        )
        caption = (
            f'<caption style="text-align: left">{html.escape(self.caption)}</caption>'
            if self.caption
            else ""
        )
        return (
            f'<table class="report-table {MATH_IGNORE}">{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>\n{body}\n</tbody></table>"
        )
