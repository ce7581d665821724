"""The brief's page one states its finding (review L-M1, X-M6): under the title, one
sentence setting what the regime loses against what it gets, from the same figures and
judgments the page shows; and the personnel sent beside the combat troops are on page one
(review L-M8), each cited."""

from __future__ import annotations

import re

import pytest

from reportlib.analysis.assess import assess
from reportlib.analysis.judgments import load_definitions
from reportlib.facts import metric_fact
from reportlib.ledger.vocabulary import QUANTITIES, SENT_BESIDE
from reportlib.report import report_with
from reportlib.views import brief
from tests.helpers import project_scenarios

SCENARIOS = project_scenarios()


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("\\", "").strip()


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_finding_weighs_the_losses_against_the_gains_page_one_shows(scenario):
    r = report_with(scenario=scenario, draws=500)
    text = _plain(brief.finding(r).text)
    rate = metric_fact(r.analysis.results["casualty_rate"]).text
    # "40% or more" where the bottom line says the count used looks low (review L-M3)
    more = " or more" if brief.trend_words(r).text else ""
    assert text.startswith(f"North Korea has seen {rate}{more} of ")
    assert "killed or wounded, for " in text
    share = r.analysis.results["deployment_payment_yearly_share_of_gni"]
    if share.available:
        # an upper end: every combat soldier sent, paid all year
        assert f"pay worth at most {metric_fact(share).text} of its national income a year" in text
    else:  # the ministry's estimate, as stated, where no pay is admitted
        assert "economic benefits" in text
    gains = [
        j for j in assess(r) if j.spec.kind == "technology" and j.likelihood in brief.LIKELY_ADVERB
    ]
    for j in gains:
        label = load_definitions(r.ledger.data_dir).category_label(str(j.spec.category))
        assert f"{label} it {brief.LIKELY_ADVERB[j.likelihood]} received" in text
    # every number in it is a recorded fact
    facts = {f.text for f in brief.finding(r).facts}
    for number in re.findall(r"[\d.,]+%|US\$[\d.,]+ \w+", text):
        assert any(number in f for f in facts), number


def test_no_finding_without_a_loss_to_weigh():
    r = report_with(scenario="latest", draws=500, casualties=0)
    assert "none of the troops it sent" in brief.finding(r).text or brief.finding(r).text == ""


def test_the_personnel_sent_beside_the_troops_are_on_page_one_cited():
    r = report_with(scenario="latest", draws=500)
    text = _plain(brief.bluf(r).text)
    for q in QUANTITIES.with_role(SENT_BESIDE):
        c = r.pick(q)
        assert c is not None
        assert f"{QUANTITIES[q].said_as} [{r.cited.index(c.source_id) + 1}]" in text
    assert "have been sent since August 2025" in text
    # none admitted by the article's date: nothing said
    assert "beside them" not in brief.bluf(report_with(scenario="article", draws=500)).text


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_source_behind_a_judgment_is_cited_by_number(scenario):
    """Review L-M7: each organisation in the table of sources behind the judgments carries
    its number in the source list, however the scenario names it (a scenario of some
    sources names a claimant as its source states it)."""
    from reportlib.views import brief_judgments

    r = report_with(scenario=scenario, draws=500)
    frame = brief_judgments.judgment_sources(r).frame
    for cell in frame["Independent sources behind it"]:
        for entry in str(cell).split("; "):
            assert re.search(r"\[\d+(, \d+)*\]$", entry), (scenario, entry)


def test_a_count_set_against_the_one_used_is_said_once():
    """The bottom line sets the better count in between against the count used; the list of
    what not to miss does not repeat it (as of before the trend, it still may)."""
    from reportlib.views import brief_outlook

    r = report_with(scenario="latest", draws=500)
    assert "more than 6,000 by 15 June 2025" in _plain(brief.bluf(r).text)
    assert "The count used may be low" not in brief_outlook.not_to_miss(r).text
