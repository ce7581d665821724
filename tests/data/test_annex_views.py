"""The cost-benefit annex on the project's ledger (issue 28, 03-M2 and 03-M5): each pay
estimate with the troops its source assumed and its rate per soldier and month, flagged
where far above the inferred pay, per casualty on the inferred pay's basis; and the gains
and costs without a price on both sides (the dead, the gains in legitimacy)."""

from __future__ import annotations

import pytest

from reportlib.analysis.balance import FAR_ABOVE, soldier_rate
from reportlib.formatting import BOUNDS, fmt_count
from reportlib.ledger import frames
from reportlib.ledger.vocabulary import PER_SOLDIER, QUANTITIES
from reportlib.report import report_with
from reportlib.views import gains, readings, unpriced
from tests.helpers import edit_csv, project_scenarios

SCENARIOS = project_scenarios()
PER_SOLDIER_QUANTITIES = QUANTITIES.with_role(PER_SOLDIER)


def _implied(report) -> dict[str, str]:
    """Each pay estimate's "What it implies", by the claimant's label."""
    table = readings.readings_table(report)
    frame = getattr(table, "frame", None)
    if frame is None:
        return {}
    return {
        str(r["Reading"]).rsplit(", ", 1)[0]: str(r["What it implies"]) for _, r in frame.iterrows()
    }


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_pay_estimate_gives_its_troops_and_rate_and_is_flagged_far_above(scenario):
    report = report_with(scenario=scenario, draws=500)
    nis = report.pick("pay_per_soldier_month")
    implied = _implied(report)
    for c in frames.rows(report.claims_of(*PER_SOLDIER_QUANTITIES)):
        words = implied[report.ledger.display(str(c.claimant))]
        rate = soldier_rate(c, c.quantity in gains.YEARLY)
        if rate is None:
            assert words == "a year, on troops its source does not state"
            continue
        assert f"on the {fmt_count(rate.troops)} troops it assumed" in words, words
        assert "a month per soldier" in words
        far = nis is not None and rate.multiples(float(nis.value))[2] >= FAR_ABOVE
        assert ("far above it" in words) == far, (c.id, words)


def test_the_latest_annex_flags_the_mercenary_pricing_and_no_other():
    implied = _implied(report_with(scenario="latest", draws=500))
    inss = next(v for k, v in implied.items() if "INSS" in k)
    assert inss.startswith("US$2,700–11,000 a month per soldier on the 10,000 troops")
    assert "up to 5.6 times" in inss and inss.endswith("far above it")
    wi = next(v for k, v in implied.items() if "Wi Sung-lac" in k)
    # the rate Wi stated; his floor over 10,000 troops is 1,667 a month, rounded down
    assert wi.startswith("about US$2,000 a month per soldier (stated) on the 10,000 troops")
    assert "close to" in wi and wi.endswith("its total implies more than US$1,660 a month")
    kida = next(v for k, v in implied.items() if "KIDA" in k)
    assert kida.startswith("at least US$2,000 a month per soldier (stated) on the 14,000 troops")
    assert kida.endswith("its rounded total implies about US$1,700 a month")


