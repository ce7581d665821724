"""The audit on text and facts built in memory (and a two-row ledger in a temporary folder)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlib.audit import _norm, audit_report, summary, trace_text, verbatim_texts

FACTS = [
    {"key": "metric:casualties:central", "text": "4,000", "provenance": ["metric:casualties"]},
    {"key": "claim:x:range", "text": "3.6–4.4 thousand", "provenance": ["x"]},
]


def _by_number(findings):
    return {f.number: f.traced_to for f in findings}


def test_fact_numbers_trace_to_their_fact():
    found = _by_number(trace_text("r", "About 4,000 casualties (3.6–4.4 thousand).", FACTS, []))
    assert found["4,000"].startswith("metric:casualties:central <- metric:casualties")
    assert found["3.6"].startswith("claim:x:range") and found["4.4"].startswith("claim:x:range")


def test_an_untraced_number_fails_and_is_named():
    findings = trace_text("r (HTML)", "Some 5,500 troops.", FACTS, [])
    assert [(f.number, f.ok) for f in findings] == [("5,500", False)]
    assert summary(findings).startswith("1 number(s) trace to no fact or ledger entry: 5,500")


def test_exemptions():
    text = "1. In 2025 on 9 April (2025-Q1), Figure 2 on Page 1 of 3 cites [4] in §2."
    findings = trace_text("r", text, [], [])
    assert all(f.ok for f in findings), [f for f in findings if not f.ok]
    kinds = {f.traced_to for f in findings}
    assert {"exempt: list marker", "exempt: year", "exempt: date", "exempt: citation"} <= kinds


def test_a_list_of_citations_is_exempt_but_not_a_bracketed_figure():
    """The key judgments cite every organisation's publication at once ("[1, 4, 8]"); a
    bracketed figure that is not a list of source numbers ("[1,000]") still has to trace."""
    found = trace_text("r", "official on the record [1, 4, 18].", [], [])
    assert found and all(f.ok and f.traced_to == "exempt: citation" for f in found)
    assert not all(f.ok for f in trace_text("r", "a count of [1,000].", [], []))


def test_a_number_ending_a_sentence_is_not_a_list_marker():
    assert not trace_text("r", "The total was 12. Then more.", [], [])[0].ok


def test_a_ledger_text_wrapped_before_its_number_is_not_a_list_marker():
    """A table cell holding "--- 1. 2." wraps after "1.": the "2." starts a line, as a
    list marker does, yet the ledger text accounts for it and for the "1." before it."""
    text = "around 1,000 54125 --- 1. \n2.\nF [10]"
    verbatim = [("54125", "ledger claims/c.claimant"), ("--- 1. 2.", "ledger claims/c.claimant")]
    found = trace_text("r", text, [{"key": "k", "text": "1,000", "provenance": []}], verbatim)
    assert all(f.ok for f in found), [f for f in found if not f.ok]
    assert _by_number(found)["2"] == "ledger claims/c.claimant"


@given(st.text(alphabet=" \n\t\u200b\u2066\u2069\u2019ab1.", max_size=30))
def test_folding_maps_every_position(text):
    from reportlib.audit import _norm_map

    folded, moved = _norm_map(text)
    assert folded == _norm(text) and len(moved) == len(text) + 1
    assert all(0 <= a <= b <= len(folded) for a, b in zip(moved, moved[1:], strict=False))
    for i, ch in enumerate(text):
        if ch.isalnum() or ch == ".":
            assert folded[moved[i]] == ch


def test_ledger_text_traces_verbatim(tmp_path):
    (tmp_path / "sources.csv").write_text(
        "source_id,publisher,title,url,date\ns1,Yonhap,Report of 9 units,https://x.kr/7/a,2025\n"
    )
    verbatim = verbatim_texts(tmp_path)
    assert ("Report of 9 units", "ledger sources/s1.title") in verbatim
    found = _by_number(trace_text("r", "See Report of 9 units (https://x.kr/7/a).", [], verbatim))
    assert found == {"9": "ledger sources/s1.title", "7": "ledger sources/s1.url"}


def test_audit_report_reads_both_texts(tmp_path):
    findings = audit_report("latest/brief", "4,000 here", "and 7 there", FACTS, tmp_path)
    assert [(f.report, f.number, f.ok) for f in findings] == [
        ("latest/brief (HTML)", "4,000", True),
        ("latest/brief (PDF)", "7", False),
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Report of 9 units", "See Report of 9 units, and Re- port of 9 un its again."),
        ("2025-04-09", "On 2025-04-09 and 2025- 04-09 but not 20250409 or 2025-04-091."),
        ("aa1aa", "aa1aa1aa aa1aaa1aa aa1aa"),  # overlapping occurrences: left to right
        ("-5 points", "a -5 points b - 5 points"),  # starts with a squeezed character
    ],
)
def test_verbatim_spans_are_what_a_full_scan_finds(value, text):
    from reportlib.audit import _KEPT, _verbatim_pattern, _verbatim_spans

    text = _norm(text)
    kept = [m.start() for m in _KEPT.finditer(text)]
    squeezed = "".join(text[i] for i in kept)
    full = [m.span() for m in _verbatim_pattern(value).finditer(text)]
    assert full, "the case must match somewhere"
    assert list(_verbatim_spans(value, text, squeezed, kept)) == full


@settings(max_examples=1500, deadline=None)
@given(
    value=st.text(alphabet="a1-) ", min_size=1, max_size=8).map(str.strip).filter(bool),
    text=st.text(alphabet="a1-) x", max_size=30),
)
def test_verbatim_match_is_what_the_pattern_matches(value, text):
    """The compiled-free matcher agrees with the regular expression at every position."""
    from reportlib.audit import _match_verbatim, _verbatim_pattern

    value, text = _norm(value), _norm(text)
    pattern = _verbatim_pattern(value)
    for pos in range(len(text) + 1):
        m = pattern.match(text, pos)
        assert _match_verbatim(value, text, pos) == (m.end() if m else None), (value, text, pos)


def test_ledger_text_traces_whatever_order_its_right_to_left_words_come_out_in(tmp_path):
    """A PDF's text comes out in reading order: two right-to-left words may swap."""
    (tmp_path / "sources.csv").write_text(
        "source_id,publisher,title,url,date\ns1,Yonhap,$x^2$ of 7 שלום مرحبا 북한,https://x.kr,2025\n",
        encoding="utf-8",
    )
    verbatim = verbatim_texts(tmp_path)
    for text in ("See $x^2$ of 7 שלום مرحبا 북한.", "See $x^2$ of 7 مرحبا שלום 북한."):
        found = _by_number(trace_text("r", text, [], verbatim))
        assert found == {"2": "ledger sources/s1.title", "7": "ledger sources/s1.title"}, text


