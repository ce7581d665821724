"""The edition drill: a year of plausible new reporting appended to a copy of the ledger,
checked and built as an analyst would (issue 19).

The batch has a row of every kind the next edition brings: a count of all troops sent, a
new contingent, casualties among every cohort (the first deployment, the later wave, all
troops sent), killed and wounded splits, a part-count of one unit, a benefit estimate given
as a range, pay, a technology report, a factor and events (one expected, one settling
it). The build must exit 0 with every audit passing; "What changed since the last
edition" points to an annex (the over-time report) that names every admitted claim; the
scenarios dated at the article are byte for byte what they were; and the sentences that
depend on the data hold for the new figures.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from reportlib.builds.runner import build
from reportlib.cli import main
from reportlib.exporters.text import html_string_text
from reportlib.paths import ProjectPaths
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

SOURCES = [
    [
        "drill-nis-2026-09",
        "Example Wire",
        "Spy agency updates lawmakers on troops in Russia",
        "2026-09-03",
        "https://example.invalid/news/2026/09/03/nis-briefing",
        "news agency",
    ],
    [
        "drill-msmt-2026",
        "Multilateral Sanctions Monitoring Team",
        "Second report on military cooperation between the DPRK and Russia",
        "2026-10-20",
        "https://example.invalid/msmt/2026-report-2",
        "multilateral report",
    ],
    [
        "drill-inst-2026",
        "Example Institute",
        "What Pyongyang earns from the war, revisited",
        "2026-11",
        "",
        "research institute",
    ],
]
CLAIMS = [
    # id, quantity, value, qualifier, low, high, unit, claimant, claim_date, period_start,
    # period_end, source_id, locator, kind, reliability, original_value, original_unit,
    # fx_rate, fx_date, note, relays, cohort
    [
        "drill-total",
        "troops_total",
        "20000",
        "about",
        "",
        "",
        "persons",
        "National Intelligence Service via lawmaker Park Sun-won",
        "2026-09-03",
        "2024-10",
        "2026-08",
        "drill-nis-2026-09",
        "para 2",
        "reported",
        "B",
        "",
        "",
        "",
        "",
        "Combat troops sent in all, three waves.",
        "",
        "",
    ],
    [
        "drill-third-wave",
        "troops_additional",
        "5000",
        "more than",
        "",
        "",
        "persons",
        "Multilateral Sanctions Monitoring Team (11 states)",
        "2026-10-20",
        "2026-03",
        "2026-06",
        "drill-msmt-2026",
        "section 3",
        "reported",
        "A",
        "",
        "",
        "",
        "",
        "A third contingent of combat troops.",
        "",
        "",
    ],
    [
        "drill-casualties-total",
        "casualties",
        "8000",
        "around",
        "",
        "",
        "persons",
        "National Intelligence Service via lawmaker Park Sun-won",
        "2026-09-03",
        "2024-12",
        "2026-08",
        "drill-nis-2026-09",
        "para 4",
        "estimate",
        "B",
        "",
        "",
        "",
        "",
        "Killed and wounded among all the troops sent.",
        "",
        "troops_total",
    ],
    [
        "drill-casualties-wave",
        "casualties",
        "900",
        "about",
        "",
        "",
        "persons",
        "Multilateral Sanctions Monitoring Team (11 states)",
        "2026-10-20",
        "2026-03",
        "2026-09",
        "drill-msmt-2026",
        "section 4",
        "estimate",
        "A",
        "",
        "",
        "",
        "",
        "Losses of the third contingent only.",
        "",
        "troops_additional",
    ],
    [
        "drill-killed",
        "killed",
        "2500",
        "at least",
        "",
        "",
        "persons",
        "National Intelligence Service via lawmaker Park Sun-won",
        "2026-09-03",
        "2024-12",
        "2026-08",
        "drill-nis-2026-09",
        "para 4",
        "estimate",
        "B",
        "",
        "",
        "",
        "",
        "",
        "",
        "troops_initial",
    ],
    [
        "drill-wounded",
        "wounded",
        "5500",
        "about",
        "",
        "",
        "persons",
        "National Intelligence Service via lawmaker Park Sun-won",
        "2026-09-03",
        "2024-12",
        "2026-08",
        "drill-nis-2026-09",
        "para 4",
        "estimate",
        "B",
        "",
        "",
        "",
        "",
        "",
        "",
        "troops_total",
    ],
    [
        "drill-killed-unit",
        "killed_unit",
        "14",
        "exact",
        "",
        "",
        "persons",
        "Kim Jong Un via KCNA",
        "2026-08-21",
        "2026-05",
        "2026-08",
        "drill-msmt-2026",
        "annex",
        "reported",
        "D",
        "",
        "",
        "",
        "",
        "Sappers killed in demining.",
        "",
        "",
    ],
    [
        "drill-benefit",
        "economic_benefit",
        "5000000000",
        "range",
        "4000000000",
        "6000000000",
        "USD",
        "Example Institute (research team)",
        "2026-11",
        "2024-10",
        "2026-10",
        "drill-inst-2026",
        "p. 12",
        "estimate",
        "C",
        "",
        "",
        "",
        "",
        "All benefits from Russia over two years, as a range.",
        "",
        "",
    ],
    [
        "drill-pay",
        "pay_per_soldier_month",
        "2500",
        "about",
        "",
        "",
        "USD/person-month",
        "National Intelligence Service via lawmaker Park Sun-won",
        "2026-09-03",
        "2026",
        "2026",
        "drill-nis-2026-09",
        "para 6",
        "estimate",
        "B",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
]
TECHNOLOGY = [
    [
        "drill-tech-guidance",
        "Guidance components for short-range missiles",
        "missile guidance",
        "delivered",
        "Multilateral Sanctions Monitoring Team (11 states)",
        "2026-10-20",
        "drill-msmt-2026",
        "section 5",
        "A",
        "",
    ],
]
FACTORS = [
    [
        "drill-factor",
        "gain",
        "Experience operating Russian drones",
        "Example Institute",
        "2026-11",
        "drill-inst-2026",
        "p. 20",
        "",
    ],
]
EVENTS = [
    [
        "drill-ev-rotation-expected",
        "2026-12",
        "Rotation of the first contingent home",
        "Korean People's Army",
        "expected",
        "drill-nis-2026-09",
        "para 8",
        "",
        "",
    ],
    [
        "drill-ev-third-wave",
        "2026-03",
        "Third contingent leaves for Russia",
        "Korean People's Army",
        "occurred",
        "drill-msmt-2026",
        "section 3",
        "",
        "",
    ],
]
NEW_CLAIMS = [c[0] for c in CLAIMS]


def _append(path: Path, rows: list[list[str]]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.fixture(scope="module")
def drilled(tmp_path_factory) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("drill") / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    data = root / "data"
    _append(data / "sources.csv", SOURCES)
    _append(data / "claims.csv", CLAIMS)
    _append(data / "technology.csv", TECHNOLOGY)
    # every event and factor carries its own grade, after its last cell (``reliability``)
    _append(data / "factors.csv", [[*r, "C"] for r in FACTORS])
    _append(data / "events.csv", [[*r, "B"] for r in EVENTS])
    assert main(["check", "--data", str(data)]) == 0
    result = build(ProjectPaths(root))
    assert result.ok, [(o.job.key, o.status, o.error) for o in result.outcomes if o.error]
    return root


def _what_changed(root: Path) -> str:
    html = (root / "reports/latest/brief.html").read_text(encoding="utf-8")
    text = html_string_text(html)
    start = text.rindex("What changed since the last edition")  # the section, not the outline
    return text[start : text.index("Key figures", start)]


def test_every_report_is_ok(drilled: Path):
    manifest = json.loads((drilled / "reports/manifest.json").read_text())
    assert [e for e in manifest["reports"] if e["status"] != "ok"] == []
    assert len(manifest["reports"]) == 15


def _new_claims(root: Path) -> str:
    """The annex of "What changed": every new claim, in the over-time report (issue 23c)."""
    html = (root / "reports/latest/04_over_time.html").read_text(encoding="utf-8")
    text = html_string_text(html)
    start = text.rindex("New claims since the last edition")  # the section, not the outline
    return text[start : text.index("Sources", start)]


def test_what_changed_names_every_admitted_claim(drilled: Path):
    """Every claim admitted since the last edition is named with its claimant and date, in
    the annex the brief's "What changed" points to; the brief's section says where."""
    section = _new_claims(drilled)
    for row in CLAIMS:
        assert f"{row[7]} ({row[8]})" in section, row[0]
    assert "the companion report on how the picture moved" in _what_changed(drilled)


def test_scenarios_of_the_article_date_are_unchanged(drilled: Path):
    for scenario in ("article", "cross-checked"):
        for path in sorted((ROOT / "reports" / scenario).iterdir()):
            built = drilled / "reports" / scenario / path.name
            assert built.read_bytes() == path.read_bytes(), f"{scenario}/{path.name} changed"


def test_latest_stands_on_the_newest_acceptable_counts(drilled: Path):
    facts = json.loads((drilled / "reports/latest/brief.facts.json").read_text())
    by_key = {f["key"]: f for f in facts}
    # the newest count among all troops sent, not the later wave's own, newer count
    assert "claim:drill-casualties-total:stated" in by_key
    assert "claim:drill-casualties-wave:stated" not in by_key
    rate = by_key["metric:casualty_rate:central"]
    # counted among all troops sent, by their count
    assert rate["provenance"][1:] == ["drill-total", "drill-casualties-total"]
    assert 0.36 < rate["value"] < 0.44


NUMBER = r"(?:US\$)?[\d,.]+(?: (?:million|billion))?%?"


def _number(text: str) -> float:
    scale = {"million": 1e6, "billion": 1e9}
    value, _, unit = text.replace("US$", "").replace("%", "").partition(" ")
    return float(value.replace(",", "")) * scale.get(unit, 1)


def test_sentences_hold_for_the_new_figures(drilled: Path):
    section = _what_changed(drilled)
    moves = re.findall(rf"(rose|fell) from ({NUMBER}) to ({NUMBER})", section)
    assert moves, section
    for word, old, new in moves:
        assert (_number(new) > _number(old)) == (word == "rose"), (word, old, new)
    text = html_string_text((drilled / "reports/latest/02_casualties.html").read_text())
    assert "all the combat troops sent" in text  # the count's own basis, named (review L-M1)
