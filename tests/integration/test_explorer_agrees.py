"""The explorer gives the numbers the command line and a what-if build give for the same
settings: the same code, the same draws, the same seed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportlib.explorer.answers import Explorer
from reportlib.explorer.whatif import run_build
from reportlib.paths import ProjectPaths, project

ROOT = Path(__file__).resolve().parents[2]
CASES = [
    ("latest", {"casualties": "9000", "benefit_period": "yearly"}),
    ("article", {"pay_per_soldier_month_usd": "3000", "benefit_period": "cumulative"}),
    ("cross-checked", {"troops": "20000", "benefit_usd": "1e9", "draws": "5000"}),
    ("latest", {"as_of": "2025-01-31"}),
]


def metrics_json(scenario: str, overrides: dict[str, str], command: str = "metrics") -> dict:
    argv = [sys.executable, "-m", "reportlib", command, "--json", "--scenario", scenario]
    for name, value in overrides.items():
        argv += ["-p", f"{name}={value}"]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.parametrize(("scenario", "overrides"), CASES)
def test_the_explorers_figures_equal_reportlib_metrics_json(scenario, overrides):
    expected = metrics_json(scenario, overrides)
    answer = Explorer(project()).answer({"scenario": scenario, **overrides})
    assert answer.figures
    for f in answer.figures:
        want = expected[f.metric]
        got = (f.result.central, f.result.low, f.result.high)
        assert got == (want["central"], want["low"], want["high"]), f.metric


@pytest.mark.slow
@pytest.mark.parametrize(("scenario", "overrides"), CASES[:2])
def test_the_explorers_judgments_equal_reportlib_judgments_json(scenario, overrides):
    expected = {j["id"]: j for j in metrics_json(scenario, overrides, "judgments")}
    answer = Explorer(project()).answer({"scenario": scenario, **overrides})
    assert answer.judgments and {j.id for j in answer.judgments} == set(expected)
    for j in answer.judgments:
        want = expected[j.id]
        assert j.term == want["likelihood"], j.id
        assert (None if j.probability is None else float(j.probability)) == want["probability"]


@pytest.mark.slow
def test_a_what_if_build_of_the_explorers_settings_gives_its_judgments_and_figures(
    project_copy: Path,
):
    """The button's build: the command the explorer shows, run in (a copy of) the project;
    its brief records the same judgment words and probabilities and the same figures."""
    paths = ProjectPaths(project_copy)
    explorer = Explorer(paths)
    answer = explorer.answer(
        {"scenario": "latest", "casualties": "9000", "benefit_period": "yearly"}
    )
    outcome = run_build(paths, answer.params)
    assert outcome.ok, outcome.tail
    assert outcome.brief == (
        project_copy / "reports/what-if/benefit_period=yearly,casualties=9000/latest/brief.html"
    )
    facts = json.loads(outcome.brief.with_suffix(".facts.json").read_text(encoding="utf-8"))
    facts = facts["facts"] if isinstance(facts, dict) else facts
    judged = {f["id"]: f for f in facts if f.get("kind") == "judgment"}
    for j in answer.judgments:
        if j.term is None:
            assert j.id not in judged
            continue
        assert judged[j.id]["term"] == j.term
        assert judged[j.id]["probability"] == float(j.probability)
        assert judged[j.id]["text"] == j.sentence
    shown = {f["key"]: f["text"] for f in facts}
    compared = 0
    for f in answer.figures:
        if f"metric:{f.metric}:both" in shown:
            assert shown[f"metric:{f.metric}:both"] == f.text, f.metric
            compared += 1
        elif f"metric:{f.metric}:central" in shown:
            assert f.text.startswith(shown[f"metric:{f.metric}:central"]), f.metric
            compared += 1
    # the brief shows the balance (issue 28): the casualties, the casualty rate and the
    # implied budget among the explorer's key figures; its per-casualty figures are the
    # cost-benefit report's
    assert compared >= 3


@pytest.mark.slow
def test_every_figure_of_the_brief_equals_metrics_json_and_the_explorer(project_copy: Path):
    """Issue 27: one figure id, one value on every surface. For every scenario the metric
    facts (``metric:<id>:<style>``) of the brief and of the cost-benefit report equal
    ``reportlib metrics --json`` (central, low and high) and the explorer's figure of the
    same id; a reading of a figure has its own id (the benefit per casualty on the
    casualties known at the estimate's date), shown by the explorer too."""
    from tests.helpers import project_scenarios

    built = subprocess.run(
        [sys.executable, "-m", "reportlib", "build", "--jobs", "1"]
        + ["--only", "brief", "--only", "03_cost_benefit"],
        cwd=project_copy,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    explorer = Explorer(ProjectPaths(project_copy))
    shown: dict[str, dict] = {}
    answer: dict = {}
    for scenario in project_scenarios():
        expected = metrics_json(scenario, {})
        answer = {f.metric: f.result for f in explorer.answer({"scenario": scenario}).figures}
        shown = {}
        for report in ("brief", "03_cost_benefit"):
            path = project_copy / "reports" / scenario / f"{report}.facts.json"
            facts = json.loads(path.read_text(encoding="utf-8"))
            facts = facts["facts"] if isinstance(facts, dict) else facts
            for f in facts:
                if f["key"].startswith("metric:"):
                    shown.setdefault(f["key"].split(":")[1], f)
        assert shown, scenario
        for metric, f in shown.items():
            want = expected[metric]
            assert (f["value"], f["low"], f["high"]) == (want["central"], want["low"], want["high"])
            if metric in answer:
                got = answer[metric]
                assert (got.central, got.low, got.high) == (f["value"], f["low"], f["high"])
        assert set(shown) & set(answer), scenario
    # the latest cost-benefit report sets the estimate against the casualties of its own
    # date, by name, and the explorer shows the same figure
    assert "benefit_per_casualty_at_estimate_date_usd" in shown
    assert "benefit_per_casualty_at_estimate_date_usd" in answer
