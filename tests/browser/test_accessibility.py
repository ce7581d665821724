"""Every HTML report passes axe-core's WCAG 2.1 A and AA rules in chromium.

axe-core comes from the npm registry at a pinned version (the ``axe_source`` fixture,
``conftest.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import AXE_VERSION

ROOT = Path(__file__).resolve().parents[2]
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REPORTS = sorted(
    p.relative_to(ROOT / "reports").as_posix() for p in (ROOT / "reports").rglob("*.html")
)


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
