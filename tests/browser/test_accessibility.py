"""Every HTML report passes axe-core's WCAG 2.1 A and AA rules in chromium.

axe-core comes from the npm registry at a pinned version: ``make test-browser`` installs
it (``AXE_CORE`` then names ``axe.min.js``); run directly, the fixture installs the same
version with npm into ``.cache/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_VERSION = "4.10.3"  # keep in step with AXE_VERSION in the Makefile
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REPORTS = sorted(
    p.relative_to(ROOT / "reports").as_posix() for p in (ROOT / "reports").rglob("*.html")
)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The text of axe.min.js, installed reproducibly (pinned, from the npm registry)."""
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


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(n["target"]) for n in v["nodes"][:3]]
        lines.append(
            f"{v['id']} ({v['impact']}): {v['help']}; {len(v['nodes'])} element(s), e.g. {targets}"
        )
    return "\n".join(lines)


def test_reports_found():
    assert REPORTS, "no HTML reports in reports/: build them first (make reports)"


@pytest.mark.parametrize("report", REPORTS)
def test_report_has_no_accessibility_violations(page, axe_source, report):
    page.goto((ROOT / "reports" / report).as_uri())
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "rules => axe.run(document, "
        "{runOnly: {type: 'tag', values: rules}, resultTypes: ['violations']})",
        RULES,
    )
    assert not result["violations"], (
        f"{report}: axe-core {AXE_VERSION} finds WCAG 2.1 A/AA violations:\n"
        + _describe(result["violations"])
    )
