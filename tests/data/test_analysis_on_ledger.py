"""The analysis on today's ledger: selection, attribution, rates and judgments that agree
with their figures. (Pinned to the live data, so in the data tier.)"""

from __future__ import annotations

import json

import pytest

from reportlib.analysis.assess import assess
from reportlib.analysis.selection import peers
from reportlib.audit import check_facts
from reportlib.report import report_with
from reportlib.views import brief_judgments, cost_benefit

SCENARIOS = ("article", "cross-checked", "latest")


@pytest.fixture(scope="module", params=SCENARIOS)
def report(request):
    return report_with(scenario=request.param, draws=4000)


def test_latest_takes_the_newest_acceptable_count_of_a_growing_total():
    r = report_with(scenario="latest", draws=1000)
    # the intelligence service's February 2026 count (among all troops sent), not the
    # UK's older on-the-record June 2025 figure
    assert r.analysis.inputs["casualties"].claim_id == "xc-nis-casualties-feb26"
    # the engineers' nine dead are one unit's toll, never the killed total
    assert r.pick("killed").id == "xc-nis-killed-sep"


def test_older_counts_of_a_growing_total_are_not_disagreement():
    r = report_with(scenario="latest", draws=1000)
    chosen = r.pick("casualties")
    assert peers(r.ledger, r.claims, chosen).empty
    x = r.analysis.inputs["casualties"]
    assert (x.low, x.high) == pytest.approx((5_400, 6_600))  # only what "about 6,000" allows


def test_an_article_and_the_statement_it_relays_are_one_source():
    r = report_with(scenario="cross-checked", draws=1000)
    x = r.analysis.inputs["casualties"]
    assert "xc-jcs-casualties" not in x.peers  # relayed by art-casualties: one chain


def test_attribution_metrics_in_json():
    data = json.loads(report_with(scenario="latest").analysis.as_json())
    for name in ("deployment_payment_per_casualty_usd", "benefit_per_casualty_usd"):
        m = data[name]
        assert m["low"] < m["central"] < m["high"], name
    # the troops' own pay per casualty is far below all benefits from Russia per casualty
    assert data["deployment_payment_per_casualty_usd"]["high"] < (
        data["benefit_per_casualty_usd"]["low"] / 5
    )


def test_rate_divides_by_the_cohort_the_count_covers(report):
    r = report.analysis.results
    assert r["casualty_rate"].central == pytest.approx(
        r["casualties"].central / r["troops_cohort"].central, rel=0.05
    )
    assert "troops_additional" not in report.analysis.inputs["troops_cohort"].provenance


def test_months_of_combat_run_from_its_start_to_the_end_of_the_count():
    r = report_with(scenario="latest", draws=1000)
    months = r.analysis.inputs["combat_months"]
    assert months.provenance == ("event:ev-combat-starts", "xc-nis-casualties-feb26")
    assert 13 <= months.low < months.central < months.high <= 15  # Dec 2024 to Feb 2026


def test_central_values_lie_strictly_inside_their_intervals(report):
    for name, r in report.analysis.results.items():
        if r.available and r.low != r.high:
            assert r.low < r.central < r.high, name


def test_judgments_agree_with_the_figures_beside_them(report):
    facts = brief_judgments.key_judgments(report).facts + cost_benefit.metrics_table(report).facts
    assert check_facts(report.scenario.name, [f.as_dict() for f in facts]) == []
    for f in facts:
        if f.kind == "judgment":
            assert f.term and 0 < f.probability < 1 and f.provenance


def test_judgment_probability_comes_from_the_printed_draws():
    r = report_with(scenario="latest", draws=4000)
    (j,) = [j for j in assess(r) if j.id == "casualty-burden"]
    values = r.analysis.samples("casualty_rate")
    assert float(j.probability) == pytest.approx(min(max((values > 0.20).mean(), 0.01), 0.99))


def test_no_judgment_rests_on_a_ratio_of_its_own_inputs():
    """Issue 23: 'more than US$500,000 per casualty' on US$3.0 billion only restated
    'more than 6,000 casualties'; such judgments are refused, not assessed."""
    from reportlib.analysis.metrics import RATIO_OF_INPUTS

    ids = {j.id for j in assess(report_with(scenario="latest", draws=500))}
    assert not ids & {"price-per-casualty", "troop-payment", "budget-weight"}
    for j in assess(report_with(scenario="latest", draws=500)):
        assert j.spec.metric not in RATIO_OF_INPUTS


