"""The report site: navigation from the catalogue, the outline, the landing page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from reportlib.builds.catalogue import Job
from reportlib.builds.planning import navigation
from reportlib.builds.site import write_site
from reportlib.exporters.html_exporter import OUTLINE_MARK, with_outline
from reportlib.exporters.text import html_string_text

ROOT = Path(__file__).resolve().parents[2]
JOBS = [Job(nb, sc) for nb in ("a", "b", "c") for sc in ("x", "y")]
TITLES = {"a": "Report A", "b": "Report B", "c": "Report C"}
SCENARIOS = {"x": "Scenario X", "y": "Scenario Y"}


def test_navigation_links_home_the_other_scenarios_and_the_neighbours():
    nav = navigation(Job("b", "y"), JOBS, TITLES, SCENARIOS, search=True)
    assert nav["home"] == "../index.html"
    assert nav["search"] == "../search.html"
    assert nav["previous"] == {"href": "a.html", "title": "Report A"}
    assert nav["next"] == {"href": "c.html", "title": "Report C"}
    assert nav["scenarios"] == [
        {"href": "../x/b.html", "title": "Scenario X", "current": False},
        {"href": "../y/b.html", "title": "Scenario Y", "current": True},
    ]


def test_navigation_at_the_ends_of_the_catalogue_and_without_search():
    first = navigation(Job("a", "x"), JOBS, TITLES, SCENARIOS)
    last = navigation(Job("c", "x"), JOBS, TITLES, SCENARIOS)
    assert first["previous"] is None and first["next"]["href"] == "b.html"
    assert last["next"] is None and last["search"] is None


def test_outline_lists_the_sections_and_anchors_those_without_one():
    page = (
        f'<body>{OUTLINE_MARK}<main><h1>T</h1><h2 id="one">One</h2>'
        "<h2>What <em>changed</em></h2><h2>One</h2></main></body>"
    )
    out = with_outline(page)
    assert '<li><a href="#one">One</a></li>' in out
    assert '<li><a href="#what-changed">What changed</a></li>' in out
    assert '<h2 id="what-changed">What <em>changed</em></h2>' in out
    assert '<h2 id="one-2">One</h2>' in out  # a duplicate gets its own anchor
    assert OUTLINE_MARK not in out


def test_a_page_without_the_mark_is_left_alone():
    assert with_outline("<h2>x</h2>") == "<h2>x</h2>"


def _site(tmp_path: Path) -> tuple[Path, list[dict]]:
    """A project copy whose reports/ holds the committed reports."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for folder in ("data", "notebooks", "reports"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns(".*"))
    (root / "reports" / "index.html").unlink()
    entries = json.loads((root / "reports" / "manifest.json").read_text())["reports"]
    return root, entries


def test_landing_page_shows_each_scenario_newest_first_and_traces_its_numbers(tmp_path):
    from reportlib.analysis.scenarios import load_scenarios
    from reportlib.paths import ProjectPaths

    root, entries = _site(tmp_path)
    paths = ProjectPaths(root)
    titles = {n: s.title for n, s in load_scenarios(paths.data).items()}
    assert write_site(paths, entries, titles) == []
    page = paths.index.read_text()
    text = html_string_text(page)
    assert text.index("Latest reporting") < text.index("The article alone")
    assert page.count("<strong>Bottom line.</strong>") == 3
    assert page.count('<div class="keybox">') == 3
    assert page.count('<details class="judgments" open>') == 1  # the newest scenario's
    assert "Latest reporting" in text.split("As of")[0]
    # every report by its title, with HTML, PDF and the PDF's page count
    assert "The human cost: casualty estimates by source" in text
    assert "01_deployment" not in text
    facts = json.loads((paths.reports / "index.facts.json").read_text())
    assert len(facts) == len(entries)
    for fact in facts[:3]:
        assert f"PDF ({fact['text']} pages)" in text
    # unchanged inputs: the page is not rewritten
    stamp = paths.index.stat().st_mtime_ns
    assert write_site(paths, entries, titles) == []
    assert paths.index.stat().st_mtime_ns == stamp


def test_landing_page_fails_on_a_number_that_traces_to_nothing(tmp_path):
    from reportlib.paths import ProjectPaths

    root, entries = _site(tmp_path)
    # the brief's facts lack the casualty rate its view draws for the page
    facts_path = root / "reports" / "latest" / "brief.facts.json"
    facts = json.loads(facts_path.read_text())
    shown = next(f["text"] for f in facts if f["key"] == "metric:casualty_rate:central")
    facts = [f for f in facts if not f["key"].startswith("metric:casualty_rate:")]
    facts_path.write_text(json.dumps(facts))
    problems = write_site(ProjectPaths(root), entries, {})
    assert problems and all(p.startswith("40 in index.html (latest)") for p in problems)
    assert shown == "40%"


def test_landing_page_resolves_every_citation_and_has_an_icon(tmp_path):
    from reportlib.paths import ProjectPaths

    root, entries = _site(tmp_path)
    paths = ProjectPaths(root)
    assert write_site(paths, entries, {}) == []
    page = paths.index.read_text()
    assert '<link rel="icon" href="data:image/svg+xml' in page
    text = html_string_text(page)
    assert re.search(r"\(KIDA\) \[\d+\]", text) and "Sources cited above" in text
    # no feed link before a feed exists
    assert "feed.xml" not in page
