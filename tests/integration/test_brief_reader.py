"""The brief as a reader takes it in (issue 23, findings 6, 8, 9, 10 and the minor ones):
page one short and plain, the missing figures and gains present, one value per quantity,
the per-casualty lens explained. Views are rendered in memory for every scenario; the
committed PDFs are read for what only the page shows."""

from __future__ import annotations

import re

import pytest

from reportlib.analysis.assess import assess
from reportlib.paths import project
from reportlib.report import report_with
from reportlib.views import brief, common, cost_benefit, editions, losses
from tests.helpers import pdf_pages, pdf_text

ROOT = project().root
SCENARIOS = ("article", "cross-checked", "latest")
INTERNAL = ("figures in this scenario", "originating source", "graded ", "reportlib", "seed")


@pytest.fixture(scope="module", params=SCENARIOS)
def report(request):
    return report_with(scenario=request.param, draws=1000)


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", re.sub(r"<[^>]+>", "", markdown)).replace("**", "")


def test_each_key_judgment_is_two_sentences_at_most_in_plain_words(report):
    box = _plain(brief.key_judgments(report).text)
    items = [i for i in re.split(r"\n\d+\. ", "\n" + box.strip()) if i.strip()]
    assert len(items) == len(assess(report))
    for item in items:
        sentences = [s for s in re.split(r"(?<=[.])\s+(?=[A-Z])", item.strip()) if s]
        assert len(sentences) <= 2, item
        for word in INTERNAL:
            assert word not in item, (word, item)


def test_page_one_has_no_internal_words_and_the_colophon_is_last(report):
    text = _plain(brief.bluf(report).text + brief.key_judgments(report).text)
    for word in INTERNAL:
        assert word not in text, word
    pdf = pdf_text(ROOT / "reports" / report.scenario.name / "brief.pdf")
    assert pdf.rfind("data version") > pdf.rfind("Sources")  # a colophon at the end


def test_source_detail_sits_in_a_table_under_the_judgments(report):
    table = brief.judgment_sources(report)
    assert list(table.frame.columns) == ["Judgment", "Independent sources behind it"]
    by_short = dict(
        zip(table.frame["Judgment"], table.frame["Independent sources behind it"], strict=True)
    )
    for j in assess(report):
        if j.sources:
            assert by_short[j.spec.short] == "; ".join(j.sources)
    nb = (ROOT / "notebooks" / "brief.ipynb").read_text()
    assert nb.index("brief.key_judgments(report)") < nb.index("brief.judgment_sources(report)")


def test_display_names_not_the_ledger_wording(report):
    shown = "\n".join(
        [
            brief.key_figures_table(report).frame.to_string(),
            _plain(losses.rates_prose(report).text),
            _plain((editions.what_changed(report) or brief.bluf(report)).text),
            brief.judgment_sources(report).frame.to_string(),
            common.claims_table(report, ("casualties",), "claims").frame.to_string(),
        ]
    )
    assert "Defence Defence" not in shown
    if report.scenario.name == "latest":
        assert "UK Defence Intelligence" in shown


def test_a_pay_range_reads_once_with_its_unit():
    table = brief.key_figures_table(report_with(scenario="latest", draws=500)).frame
    assert "US$1,800–2,200 a month" in set(table["Range"])


def test_the_missing_figures_are_there_when_the_ledger_has_them():
    """Finding 6: the killed count, the age of the newest count, engineers, a unit's dead,
    the missile-guidance gain, drone-warfare experience and an outlook."""
    r = report_with(scenario="latest", draws=1000)
    text = _plain(losses.count_details(r).text)
    assert "around 2,000 killed" in text
    assert "The newest count is dated 2026-02-12" in text
    assert "about 1,000 engineers were clearing mines" in text
    assert "9 killed in one unit" in text
    by = {j.id: j for j in assess(r)}
    assert by["missile-guidance"].likelihood in ("likely", "very likely")
    assert "the sanctions monitoring team" in by["missile-guidance"].sources
    assert "drone warfare" in _plain(brief.military_gains(r).text)
    assert "Expected by the sources" in _plain(brief.what_would_change(r).text)


