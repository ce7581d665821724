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
    # the brief of the published scenario rendered by this code (the committed one may
    # predate it), then an edition of it, a what-if run and a sweep, as a user makes them
    from reportlib.builds.runner import build

    brief = {"only": ["brief"], "scenario": "latest", "jobs": 2}
    assert build(paths, **brief).ok
    from tests.helpers import record_as_built

    record_as_built(paths)  # the other committed reports, as a build of this checkout records them
    assert publish(paths).problems == []  # an edition, so the archive and feed show
    assert build(paths, **brief, overrides={"casualties": "9000", "draws": "2000"}).ok
    grid = {"casualties": "4000,9000", "draws": "2000"}
    assert build(paths, **brief, name="sweep", overrides=grid).ok
    index_site(paths, MANIFEST["reports"])  # the build may have indexed it already
    assert (paths.reports / "pagefind" / "pagefind-ui.js").is_file()
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


# --- every page a reader lands on, at a desktop's and a phone's width ---------------------

#: The smallest chart text, in CSS pixels, of every SVG chart on the page: its smallest
#: font size in the chart's own units times the chart's drawn width over its viewBox width.
CHART_TEXT = """() => [...document.querySelectorAll('img[src^="data:image/svg+xml;base64,"]')]
  .map(img => {
    const svg = atob(img.src.split(',')[1]);
    const box = svg.match(/viewBox="[-\\d.]+\\s+[-\\d.]+\\s+([\\d.]+)/);
    const sizes = [...svg.matchAll(/font-size:\\s*([\\d.]+)px/g)].map(m => +m[1]);
    if (!box || !sizes.length) return null;
    return Math.min(...sizes) * img.getBoundingClientRect().width / +box[1];
  }).filter(x => x !== null)"""
#: Controls outside the window's width (a control inside a box that scrolls sideways is
#: reached by scrolling that box; the skip link is off-screen until focused).
OUTSIDE = """() => [...document.querySelectorAll('a[href], button, input, select, summary')]
  .filter(e => !e.closest('.table-box, .table-scroll, .figure-scroll, .skip-link'))
  .filter(e => { const r = e.getBoundingClientRect();
                 return r.width > 0 && (r.left < -0.5 || r.right > innerWidth + 0.5); })
  .map(e => e.outerHTML.slice(0, 100))"""
PAGES = {
    "landing page": "index.html",
    "a brief": "latest/brief.html",
    "what-if index": "what-if/casualties=9000,draws=2000/index.html",
    "sweep page": "what-if/sweep/index.html",
    "editions page": "editions/index.html",
    "archived brief": "editions/{as_of}/brief.html",
    "search page": "search.html?q=casualties",
}
LEGIBLE_PX = 11


@pytest.fixture
def reader(browser, request):
    """A page at a width (``request.param``) whose console errors and warnings and
    requests are recorded."""
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    p = context.new_page()
    p.console = []
    p.requests = []
    p.on("console", lambda m: m.type in ("error", "warning") and p.console.append(m.text))
    p.on("pageerror", lambda e: p.console.append(str(e)))
    p.on("request", lambda r: p.requests.append(r.url))
    try:
        yield p
    finally:
        context.close()


def _as_of(site_url: str, page) -> str:
    editions = page.request.get(site_url + "feed.xml").text()
    return editions.split("urn:reportlib:edition:")[1].split("<")[0]


@pytest.mark.parametrize("reader", [1280, 390], indirect=True, ids=["1280px", "390px"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_reads_at_a_desktops_and_a_phones_width(reader, site, axe_source, name):
    page = reader
    url = site + PAGES[name].format(as_of=_as_of(site, page))
    response = page.goto(url)
    assert response is not None and response.ok, url
    if name == "search page":
        page.wait_for_selector(".pagefind-ui__result-link")
    width = page.evaluate("innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls"
    sizes = page.evaluate(CHART_TEXT)
    assert all(s >= LEGIBLE_PX - 0.05 for s in sizes), f"{name}: chart text {min(sizes):.1f}px"
    assert page.evaluate(OUTSIDE) == [], f"{name}: controls outside the window"
    assert page.console == [], f"{name}: {page.console}"
    assert _local_only(page) == []
    _axe(page, axe_source, f"{name} at {width}px")


def test_a_search_returns_each_page_once(page, site):
    page.goto(site + "search.html?q=casualties")
    page.wait_for_selector(".pagefind-ui__result-link")
    results = page.eval_on_selector_all(
        ".pagefind-ui__result-title .pagefind-ui__result-link", "els => els.map(e => e.href)"
    )
    assert results and len(results) == len(set(results))
    assert all("/latest/" in u for u in results)  # the published scenario by default
    # another scenario is a choice of the facet, one at a time
    page.get_by_label("The article alone").check()
    page.wait_for_function(
        "() => { const links = [...document.querySelectorAll('.pagefind-ui__result-link')];"
        " return links.length && links.every(a => a.href.includes('/article/')); }"
    )
    assert not page.get_by_label("Latest reporting").is_checked()


def test_the_sweep_page_shows_formatted_figures_and_judgment_words(page, site):
    page.goto(site + "what-if/sweep/index.html")
    text = page.inner_text("main")
    for shown in ("baseline", "4,000", "9,000", "per casualty (if yearly)", "almost certain"):
        assert shown in text, shown
    assert "casualty_rate_central" not in text and "4000.0" not in text
    csv = page.request.get(site + "what-if/sweep/comparison.csv").text().splitlines()
    assert csv[1].startswith("baseline,") and ",4000," in csv[2]
    assert "benefit_per_casualty_if_annual_usd_central" in csv[0]


def test_an_archived_page_says_so_and_the_editions_page_links_its_files(page, site):
    as_of = _as_of(site, page)
    page.goto(site + f"editions/{as_of}/brief.html")
    banner = page.get_by_role("note", name="Archived edition")
    assert "An archived edition" in banner.inner_text()
    banner.get_by_role("link", name="See the latest reports").click()
    assert page.url == site + "index.html"
    page.goto(site + "editions/index.html")
    for href in (f"{as_of}/brief.pdf", f"{as_of}/SHA256SUMS", f"{as_of}/data/datapackage.json"):
        link = page.locator(f'a[href="{href}"]')
        assert link.count() == 1, href
        assert page.request.get(site + "editions/" + href).ok, href


def test_an_unknown_address_gets_the_sites_not_found_page(page, site):
    response = page.goto(site + "what-if/nope/index.html")
    assert response is not None and response.status == 404
    assert page.inner_text("h1") == "Page not found"
    # the browser logs the 404 of the page itself; nothing else fails
    assert [e for e in page.console_errors if "404" not in e] == []
    assert _local_only(page) == []
