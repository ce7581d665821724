"""Each scenario's brief, opened from disk in chromium: no console errors, no requests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p.name for p in (ROOT / "reports").iterdir() if (p / "brief.html").exists())


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_brief_shows_its_facts_without_errors_or_requests(page, scenario):
    html = ROOT / "reports" / scenario / "brief.html"
    url = html.as_uri()
    page.goto(url)
    text = page.inner_text("body")
    facts = json.loads(html.with_suffix(".facts.json").read_text(encoding="utf-8"))
    missing = [f["text"] for f in facts if f["text"] and f["text"] not in text]
    assert not missing, f"{scenario}: fact texts not shown: {missing[:5]}"
    assert page.console_errors == []
    assert [r for r in page.requests if r != url] == []
