"""A what-if brief's "What changed" never cites a source for a figure a setting gave."""

from __future__ import annotations

from reportlib.report import report_with
from reportlib.views import editions


def test_no_source_is_cited_beside_a_figure_the_override_set():
    canonical = editions.what_changed(report_with(scenario="latest", draws=2000))
    what_if = editions.what_changed(report_with(scenario="latest", casualties=9000, draws=2000))
    assert canonical is not None and what_if is not None
    # the canonical brief names the source of its casualty count ...
    assert "killed or wounded, 12 February 2026" in canonical.text
    # ... the what-if brief, whose count is the setting's 9,000, names none for it
    assert "killed or wounded, 12 February 2026" not in what_if.text
    assert "revised up from US$13,000 to US$53,000 (our median)" in what_if.text
    # a figure no setting touched keeps its source
    assert "said 15,000 (troops sent so far" in what_if.text
