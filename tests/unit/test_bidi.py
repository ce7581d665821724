"""Right-to-left words in left-to-right text (``exporters.bidi``, ``exporters.text``)."""

from __future__ import annotations

from reportlib.audit import _norm
from reportlib.exporters.bidi import (
    FSI,
    LRM,
    PDI,
    end_rtl,
    end_rtl_outside,
    isolate_rtl,
    isolate_rtl_html,
    strip_isolates,
)
from reportlib.exporters.text import _balanced


def test_a_run_of_right_to_left_words_is_isolated_as_one():
    assert isolate_rtl("A שלום, עולם, 2027 [6]") == f"A {FSI}שלום, עולם{PDI}, 2027 [6]"
    assert end_rtl("A شلום 2027") == f"A شلום{LRM} 2027"
    assert isolate_rtl("no right-to-left here (1)") == "no right-to-left here (1)"


def test_a_run_never_takes_markup():
    """Markdown, HTML and Typst characters stay outside a run, so parsing is unchanged."""
    for mark in "*_`#$<>&\\[](){}":
        text = f"שלום{mark}עולם"
        assert end_rtl(text) == f"שלום{LRM}{mark}עולם{LRM}"


def test_html_tags_scripts_and_destinations_are_left_alone():
    page = '<a href="/שלום">שלום</a><script>let s = "שלום";</script><p title="שלום">x</p>'
    assert isolate_rtl_html(page) == (
        f'<a href="/שלום">{FSI}שלום{PDI}</a><script>let s = "שלום";</script><p title="שלום">x</p>'
    )
    import re

    destination = re.compile(r"\]\([^)]*\)")
    assert end_rtl_outside("[שלום](שלום.png)", destination) == f"[שלום{LRM}](שלום.png)"


def test_the_audit_reads_text_without_the_marks():
    marked = isolate_rtl(end_rtl("A שלום, 2027"))
    assert _norm(marked) == strip_isolates(marked) == "A שלום, 2027"


def test_mirrored_brackets_are_turned_back():
    def fix(text: str) -> str:
        return "".join(_balanced(list(text)))

    assert fix(")2026-11-20( ]6[ said") == "(2026-11-20) [6] said"
    assert fix(")a( (b)") == "(a) (b)"
    assert fix("(a) [b] (c [d])") == "(a) [b] (c [d])"
