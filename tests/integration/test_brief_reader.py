"""The brief as a reader takes it in (issue 23, findings 6, 8, 9, 10 and the minor ones):
page one short and plain, the missing figures and gains present, one value per quantity,
the per-casualty lens explained. Views are rendered in memory for every scenario; the
committed PDFs are read for what only the page shows."""

from __future__ import annotations

import re

import pytest

from reportlib.analysis.assess import assess
from reportlib.ledger.dates import parse_partial_date
from reportlib.paths import project
from reportlib.report import report_with
from reportlib.views import (
    brief,
    brief_figures,
    brief_judgments,
    brief_outlook,
    common,
    cost_benefit,
    editions,
    editions_series,
    gains,
    losses,
)
from tests.helpers import pdf_pages, pdf_text, project_scenarios

ROOT = project().root
SCENARIOS = project_scenarios()
INTERNAL = ("figures in this scenario", "originating source", "graded ", "reportlib", "seed")


@pytest.fixture(scope="module", params=SCENARIOS)
def report(request):
    return report_with(scenario=request.param, draws=1000)


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", re.sub(r"<[^>]+>", "", markdown)).replace("**", "")


def test_each_key_judgment_is_two_sentences_at_most_in_plain_words(report):
    box = _plain(brief_judgments.key_judgments(report).text)
    items = [i for i in re.split(r"\n\d+\. ", "\n" + box.strip()) if i.strip()]
    # each judgment its own item, but the categories only the general rule judges share
    # one, and those with no report another
    judgments = assess(report)
    general = [j for j in judgments if j.general and j.claims]
    unreported = [j for j in judgments if j.spec.kind == "technology" and not j.claims]
    alone = len(judgments) - len(general) - len(unreported)
    assert len(items) == alone + bool(general) + bool(unreported)
    for item in items:
        sentences = [s for s in re.split(r"(?<=[.])\s+(?=[A-Z])", item.strip()) if s]
        assert len(sentences) <= 2, item
        for word in INTERNAL:
            assert word not in item, (word, item)


def test_every_source_behind_a_judgment_is_numbered_in_the_source_list(report):
    """Review 2026-12-07b, L-M7: each organisation the box and Table 1 rest on is cited by a
    number the source list gives, in both; a source read in a copy names its original."""
    fresh = report_with(scenario=report.scenario.name, draws=1000)
    box = _plain(brief_judgments.key_judgments(fresh).text)
    table = brief_judgments.judgment_sources(fresh).frame.to_string()
    listed = _plain(common.sources_list(fresh).text)
    numbers = {
        int(n) for part in re.findall(r"\[([\d, ]+)\]", box + table) for n in part.split(",")
    }
    assert numbers and max(numbers) <= len(fresh.cited)
    for n in numbers:
        assert re.search(rf"^{n}\. ", listed, re.M), n
    for j in assess(fresh):
        for org, ids in j.evidence.items():
            sid = brief_judgments.organisation_source(fresh, ids)
            assert sid in fresh.cited, (j.id, org)
    if "jubi24-2026-05-12" in fresh.cited:
        assert "CNN (read in a copy at jubi24)" in listed


def test_the_reactor_judgment_carries_a_word_and_the_attempt(report):
    """Review 2026-12-07b, L-M6 and X-m7, and the third read's X-art-C1: a word of the scale
    for every technology judgment with a confirmed report of a transfer; one with only an
    aim or unconfirmed reports says it is not yet judged, and what there is (a "may seek"
    is no evidence against a transfer); the attempted shipment, where admitted, in the
    reactor's own basis."""
    box = _plain(brief_judgments.key_judgments(report).text)
    assert "cannot confirm" not in box and "very unlikely" not in box
    tech = report.scenario.technology(report.ledger, report.as_of)
    for j in assess(report):
        if j.spec.kind == "technology" and j.claims:
            rows = tech[tech["id"].isin(j.claims)]
            if j.likelihood is None:
                assert j.basis, j.id
                assert "judged" in box, j.id
            else:
                assert (rows["status"] != "sought").any(), j.id
    reactor = {j.id: j for j in assess(report)}["submarine-reactor"]
    tried = tech[(tech["category"] == "submarine reactor") & tech["note"].str.contains("attempt")]
    for claimant in tried["claimant"]:
        assert report.ledger.organisation(claimant) in reactor.basis


