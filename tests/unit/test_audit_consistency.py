"""The audit's rules of consistency, on facts built in memory: each planted inconsistency
fails, naming the report, the fact and the rule; consistent facts pass."""

from __future__ import annotations

from reportlib.audit import check_facts, check_scenario


def metric(name, value, low, high, style="range", text="x"):
    return {
        "key": f"metric:{name}:{style}",
        "text": text,
        "kind": "metric",
        "value": value,
        "low": low,
        "high": high,
        "provenance": [f"metric:{name}"],
    }


def judgment(p, term, metric_name="rate", threshold=0.2, comparison="above"):
    return {
        "key": "judgment:j1",
        "text": "It is … that …",
        "kind": "judgment",
        "id": "j1",
        "metric": metric_name,
        "threshold": threshold,
        "comparison": comparison,
        "probability": p,
        "term": term,
        "confidence": "moderate",
        "provenance": ["c1"],
    }


def test_consistent_facts_pass():
    facts = [metric("rate", 0.29, 0.26, 0.31), judgment(0.99, "almost certain")]
    assert check_facts("s/brief", facts) == []


def test_term_that_does_not_match_its_probability_fails():
    (problem,) = check_facts("s/brief", [judgment(0.5, "likely", metric_name=None)])
    assert (problem.report, problem.fact, problem.rule) == (
        "s/brief",
        "judgment:j1",
        "term-matches-probability",
    )
    assert "'roughly even chance'" in problem.detail


def test_boundary_probability_takes_the_lower_band():
    assert check_facts("s/brief", [judgment(0.95, "very likely", metric_name=None)]) == []


def test_judgment_against_its_printed_interval_fails():
    # "likely that the benefit exceeds 500,000" beside an interval of 420,000-510,000 is
    # fine only if p agrees; a threshold below the whole interval needs p >= 0.95
    facts = [metric("rate", 0.29, 0.26, 0.31), judgment(0.7, "likely")]
    (problem,) = check_facts("s/brief", facts)
    assert problem.rule == "judgment-agrees-with-interval" and problem.fact == "judgment:j1"
    assert "at least 0.95" in problem.detail
    high = [metric("rate", 0.1, 0.05, 0.15), judgment(0.3, "unlikely")]
    (problem,) = check_facts("s/brief", high)
    assert "at most 0.05" in problem.detail
    below = [metric("rate", 0.1, 0.05, 0.15), judgment(0.3, "unlikely", comparison="below")]
    (problem,) = check_facts("s/brief", below)
    assert "at least 0.95" in problem.detail


def test_central_outside_its_interval_fails():
    (problem,) = check_facts("s/03", [metric("rate", 0.4, 0.26, 0.31)])
    assert (problem.report, problem.fact, problem.rule) == (
        "s/03",
        "metric:rate:range",
        "central-inside-interval",
    )
    (edge,) = check_facts("s/03", [metric("rate", 0.26, 0.26, 0.31)])  # on the edge
    assert edge.rule == "central-inside-interval"
    assert check_facts("s/03", [metric("rate", 0.3, 0.3, 0.3)]) == []  # a point


def test_a_key_shown_two_ways_in_one_scenario_fails():
    a = [metric("rate", 0.29, 0.26, 0.31, text="26%–31%")]
    b = [metric("rate", 0.29, 0.26, 0.31, text="25%–31%")]
    (problem,) = check_scenario({"s/brief": a, "s/03": b})
    assert problem.rule == "same-text-in-scenario" and problem.fact == "metric:rate:range"
    assert problem.report == "s/brief" and "s/03" in problem.detail
    assert check_scenario({"s/brief": a, "s/03": a}) == []


def test_a_full_date_is_exempt_even_where_its_year_and_month_are_ledger_text():
    from reportlib.audit import trace_text

    found = trace_text("r", "as of 2025-02-28 the count", [], [("2025-02", "ledger claims/x")])
    assert all(f.ok for f in found), [f for f in found if not f.ok]


def test_page_numbers_may_abut_the_footer_text():
    from reportlib.audit import trace_text

    found = trace_text("r", "as of 2025-04-09 · what-if runPage 2 of 3", [], [])
    assert all(f.ok for f in found), [f for f in found if not f.ok]


def test_one_metric_with_two_values_in_a_scenario_fails_whatever_its_key():
    """Issue 27: the brief showed the benefit per casualty, "if cumulative", as US$750,000
    under ``metric:benefit_per_casualty_usd:at-estimate-date:both`` while the cost-benefit
    report showed US$500,000 under ``metric:benefit_per_casualty_usd:central``: two values
    of one metric id, each key consistent with itself."""
    brief = [
        metric("benefit_per_casualty_usd", 749818.0, 699486.5, 801299.5, "at-estimate-date:both")
    ]
    annex = [metric("benefit_per_casualty_usd", 499560.4, 466000.0, 535000.0, "central")]
    (problem,) = check_scenario({"s/brief": brief, "s/03": annex})
    assert problem.rule == "one-value-per-metric"
    assert "metric benefit_per_casualty_usd is 749818" in str(problem)
    assert "but 499560" in str(problem)
    # the same value in two styles is one figure
    same = [metric("benefit_per_casualty_usd", 499560.4, 466000.0, 535000.0, "range")]
    assert check_scenario({"s/brief": same, "s/03": annex}) == []
    # each reading its own metric id: no conflict
    own = [metric("benefit_per_casualty_at_estimate_date_usd", 749818.0, 699486.5, 801299.5)]
    assert check_scenario({"s/brief": own, "s/03": annex}) == []


def test_a_metric_a_report_shows_must_equal_metrics_json():
    from reportlib.audit import check_against_metrics

    shown = {"s/brief": [metric("rate", 0.29, 0.26, 0.31)]}
    assert (
        check_against_metrics(shown, {"rate": {"central": 0.29, "low": 0.26, "high": 0.31}}) == []
    )
    (problem,) = check_against_metrics(shown, {"rate": {"central": 0.3, "low": 0.26, "high": 0.31}})
    assert problem.rule == "equals-metrics-json" and "0.29 (0.26 to 0.31) here" in str(problem)
    (problem,) = check_against_metrics(shown, {})
    assert "not among the metrics" in str(problem)
