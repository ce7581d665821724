"""Each scenario's brief, opened from disk in chromium: its facts shown, no math, no
literal Markdown, no console errors, no requests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from . import checks

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p.name for p in (ROOT / "reports").iterdir() if (p / "brief.html").exists())


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_brief_shows_its_facts_without_errors_or_requests(page, scenario):
    html = ROOT / "reports" / scenario / "brief.html"
    url = html.as_uri()
    page.goto(url)
    text = page.inner_text("body")
    facts = json.loads(html.with_suffix(".facts.json").read_text(encoding="utf-8"))
    math = page.eval_on_selector_all("math, mjx-container, .MathJax", "els => els.length")
    problems = checks.text_problems(scenario, text, math)
    problems += checks.fact_problems(scenario, text, [f["text"] for f in facts])
    assert not problems, "\n".join(problems)
    assert page.console_errors == []
    assert [r for r in page.requests if r != url] == []


REPORTS = sorted(
    p.relative_to(ROOT / "reports").as_posix()
    for p in [*ROOT.glob("reports/*.html"), *ROOT.glob("reports/*/*.html")]
)


@pytest.mark.parametrize("width", [390, 1280])
def test_no_report_scrolls_sideways(browser, width):
    """On a phone and on a laptop, no report is wider than the window: a long link (a
    source's URL) or word breaks instead of pushing the page sideways."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    wide = {}
    try:
        for name in REPORTS:
            page.goto((ROOT / "reports" / name).as_uri())
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                wide[name] = overflow
    finally:
        context.close()
    assert wide == {}, f"wider than {width} px by: {wide}"


def test_no_chart_scrolls_in_its_box_on_a_laptop(browser):
    """At 1280 px a chart whose smallest text needs more than the text column widens into
    the room beside it rather than scroll in its box (a phone still scrolls it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    boxed = {}
    try:
        for name in REPORTS:
            page.goto((ROOT / "reports" / name).as_uri())
            widths = page.evaluate(
                "() => [...document.querySelectorAll('.figure-scroll')]"
                ".filter(box => box.scrollWidth > box.clientWidth + 1)"
                ".map(box => `${box.scrollWidth}/${box.clientWidth}`)"
            )
            if widths:
                boxed[name] = widths
    finally:
        context.close()
    assert boxed == {}, f"charts that scroll in their box at 1280 px: {boxed}"