def test_page_one_has_no_internal_words_and_the_colophon_is_last(report):
    text = _plain(brief.bluf(report).text + brief_judgments.key_judgments(report).text)
    for word in INTERNAL:
        assert word not in text, word
    pdf = pdf_text(ROOT / "reports" / report.scenario.name / "brief.pdf")
    assert pdf.rfind("data version") > pdf.rfind("Sources")  # a colophon at the end


def test_source_detail_sits_in_a_table_under_the_judgments(report):
    table = brief_judgments.judgment_sources(report)
    assert list(table.frame.columns) == ["Judgment", "Independent sources behind it"]
    by_short = dict(
        zip(table.frame["Judgment"], table.frame["Independent sources behind it"], strict=True)
    )
    for j in assess(report):
        # each organisation with the number of its publication (L-M7); a judgment not yet
        # made cites its reports in its own line of the box instead
        if j.sources and j.assessable:
            cell = by_short[j.spec.short]
            assert re.sub(r" \[\d+\]", "", cell) == "; ".join(j.sources)
            assert len(re.findall(r"\[\d+\]", cell)) == len(j.sources), cell
    nb = (ROOT / "notebooks" / "brief.ipynb").read_text()
    assert nb.index("brief_judgments.key_judgments(report)") < nb.index(
        "brief_judgments.judgment_sources(report)"
    )


def test_display_names_not_the_ledger_wording(report):
    shown = "\n".join(
        [
            brief_figures.key_figures_table(report).frame.to_string(),
            _plain(losses.rates_prose(report).text),
            _plain((editions.what_changed(report) or brief.bluf(report)).text),
            brief_judgments.judgment_sources(report).frame.to_string(),
            common.claims_table(report, ("casualties",), "claims", "claims").frame.to_string(),
        ]
    )
    assert "Defence Defence" not in shown
    if report.scenario.name == "latest":
        assert "UK Defence Intelligence" in shown


def test_a_pay_range_reads_once_with_its_unit():
    table = brief_figures.key_figures_table(report_with(scenario="latest", draws=500)).frame
    assert "US$1,800–2,200 a month" in set(table["Range"])


def test_the_missing_figures_are_there_when_the_ledger_has_them():
    """Finding 6: the killed count, the age of the newest count, engineers, a unit's dead,
    the missile-guidance gain, drone-warfare experience and an outlook."""
    r = report_with(scenario="latest", draws=1000)
    text = _plain(losses.count_details(r).text)
    assert "around 2,000 killed" in text
    assert "The newest count is dated 2026-02-12" in text
    assert "about 1,000 engineers were clearing mines" in text
    assert "nine engineers killed clearing mines" in text
    by = {j.id: j for j in assess(r)}
    assert by["missile-guidance"].likelihood in ("likely", "very likely")
    assert "the sanctions monitoring team" in by["missile-guidance"].sources
    assert "drone warfare" in _plain(brief.military_gains(r).text)
    assert "Expected by the sources" in _plain(brief_outlook.what_would_change(r).text)


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


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_page_one_prices_no_casualty(scenario):
    """Issue 28, C-1: page one leads with the balance (what the regime gets against its
    economy, what it loses); no sentence, chart or key figure of the brief prices a
    casualty. The per-casualty lens stays in the cost-benefit report, each figure with its
    reading."""
    for what_if in ({}, {"benefit_period": "yearly"}, WHAT_IF_PAY):
        r = report_with(scenario=scenario, draws=500, **what_if)
        chart = brief_figures.headline_chart(r)
        facts = brief.bluf(r).facts + getattr(chart, "facts", [])
        facts += brief_figures.key_figures_table(r).facts
        assert not [f.key for f in facts if "per_casualty" in f.key], what_if
        text = _plain(brief.bluf(r).text + " " + getattr(chart, "caption", ""))
        for words in ("per casualty", "per soldier killed", "killed or wounded (a wounded"):
            assert words not in text, (words, what_if)
    r = report_with(scenario="latest", draws=500)
    balance = cost_benefit.balance_prose(r)
    assert "metric:deployment_payment_per_casualty_usd:both" in {f.key for f in balance.facts}


