"""What the landing page, the editions and the what-if pages quote from a scenario's
brief: its bottom line, its key judgments and the sources they cite, drawn by the brief's
own views for the parameters the brief was rendered with (never read back from its HTML).

The views are the same code the brief runs with the same draws and seed, so every figure
here is one of the brief's facts; the page is still audited against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..paths import ProjectPaths


@dataclass(frozen=True)
class Source:
    """One source a quoted part cites, numbered as the brief numbers it."""

    number: int
    publisher: str
    title: str
    date: str
    url: str | None


@dataclass(frozen=True)
class Summary:
    """A brief's bottom line and key judgments, as HTML, with the facts they show."""

    bottom_line: str  # HTML: one paragraph
    finding: str  # HTML: the brief's finding, one sentence ("" where it has none)
    judgments: str  # HTML: the numbered list of key judgments
    bottom_line_text: str  # the bottom line as plain text (a feed entry, edition.json)
    sources: list[Source] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)


def summary_of(paths: ProjectPaths, parameters: dict[str, Any]) -> Summary:
    """The brief's bottom line and key judgments for these parameters (a manifest
    entry's ``parameters``); a build computes it while its reports run (``prefetch``)."""
    from .prefetch import value

    return value("summary", paths, parameters, compute_summary)


def compute_summary(paths: ProjectPaths, parameters: dict[str, Any]) -> Summary:
    """``summary_of``, computed now."""
    from ..exporters.markdown_html import markdown_cells_to_html
    from ..exporters.text import html_string_text
    from ..formatting import no_math
    from ..views import brief, brief_judgments
    from ..views.common import source_title

    report = _report(parameters, paths)
    lead = brief.finding_sentence(report)
    bottom = brief.bluf(report)
    judgments = brief_judgments.key_judgments(report)
    cited = [report.source(sid) for sid in report.cited]
    lead_html, bottom_html, judgments_html, *titles = markdown_cells_to_html(
        [no_math(lead.text), no_math(bottom.text), no_math(judgments.text)]
        + [source_title(s) for s in cited]
    )
    sources = [
        Source(
            number,
            str(s.publisher),
            html_string_text(title).strip(),
            str(s.date),
            s.url if isinstance(s.url, str) and s.url else None,
        )
        for number, (s, title) in enumerate(zip(cited, titles, strict=True), start=1)
    ]
    return Summary(
        bottom_html,
        lead_html if lead.text else "",
        _inner_list(judgments_html),
        _uncited(html_string_text(bottom_html)),
        sources,
        [f.as_dict() for f in [*lead.facts, *bottom.facts, *judgments.facts]],
    )


def _report(parameters: dict[str, Any], paths: ProjectPaths) -> Any:
    from ..analysis.scenarios import first_report, load_scenarios
    from ..params import validate_params
    from ..report import load_report

    params = validate_params(
        scenarios=load_scenarios(paths.data), first_report=first_report(paths.data), **parameters
    )
    return load_report(params, paths)


def _uncited(text: str) -> str:
    """Plain text without the brief's citation markers ("[1]"): out of the brief (a feed
    entry, an editions page) there is no source list for them to point into."""
    return re.sub(r"\s*\[\d+(?:,\s*\d+)*\]", "", text).strip()


def _inner_list(html: str) -> str:
    """The key-judgments list without the box the brief draws around it (the page draws
    its own)."""
    start = html.find("<ol")
    end = html.rfind("</ol>")
    return html[start : end + len("</ol>")] if start >= 0 and end > start else html