def test_a_pay_estimate_without_its_stated_rate_shows_its_quotient(project_copy):
    """The protection: with KIDA's stated rate removed from the ledger, the annex shows only
    what its total implies, and per casualty on that quotient."""
    claims = project_copy / "data" / "claims.csv"
    edit_csv(claims, "xc-kida-troops", "rate_assumed", "")
    edit_csv(claims, "xc-kida-troops", "rate_qualifier", "")
    report = report_with(scenario="latest", draws=500)
    kida = next(v for k, v in _implied(report).items() if "KIDA" in k)
    assert kida.startswith("US$1,700 a month per soldier on the 14,000 troops"), kida
    assert "(stated)" not in kida
    frame = gains.alternatives_table(report).frame
    row = frame.loc[frame["As stated"] == "about US$280 million"].iloc[0]
    assert row["Basis"].startswith("its rate per soldier"), row["Basis"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_pay_estimate_per_casualty_is_on_the_inferred_pays_basis(scenario):
    """Per casualty, an estimate made on its own troop number is scaled to the troops the
    count covers over the count's months, as the inferred pay is, and says so."""
    report = report_with(scenario=scenario, draws=500)
    r = report.analysis.results
    table = gains.alternatives_table(report)
    for c, (_, row) in zip(gains.gain_claims(report), table.frame.iterrows(), strict=True):
        rate = soldier_rate(c, c.quantity in gains.YEARLY)
        if c.quantity not in PER_SOLDIER_QUANTITIES or not row["Per casualty"]:
            continue
        if rate is None:
            assert "troops its source does not state" in row["Basis"]
            continue
        assert "for the count's " in row["Basis"], row["Basis"]
        # on the rate its source states where it states one (03-M2), else its quotient
        monthly = rate.stated if rate.stated is not None else c.value / rate.troops / 12
        assert ("its stated rate" in row["Basis"]) == (rate.stated is not None), row["Basis"]
        expected = (
            monthly
            * r["troops_cohort"].central
            * r["deployment_months"].central
            / r["casualties"].central
        )
        fact = next(f for f in table.facts if f.key == f"derived:per-casualty:{c.id}")
        assert fact.value == pytest.approx(expected)
        if rate.stated is not None and rate.stated_qualifier in BOUNDS:
            assert row["Per casualty"].startswith(rate.stated_qualifier + " "), row


def test_a_pay_estimate_without_its_troops_says_so(project_copy):
    """The protection: with the troops an estimate assumed removed from the ledger, no rate
    is computed for it, and the annex says its source does not state them."""
    edit_csv(project_copy / "data" / "claims.csv", "xc-inss-deal", "troops_assumed", "")
    report = report_with(scenario="latest", draws=500)
    inss = next(v for k, v in _implied(report).items() if "INSS" in k)
    assert inss == "a year, on troops its source does not state"
    frame = gains.alternatives_table(report).frame
    row = frame.loc[frame["As stated"].str.startswith("between US$320 million")].iloc[0]
    assert row["Basis"].startswith("a year on troops its source does not state")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_unpriced_table_has_both_sides_and_the_legitimacy_gain(scenario):
    report = report_with(scenario=scenario, draws=500)
    frame = unpriced.factors_table(report).frame
    gains_rows = frame.loc[frame["Side"] == "gain", "What"].tolist()
    costs = frame.loc[frame["Side"] == "cost", "What"].tolist()
    factors = report.admitted(report.ledger.factors)
    assert len(frame) >= len(factors)
    for f in frames.rows(factors):
        assert f.factor in (gains_rows if f.side == "gain" else costs), f.id
    events = unpriced.admitted_events(report)
    marked = set(report.ledger.role("legitimacy"))
    for e in frames.rows(events.loc[events["id"].isin(marked)]):
        shown = any(str(e.event) in g for g in gains_rows)
        assert shown == (e.status == "occurred"), e.id
    dead = report.pick("killed")
    if dead is not None:
        assert costs[0].startswith("Soldiers killed: "), costs
    elif report.pick("casualties") is not None:
        assert costs[0].startswith("Killed or wounded: "), costs


def test_the_latest_annex_counts_the_dead_as_a_cost():
    report = report_with(scenario="latest", draws=500)
    table = unpriced.factors_table(report)
    costs = table.frame.loc[table.frame["Side"] == "cost", "What"].tolist()
    assert costs[0] == "Soldiers killed: around 2,000 by 2 September 2025"
    assert [f.key for f in table.facts] == ["claim:xc-nis-killed-sep:stated"]
    assert any("93 percent built" in g for g in table.frame["What"])


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_scope_readings_imply_what_was_received_not_two_prices(scenario):
    """Review 03-M2: the yearly reading implies a recurring sum (the estimate over the months
    deployed, and as much again each further year), the cumulative one the sum in all by
    its date; neither row gives a price per casualty, which would compare two numerators
    over two counts and agree only by chance."""
    report = report_with(scenario=scenario, draws=500)
    frame = readings.readings_table(report).frame
    scope = frame.iloc[:2]
    assert list(scope["Reading"].str.split().str[0]) == ["yearly", "cumulative"]
    yearly, cumulative = (str(x) for x in scope["What it implies"])
    over = report.analysis.results["benefit_over_deployment_if_annual_usd"]
    months = report.analysis.results["deployment_months"]
    assert over.central == pytest.approx(
        report.analysis.results["benefit_usd"].central * months.central / 12, rel=0.05
    )
    assert "received over the" in yearly and "more each further year" in yearly
    assert "received in all by" in cumulative and "nothing more implied since" in cumulative
    assert "per casualty" not in yearly + cumulative