def test_the_bottom_line_sets_the_gains_against_the_economy():
    """Issue 28: what North Korea gets, each against the economy: a year of the troops' pay
    and the ministry's estimate as shares of national income; the munitions trade apart."""
    r = report_with(scenario="latest", draws=1000)
    bluf = brief.bluf(r)
    keys = {f.key for f in bluf.facts}
    assert "metric:benefit_share_of_gni:central" in keys
    assert "metric:deployment_payment_yearly_share_of_gni:central" in keys
    text = _plain(bluf.text)
    assert "Separate from the deployment, and not payment for it" in text
    rows = brief_figures.key_figures_table(r).frame["Figure"].tolist()
    assert "Troops' pay, a year" in rows and "Troops sent in all" in rows
    source = brief_figures.key_figures_table(r).frame.set_index("Figure").loc["Troops sent in all"]
    assert source["Source"] != "computed"  # a source's stated count, cited (M-7)


def test_one_value_per_quantity_across_the_brief(report):
    """Finding 9: an input read from one claim reads as its source stated it everywhere
    ("about US$3.0 billion", "more than 11,000"), never as the median of its draws."""
    shown = {}
    for prose in (brief.bluf(report), cost_benefit.balance_prose(report)):
        for f in prose.facts:
            shown.setdefault(f.key, set()).add(f.text)
    for f in brief_figures.key_figures_table(report).facts:
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
        if re.match(r"\d+\. ", line):  # each numbered source (the grade key above is not one)
            # every source links to its URL (the article's too), its host printed
            m = re.search(r"\]\((https?://[^)]+)\) \(([^)]+)\)", line)
            assert m, line
            assert m.group(2).replace("\\", "") in m.group(1), line


def test_the_series_names_the_troops_as_the_brief_does():
    """Minor: "What changed" and the series said "the troops sent in the first deployment"
    where the brief's judgment said "all the troops sent"; and each panel of the series
    is described under its own judgment."""
    r = report_with(scenario="latest", draws=500)
    cohort = losses.cohort_words(r)
    alt = editions_series.judgments_chart(r).alt
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

    assert not metrics(cost_benefit.balance_prose(r)) & metrics(brief_outlook.what_would_change(r))


# --- issue 23, the second reviewer's read (23c) -------------------------------------------

WHAT_IFS = ({}, {"benefit_period": "yearly"}, {"benefit_period": "cumulative"})
WHAT_IF_PAY = {"pay_per_soldier_month_usd": 2500.0}


def _brief_text(r) -> str:
    """The brief's own prose and tables, as a reader sees them, in memory."""
    parts = [
        brief.bluf(r).text,
        brief_judgments.key_judgments(r).text,
        brief_judgments.likelihood_note(r).text,
        (editions.what_changed(r) or brief.bluf(r)).text,
        brief_figures.key_figures_table(r).frame.to_string(),
        brief_judgments.assumptions_note(r).text,
        losses.rates_prose(r).text,
        losses.count_details(r).text,
        cost_benefit.balance_prose(r).text,
        cost_benefit.context_prose(r).text,
        gains.alternatives_prose(r).text,
        brief.military_gains(r).text,
        brief_outlook.what_would_change(r).text,
        common.sources_list(r).text,
    ]
    chart = brief_figures.headline_chart(r)
    parts.append(chart.caption + " " + chart.alt if hasattr(chart, "alt") else chart.text)
    return _plain("\n".join(parts))


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("what_if", WHAT_IFS)
def test_the_cumulative_reading_never_mixes_periods(scenario, what_if):
    """23c-1 (critical): "US$3.0 billion ... comes to US$500,000 per casualty if that
    figure is cumulative" divided a March-2025 total by a February-2026 count. Read as
    cumulative, the estimate is set against the casualties known at its own date, or the
    brief says plainly that the periods differ; the metric itself keeps its name and value."""
    from reportlib.analysis.history import report_as_of

    r = report_with(scenario=scenario, draws=1000, **what_if, **WHAT_IF_PAY)
    estimate = r.pick("economic_benefit")
    ends = parse_partial_date(estimate.claim_date).end
    count = r.pick("casualties")
    later = parse_partial_date(count.claim_date).end > ends
    cum = common.cumulative_reading(r)
    # the per-casualty lens lives in the cost-benefit report (page one prices no casualty)
    balance = cost_benefit.balance_prose(r)
    shown = {f.key: f for f in balance.facts}
    if later:
        then = report_as_of(r, ends)
        assert (
            cum.matched
            and cum.result.central == then.analysis.results["benefit_per_casualty_usd"].central
        )
        own = r.analysis.results["benefit_per_casualty_usd"]
        # the mixed-period figure is nowhere beside the readings
        assert not any(
            f.value == own.central for f in shown.values() if f.key.startswith("metric:")
        )
        if what_if.get("benefit_period") != "yearly":
            assert "counted by " + common.date_words(estimate.claim_date) in _plain(balance.text)
    else:
        assert not cum.matched and not cum.differs
    # the metric name stays as the explorer and `reportlib metrics --json` know it
    assert "benefit_per_casualty_usd" in r.analysis.results


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_bottom_line_weighs_both_readings_and_says_why_yearly(scenario):
    """23c-1: the budget share (of an annual budget) points, to us, to a yearly flow: said
    so, with both readings in one sentence, each against national income (issue 28); a what-if that
    chose a reading gives that one only."""
    r = report_with(scenario=scenario, draws=1000)
    text = _plain(brief.bluf(r).text)
    sentence = next(s for s in text.split(". ") if "unification ministry" in s)
    # the yearly reading is ours, said as ours (review L-m1): a share of a year's budget
    # does not make a sum yearly
    assert "if yearly, as its share of" in sentence and "suggests to us" in sentence
    assert "if cumulative" in sentence
    yearly = _plain(
        brief.bluf(report_with(scenario=scenario, draws=1000, benefit_period="yearly")).text
    )
    assert "as yearly (a what-if)" in yearly and "cumulative" not in yearly
    assert "of national income" in sentence


