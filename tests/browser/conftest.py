"""The browser tier: Debian's chromium driven by playwright (from PyPI), by executable path.

No browser is downloaded: playwright launches the system's chromium. Run with
``make test-browser``; plain ``pytest`` does not collect this folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Debian's chromium (``CHROMIUM`` overrides); the tier fails loudly without one."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(
            "the browser tier needs Debian's chromium: apt-get install chromium "
            "(or set CHROMIUM to a Chromium executable)"
        )
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page whose console errors and network requests are recorded.

    ``page.console_errors``: messages of type error; ``page.requests``: every URL the page
    asked for (a report must ask for nothing but itself).
    """
    context = browser.new_context()
    p = context.new_page()
    p.console_errors = []
    p.requests = []
    p.on("console", lambda m: m.type == "error" and p.console_errors.append(m.text))
    p.on("request", lambda r: p.requests.append(r.url))
    try:
        yield p
    finally:
        context.close()
