"""Bad-input tests: each validation rule names the file, line and column.

Each test breaks one cell of a copy of today's ledger (so they sit in the data tier)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlib.ledger import LedgerError, load_ledger, validate_ledger
from tests.helpers import edit_csv


def problems_of(data: Path) -> list[str]:
    return [str(p) for p in validate_ledger(data, data.parent)]


def one_problem(data: Path) -> str:
    found = problems_of(data)
    assert len(found) == 1, found
    return found[0]


def test_copy_is_clean(data_copy):
    assert problems_of(data_copy) == []


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("value", "ten thousand", "expected a number, found 'ten thousand'"),
        ("unit", "people", "expected a unit listed in"),
        ("claim_date", "2025-13-45", "expected a date as YYYY-MM-DD"),
        ("qualifier", "roughly", "expected a qualifier listed in"),
        ("source_id", "nowhere", "expected a source_id listed in"),
        ("kind", "rumour", "expected one of reported, estimate, projection"),
        ("reliability", "Z", "expected a grade listed in"),
        ("claimant", "", "expected a value, found an empty cell"),
        ("id", "Bad Id", "expected an id of a-z, 0-9 and '-'"),
    ],
)
def test_cell_rules(data_copy, column, value, expected):
    line = edit_csv(data_copy / "claims.csv", "art-casualties", column, value)
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/claims.csv:{line}: column '{column}':"), problem
    assert expected in problem


def test_duplicate_id(data_copy):
    line = edit_csv(data_copy / "claims.csv", "art-casualties", "id", "art-troops-initial")
    problem = one_problem(data_copy)
    assert f":{line}: column 'id': expected a unique id (also on line" in problem


def test_unit_must_match_quantity(data_copy):
    line = edit_csv(data_copy / "claims.csv", "art-casualties", "unit", "USD")
    problem = one_problem(data_copy)
    assert f":{line}: column 'unit': expected 'persons', the unit of casualties" in problem


def test_low_above_value(data_copy):
    path = data_copy / "claims.csv"
    edit_csv(path, "art-casualties", "low", "5000")
    line = edit_csv(path, "art-casualties", "high", "6000")
    problem = one_problem(data_copy)
    assert f":{line}: column 'value': expected low <= value <= high" in problem


def test_low_without_high(data_copy):
    line = edit_csv(data_copy / "claims.csv", "art-casualties", "low", "3000")
    assert f":{line}: column 'high': expected low and high together" in one_problem(data_copy)


def test_share_out_of_bounds(data_copy):
    line = edit_csv(data_copy / "claims.csv", "art-budget-share", "value", "30")
    found = problems_of(data_copy)
    assert any(
        f":{line}: column 'value': expected a share from 0 to 1, found 30" in p for p in found
    )


def test_share_range_beyond_one(data_copy):
    line = edit_csv(data_copy / "claims.csv", "art-budget-share", "value", "0.95")
    problem = one_problem(data_copy)
    assert f":{line}: column 'high': expected a share range within 0 to 1" in problem


def test_negative_count(data_copy):
    line = edit_csv(data_copy / "claims.csv", "art-captured", "value", "-2")
    assert f":{line}: column 'value': expected a value >= 0 for unit persons" in one_problem(
        data_copy
    )


def test_range_qualifier_needs_stated_bounds(data_copy):
    path = data_copy / "claims.csv"
    edit_csv(path, "art-lost-thousands", "low", "")
    line = edit_csv(path, "art-lost-thousands", "high", "")
    assert f":{line}: column 'low': expected a stated low and high" in one_problem(data_copy)


def test_period_order(data_copy):
    line = edit_csv(data_copy / "claims.csv", "art-deploy-duration", "period_end", "2023-01")
    assert f":{line}: column 'period_end': expected a period end on or after" in one_problem(
        data_copy
    )


def test_conversion_must_add_up(data_copy):
    line = edit_csv(data_copy / "claims.csv", "xc-ytn-arms", "fx_rate", "700")
    assert f":{line}: column 'value': expected original_value / fx_rate" in one_problem(data_copy)


def test_one_source_converts_at_one_rate(data_copy):
    claims = data_copy / "claims.csv"
    edit_csv(claims, "xc-kida-troops", "fx_rate", "1400")
    line = edit_csv(claims, "xc-kida-troops", "value", "285714286")
    assert f":{line}: column 'fx_rate': expected the rate source chosun-2025-04-09's other " in (
        one_problem(data_copy)
    )


def test_a_year_converts_at_that_years_average(data_copy):
    claims = data_copy / "claims.csv"
    lines = []
    for claim, value in (("xc-bok-gnipc-2024", "1228"), ("xc-bok-gni-2024", "31700000000")):
        edit_csv(claims, claim, "fx_rate", "1400")
        lines.append(edit_csv(claims, claim, "value", value))
    found = problems_of(data_copy)
    assert len(found) == 2, found
    for line, problem in zip(sorted(lines), found, strict=True):
        assert f":{line}: column 'fx_rate': expected 2024's average rate 1364 from" in problem


def test_a_relayed_statement_carries_its_own_date(data_copy):
    line = edit_csv(data_copy / "claims.csv", "art-casualties", "claim_date", "2025-04-09")
    assert (
        f":{line}: column 'claim_date': expected the date of the statement it relays "
        "(xc-jcs-casualties: 2025-03-27), found '2025-04-09'"
    ) in one_problem(data_copy)


def test_relays_must_name_another_claim(data_copy):
    line = edit_csv(data_copy / "claims.csv", "art-casualties", "relays", "xc-nowhere")
    assert f":{line}: column 'relays': expected the id of another claim" in one_problem(data_copy)


def test_rows_written_in_the_first_columns_still_pass(data_copy):
    """Columns added later (relays, cohort) may be missing from a row's end or the header."""
    claims = data_copy / "claims.csv"
    text = claims.read_text()
    first = ",".join(text.splitlines()[0].split(",")[:20])
    row = (
        "xc-new,casualties,7000,about,,,persons,Someone,2025-10-01,2024-12,2025-09,"
        "kh-2025-12-12,cross-check §2,estimate,B,,,,,"
    )
    claims.write_text(text + row + "\n")
    assert problems_of(data_copy) == []
    body = [",".join(line.split(",")[:20]) for line in text.splitlines()[1:]]
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(r[:20] for r in rows)
    claims.write_text(out.getvalue())
    assert first and body and problems_of(data_copy) == []


