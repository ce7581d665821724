"""The pace of the losses and the casualties per month of combat on today's ledger (review
of 2026-12-07, X-M3, L-M1, 03-M1): one convention for a rate a month, ranges from the
qualifier policy, the better-graded count in between that contradicts a fall, and the
annex's average labelled as one with the pace beside it."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from reportlib.analysis.balance import (
    coinciding_event,
    count_against,
    deaths_against,
    loss_trend,
)
from reportlib.analysis.calendar import DAYS_PER_MONTH, span_months
from reportlib.analysis.inputs import count_end_days
from reportlib.ledger.vocabulary import metric_label
from reportlib.paths import project
from reportlib.report import report_with
from reportlib.views import brief, cost_benefit, losses

DECEMBER_2024 = (date(2024, 12, 1), date(2024, 12, 31))


@pytest.fixture(scope="module")
def latest():
    return report_with(scenario="latest", draws=2000)


def test_a_count_stated_within_its_periods_last_month_ends_that_day(latest):
    jcs = latest.ledger.claim("xc-jcs-casualties")  # period to 2025-03, stated 27 March
    assert count_end_days(jcs) == (date(2025, 3, 27), date(2025, 3, 27))
    # stated after its period's last month: any day of that month
    later = pd.Series({"period_end": "2025-03", "claim_date": "2025-04-09"})
    assert count_end_days(later) == (date(2025, 3, 1), date(2025, 3, 31))
    # no period end: the day it was stated
    bare = pd.Series({"period_end": "", "claim_date": "2025-01-23"})
    assert count_end_days(bare) == (date(2025, 1, 23), date(2025, 1, 23))


def test_cross_checked_rate_follows_from_its_stated_span():
    """4,000 from December 2024 (any day) to 27 March 2025: 2.8 to 3.8 months, about
    1,200 a month (the review's X-M3: 1,400 came from ending the count on 1 March)."""
    r = report_with(scenario="cross-checked", draws=4000)
    months = r.analysis.inputs["combat_months"]
    assert months.low == pytest.approx(86 / DAYS_PER_MONTH)  # 31 Dec to 27 Mar
    assert months.high == pytest.approx(116 / DAYS_PER_MONTH)  # 1 Dec to 27 Mar
    rate = r.analysis.results["casualties_per_month"]
    assert 1_150 <= rate.central <= 1_250
    assert rate.low >= 1_000 and rate.high <= 1_450
    # two sources' counts give no pace (review X-xc-M2: "about 4,000" less "about 4,000" is
    # their wording, not the losses); the average says the losses were not even over it
    # (review X-M1): another source had counted as many two months before
    assert loss_trend(r) is None
    words = losses.rates_prose(r).text.replace("\\", "")
    assert "that is 1,200 casualties a month" in words
    assert "Another source counted about 4,000 already by 23 January 2025" in words
    assert "counts from different sources cannot say how fast" in words


def test_the_pace_and_the_monthly_rate_share_one_convention(latest):
    t = loss_trend(latest)
    assert t is not None
    # the early pace runs from the same start as the months of combat, by the same rule
    assert t.early.months == span_months(DECEMBER_2024, (date(2025, 4, 30),) * 2)
    months = latest.analysis.inputs["combat_months"]
    whole = span_months(DECEMBER_2024, (date(2026, 2, 12),) * 2)
    assert (months.low, months.central, months.high) == pytest.approx(
        (whole.shortest, whole.central, whole.longest)
    )


def test_the_later_pace_is_a_range_by_the_qualifier_policy(latest):
    """About 6,000 (5,400-6,600) less exactly 4,700: 700 to 1,900 in 288 days."""
    t = loss_trend(latest)
    assert (t.recent.added_low, t.recent.added, t.recent.added_high) == pytest.approx(
        (700, 1_300, 1_900)
    )
    assert t.recent.per_month_low == pytest.approx(700 / (288 / DAYS_PER_MONTH))
    assert t.recent.per_month_high == pytest.approx(1_900 / (288 / DAYS_PER_MONTH))
    # 4,700 over 1 December (longest) or 31 December (shortest) to 30 April
    assert t.early.per_month_low == pytest.approx(4_700 / (150 / DAYS_PER_MONTH))
    assert t.early.per_month_high == pytest.approx(4_700 / (120 / DAYS_PER_MONTH))
    assert t.direction == "fell"  # the ranges do not meet
    # the figures are the losses section's; the bottom line says only what the trend means
    words = losses.pace_sentence(latest).text
    assert "(950–1,200 a month), then 700–1,900 in the 9 months to" in words
    assert "(74–200 a month)" in words
    assert "a month" not in brief.trend_words(latest).text


def test_a_better_graded_count_in_between_is_said_beside_the_fall(latest):
    t = loss_trend(latest)
    a = count_against(latest, t)
    assert a is not None and a.claim.id == "xc-ukmod-casualties" and a.better
    assert a.added == pytest.approx(6_000 - 4_700)
    # the bottom line says it in one clause, the losses section with what it implies
    bottom_line = brief.trend_words(latest).text
    assert bottom_line.startswith(", a total that looks low: a more reliable count put the")
    assert "losses at more than 6,000 by 15 June 2025 (UK Defence Intelligence" in bottom_line
    assert bottom_line.endswith("by February 2026")
    words = losses.pace_sentence(latest).text
    assert "more reliable count in between, more than 6,000 by 15 June 2025" in words
    assert "at least 1,300 more after 30 April 2025" in words
    # as of before the UK's count, nothing contradicts the fall
    before = report_with(scenario="latest", as_of=date(2025, 6, 1), draws=500)
    t0 = loss_trend(before)
    assert t0 is None or count_against(before, t0) is None


def test_the_event_the_change_falls_beside_is_named_without_a_cause(latest):
    e = coinciding_event(latest, loss_trend(latest))
    assert e is not None and e.id in latest.ledger.role("fighting-change")
    words = losses.pace_sentence(latest).text
    assert "The change falls beside an event of 26 April 2025" in words
    assert "because" not in words


@pytest.mark.parametrize("scenario", ["article", "cross-checked", "latest"])
def test_the_annex_labels_the_flat_rate_an_average_and_gives_the_pace(scenario):
    r = report_with(scenario=scenario, draws=500)
    table = cost_benefit.metrics_table(r).frame
    assert "on average" in metric_label("casualties_per_month")
    if r.analysis.results["casualties_per_month"].available:
        assert metric_label("casualties_per_month") in set(table["Metric"])
    pace = losses.pace_sentence(r)
    assert bool(pace.text) == (loss_trend(r) is not None)


def test_the_annex_gives_the_pace_by_the_briefs_own_view():
    notebook = (project().root / "notebooks" / "03_cost_benefit.ipynb").read_text()
    assert '"losses.pace_sentence(report)"' in notebook


def test_the_organisations_own_count_of_the_dead_is_set_against_its_fall(latest):
    """Review L-M2: the intelligence service's dead rose from about 600 (30 April 2025) to
    around 2,000 (September 2025), 1,400, more than its killed and wounded together rose
    to February 2026 (1,300): its newest total is likely low, and the bottom line says so."""
    t = loss_trend(latest)
    d = deaths_against(latest, t)
    assert d is not None
    assert (d.early.id, d.late.id) == ("xc-nis-killed-apr", "xc-nis-killed-sep")
    assert (d.added, d.total_added) == pytest.approx((1_400, 1_300))
    words = brief.trend_words(latest).text.replace("\\", "")
    assert "the dead counted by South Korea's intelligence service itself rose about 1,400" in words
    assert "from April to September 2025 while its total rose about 1,300" in words


def test_a_count_of_the_dead_that_fits_the_fall_is_not_set_against_it(latest, monkeypatch):
    """Without the September count of the dead (or with one that rose less than the total),
    nothing is said of the dead: the protection fails when the rule is removed."""
    t = loss_trend(latest)
    claims = latest.claims_of
    monkeypatch.setattr(
        latest,
        "claims_of",
        lambda q: claims(q)[claims(q)["id"] != "xc-nis-killed-sep"] if q == "killed" else claims(q),
    )
    assert deaths_against(latest, t) is None
    assert "count of the dead" not in brief.trend_words(latest).text


def test_the_annex_sets_the_organisations_dead_against_its_total(latest):
    """Review 03-m2: the pace paragraph names the intelligence service's own count of the
    dead beside the better count in between."""
    words = losses.pace_sentence(latest).text.replace("\\", "")
    assert "South Korea's intelligence service itself counted about 600 dead by 30 April" in words
    assert "about 1,400 more, while its count of the killed and wounded together rose by" in words
    assert "its newest total is low" in words
