"""The one Markdown dialect the views return, the same in JupyterLab, HTML and PDF."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from reportlib.facts import Fact, Prose, say
from reportlib.formatting import no_math, reader_markdown
from reportlib.params import ParameterError, validate_params
from reportlib.tables import Table
from reportlib.views.common import describe_missing

USD = Fact("x", "US$3.0 billion", "USD", 3e9)
PER = Fact("y", "US$750,000", "USD", 7.5e5)


def test_every_dollar_is_escaped_once():
    assert no_math("US$3 and US$4") == r"US\$3 and US\$4"
    assert no_math(r"US\$3") == r"US\$3"  # already escaped: unchanged
    assert no_math(r"a \\$x") == r"a \\\$x"  # an escaped backslash, then a dollar


def test_prose_with_currency_is_marked_for_jupyterlab_and_escaped():
    bundle, _ = say("{a} works out at {b} per casualty.", a=USD, b=PER)._repr_mimebundle_()
    markdown = bundle["text/markdown"]
    assert markdown.startswith('<div class="mathjax_ignore">\n\n')
    assert r"US\$3.0 billion works out at US\$750,000" in markdown
    assert bundle["text/plain"] == "US$3.0 billion works out at US$750,000 per casualty."


def test_prose_without_currency_is_plain_markdown():
    assert reader_markdown("**Bottom line.** Text.") == "**Bottom line.** Text."


def test_key_judgments_box_is_html_not_a_pandoc_fence():
    from reportlib.views.common import keybox

    box = keybox("1. **Lead.** Basis.")
    assert box.startswith('<div class="keybox" style="') and box.endswith("\n\n</div>")
    assert ":::" not in box


def test_table_aligns_every_cell_and_ignores_math():
    frame = pd.DataFrame({"Figure": ["Benefit"], "Range": ["US$2.7 billion–US$3.3 billion"]})
    html = Table(frame, numeric=("Range",), empty="No figures.")._repr_html_()
    assert 'class="report-table mathjax_ignore"' in html
    assert '<th style="text-align: left">Figure</th>' in html
    assert '<td style="text-align: right">US$2.7 billion–US$3.3 billion</td>' in html
    words = Table(pd.DataFrame({"Range": ["not available"]}), numeric=("Range",), empty="None.")
    assert '<td style="text-align: left">not available</td>' in words._repr_html_()


@pytest.mark.parametrize(
    "frame", [pd.DataFrame(), pd.DataFrame(columns=["Date", "Figure"])], ids=["bare", "columns"]
)
def test_a_table_with_no_rows_is_its_sentence_never_an_empty_grid(frame):
    from IPython.core.formatters import DisplayFormatter

    table = Table(frame, caption="Troop numbers", empty="No troop numbers to list by **then**.")
    data, _ = DisplayFormatter().format(table)  # every format IPython finds, as a kernel sends
    assert "text/html" not in data  # no grid, with or without columns
    assert data["text/markdown"] == "No troop numbers to list by **then**."


def test_every_table_says_what_is_missing_when_it_has_no_rows():
    with pytest.raises(TypeError, match="empty"):
        Table(pd.DataFrame(), caption="Troop numbers")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="'Troop numbers': expected the sentence"):
        Table(pd.DataFrame(), caption="Troop numbers", empty=" ")


def test_missing_inputs_are_described_in_words():
    text = describe_missing(("casualties", "gains_total_usd"), date(2025, 4, 9))
    assert text == (
        "no report by 9 April 2025 gives a count of the killed and wounded and the "
        "defence institute's estimate of total gains"
    )
    assert "_" not in describe_missing(("pay_per_soldier_month_usd",))


def test_parameter_error_renders_as_the_cli_line_in_ipython():
    with pytest.raises(ParameterError) as info:
        validate_params(scenario="nowhere", scenarios=("article", "cross-checked", "latest"))
    assert info.value._render_traceback_() == [
        "reportlib: error: parameter 'scenario': expected one of article, cross-checked, "
        "latest, given 'nowhere'"
    ]


def test_prose_facts_survive_concatenation():
    both = say("{a}", a=USD) + Prose("More.")
    assert [f.key for f in both.facts] == ["x"]


def test_date_axis_fits_one_or_two_points():
    import datetime as dt

    from reportlib.charts import MIN_DATE_SPAN_DAYS, date_limits

    one = dt.date(2025, 4, 9)
    lo, hi = date_limits([one])
    assert lo < one < hi and (hi - lo).days < MIN_DATE_SPAN_DAYS * 1.2
    lo, hi = date_limits([dt.date(2024, 10, 1), dt.date(2025, 4, 1)])
    assert (hi - lo).days < 240  # the data's six months and 8% margins, not years
