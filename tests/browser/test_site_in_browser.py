"""The report site as a reader meets it, over HTTP on 127.0.0.1 (``reportlib serve``'s
server): the landing page, the navigation between reports and scenarios, search from a
query to a section, the feed; every page passes axe-core; no request leaves 127.0.0.1.

The site is a copy of the committed reports/ with one edition published and its search
index built by Pagefind (both generated here, not committed), served by the server
``reportlib serve`` uses, started by this module on a free port.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .test_accessibility import RULES, _describe

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((ROOT / "reports" / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    """The base URL of a served copy of reports/, with its search index."""
    from reportlib.builds.publishing import publish
    from reportlib.builds.search import index_site
    from reportlib.builds.serving import make_server
    from reportlib.paths import ProjectPaths

    root = tmp_path_factory.mktemp("site")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for folder in ("data", "notebooks", "reports"):
        shutil.copytree(
            ROOT / folder,
            root / folder,
            ignore=shutil.ignore_patterns(".*", "pagefind", "editions", "feed.xml"),
        )
    paths = ProjectPaths(root)
    from tests.helpers import record_as_built

    record_as_built(paths)  # the committed reports, as a build of this checkout records them
    assert publish(paths).problems == []  # an edition, so the archive and feed show
    assert index_site(paths, MANIFEST["reports"])
    server = make_server(paths.reports)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _local_only(page) -> list[str]:
    return [u for u in page.requests if urlparse(u).hostname not in ("127.0.0.1", None)]


def _axe(page, axe_source: str, name: str) -> None:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "rules => axe.run(document, "
        "{runOnly: {type: 'tag', values: rules}, resultTypes: ['violations']})",
        RULES,
    )
    assert not result["violations"], f"{name}: " + _describe(result["violations"])


def test_landing_page_lists_each_scenario_and_every_report_by_title(page, site, axe_source):
    page.goto(site)
    headings = page.eval_on_selector_all("main h2", "els => els.map(e => e.textContent)")
    assert headings[0] == "Latest reporting"  # the newest as-of date first
    text = page.inner_text("main")
    assert text.count("Bottom line.") == 3
    assert "01_deployment" not in text and "brief" not in text.lower().split()
    links = page.eval_on_selector_all("ul.reports a", "els => els.map(e => e.href)")
    assert len([u for u in links if u.endswith(".pdf")]) == len(MANIFEST["reports"])
    # every link on the page resolves
    for url in set(links):
        assert page.request.get(url).ok, url
    assert page.console_errors == [] and _local_only(page) == []
    _axe(page, axe_source, "index.html")


def test_navigation_between_reports_and_scenarios(page, site):
    page.goto(site)
    page.click("text=The human cost: casualty estimates by source >> nth=0")
    assert page.url == site + "latest/02_casualties.html"
    page.click("a[rel=next]")
    assert page.url == site + "latest/03_cost_benefit.html"
    page.click("a[rel=prev]")
    page.click(".site-scenarios >> text=The article alone")
    assert page.url == site + "article/02_casualties.html"
    current = page.get_attribute(".site-scenarios [aria-current=page]", "href")
    assert current == "../article/02_casualties.html"
    # the outline leads to its sections
    page.click(".report-outline >> text=The drone factor")
    assert page.url.endswith("#the-drone-factor")
    page.click("text=All reports")
    assert page.url == site + "index.html"
    assert page.console_errors == [] and _local_only(page) == []


def test_navigation_is_not_printed(page, site):
    page.goto(site + "latest/brief.html")
    page.emulate_media(media="print")
    for selector in (".site-header", ".report-outline", ".site-pager"):
        assert not page.is_visible(selector), selector
    assert page.is_visible("main h1")


def test_search_from_a_query_to_its_section(page, site, axe_source):
    page.goto(site + "latest/brief.html")
    page.fill("#site-search-q", "drone")
    page.click(".site-search button")
    assert urlparse(page.url).path == "/search.html"
    page.wait_for_selector(".pagefind-ui__result-link")
    _axe(page, axe_source, "search.html with results")
    section = page.locator(".pagefind-ui__result-nested a[href*='#the-drone-factor']").first
    href = section.get_attribute("href")
    section.click()
    page.wait_for_url("**#the-drone-factor")
    assert page.url.split("#")[0].endswith("_casualties.html"), href
    assert page.is_visible("#the-drone-factor")
    assert page.console_errors == [] and _local_only(page) == []


def test_feed_parses_and_the_archived_edition_reads(page, site, axe_source):
    feed = page.request.get(site + "feed.xml")
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    page.goto(site)
    parsed = page.evaluate(
        """text => {
          const doc = new DOMParser().parseFromString(text, "application/xml");
          return {errors: doc.getElementsByTagName("parsererror").length,
                  entries: [...doc.getElementsByTagName("entry")].map(
                    e => e.getElementsByTagName("link")[0].getAttribute("href"))};
        }""",
        feed.text(),
    )
    assert parsed["errors"] == 0 and len(parsed["entries"]) == 1
    page.click(".editions a >> nth=0")
    assert "/editions/" in page.url
    _axe(page, axe_source, page.url)
    page.click("text=All reports")
    assert page.url == site + "index.html"
    page.goto(site + parsed["entries"][0])
    assert page.inner_text("main").count("Bottom line.") == 1
    assert page.console_errors == [] and _local_only(page) == []