def test_the_age_of_the_newest_count_is_said_with_its_months():
    """A brief standing months after its newest count says so, in months."""
    r = report_with(scenario="latest", as_of="2025-12-31", draws=500)
    count = r.pick("casualties")
    text = _plain(losses.count_details(r).text)
    assert f"The newest count is dated {count.claim_date}, " in text
    assert re.search(r"\d+ months? before the date this brief stands on", text), text


def test_views_without_those_figures_say_nothing_of_them():
    r = report_with(scenario="article", draws=500)
    text = _plain(losses.count_details(r).text)
    assert "engineers" not in text and "killed in one unit" not in text


def test_the_per_casualty_lens_is_explained_beside_the_payment_per_soldier_sent():
    """Finding 8: Russia does not pay per casualty; a wounded soldier counts like a dead
    one; the payment per soldier sent stands beside the per-casualty figure."""
    r = report_with(scenario="latest", draws=1000)
    bluf = brief.bluf(r)
    text = _plain(bluf.text)
    assert "not per casualty" in text and "counts the same as a dead one" in text
    keys = {f.key for f in bluf.facts}
    assert {
        "metric:deployment_payment_per_soldier_usd:central",
        "metric:deployment_payment_per_casualty_usd:central",
    } <= keys
    rows = brief.key_figures_table(r).frame["Figure"].tolist()
    assert "Payment for the troops, per soldier sent" in rows


def test_one_value_per_quantity_across_the_brief(report):
    """Finding 9: an input read from one claim reads as its source stated it everywhere
    ("about US$3.0 billion", "more than 11,000"), never as the median of its draws."""
    shown = {}
    for prose in (brief.bluf(report), cost_benefit.balance_prose(report)):
        for f in prose.facts:
            shown.setdefault(f.key, set()).add(f.text)
    for f in brief.key_figures_table(report).facts:
        shown.setdefault(f.key, set()).add(f.text)
    assert all(len(texts) == 1 for texts in shown.values()), shown
    for name in ("casualties", "benefit_usd"):
        x = report.analysis.inputs.get(name)
        if x is not None and x.claim_id:
            assert f"metric:{name}:central" not in shown


def test_active_armed_forces_not_army_and_every_source_has_its_url(report):
    text = _plain(losses.rates_prose(report).text)
    assert "active army" not in text
    assert "whole active army" not in cost_benefit.metrics_table(report).frame.to_string()
    for line in common.sources_list(report).text.splitlines():
        assert "<http" in line, line  # every source with its URL (the article's too)


def test_the_series_names_the_troops_as_the_brief_does():
    """Minor: "What changed" and the series said "the troops sent in the first deployment"
    where the brief's judgment said "all the troops sent"; and each panel of the series
    is described under its own judgment."""
    r = report_with(scenario="latest", draws=500)
    cohort = losses.cohort_words(r)
    alt = editions.judgments_chart(r).alt
    for j in assess(r):
        about = editions.proposition(j, cohort)
        assert about in alt or j.likelihood is None  # only judgments ever assessed
        if j.id == "casualty-burden":
            assert cohort in about
    # each panel described under its own judgment: the last point of each is the
    # brief's own term for it (a stale loop variable once put every panel under one title)
    for j in assess(r):
        if j.likelihood is None:
            continue
        about = editions.proposition(j, cohort)
        segment = alt.split(about + ":", 1)[1].split(";")[0].rstrip(".")
        assert segment.split(", ")[-1].startswith(f"{r.as_of.isoformat()} {j.likelihood} ("), (
            j.id,
            segment[-80:],
        )


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_brief_fits_four_pages(scenario):
    assert pdf_pages(ROOT / "reports" / scenario / "brief.pdf") <= 4


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_statement_listed_twice(scenario):
    """Minor: the yearly and cumulative readings of the ministry's estimate were given
    under what the deployment earns and again, word for word, in the outlook."""
    r = report_with(scenario=scenario, draws=500)

    def metrics(prose):  # the computed figures a passage gives, whatever their style
        return {f.key.split(":")[1] for f in prose.facts if f.key.startswith("metric:")}

    assert not metrics(cost_benefit.balance_prose(r)) & metrics(brief.what_would_change(r))
