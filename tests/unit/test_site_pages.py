"""The site's own pages: the not-found page of ``reportlib serve``, the search page's
default filter, one icon on every page, pages drawn only from templates and data."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from reportlib.builds.pages import ICON, render
from reportlib.builds.search import search_page
from reportlib.builds.serving import make_server


@pytest.fixture
def served(tmp_path: Path):
    (tmp_path / "index.html").write_text("<p>home</p>")
    server = make_server(tmp_path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_an_unknown_address_gets_the_sites_not_found_page(served):
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(served + "what-if/nope/index.html")
    error = caught.value
    assert error.code == 404
    assert error.headers["Content-Type"] == "text/html; charset=utf-8"
    page = error.read().decode()
    assert "<h1>Page not found</h1>" in page and "/what-if/nope/index.html" in page
    assert "Error response" not in page  # not Python's bare page
    assert f'<link rel="icon" href="{ICON}">' in page
    with urllib.request.urlopen(served + "index.html") as ok:
        assert ok.read() == b"<p>home</p>"


def test_the_not_found_page_escapes_the_path(served):
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(served + "%3Cscript%3Ex")
    assert "<script>x" not in caught.value.read().decode()


def test_search_opens_on_the_published_scenario():
    page = search_page("latest", "Latest reporting")
    assert 'ui.triggerFilters({ scenario: ["Latest reporting"] });' in page
    assert f'<link rel="icon" href="{ICON}">' in page
    assert 'action="search.html"' not in page  # no search box on the search page itself


@pytest.mark.parametrize("template", ["editions.html.j2", "sweep.html.j2", "whatif.html.j2"])
def test_every_page_has_the_icon_and_a_way_home(template):
    page = render(
        template,
        root="../../",
        has_editions=True,
        editions=[],
        name="x",
        axes=[],
        columns=[],
        rows=[],
        settings=[],
        scenarios=[],
    )
    assert f'<link rel="icon" href="{ICON}">' in page
    assert 'href="../../index.html"' in page
    assert 'href="../../editions/index.html"' in page
