"""The assessment over time (``analysis.history``) on a tiny hand-built ledger.

The ledger: a first deployment of 10,000 (October 2024), casualties of 1,000 (December)
then 3,000 (February), a weaker casualty claim in between that the selection never picks,
the economic benefit (January) and a GNI figure (March) that moves no headline figure.
Every other table (technology reports among them) is the project's own.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from reportlib.analysis import history
from reportlib.analysis.assess import assess
from reportlib.analysis.scenarios import ScenarioError, load_scenarios
from reportlib.audit import trace_text, verbatim_texts
from reportlib.ledger import load_ledger
from reportlib.params import validate_params
from reportlib.paths import ProjectPaths
from reportlib.report import Report

HEADER = (
    "id,quantity,value,qualifier,low,high,unit,claimant,claim_date,period_start,period_end,"
    "source_id,locator,kind,reliability,original_value,original_unit,fx_rate,fx_date,note"
)
TAIL = ",estimate,{grade},,,,,"
CLAIMS = [
    "t-troops,troops_initial,10000,about,,,persons,Seoul officials,2024-10-20,2024-10,,art,p1"
    + TAIL.format(grade="A"),
    "t-cas-dec,casualties,1000,about,,,persons,Seoul officials,2024-12-15,2024-12,,art,p2"
    + TAIL.format(grade="A"),
    "t-cas-weak,casualties,2000,about,,,persons,A blog,2025-01-10,2024-12,,art,p3"
    + TAIL.format(grade="E"),
    "t-benefit,economic_benefit,3000000000,about,,,USD,Unification ministry,2025-01,,,art,p4"
    + TAIL.format(grade="A"),
    "t-cas-feb,casualties,3000,about,,,persons,Seoul officials,2025-02-10,2024-12,,art,p5"
    + TAIL.format(grade="A"),
    "t-gni,gni_nominal,30000000000,about,,,USD,Bank of Korea,2025-03-05,2024,,art,p6"
    + TAIL.format(grade="A"),
]
SCENARIOS = """
[tiny]
title = "Tiny"
description = "A hand-built ledger, as of its newest claim."
as_of = "2025-03-05"
sources = "all"
previous_edition = "2025-01-31"

