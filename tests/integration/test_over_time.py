"""The assessment over time: `reportlib changes`, the brief's what-changed section and the
series report (04_over_time), checked against the analysis and the audit.

Like test_briefs.py, the report checks read the built reports in reports/ (`make reports`).
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from reportlib.analysis.assess import assess
from reportlib.analysis.scenarios import load_scenarios
from reportlib.audit import audit_files
from reportlib.cli import main
from reportlib.paths import project
from reportlib.report import report_with
from reportlib.views.editions import HEADING
from tests.helpers import project_scenarios

pytestmark = pytest.mark.slow
ROOT = project().root
SCENARIOS = project_scenarios()
SERIES = ("casualties", "casualty_rate", "benefit_per_casualty_usd")


def test_changes_json_lists_casualties_and_every_judgment_whose_term_moved(capsys):
    assert main(["changes", "--scenario", "latest", "--since", "2025-04-09", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["since"] == "2025-04-09"
    assert out["until"] == report_with(scenario="latest").as_of.isoformat()
    figures = {f["key"]: f for f in out["figures"]}
    cas = figures["casualties"]
    assert cas["label"] == "Killed or wounded"
    assert cas["new"]["central"] > cas["old"]["central"]
    assert cas["claims"] and set(cas["claims"]) <= set(out["admitted"])
    for cid in cas["claims"]:
        assert out["claim_info"][cid]["quantity"] == "casualties"
    # every judgment whose likelihood term differs between the two dates is listed
    before = {j.id: j for j in assess(report_with(scenario="latest", as_of=date(2025, 4, 9)))}
    after = {j.id: j for j in assess(report_with(scenario="latest"))}
    # a category judged only once reported (the general rule) was not judged before
    moved = {k for k in after if after[k].likelihood != getattr(before.get(k), "likelihood", None)}
    listed = {j["id"]: j for j in out["judgments"]}
    assert moved and moved <= set(listed)
    for k in moved:
        assert (listed[k]["old_term"], listed[k]["new_term"]) == (
            getattr(before.get(k), "likelihood", None),
            after[k].likelihood,
        )
        assert listed[k]["claims"], k


@pytest.mark.parametrize(
    "argv",
    [
        ["--scenario", "nope", "--since", "2025-04-09"],
        ["--scenario", "latest", "--since", "9 April 2025"],
        ["--scenario", "latest", "--since", "2025-04-09", "--until", "2025-01-01"],
    ],
)
def test_changes_bad_scenario_or_date_exits_2(argv, capsys):
    assert main(["changes", *argv]) == 2
    assert "error" in capsys.readouterr().err


def test_the_latest_brief_says_what_changed_and_the_article_brief_does_not():
    title = HEADING.removeprefix("## ")
    latest = (ROOT / "reports/latest/brief.html").read_text()
    article = (ROOT / "reports/article/brief.html").read_text()
    assert re.search(rf"<h2[^>]*>{title}</h2>", latest)
    assert title not in article
    assert load_scenarios(project().data)["latest"].previous_edition == date(2025, 4, 9)
    facts = json.loads((ROOT / "reports/latest/brief.facts.json").read_text())
    assert any(f["key"] == "count:claims-since-last-edition" for f in facts)
    for scenario in ("latest", "article"):
        folder = ROOT / "reports" / scenario
        findings = audit_files(
            folder / "brief.html",
            folder / "brief.pdf",
            folder / "brief.facts.json",
            ROOT / "data",
            f"{scenario}/brief",
        )
        assert all(f.ok for f in findings), [f for f in findings if not f.ok][:5]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_series_report_ends_on_the_metrics_of_its_scenario(scenario: str, capsys):
    folder = ROOT / "reports" / scenario
    assert main(["metrics", "--scenario", scenario, "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    as_of = report_with(scenario=scenario).as_of.isoformat()
    facts = {f["key"]: f for f in json.loads((folder / "04_over_time.facts.json").read_text())}
    for name in SERIES:
        central = facts[f"series:{name}:{as_of}:central"]
        rng = facts[f"series:{name}:{as_of}:range"]
        assert central["value"] == pytest.approx(metrics[name]["central"])
        assert (rng["low"], rng["high"]) == pytest.approx(
            (metrics[name]["low"], metrics[name]["high"])
        )
    html = (folder / "04_over_time.html").read_text()
    assert len(re.findall(r"<img [^>]*alt=\"[^\"]{20,}", html)) == len(SERIES) + 1
    findings = audit_files(
        folder / "04_over_time.html",
        folder / "04_over_time.pdf",
        folder / "04_over_time.facts.json",
        ROOT / "data",
        f"{scenario}/04_over_time",
    )
    assert all(f.ok for f in findings), [f for f in findings if not f.ok][:5]


def test_a_sentence_naming_a_source_carries_only_that_sources_numbers():
    """Issue 23: "Killed or wounded rose from 4,000 to 6,400, on the figures of UK Ministry
    of Defence" put our simulation's median in the ministry's mouth (it said "more than
    6,000"). A source is named only with what it said, hedge and all; the model's figure is
    named as ours; the troop total is re-estimated ("revised"), not "rose"."""
    import re

    from reportlib.facts import claim_fact
    from reportlib.report import report_with
    from reportlib.views import editions

    report = report_with(scenario="latest", draws=2000)
    text = editions.what_changed(report).text.replace("\\", "")
    assert "on the figures of" not in text
    said = re.findall(r"\[(\d+)\] said (.+?) \(", text)
    assert said
    claims = report.ledger.claims
    for number, stated in said:
        own = {
            claim_fact(c).text
            for c in claims.itertuples()
            if report.cite(c.source_id) == f"[{number}]"
        }
        assert stated in own, (number, stated, own)
    for sentence in text.split(". "):
        if "from" in sentence and " to " in sentence and "[" in sentence.split(" from ")[0]:
            raise AssertionError(f"a source named before our figure: {sentence}")
    assert "troops sent in all rose" not in text.lower()
    assert "troops sent in all was revised" in text.lower()
