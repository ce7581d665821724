"""What the source-restricted briefs say (review of 2026-12-07, second read: X-M4, X-M5,
X-M1, X-m2, X-m3), on the real ledger and on copies of it changed on purpose: each
sentence comes from admitted rows with its condition, in every scenario."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportlib.analysis.scenarios import load_scenarios
from reportlib.ledger import load_ledger
from reportlib.params import validate_params
from reportlib.paths import ProjectPaths
from reportlib.report import Report
from reportlib.views import (
    brief,
    brief_figures,
    brief_judgments,
    brief_outlook,
    common,
    editions,
    gains,
    losses,
    unpriced,
)
from tests.conftest import ROOT
from tests.helpers import edit_csv

SCENARIOS = ("article", "cross-checked", "latest")


def _report(root: Path, name: str, **params) -> Report:
    paths = ProjectPaths(root)
    ledger = load_ledger(paths.data, root)
    scenarios = load_scenarios(paths.data)
    values = validate_params(scenarios=scenarios, scenario=name, draws=200, **params)
    return Report(params=values, ledger=ledger, scenario=scenarios[name], paths=paths)


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("**", "").replace("*", "")


def test_the_article_brief_names_and_dates_only_what_the_article_does():
    """X-M4: "South Korea's military", not the Joint Chiefs; no date for the count or the
    later wave; the 10,000 attributed to no one."""
    r = _report(ROOT, "article")
    cells = brief_figures.key_figures_table(r).frame["Source"].tolist()
    joined = "\n".join(cells)
    assert "Joint Chiefs" not in joined and "intelligence service" not in joined
    assert "2025-03-27" not in joined
    assert "South Korea's military, no date given [1]" in cells
    assert "Yonhap (unattributed), 2025-04-09 [1]" in cells
    text = _plain(losses.rates_prose(r).text + losses.newest_count(r).text)
    assert "(South Korea's military, no date given)" in text
    assert "The article does not date the count." in text and "2025-03-27" not in text


def test_the_cross_checked_brief_still_names_the_joint_chiefs_and_their_date():
    r = _report(ROOT, "cross-checked")
    cells = brief_figures.key_figures_table(r).frame["Source"].tolist()
    assert any(c.startswith("South Korea's Joint Chiefs of Staff, 2025-03-27 [") for c in cells)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_further_waves_raise_the_pay_only_where_a_pay_figure_is_given(scenario):
    """X-m2: the article gives no pay, so its outlook never says the pay would rise."""
    r = _report(ROOT, scenario)
    text = _plain(brief_outlook.what_would_change(r).text)
    if "Further waves." not in text or "Beside the combat troops" in text:
        return
    pay = r.analysis.results["deployment_payment_yearly_usd"].available
    assert ("the pay the regime collects" in text) == pay, scenario
    if not pay:
        assert "any payment for the troops, though" in text


def test_a_what_if_pay_makes_further_waves_raise_the_pay():
    """The same condition read the other way: a pay set for a what-if run is a pay figure."""
    r = _report(ROOT, "article", pay_per_soldier_month_usd=2000)
    text = _plain(brief_outlook.what_would_change(r).text)
    assert "the pay the regime collects" in text


def _brief(r: Report) -> None:
    """Every view of the brief, in the notebook's order, down to the source list."""
    r.dateline()
    common.currency_line(r)
    brief.bluf(r)
    brief_figures.headline_chart(r)
    brief_judgments.key_judgments(r)
    brief_judgments.likelihood_note(r)
    brief_judgments.judgment_sources(r)
    editions.what_changed(r)
    brief_outlook.not_to_miss(r)
    brief_figures.key_figures_table(r)
    brief_judgments.assumptions_note(r)
    losses.rates_prose(r, against=False)
    losses.newest_count(r)
    brief.earnings_prose(r)
    gains.alternatives_prose(r)
    brief.military_gains(r)
    brief_outlook.what_would_change(r)
    common.sources_list(r)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_dateline_counts_the_outside_publications_the_list_gives(scenario):
    """X-m3: "N outside figures for scale from M other publications" counts the context
    figures the analysis reads, and the numbered list gives each of their publications."""
    r = _report(ROOT, scenario)
    _brief(r)
    own = {s for s in r.cited if r.scenario.admits_source(s)}
    outside = set(r.cited) - own
    assert set(r.outside_sources()) <= set(r.cited)
    line = _plain(r.dateline().text)
    found = re.search(r"outside figures? for scale from (\d+) other publications?", line)
    if r.scenario.sources is None:
        assert found is None and not outside, line
    else:
        assert found is not None and int(found.group(1)) == len(outside), (line, outside)


