"""ICD 203 bands applied exactly, and the typed model of data/judgments.toml."""

from __future__ import annotations

from fractions import Fraction

import pytest

from reportlib.analysis.judgments import (
    LIKELIHOOD_BANDS,
    JudgmentSpec,
    band,
    likelihood_term,
    on_scale,
)

BOUNDARIES = [(upper, term) for upper, term in LIKELIHOOD_BANDS[:-1]]


@pytest.mark.parametrize(("upper", "term"), BOUNDARIES)
def test_a_boundary_takes_the_lower_band(upper, term):
    assert likelihood_term(upper) == term
    assert likelihood_term(float(upper)) == term
    above = LIKELIHOOD_BANDS[[t for _, t in LIKELIHOOD_BANDS].index(term) + 1][1]
    assert likelihood_term(upper + Fraction(1, 10**6)) == above


def test_float_noise_does_not_cross_a_boundary():
    assert 0.90 + 0.05 == 0.9500000000000001  # the trap
    assert likelihood_term(0.90 + 0.05) == "very likely"
    assert 0.7 + 0.1 < 0.8 and likelihood_term(0.7 + 0.1) == "likely"


@pytest.mark.parametrize(
    ("p", "term"),
    [
        (Fraction(1, 50), "almost no chance"),
        (0.1, "very unlikely"),
        (0.3, "unlikely"),
        (0.5, "roughly even chance"),
        (0.7, "likely"),
        (0.9, "very likely"),
        (0.97, "almost certain"),
    ],
)
def test_terms_inside_bands(p, term):
    assert likelihood_term(p) == term
    low, high = band(term)
    assert low < Fraction(str(p)) <= high


def test_scale_runs_from_one_to_ninety_nine_percent():
    assert on_scale(Fraction(0)) == Fraction(1, 100)
    assert on_scale(Fraction(1)) == Fraction(99, 100)
    assert on_scale(Fraction(1, 2)) == Fraction(1, 2)


def test_rejects_non_probabilities():
    with pytest.raises(ValueError, match="expected a number from 0 to 1"):
        likelihood_term(1.2)
    with pytest.raises(ValueError, match="expected one of"):
        band("probably")


def test_spec_needs_the_fields_of_its_kind():
    with pytest.raises(ValueError, match="needs 'metric' and 'threshold'"):
        JudgmentSpec(id="x", kind="metric", proposition="p", why="w")
    with pytest.raises(ValueError, match="needs 'category'"):
        JudgmentSpec(id="x", kind="technology", proposition="p", why="w")
    with pytest.raises(ValueError, match="states 'why'"):
        JudgmentSpec(id="x", kind="metric", metric="m", threshold=1, proposition="p")
    spec = JudgmentSpec(id="x", kind="metric", metric="m", threshold=1, proposition="p", why="w")
    assert spec.comparison == "above"


def _definitions(**rule):
    from reportlib.analysis.judgments import Definitions, TechnologyRule

    status = {"delivered": 90, "reported": 70, "suspected": 50, "sought": 15}
    named = JudgmentSpec(
        id="air-defence", kind="technology", category="air defence", proposition="p", why="w"
    )
    return Definitions(technology=TechnologyRule(status_percent=status, **rule), judgment=[named])


def test_every_category_with_reports_gets_a_judgment():
    """Issue 28 (L-M5): a category no definition names is judged by the general rule, its
    proposition from the template with the category as a reader reads it."""
    defs = _definitions(labels={"ICBM launcher and motor": "ICBM launchers and motors"})
    assert defs.for_category("air defence").id == "air-defence"  # the named one
    made = defs.for_category("ICBM launcher and motor")
    assert made.kind == "technology" and made.category == "ICBM launcher and motor"
    assert made.proposition == "Russia has helped North Korea with ICBM launchers and motors"
    assert made.id == "technology-icbm-launcher-and-motor"
    assert defs.category_label("air defence") == "air defence"  # no label: as the ledger has it
    # any category text makes a valid id
    assert defs.for_category("Гиперзвук — 極超音速").id == "technology-other"
    assert (
        defs.for_category("hypersonic (glide) vehicle").id == "technology-hypersonic-glide-vehicle"
    )


def test_one_statement_carried_by_two_publications_is_one():
    """Issue 28 (03-m3): reports of one category by one organisation, dated one within the
    other, are one statement; another organisation, category or date is another."""
    import pandas as pd

    from reportlib.analysis.assess import statements

    class Ledger:
        @staticmethod
        def organisation(claimant: str) -> str:
            return {"Shin Won-sik": "adviser", "National security adviser Shin": "adviser"}.get(
                claimant, claimant
            )

    rows = pd.DataFrame(
        [
            ("air defence", "Shin Won-sik", "2024-11"),
            ("air defence", "National security adviser Shin", "2024-11-22"),
            ("air defence", "Shin Won-sik", "2025-02-01"),  # a later statement
            ("satellites", "Shin Won-sik", "2024-11-22"),  # another category
            ("air defence", "Budanov", "2024-11-22"),  # another organisation
        ],
        columns=["category", "claimant", "date"],
    )
    assert statements(Ledger(), rows) == [[0, 1], [2], [3], [4]]


def test_definitions_are_read_again_when_the_file_changes(tmp_path):
    """``load_definitions`` keeps one parse per text of ``judgments.toml``: an edited file
    (same size, same second) is read again, never an older parse."""
    import shutil
    from pathlib import Path

    from reportlib.analysis.judgments import load_definitions

    data = Path(__file__).resolve().parents[2] / "data"
    for name in ("judgments.toml", "reliability.csv"):
        shutil.copy(data / name, tmp_path / name)
    first = load_definitions(tmp_path)
    text = (tmp_path / "judgments.toml").read_text(encoding="utf-8")
    bonus = first.technology.corroboration_bonus_percent
    old = f"corroboration_bonus_percent = {bonus}"
    assert old in text
    edited = text.replace(old, f"corroboration_bonus_percent = {bonus + 1}")
    (tmp_path / "judgments.toml").write_text(edited, encoding="utf-8")
    assert load_definitions(tmp_path).technology.corroboration_bonus_percent == bonus + 1
    assert load_definitions(tmp_path) is load_definitions(tmp_path)  # one parse per text