def test_a_ledger_text_never_breaks_the_pages_own_furniture():
    """A ledger text that is one digit ("7", "8") must not mask part of a citation list or
    a page number and leave the rest untraced (found by a generated ledger)."""
    text = "the best an official on the record [3, 7, 8, 9]. Page 7 of 8. Table 8: x"
    verbatim = [("7", "ledger claims/x.locator"), ("8", "ledger claims/y.locator")]
    findings = trace_text("r", text, [], verbatim)
    assert [f.number for f in findings if not f.ok] == []


def test_a_soft_hyphen_a_pdf_drops_still_matches_its_ledger_text():
    """A ledger text with a soft hyphen (U+00AD) reads without it in a PDF's text: the
    audit folds it out of both (found by a generated ledger)."""
    verbatim = [(_norm("25065 3817892 ¨貍\xad 396"), "ledger technology/x.claimant")]
    findings = trace_text("r", "moved by 25065 3817892 ¨貍 396 (2029-Q3)", [], verbatim)
    assert [f.number for f in findings if not f.ok] == []


def test_a_skin_tone_modifier_a_pdf_drops_still_matches_its_ledger_text():
    """An emoji skin-tone modifier (U+1F3FB to U+1F3FF), alone or after its emoji, is not
    in a PDF's text: the audit folds it out of both (found by a scratch ledger whose
    claimant held one)."""
    for modifier in ("\U0001f3fb", "\U0001f3ff"):
        verbatim = [
            (_norm(f"Agency {modifier} 4417 \U0001f44d{modifier}"), "ledger claims/x.claimant")
        ]
        findings = trace_text("r", "as told by Agency 4417 \U0001f44d on 3 May", [], verbatim)
        assert [f.number for f in findings if not f.ok] == []
        assert _norm(f"a{modifier}b") == "ab"


def test_the_ledger_texts_are_read_again_when_the_ledger_changes(tmp_path):
    """The audit's ledger texts are kept per content of the ledger's files (the build's
    fork server reads them once for every report): an edited file is read again."""
    header = "id,quantity,claimant,locator,note,claim_date,period_start,period_end\n"
    claims = tmp_path / "claims.csv"
    claims.write_text(header + "c1,casualties,Agency 12,para 1,,2025-01-01,,\n", "utf-8")
    assert ("Agency 12", "ledger claims/c1.claimant") in verbatim_texts(tmp_path)
    claims.write_text(header + "c1,casualties,Agency 13,para 1,,2025-01-01,,\n", "utf-8")
    texts = verbatim_texts(tmp_path)
    assert ("Agency 13", "ledger claims/c1.claimant") in texts
    assert ("Agency 12", "ledger claims/c1.claimant") not in texts