def test_the_article_brief_carries_the_articles_own_weighing():
    """X-M5: the ministry's judgment of what the money pays for (closing the bottom line's
    sentence on its estimate, said once), Hong Min's of what the deployment brought, and
    the costs the article reports without a price, attributed."""
    r = _report(ROOT, "article")
    bottom = _plain(brief.bluf(r).text)
    assert "the ministry judged them enough for showcase projects, not to lift the" in bottom
    text = _plain(brief_outlook.not_to_miss(r).text)
    assert "showcase projects" not in text
    for said in (
        "strategic position, the injuries set aside (Hong Min (Korea Institute for National "
        "Unification) [",
        "wish to defect to South Korea (Captured soldier via a South Korean lawmaker [",
        "not told they would fight abroad (Captured soldiers' testimonies [",
        "used as cannon fodder (Yonhap [",
    ):
        assert said in text, said


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_gains_and_costs_without_a_price_come_from_admitted_rows(scenario):
    """Each factor the brief names is admitted by its scenario, and each admitted one not
    shown elsewhere (a military gain, a row the reports give as a figure) or known by the
    last edition is named."""
    r = _report(ROOT, scenario)
    text = _plain(unpriced.unpriced_words(r).text)
    admitted = r.admitted(r.ledger.factors)
    left_out = {
        i for role in ("military-gain", "drone-losses", "counted") for i in r.ledger.role(role)
    }
    if r.analysis.results["benefit_usd"].available:  # said in the bottom line
        left_out |= set(r.ledger.role("benefit-scale"))
    since = r.scenario.previous_edition
    for f in r.ledger.factors.itertuples():
        named = str(f.factor) in text
        if f.id not in set(admitted["id"]):
            assert not named, (scenario, f.id)
            continue
        old = since is not None and since < r.as_of and str(f.date) <= since.isoformat()
        assert named == (f.id not in left_out and not old), (scenario, f.id)


def test_a_factor_the_reports_count_is_named_once_its_role_is_cleared(data_copy):
    """The protection matters: without ``counted`` the oil over the cap would be named
    again beside the figure the brief gives in kind."""
    r = _report(data_copy.parent, "latest")  # the finding of 29 May 2025 is new there
    assert "Refined petroleum" not in unpriced.unpriced_words(r).text
    edit_csv(data_copy / "factors.csv", "fx-oil-over-cap", "roles", "")
    r = _report(data_copy.parent, "latest")
    assert "Refined petroleum far beyond the UN's yearly cap" in _plain(
        unpriced.unpriced_words(r).text
    )


def test_several_dated_counts_show_the_shape_of_the_losses():
    """X-M1 and X-xc-M2: at 9 April 2025 the counts show the losses front-loaded (about
    4,000 by late January, on the BBC's officials, as many as the Joint Chiefs' count of
    late March). Two sources' counts give no pace (their difference is their wording), so
    the flat average stands with what the earlier count shows beside it."""
    from reportlib.analysis.balance import loss_trend, reached_before

    r = _report(ROOT, "cross-checked")
    assert loss_trend(r) is None
    c = reached_before(r)
    assert c is not None and c.id == "xc-bbc-casualties-jan"
    text = _plain(losses.rates_prose(r).text)
    assert "that is 1,200 casualties a month" in text
    assert (
        "Another source counted about 4,000 already by 23 January 2025 (Western officials "
        "speaking to the BBC [" in text
    )
    assert "did not come at one pace" not in text


def test_one_count_keeps_its_average(data_copy):
    """Where no other count can stand beside the one used (graded below what may displace
    it), the losses keep one flat average over the months of combat."""
    for claim in ("xc-nis-casualties-dec", "xc-nis-casualties-jan", "xc-bbc-casualties-jan"):
        edit_csv(data_copy / "claims.csv", claim, "reliability", "D")
    r = _report(data_copy.parent, "cross-checked")
    text = _plain(losses.rates_prose(r).text)
    assert "Counted over about" in text and "did not come at one pace" not in text
    assert "end of the count (2025-03-27), that is 1,200 casualties a month" in text
    assert "Another source counted" not in text  # none graded to stand beside it