def test_corroborating_sources_never_lower_certainty():
    by = {s: {j.id: j for j in assess(report_with(scenario=s, draws=4000))} for s in SCENARIOS}
    burden = [by[s]["casualty-burden"].probability for s in ("article", "cross-checked")]
    assert burden[1] >= burden[0]


def test_confidence_says_truthfully_what_it_rests_on():
    article = {j.id: j for j in assess(report_with(scenario="article", draws=1000))}
    basis = article["casualty-burden"].basis
    assert "one publication, Korea Bizwire (Yonhap)" in basis
    assert "several sources" not in basis


def test_technology_status_at_a_boundary_takes_the_lower_band():
    latest = {j.id: j for j in assess(report_with(scenario="latest", draws=1000))}
    assert float(latest["air-defence"].probability) == 0.95  # delivered 90 + 5 corroborated
    assert latest["air-defence"].likelihood == "very likely"


def test_the_article_says_may_have_provided():
    article = {j.id: j for j in assess(report_with(scenario="article", draws=1000))}
    assert "suspected" in article["air-defence"].basis


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_confidence_and_its_reasons_come_from_one_count(scenario):
    """Issue 23, finding 5: "moderate confidence ... no independent source corroborates the
    casualty count" sat beside "five originating sources". Corroboration is counted per
    figure across independent organisations (the intelligence service's briefings are one,
    whoever relayed them), and the level and the words both come from that count."""
    from reportlib.analysis.assess import WORDS, support
    from reportlib.analysis.judgments import confidence_level

    r = report_with(scenario=scenario, draws=1000)
    (j,) = [j for j in assess(r) if j.id == "casualty-burden"]
    s = support(r, j.spec)
    losses = s.chains["casualties"]
    # each organisation at most once, and the words say how many there are
    assert len(losses) == len({r.ledger.organisation(o) for o in losses})
    n = len(losses)
    if n >= 2:
        assert f"{WORDS[n]} independent sources' casualty counts" in j.basis
    else:
        assert "only one source's casualty count" in j.basis
    # a likelihood word one source's figure carries holds only if that figure does
    (lead,) = [
        f.text for f in brief_judgments.key_judgments(r).facts if f.key == f"judgment:{j.id}"
    ]
    if n == 1:
        (only,) = losses
        assert lead.startswith(f"If the casualty count of {only} is right, it is "), lead
    else:
        assert not lead.startswith("If "), lead
    assert "originating source" not in j.basis and "graded" not in j.basis
    assert "no independent source corroborates the casualty count" not in j.basis
    # the level follows from the same count (one publication alone is always low)
    weights = [r.ledger.weights[r.ledger.claim(c).reliability] for c in j.claims]
    expected = confidence_level(weights, s.weakest) if len(s.publications) > 1 else "low"
    assert j.confidence == expected
    assert tuple(j.sources) == tuple(
        sorted(losses, key=lambda o: (min(r.ledger.claim(c).reliability for c in losses[o]), o))
    )


def test_independent_counts_of_the_losses_corroborate_the_burden():
    """The Joint Chiefs, the intelligence service and the UK ministry counted the losses
    independently, and each count alone puts them above a fifth of the troops it counts
    among: high confidence, never 'no independent source corroborates'."""
    r = report_with(scenario="latest", draws=1000)
    (j,) = [j for j in assess(r) if j.id == "casualty-burden"]
    assert {
        "South Korea's Joint Chiefs of Staff",
        "South Korea's intelligence service",
        "UK Defence Intelligence",
    } <= set(j.sources)
    assert j.confidence == "high"
    # the intelligence service's four counts (via different lawmakers) are one source
    assert sum("intelligence service" in o for o in j.sources) == 1


def test_an_original_statement_stands_before_the_article_relaying_it():
    """Issue 23 review: on the article's date the Joint Chiefs' count and the article's
    relay of it tie on date and grade; the figure is cited to the Joint Chiefs."""
    from reportlib.analysis.selection import pick
    from reportlib.report import report_with

    report = report_with(scenario="cross-checked", draws=200)
    claims = report.scenario.claims(report.ledger)
    chosen = pick(report.ledger, claims, "casualties")
    assert chosen.id == "xc-jcs-casualties"
    assert not str(chosen.get("relays") or "")