def test_reference_from_other_tables(data_copy):
    line = edit_csv(data_copy / "events.csv", "ev-article", "source_id", "missing")
    assert f"events.csv:{line}: column 'source_id': expected a source_id listed in" in one_problem(
        data_copy
    )


def test_non_utf8(data_copy):
    path = data_copy / "claims.csv"
    raw = path.read_bytes().replace(b"Seoul officials", "Seoul \xe9officials".encode("latin-1"))
    path.write_bytes(raw)
    problem = one_problem(data_copy)
    assert "claims.csv:" in problem and "expected UTF-8 text, found byte 0xe9" in problem


def test_empty_file(data_copy):
    (data_copy / "sources.csv").write_text("")
    found = problems_of(data_copy)
    assert any(
        "sources.csv:1: expected a header line and rows, found an empty file" in p for p in found
    )


def test_missing_column(data_copy):
    path = data_copy / "claims.csv"
    lines = path.read_text().splitlines()
    lines[0] = lines[0].replace(",locator,", ",place,")
    path.write_text("\n".join(lines) + "\n")
    found = problems_of(data_copy)
    assert any("claims.csv:1: column 'locator': expected a 'locator' column" in p for p in found)
    assert any("claims.csv:1: column 'place': expected only the columns" in p for p in found)


def test_unknown_column(data_copy):
    path = data_copy / "units.csv"
    rows = path.read_text().splitlines()
    path.write_text("\n".join([rows[0] + ",colour"] + [r + "," for r in rows[1:]]) + "\n")
    problem = one_problem(data_copy)
    assert "units.csv:1: column 'colour': expected only the columns unit, description" in problem


def test_duplicated_header(data_copy):
    path = data_copy / "units.csv"
    rows = path.read_text().splitlines()
    path.write_text("\n".join([rows[0] + ",unit"] + [r + ",x" for r in rows[1:]]) + "\n")
    assert any("column 'unit': expected each column once" in p for p in problems_of(data_copy))


def test_truncated_row(data_copy):
    path = data_copy / "claims.csv"
    text = path.read_text()
    path.write_text(text + "xc-cut,casualties,100\n")
    n, fields = len(text.splitlines()) + 1, len(text.splitlines()[0].split(","))
    expected = f"claims.csv:{n}: expected {fields} fields as in the header, found 3"
    assert expected in one_problem(data_copy)


def test_bom_and_crlf_accepted(data_copy):
    path = data_copy / "claims.csv"
    text = path.read_text()
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert problems_of(data_copy) == []


def test_load_raises_with_every_problem(data_copy):
    edit_csv(data_copy / "claims.csv", "art-casualties", "value", "x")
    edit_csv(data_copy / "claims.csv", "art-benefit", "unit", "EUR")
    with pytest.raises(LedgerError) as err:
        load_ledger(data_copy)
    assert len(err.value.problems) == 2


