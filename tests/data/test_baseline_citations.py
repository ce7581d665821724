"""The briefs cite the national income and trade their shares of the economy rest on, and a
scenario that admits figures only as context says so in its dateline (review X-M2, L-M4)."""

from __future__ import annotations

import re

import pytest

from reportlib.report import report_with
from reportlib.views import brief, brief_figures
from tests.helpers import project_scenarios

SCENARIOS = project_scenarios()


def _cited(report, claim_id: str) -> str:
    """The citation of a claim's source in this report, once cited: "[n]"."""
    sid = str(report.ledger.claim(claim_id).source_id)
    assert sid in report.cited, (claim_id, report.cited)
    return f"[{report.cited.index(sid) + 1}]"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_first_share_of_income_cites_the_income(scenario):
    report = report_with(scenario=scenario, draws=500)
    text = brief.bluf(report).text.replace("\\", "")
    x = report.analysis.inputs.get("gni_usd")
    if "of national income" not in text:
        return
    assert x is not None and x.claim_id is not None
    c = report.ledger.claim(x.claim_id)
    who = report.ledger.organisation(str(c.claimant))
    first = text.index("of national income")
    cite = _cited(report, x.claim_id)
    assert text[first:].startswith(f"of national income ({who} {cite})"), text[first:][:80]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_figure_one_names_and_cites_the_economy_it_draws(scenario):
    """Figure 1's source line names who estimated each size of the economy drawn."""
    from matplotlib.text import Text

    report = report_with(scenario=scenario, draws=500)
    chart = brief_figures.headline_chart(report)
    figure = getattr(chart, "figure", None)
    if figure is None:
        return
    drawn = " ".join(t.get_text() for t in figure.findobj(Text))
    source = next(t for t in drawn.split("Source: ")[1:])
    for name, words in (("gni_usd", "national income"), ("trade_usd", "trade")):
        x = report.analysis.inputs.get(name)
        if x is None or x.claim_id is None:
            continue
        c = report.ledger.claim(x.claim_id)
        who = report.ledger.organisation(str(c.claimant))
        assert re.search(rf"{words}[^;]*: {re.escape(who)} \[\d+\]", source), source
        assert _cited(report, x.claim_id) in source


def test_the_article_alone_says_it_uses_outside_figures_for_scale():
    report = report_with(scenario="article", draws=500)
    claims = report.claims
    own = claims["source_id"].map(report.scenario.admits_source).astype(bool)
    others = set(claims.loc[~own, "source_id"])
    line = report.dateline().text.replace("\\", "")
    assert (
        f"Drawing on {len(claims)} sourced claims: {int(own.sum())} from the article, "
        f"{int((~own).sum())} outside figures for scale from {len(others)} other publications."
    ) in line, line
    assert own.sum() and (~own).sum()  # the article scenario has both


@pytest.mark.parametrize("scenario", ["cross-checked", "latest"])
def test_a_scenario_of_every_source_has_no_split(scenario):
    line = report_with(scenario=scenario, draws=500).dateline().text
    assert " sourced claims from " in line and "outside" not in line