def test_the_munitions_trade_names_its_estimator_its_source_and_its_start():
    """23c-2: the estimator by its display name, its source cited and in the source list,
    "the value of munitions supplied" (the ledger's note says nothing of own stocks), and
    the timing from the ledger's dates."""
    r = report_with(scenario="latest", draws=1000)
    m = r.pick("gains_munitions")
    text = _plain(brief.bluf(r).text)
    assert "Korea Institute for Defense Analyses (KIDA)" in text
    assert "the value of munitions supplied" in text
    assert "own stocks" not in text
    assert "counted since August 2023, more than a year before the first troops went" in text
    number = r.cite(m.source_id)
    assert number in text
    assert any(
        line.startswith(number[1:-1] + ". ") and "Chosun Ilbo" in line
        for line in common.sources_list(r).text.splitlines()
    )
    # the timing is the ledger's: the trade's start and the dispatch date, in words
    start = common.date_words(m.period_start)
    assert common.dispatch_date(r) > parse_partial_date(m.period_start).start
    assert f"counted since {start}" in text


def test_what_changed_is_four_sentences_and_the_annex_names_every_new_claim():
    """23c-3: "What changed" in three or four sentences with no internal quantity labels
    and no report the last edition already had given as a reason; every new claim named
    with its claimant and date in the annex (the over-time report)."""
    from reportlib.analysis import history

    r = report_with(scenario="latest", draws=1000)
    section = _plain(editions.what_changed(r).text).split("\n\n", 1)[1]
    sentences = [s for s in re.split(r"(?<=[.)])\s+(?=[A-Z])", section) if s]
    assert 3 <= len(sentences) <= 4, sentences
    for label in ("troops, first deployment", "shells supplied", "killed in one unit"):
        assert label not in section
    old = set(history.snapshot(r, r.scenario.previous_edition).admitted)
    for c in r.claims.itertuples():
        if c.id in old:
            assert f"{r.ledger.display(c.claimant)} {r.cite(c.source_id)} said" not in section
    annex = _plain(editions.new_claims(r).text)
    for claim_id in history.changes(r, r.scenario.previous_edition).admitted:
        c = r.ledger.claim(claim_id)
        assert f"{r.ledger.display(str(c['claimant']))} ({c['claim_date']})" in annex, claim_id
    lines = [line for line in annex.splitlines() if line.startswith("- ")]
    keys = [line.split(")")[0] for line in lines]
    assert len(keys) == len(set(keys))  # one briefing, one line
    nb = (ROOT / "notebooks" / "04_over_time.ipynb").read_text()
    assert "editions.new_claims(report)" in nb


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_scenario_jargon_where_a_reader_looks(scenario):
    """23c-4: the reader's words for what no report gives, and a readable title."""
    for what_if in WHAT_IFS:
        r = report_with(scenario=scenario, draws=500, **what_if)
        text = _brief_text(r)
        for word in (
            "this scenario",
            "cannot be assessed in",
            "is admitted",
            "scenario admits",
            "scenarios add",
            "headline not in the stored copy",
        ):
            assert word not in text, (word, what_if)
    if scenario == "article":
        # issue 28, X-C1/X-M2: a scenario of some sources speaks of them, never of the world
        text = _brief_text(r)
        assert "The sources used here do not report it" in text
        assert "no report by" not in text.lower() and "had appeared by" not in text
    assert common.describe_missing(("casualties",), r.as_of).startswith(
        "no report by " + common.date_words(r.as_of) + " gives"
    )
    assert common.describe_missing(("casualties",), r.as_of, scoped=True).startswith(
        "none of the sources used here gives"
    )