@pytest.mark.parametrize(
    ("column", "value", "expected", "found"),
    [
        ("claimant", "Ministry\nof Defence", "text on one line", "U+000A"),
        ("note", "a\ttab", "text on one line", "U+0009"),
        ("claimant", "x" * 501, "at most 500 characters", "501 characters"),
        ("locator", "\u0f40 para 1", "characters the report fonts can draw", "U+0F40 TIBETAN"),
        ("cohort", "casualties", "one of troops_initial, troops_additional, troops_total", ""),
    ],
)
def test_what_a_report_cannot_show_is_refused(data_copy, column, value, expected, found):
    """Text no report could show as written, and a cohort the analysis cannot count
    losses among, are refused before any build, named with file, line and column."""
    line = edit_csv(data_copy / "claims.csv", "art-casualties", column, value)
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/claims.csv:{line}: column '{column}':"), problem
    assert expected in problem and found in problem, problem


def test_hostile_but_drawable_text_is_accepted(data_copy):
    edit_csv(
        data_copy / "claims.csv",
        "art-casualties",
        "claimant",
        "<script>alert(1)</script> #set page(width: 1cm) $x^2$ *bold* 김정은 שלום 🚀",
    )
    assert problems_of(data_copy) == []


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("ev-nowhere", "'ev-nowhere', which is no event id"),
        ("ev-treaty-photo", "'ev-treaty-photo', an event whose status is 'occurred'"),
    ],
)
def test_resolves_names_an_expected_event(data_copy, value, found):
    line = edit_csv(data_copy / "events.csv", "ev-treaty-signed", "resolves", value)
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/events.csv:{line}: column 'resolves':"), problem
    assert "expected the id of an expected event of this table" in problem and found in problem


@pytest.mark.parametrize("claimed", ["2025-04-10", "2025-05", "2025-Q3", "2026"])
def test_a_claim_dated_after_the_publication_that_reports_it(data_copy, claimed):
    """A source published on 9 April 2025 cannot report what was said after it."""
    line = edit_csv(data_copy / "claims.csv", "art-troops-initial", "claim_date", claimed)
    problem = one_problem(data_copy)
    assert f"claims.csv:{line}: column 'claim_date': expected a date on or before " in problem
    assert f"2025-04-09, when its source art was published, found '{claimed}'" in problem


@pytest.mark.parametrize("claimed", ["2025-04-09", "2025-04", "2025-Q2", "2025"])
def test_a_claim_whose_date_may_be_the_publications_is_accepted(data_copy, claimed):
    edit_csv(data_copy / "claims.csv", "art-troops-initial", "claim_date", claimed)
    assert problems_of(data_copy) == []