[fixed]
title = "Fixed"
description = "As of a fixed date."
as_of = "2025-01-31"
sources = "all"
"""


@pytest.fixture
def tiny(data_copy: Path) -> Path:
    (data_copy / "claims.csv").write_text("\n".join([HEADER, *CLAIMS]) + "\n")
    (data_copy / "scenarios.toml").write_text(SCENARIOS)
    return data_copy


def open_tiny(data: Path, name: str = "tiny", **params) -> Report:
    # validate_params checks the scenario name against the project's scenarios, so the
    # tiny scenarios are opened directly with project-valid parameters.
    return Report(
        params=validate_params(scenario=name, scenarios=load_scenarios(data), **params),
        ledger=load_ledger(data),
        scenario=load_scenarios(data)[name],
        paths=ProjectPaths(data.parent),
    )


def test_series_dates_run_from_the_first_deployment_to_the_as_of_date(tiny: Path):
    report = open_tiny(tiny)
    assert report.as_of == date(2025, 3, 5)
    assert history.series_dates(report) == [
        date(2024, 10, 31),
        date(2024, 11, 30),
        date(2024, 12, 31),
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 5),
    ]
    # an as-of date on a month's end is not counted twice
    fixed = open_tiny(tiny, "fixed")
    assert history.series_dates(fixed)[-2:] == [date(2024, 12, 31), date(2025, 1, 31)]


def test_the_series_ends_with_the_reports_own_analysis(tiny: Path):
    report = open_tiny(tiny)
    last = history.series(report)[-1]
    assert last.report is report
    for name, r in last.results.items():
        assert r == report.analysis.results[name]
    # and every earlier date equals a report opened as of that date (the series' reports
    # share one re-laid-out ledger and memoise look-ups: same answers, only faster)
    for snap in history.series(report)[:-1]:
        fresh = open_tiny(tiny, as_of=snap.as_of)
        assert snap.results == {k: fresh.analysis.results[k] for k in snap.results}
        judged = {
            j.id: (_p(j.probability), j.likelihood, j.confidence, j.claims) for j in assess(fresh)
        }
        assert judged == {
            k: (_p(j.probability), j.likelihood, j.confidence, j.claims)
            for k, j in snap.judgments.items()
        }
    # the median of the draws of "about 1,000"
    assert history.series(report)[2].results["casualties"].central == pytest.approx(1000, rel=0.01)


def test_changes_name_the_claim_that_moved_each_figure(tiny: Path):
    report = open_tiny(tiny)
    ch = history.changes(report, date(2025, 1, 31))
    assert ch.admitted == ("t-cas-feb", "t-gni")
    figures = {f.key: f for f in ch.figures}
    cas = figures["casualties"]
    assert (cas.old.central, cas.new.central) == pytest.approx((1000, 3000), rel=0.01)
    assert cas.direction == "up"
    assert cas.claims == ("t-cas-feb",)
    assert figures["benefit_per_casualty_usd"].direction == "down"
    assert figures["benefit_per_casualty_usd"].claims == ("t-cas-feb",)
    # the troops did not move: neither does the benefit per soldier sent, though the GNI
    # claim shifts the Monte Carlo's random stream and so the digits of its range
    before = history.snapshot(report, date(2025, 1, 31)).results
    after = report.analysis.results
    name = "benefit_per_deployed_soldier_usd"
    assert before[name].central == pytest.approx(after[name].central, rel=0.01)
    assert (before[name].low, before[name].high) != (after[name].low, after[name].high)
    assert name not in figures


def test_a_claim_the_selection_never_picks_moves_nothing(tiny: Path):
    report = open_tiny(tiny)
    ch = history.changes(report, date(2024, 12, 31), date(2025, 1, 15))
    assert ch.admitted == ("t-cas-weak",)
    assert "casualties" not in {f.key for f in ch.figures}


def test_judgment_changes_carry_terms_and_claims(tiny: Path):
    report = open_tiny(tiny)
    ch = history.changes(report, date(2025, 1, 31))
    burden = next(j for j in ch.judgments if j.id == "casualty-burden")
    assert burden.old.likelihood != burden.new.likelihood
    assert burden.term_changed
    assert "t-cas-feb" in burden.claims
    out = ch.as_dict(report.ledger)
    assert out["since"] == "2025-01-31" and out["until"] == "2025-03-05"
    assert {"key", "label", "old", "new", "claims"} <= set(out["figures"][0])
    cas = next(f for f in out["figures"] if f["key"] == "casualties")
    assert cas["label"] == "Killed or wounded" and cas["claims"] == ["t-cas-feb"]
    assert out["claim_info"]["t-cas-feb"]["claimant"] == "Seoul officials"


def test_steps_start_from_nothing_known(tiny: Path):
    report = open_tiny(tiny)
    steps = history.steps(report)
    first = steps[0]
    assert first.until == date(2024, 10, 31)
    troops = next(f for f in first.figures if f.key == "troops_deployed")
    assert troops.direction == "new" and troops.claims == ("t-troops",)
    assert date(2025, 2, 28) in [s.until for s in steps]
    assert all(not s.empty for s in steps)
    assert all("t-cas-weak" not in f.claims for s in steps for f in s.figures)


def test_changes_need_an_earlier_date(tiny: Path):
    report = open_tiny(tiny)
    with pytest.raises(ValueError, match="expected the earlier date before the later one"):
        history.changes(report, date(2025, 3, 5))


def test_what_changed_is_built_from_facts_and_passes_the_audit(tiny: Path):
    from reportlib.views.editions import HEADING, new_claims, what_changed

    assert what_changed(open_tiny(tiny, "fixed")) is None  # no previous edition named
    report = open_tiny(tiny)
    prose = what_changed(report)
    assert prose.text.startswith(HEADING)
    text = re.sub(r"\\(.)", r"\1", prose.text)
    assert "rose from 1,000 to 3,000" in text and "Seoul officials [1]" in text
    # every new claim, with who made it and when, in the annex (issue 23c)
    annex = re.sub(r"\\(.)", r"\1", new_claims(report).text)
    assert "Seoul officials (2025-02-10) [1]" in annex
    facts = [f.as_dict() for f in prose.facts]
    findings = trace_text("tiny", text, facts, verbatim_texts(tiny))
    assert findings and all(f.ok for f in findings), [f for f in findings if not f.ok]
    # on or before the previous edition there is nothing to say
    assert what_changed(open_tiny(tiny, as_of=date(2025, 1, 31))) is None


def test_previous_edition_is_optional_and_checked(data_copy: Path):
    path = data_copy / "scenarios.toml"
    base = '[s]\ntitle = "S"\ndescription = "D"\nas_of = "2025-04-09"\nsources = "all"\n'
    path.write_text(base)
    assert load_scenarios(data_copy)["s"].previous_edition is None
    path.write_text(base + "previous_edition = 2025-01-31\n")  # a bare TOML date
    assert load_scenarios(data_copy)["s"].previous_edition == date(2025, 1, 31)
    path.write_text(base + 'previous_edition = "31 January"\n')
    with pytest.raises(ScenarioError) as bad:
        load_scenarios(data_copy)
    assert str(bad.value) == (
        f"{path}: [s] previous_edition: expected a date YYYY-MM-DD, found '31 January'"
    )
    path.write_text(base + 'previous_edition = "2025-04-09"\n')
    with pytest.raises(ScenarioError, match="expected a date before the as_of date 2025-04-09"):
        load_scenarios(data_copy)


def test_the_index_shows_each_scenarios_as_of_date_and_previous_edition(project_copy: Path):
    from reportlib.builds.site import write_site
    from reportlib.paths import ProjectPaths

    paths = ProjectPaths(project_copy)
    paths.reports.mkdir(exist_ok=True)
    entries = [
        {
            "notebook": f"notebooks/{nb}.ipynb",
            "scenario": scenario,
            "parameters": {"scenario": scenario},
            "html": f"reports/{scenario}/{nb}.html",
            "pdf": f"reports/{scenario}/{nb}.pdf",
            "status": "ok",
        }
        for scenario in ("article", "latest")
        for nb in ("brief", "04_over_time")
    ]
    assert write_site(paths, entries, {}) == []
    page = paths.index.read_text()
    newest = load_ledger(paths.data).newest_report_date.isoformat()
    assert 'As of <time datetime="2025-04-09">2025-04-09</time>.</p>' in page  # article
    assert (
        f'As of <time datetime="{newest}">{newest}</time>; previous edition as of '
        '<time datetime="2025-04-09">2025-04-09</time>.</p>'
    ) in page
    assert page.count("previous edition") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--since", "2025-13-01"], "--since: expected a date YYYY-MM-DD, given '2025-13-01'"),
        (
            ["--since", "2025-04-09", "--until", "2025-04-09"],
            "--since: expected a date before 2025-04-09, given 2025-04-09",
        ),
    ],
)
def test_changes_command_rejects_bad_dates(argv, message, capsys):
    from reportlib.cli import main

    assert main(["changes", "--scenario", "latest", *argv]) == 2
    assert message in capsys.readouterr().err


def test_changes_command_rejects_an_unknown_scenario(capsys):
    from reportlib.cli import main

    assert main(["changes", "--scenario", "lastest", "--since", "2025-04-09"]) == 2
    assert "did you mean 'latest'?" in capsys.readouterr().err


def _p(probability):
    """Probabilities compared as floats (judgments keep exact fractions, series floats)."""
    return None if probability is None else float(probability)
