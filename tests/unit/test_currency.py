"""How current an edition is (``analysis.currency``): figures to, technology reports to,
sources searched to, on small hand-made ledgers."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from reportlib.analysis.currency import currency, newest, searched_to
from reportlib.analysis.scenarios import Scenario

ALL = Scenario("latest", "Latest", "every source", "latest", None)
FIXED = Scenario("cross-checked", "Cross-checked", "every source", "2025-04-09", None)
ARTICLE = Scenario("article", "Article", "the article", "2025-04-09", ("art",))


def claim(cid: str, quantity: str, when: str, source: str = "s") -> dict:
    return {"id": cid, "quantity": quantity, "claim_date": when, "source_id": source}


def ledger(claims, technology=(), searches=(), newest_report=date(2026, 5, 12)):
    searches_columns = ["id", "date", "searched_to", "newest_found"]
    return SimpleNamespace(
        claims=pd.DataFrame(list(claims), columns=["id", "quantity", "claim_date", "source_id"]),
        technology=pd.DataFrame(list(technology), columns=["id", "category", "date", "source_id"]),
        searches=pd.DataFrame(list(searches), columns=searches_columns),
        newest_report_date=newest_report,
    )


CLAIMS = [
    claim("a", "casualties", "2025-03-27", "art"),
    claim("b", "casualties", "2026-02-12"),
    claim("c", "troops_total", "2025-Q3"),
    claim("g", "gni_nominal", "2026-03-01"),  # context: not news of the deployment
]
TECH = [
    {"id": "t1", "category": "air_defence", "date": "2025-05-29", "source_id": "s"},
    {"id": "t2", "category": "submarine", "date": "2026-05-12", "source_id": "s"},
]
SEARCHES = [
    {"id": "s1", "date": "2026-12-04", "searched_to": "2026-12-04", "newest_found": "2026-05-12"},
    {"id": "s2", "date": "2026-12-06", "searched_to": "2026-12-06", "newest_found": ""},
]


def test_latest_reaches_past_its_date_to_the_search():
    got = currency(ledger(CLAIMS, TECH, SEARCHES), ALL)
    assert got.as_of == date(2026, 5, 12)
    assert str(got.figures_to) == "2026-02-12"  # the context series' later date is left out
    assert str(got.technology_to) == "2026-05-12"
    assert got.searched_to == date(2026, 12, 6)
    assert got.searches == 2
    assert str(got.newest_found) == "2026-05-12"


def test_a_fixed_date_edition_is_searched_to_its_own_date():
    got = currency(ledger(CLAIMS, TECH, SEARCHES), FIXED)
    assert got.as_of == date(2025, 4, 9)
    assert str(got.figures_to) == "2025-03-27"
    assert got.technology_to is None
    assert got.searched_to == date(2025, 4, 9)
    assert got.newest_found is None  # the 2026 find is after the edition's date


def test_an_as_of_override_caps_the_search_like_a_fixed_date():
    got = currency(ledger(CLAIMS, TECH, SEARCHES), ALL, date(2025, 12, 31))
    assert got.searched_to == date(2025, 12, 31)
    assert got.newest_found is None  # a later find says nothing of an edition of 2025
    assert str(got.figures_to) == "2025-Q3"
    assert str(got.technology_to) == "2025-05-29"


def test_an_edition_after_the_last_search_says_how_far_it_was_searched():
    got = currency(ledger(CLAIMS, TECH, SEARCHES), ALL, date(2027, 6, 1))
    assert got.searched_to == date(2026, 12, 6)
    assert str(got.newest_found) == "2026-05-12"


def test_a_source_restricted_scenario_has_no_searched_to_date():
    got = currency(ledger(CLAIMS, TECH, SEARCHES), ARTICLE)
    assert (got.searched_to, got.searches) == (None, 0)
    assert str(got.figures_to) == "2025-03-27"


def test_no_search_recorded_gives_none():
    assert searched_to(ledger(CLAIMS, TECH), ALL) == (None, 0, None)


def test_nothing_admitted_gives_none():
    got = currency(ledger([claim("g", "gni_nominal", "2024")], TECH, SEARCHES), FIXED)
    assert got.figures_to is None and got.technology_to is None


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["2025-03", "2025-03-31", "2025-Q1"], "2025-03-31"),  # same end: the narrower one
        (["2025-H1", "2025-05-30"], "2025-H1"),
        (["2024", "", "2023-12-31"], "2024"),
        ([], None),
    ],
)
def test_newest_orders_by_the_end_of_a_span(texts, expected):
    found = newest(texts)
    assert (str(found) if found else None) == expected


def test_the_places_searched_are_those_of_the_searches_reaching_the_searched_to_day():
    from reportlib.analysis.currency import searched_in

    rows = [
        {
            "id": "s1",
            "date": "2026-12-04",
            "searched_to": "2026-12-04",
            "newest_found": "",
            "searched_in": "stored news and documentation pages",
        },
        {
            "id": "s2",
            "date": "2026-12-06",
            "searched_to": "2026-12-06",
            "newest_found": "",
            "searched_in": "stored news pages",
        },
        {
            "id": "s3",
            "date": "2026-12-06",
            "searched_to": "2026-12-06",
            "newest_found": "",
            "searched_in": "stored news pages",
        },
        {
            "id": "s4",
            "date": "2026-12-06",
            "searched_to": "2026-12-06",
            "newest_found": "",
            "searched_in": "stored documentation pages",
        },
    ]
    led = SimpleNamespace(searches=pd.DataFrame(rows))
    assert searched_in(led, date(2026, 12, 6)) == (
        "stored news pages",
        "stored documentation pages",
    )
    assert searched_in(led, None) == ()
    assert searched_in(ledger(CLAIMS, TECH, SEARCHES), date(2026, 12, 6)) == ()  # no column


def test_places_share_their_first_and_last_words_once():
    from reportlib.views.common import join_places

    assert join_places(["stored news pages", "stored documentation pages"]) == (
        "stored news and documentation pages"
    )
    assert join_places(["stored news pages"]) == "stored news pages"
    assert join_places(["a library", "the web"]) == "a library and the web"
    assert join_places([]) == ""


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("", "", ""),
        ("2024-03", "2024-03", " in March 2024"),
        ("2024-03", "", " in March 2024"),
        ("2024-03", "2024-11", " from March to November 2024"),
        ("2024-10", "2025-03", " from October 2024 to March 2025"),
        ("2024-01-05", "2024-12", " from 5 January 2024 to December 2024"),
        ("2025-H1", "2025-H2", " from the first half of 2025 to the second half of 2025"),
    ],
)
def test_a_period_follows_its_figure_in_words(start, end, words):
    from reportlib.views.common import period_words

    assert period_words(start, end) == words


def test_a_row_added_after_the_searches_is_the_newest_found():
    """A claim dated after everything the searches found (added since) is what nothing
    newer was found than: the line never says "nothing newer than 12 May 2026" beside
    "figures to 20 November 2026" (found by a scratch ledger with a late row)."""
    late = [*CLAIMS, claim("late", "casualties", "2026-11-20")]
    got = currency(ledger(late, TECH, SEARCHES, date(2026, 11, 20)), ALL)
    assert str(got.figures_to) == "2026-11-20"
    assert str(got.newest_found) == "2026-11-20"
    tech = [*TECH, {"id": "t3", "category": "satellite", "date": "2026-11-30", "source_id": "s"}]
    got = currency(ledger(late, tech, SEARCHES, date(2026, 11, 30)), ALL)
    assert str(got.newest_found) == "2026-11-30"
    # an edition capped at its own date says nothing of what was found
    assert currency(ledger(late, TECH, SEARCHES), FIXED).newest_found is None