def test_add_refuses_a_claim_dated_after_its_source(data_copy, capsys):
    from reportlib.cli import main

    row = ["id=xc-late", "quantity=casualties", "value=7000", "qualifier=about",
           "unit=persons", "claimant=NIS", "claim_date=2026-11-30", "source_id=sbs-2026-02-14",
           "locator=para 3", "kind=estimate", "reliability=B", "cohort=troops_total"]  # fmt: skip
    before = (data_copy / "claims.csv").read_bytes()
    assert main(["add", "claims", *row, "--data", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "expected a date on or before 2026-02-14, when its source sbs-2026-02-14" in err
    assert (data_copy / "claims.csv").read_bytes() == before


def test_troops_assumed_only_on_an_estimate_set_per_soldier(data_copy):
    """03-M2: the troops an estimate assumed are shown only for a quantity the vocabulary
    sets per soldier (role 'per-soldier'); elsewhere the number would be shown nowhere."""
    line = edit_csv(data_copy / "claims.csv", "art-casualties", "troops_assumed", "10000")
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/claims.csv:{line}: column 'troops_assumed':"), problem
    assert "per-soldier" in problem and "troop_deal_value_annual" in problem


@pytest.mark.parametrize("value", ["0", "-5"])
def test_troops_assumed_is_a_positive_count(data_copy, value):
    line = edit_csv(data_copy / "claims.csv", "xc-inss-deal", "troops_assumed", value)
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/claims.csv:{line}: column 'troops_assumed':"), problem
    assert "a count of troops above 0" in problem


def test_a_floor_in_the_qualifier_policy_is_declared_a_floor(data_copy):
    """03-M2: a qualifier whose range reaches only up is a floor, and must be one in
    formatting.BOUNDS, or a report would round it up past its source."""
    line = edit_csv(data_copy / "qualifiers.csv", "about", "low_factor", "1.0", key="qualifier")
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/qualifiers.csv:{line}: column 'low_factor':"), problem
    assert "no bound" in problem and "BOUNDS" in problem


def test_a_declared_ceiling_keeps_a_ceilings_range(data_copy):
    line = edit_csv(data_copy / "qualifiers.csv", "up to", "high_factor", "1.2", key="qualifier")
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/qualifiers.csv:{line}: column 'low_factor':"), problem
    assert "a ceiling: high_factor 1" in problem


def test_a_stated_rate_needs_the_troops_it_was_stated_for(data_copy):
    """03-M2: the pay per soldier a source states as its basis is shown with the troops it
    assumed; without them it would be shown nowhere."""
    line = edit_csv(data_copy / "claims.csv", "xc-kida-troops", "troops_assumed", "")
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/claims.csv:{line}: column 'rate_assumed':"), problem
    assert "empty where troops_assumed is" in problem


@pytest.mark.parametrize("value", ["0", "-5"])
def test_a_stated_rate_is_above_zero(data_copy, value):
    line = edit_csv(data_copy / "claims.csv", "xc-kida-troops", "rate_assumed", value)
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/claims.csv:{line}: column 'rate_assumed':"), problem


def test_a_rate_qualifier_only_beside_a_rate(data_copy):
    line = edit_csv(data_copy / "claims.csv", "xc-inss-deal", "rate_qualifier", "at least")
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/claims.csv:{line}: column 'rate_qualifier':"), problem


def test_a_rate_qualifier_is_one_of_a_single_figure(data_copy):
    line = edit_csv(data_copy / "claims.csv", "xc-kida-troops", "rate_qualifier", "range")
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/claims.csv:{line}: column 'rate_qualifier':"), problem
    assert "a qualifier of one figure" in problem


@pytest.mark.parametrize("publisher", ["jubi24 (CNN)", "CNN"])
def test_a_copy_names_its_original_apart_from_the_site_it_was_read_at(data_copy, publisher):
    """``copy_of`` names the original's publisher; the publisher cell is then the copy's
    site alone, so the source list never reads "CNN (read in a copy at jubi24 (CNN))"."""
    line = edit_csv(
        data_copy / "sources.csv", "jubi24-2026-05-12", "publisher", publisher, "source_id"
    )
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/sources.csv:{line}: column 'copy_of':"), problem
    assert "the original's publisher, other than the site the copy was read at" in problem


def test_a_copy_of_an_original_is_shown_as_the_original(data_copy):
    """The ledger's copies read as their originals' text, where the copy was read said."""
    from reportlib.ledger.copies import publisher_name, publisher_words

    ledger = load_ledger(data_copy, data_copy.parent)
    copy = ledger.sources.set_index("source_id").loc["jubi24-2026-05-12"]
    assert publisher_name(copy) == "CNN"
    assert publisher_words(copy) == "CNN (read in a copy at jubi24)"
    own = ledger.sources.set_index("source_id").loc["art"]
    assert publisher_words(own) == publisher_name(own) == "Korea Bizwire (Yonhap)"


def test_an_undated_claim_that_relays_nothing_stores_its_sources_date(data_copy):
    """X-M4: a figure its source does not date, relaying nothing, keeps the source's own
    date (a relayed one keeps the relayed statement's: ``check_links``)."""
    edit_csv(data_copy / "claims.csv", "art-casualties", "relays", "")
    line = edit_csv(data_copy / "claims.csv", "art-casualties", "undated", "yes")
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/claims.csv:{line}: column 'claim_date':"), problem
    assert "its source's date, 2025-04-09, for an undated claim" in problem


def test_undated_is_yes_or_empty(data_copy):
    line = edit_csv(data_copy / "claims.csv", "art-casualties", "undated", "no")
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/claims.csv:{line}: column 'undated':"), problem


def test_a_display_name_stands_for_one_organisation(data_copy):
    """X-M4: a display name shared across organisations would merge two chains for a
    reader, and for the independence count that reads claimants by display name."""
    line = edit_csv(
        data_copy / "organisations.csv",
        "South Korea's military",
        "display",
        "Seoul officials",
        key="claimant",
    )
    problem = one_problem(data_copy)
    assert problem.startswith(f"data/organisations.csv:{line}: column 'display':"), problem
    assert "a claimant of another organisation ('Seoul officials')" in problem
    line = edit_csv(
        data_copy / "organisations.csv",
        "South Korea's military",
        "display",
        "UK Defence Intelligence",
        key="claimant",
    )
    problem = one_problem(data_copy)
    assert "no claimant of another organisation" in problem, problem
