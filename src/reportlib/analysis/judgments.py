"""Calibrated words for judgments: ICD 203 likelihood terms and, separately, confidence.

Likelihood says how probable an outcome is; confidence says how good the basis of the
judgment is (source reliability, corroboration). ICD 203 keeps them apart: never in one
sentence. The bands are ICD 203's: almost no chance 1-5%, very unlikely 5-20%, unlikely
20-45%, roughly even chance 45-55%, likely 55-80%, very likely 80-95%, almost certain
95-99%.
"""

from __future__ import annotations

from collections.abc import Iterable

#: (upper bound of the band, term); a probability on a boundary takes the lower band.
LIKELIHOOD_BANDS: tuple[tuple[float, str], ...] = (
    (0.05, "almost no chance"),
    (0.20, "very unlikely"),
    (0.45, "unlikely"),
    (0.55, "roughly even chance"),
    (0.80, "likely"),
    (0.95, "very likely"),
    (1.00, "almost certain"),
)
LIKELIHOOD_TERMS = tuple(term for _, term in LIKELIHOOD_BANDS)
CONFIDENCE_LEVELS = ("low", "moderate", "high")


def likelihood_term(probability: float) -> str:
    """The ICD 203 term for a probability in [0, 1]."""
    if not 0.0 <= probability <= 1.0:
        raise ValueError(f"probability: expected a number from 0 to 1, given {probability!r}")
    for upper, term in LIKELIHOOD_BANDS:
        if probability <= upper:
            return term
    return LIKELIHOOD_BANDS[-1][1]


def confidence_level(weights: Iterable[float], independent_sources: int) -> str:
    """Confidence in a judgment's basis from its sources' reliability weights (0-1) and
    how many independent sources corroborate it.

    high: an on-the-record or relayed official source (weight >= 0.8) corroborated by at
    least one other independent source; moderate: one good source, or several weaker ones;
    low: otherwise.
    """
    best = max(weights, default=0.0)
    if best >= 0.8 and independent_sources >= 2:
        return "high"
    if best >= 0.8 or (best >= 0.5 and independent_sources >= 2):
        return "moderate"
    return "low"
