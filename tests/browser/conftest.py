"""The browser tier: Debian's chromium driven by playwright (from PyPI), by executable path.

No browser is downloaded: playwright launches the system's chromium. Run with
``make test-browser``; plain ``pytest`` does not collect this folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_VERSION = "4.10.3"  # keep in step with AXE_VERSION in the Makefile
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


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The text of axe.min.js, installed reproducibly (pinned, from the npm registry):
    ``make test-browser`` installs it (``AXE_CORE`` then names ``axe.min.js``); run
    directly, this installs the same version with npm into ``.cache/``."""
    path = Path(
        os.environ.get("AXE_CORE")
        or ROOT / f".cache/axe-core-{AXE_VERSION}/node_modules/axe-core/axe.min.js"
    )
    if not path.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(
                "the accessibility check needs npm to install axe-core (apt-get install npm)"
            )
        prefix = path.parents[2]
        subprocess.run(
            [
                npm,
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(prefix),
                f"axe-core@{AXE_VERSION}",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return path.read_text(encoding="utf-8")