def test_a_placeholder_title_reads_as_publisher_and_date():
    r = report_with(scenario="latest", draws=500)
    _brief_text(r)  # cite as the brief does
    line = next(x for x in common.sources_list(r).text.splitlines() if "SBS News" in x)
    assert "headline not recorded" in line and "N1008444347:" not in line.split("<")[0]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_source_list_explains_the_grades_from_the_ledger(scenario):
    """23c-5: a one-line key to the grades, from the ledger's labels."""
    r = report_with(scenario=scenario, draws=500)
    _brief_text(r)  # cite as the brief does
    lines = _plain(common.sources_list(r).text).splitlines()
    key = next(line for line in lines if line.strip() and not line.startswith("<")).strip("*")
    assert key.startswith("Grade: how far the claimant (not the outlet) can be relied on")
    for grade, label in r.ledger.grade_labels.items():
        assert f"{grade} {label}" in key


def test_the_bottom_line_names_the_troops_sent_to_fight():
    """23c-6: the 15,000 are the combat deployments (the engineers and builders are counted
    apart): not "all the troops sent"."""
    r = report_with(scenario="latest", draws=500)
    text = _plain(brief.bluf(r).text)
    assert "Of the 15,000 troops sent to fight" in text
    assert "Of all the troops sent" not in text


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_bottom_line_is_short_and_names_the_technology_gains(scenario):
    """23c-7: at most four sentences; the very-likely technology judgments in one clause,
    generated from the judgments, among what the regime gets ("In return, ...", issue 28)."""
    r = report_with(scenario=scenario, draws=500)
    text = _plain(brief.bluf(r).text).removeprefix("Bottom line. ")
    sentences = [s for s in re.split(r"(?<=[.])\s+(?=[A-Z])", text) if s]
    assert len(sentences) <= 4, sentences
    gains = [
        j for j in assess(r) if j.spec.kind == "technology" and j.likelihood in brief.GAIN_TERMS
    ]
    gets = next((x for x in sentences if x.startswith("In return, ")), "")
    for j in gains:
        assert j.spec.proposition.removeprefix("Russia has ") in gets
    if not gains:
        assert "Russia has" not in text


def test_the_small_wording_points():
    """23c-8: KCNA's engineers from the ledger row; the yearly reading parses; the pay per
    soldier sent has its period; the outlook's dates in words, attributed to the source."""
    r = report_with(scenario="latest", draws=500)
    details = _plain(losses.count_details(r).text)
    assert "KCNA reported nine engineers killed clearing mines" in details
    balance = _plain(cost_benefit.balance_prose(r).text)
    assert "set against the losses give" not in balance
    assert "Read as a yearly flow" in balance
    assert re.search(r"comes to at most US\$[\d,]+ million a year", _plain(brief.bluf(r).text))
    outlook = _plain(brief_outlook.what_would_change(r).text)
    assert "2026-H1" not in outlook and "first half of 2026" in outlook
    article = _plain(
        brief_outlook.what_would_change(report_with(scenario="article", draws=500)).text
    )
    assert "(Kim Jong-un" not in article and "reported by Korea Bizwire" in article


def test_a_sentence_under_the_judgments_says_how_likelihood_words_are_made():
    """23c-9: one plain sentence, right under the box (the next cell of the notebook)."""
    r = report_with(scenario="latest", draws=500)
    note = _plain(brief_judgments.likelihood_note(r).text)
    assert note.count(". ") == 0 and "share of our simulation's draws" in note
    # "low confidence" beside "very unlikely" is not read as a second likelihood (L-M6)
    assert "confidence rates the evidence behind a word, not its likelihood" in note
    nb = (ROOT / "notebooks" / "brief.ipynb").read_text()
    at = nb.index("brief_judgments.key_judgments(report)")
    assert (
        at
        < nb.index("brief_judgments.likelihood_note(report)")
        < nb.index("brief_judgments.judgment_sources")
    )
    assert "likelihood word is the share" not in _plain(brief_judgments.assumptions_note(r).text)
