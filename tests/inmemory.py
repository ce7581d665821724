"""Every report's views, run and audited in memory: the notebooks' code cells evaluated
against one shared analysis per scenario, their outputs rendered to the text a reader
sees (Markdown through the HTML exporter's pandoc, tables and figure captions as the HTML
report writes them), then traced by the audit and checked by the rules of consistency.

No papermill, no nbconvert, no Typst: a ledger is checked in seconds, so property tests
can try many of them (``tests/data/test_generated_ledgers.py``).
"""

from __future__ import annotations

import ast
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from reportlib.analysis.scenarios import load_scenarios
from reportlib.audit import (
    Finding,
    Inconsistency,
    check_facts,
    check_scenario,
    trace_text,
    verbatim_texts,
)
from reportlib.charts import Chart
from reportlib.exporters.markdown_html import markdown_cells_to_html
from reportlib.exporters.text import html_string_text
from reportlib.facts import META_KEY
from reportlib.formatting import reader_markdown
from reportlib.ledger import load_ledger
from reportlib.params import validate_params
from reportlib.paths import ProjectPaths
from reportlib.report import Report

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


@dataclass
class Rendered:
    """One report rendered in memory: its visible text, its facts and what the audit found."""

    name: str
    text: str
    facts: list[dict[str, Any]]
    untraced: list[Finding] = field(default_factory=list)
    inconsistent: list[Inconsistency] = field(default_factory=list)


def _cells(notebook: str) -> list[str]:
    """The notebook's code cells after its parameters cell and the cell opening the report."""
    nb = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    at = next(i for i, s in enumerate(code) if "open_report(" in s)
    return [code[at].split("report = open_report(")[0], *code[at + 1 :]]


def _run(source: str, namespace: dict[str, Any]) -> Any:
    """Run a cell; return the value of its last expression, as IPython shows it."""
    tree = ast.parse(source)
    if not tree.body:
        return None
    last = tree.body[-1]
    if isinstance(last, ast.Expr):
        exec(compile(ast.Module(tree.body[:-1], []), "<cell>", "exec"), namespace)
        return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
    exec(compile(tree, "<cell>", "exec"), namespace)
    return None


def _output(value: Any, draw_charts: bool) -> tuple[str, str, list[dict[str, Any]]]:
    """(kind, content, facts) of a cell's value: ``markdown`` or ``html`` content."""
    if isinstance(value, Chart):
        if draw_charts:
            value.svg()
        caption = f"<figure><figcaption>{html.escape(value.shown_caption)}</figcaption></figure>"
        return "html", caption, [f.as_dict() for f in value.facts]
    data, metadata = value._repr_mimebundle_()
    facts = list(metadata.get(META_KEY, {}).get("facts", []))
    if "text/markdown" in data:
        return "markdown", data["text/markdown"], facts
    return "html", data["text/html"], facts


def render_scenario(
    root: Path, scenario: str, notebooks: list[str], draw_charts: bool = False, **params: Any
) -> dict[str, Rendered]:
    """Each notebook's report for ``scenario`` in the project at ``root``, audited."""
    paths = ProjectPaths(root)
    ledger = load_ledger(paths.data, root)
    scenarios = load_scenarios(paths.data)
    valid = validate_params(scenarios=scenarios, scenario=scenario, **params)
    analysis = None
    outputs: dict[str, list[tuple[str, str, list[dict[str, Any]]]]] = {}
    for notebook in notebooks:
        report = Report(params=valid, ledger=ledger, scenario=scenarios[scenario], paths=paths)
        if analysis is not None:
            report.__dict__["analysis"] = analysis  # one analysis, as every report computes it
        namespace: dict[str, Any] = {}
        cells = _cells(notebook)
        _run(cells[0], namespace)
        namespace["report"] = report
        shown = []
        for source in cells[1:]:
            value = _run(source, namespace)
            if value is not None:
                shown.append(_output(value, draw_charts))
        analysis = report.__dict__.get("analysis", analysis)
        outputs[notebook] = shown
    markdown = [
        reader_markdown(c) for out in outputs.values() for k, c, _ in out if k == "markdown"
    ]
    unique = list(dict.fromkeys(markdown))
    as_html = dict(zip(unique, markdown_cells_to_html(unique), strict=True))
    verbatim_texts.cache_clear()  # a test may write another ledger at the same path
    verbatim = verbatim_texts(paths.data)
    rendered: dict[str, Rendered] = {}
    for notebook, shown in outputs.items():
        name = f"{scenario}/{notebook}"
        pieces = [as_html[reader_markdown(c)] if k == "markdown" else c for k, c, _ in shown]
        seen: set[tuple[str, str]] = set()
        facts = []
        for _, _, fs in shown:
            for f in fs:
                if (f["key"], f["text"]) not in seen:
                    seen.add((f["key"], f["text"]))
                    facts.append(f)
        text = html_string_text("\n".join(pieces))
        found = trace_text(name, text, facts, verbatim)
        rendered[notebook] = Rendered(
            name, text, facts, [f for f in found if not f.ok], check_facts(name, facts)
        )
    across = check_scenario({r.name: r.facts for r in rendered.values()})
    for r in rendered.values():
        r.inconsistent += [i for i in across if i.report == r.name]
    return rendered
