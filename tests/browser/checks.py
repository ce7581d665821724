"""What the browser tier asserts about rendered text, as pure functions (tested by plants).

A reader must never see rendered math (our Markdown has none: a dollar is a currency
sign), Markdown or pandoc syntax left as literal text (``:::``, ``**``, ``\\$``), or a dollar
sign that is not followed by an amount (a math pair shown literally). Every output that
carries facts shows each fact's text verbatim.
"""

from __future__ import annotations

import re
from typing import Any

LITERAL = (":::", "**", "\\$")
STRAY_DOLLAR = re.compile(r"\$(?!\d)")


#: typographic quotes as straight ones: pandoc curls a fact's apostrophe ("sources' wording"),
#: as the audit allows (``audit._norm``)
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalise(text: str) -> str:
    """Visible text with zero-width break hints removed, typographic quotes made straight
    and whitespace folded."""
    return re.sub(r"\s+", " ", text.replace("\u200b", "").translate(QUOTES)).strip()


def text_problems(where: str, text: str, math: int = 0) -> list[str]:
    """Problems in one piece of rendered text (a Markdown cell, an output, a page)."""
    out = []
    if math:
        out.append(f"{where}: {math} rendered math element(s)")
    for mark in LITERAL:
        if mark in text:
            at = text.index(mark)
            out.append(f"{where}: literal {mark!r} in {text[max(0, at - 40) : at + 40]!r}")
    for m in STRAY_DOLLAR.finditer(text):
        out.append(
            f"{where}: a '$' not followed by an amount in "
            f"{text[max(0, m.start() - 40) : m.start() + 40]!r}"
        )
    return out


def fact_problems(where: str, text: str, facts: list[str]) -> list[str]:
    shown = normalise(text)
    return [f"{where}: fact text {f!r} not shown" for f in facts if f and normalise(f) not in shown]


def output_facts(saved_nb: dict[str, Any]) -> list[list[list[str]]]:
    """For each cell of a saved notebook, for each output, the texts of its facts."""
    out = []
    for cell in saved_nb["cells"]:
        per_output = []
        for output in cell.get("outputs", []):
            facts = output.get("metadata", {}).get("reportlib", {}).get("facts", [])
            per_output.append([f["text"] for f in facts])
        out.append(per_output)
    return out


def notebook_problems(cells: list[dict[str, Any]], facts: list[list[list[str]]]) -> list[str]:
    """Everything wrong with a notebook as JupyterLab rendered it (``lab.READ_CELLS``),
    given the facts each output carries (``output_facts`` of the same run, saved)."""
    problems = []
    if len(cells) != len(facts):
        return [f"{len(cells)} cells rendered, {len(facts)} saved"]
    for i, (cell, cell_facts) in enumerate(zip(cells, facts, strict=True)):
        problems += [f"cell {i}: error output {e}" for e in cell["errors"]]
        if cell["type"] == "markdown":
            problems += text_problems(f"cell {i}", cell["text"], cell["math"])
            continue
        if len(cell["outputs"]) != len(cell_facts):
            problems.append(
                f"cell {i}: {len(cell['outputs'])} outputs rendered, {len(cell_facts)} saved"
            )
            continue
        for j, (output, texts) in enumerate(zip(cell["outputs"], cell_facts, strict=True)):
            where = f"cell {i} output {j}"
            problems += text_problems(where, output["text"], output["math"])
            problems += fact_problems(where, output["text"], texts)
    return problems
