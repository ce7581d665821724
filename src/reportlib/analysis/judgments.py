"""Calibrated words for judgments: ICD 203 likelihood terms and, separately, confidence;
and the typed definitions of the key judgments (``data/judgments.toml``).

Likelihood says how probable an outcome is; confidence says how good the basis of the
judgment is (source reliability, independent corroboration). ICD 203 keeps them apart:
never in one sentence. The bands are ICD 203's: almost no chance 1-5%, very unlikely
5-20%, unlikely 20-45%, roughly even chance 45-55%, likely 55-80%, very likely 80-95%,
almost certain 95-99%. A probability on a boundary takes the lower band, applied exactly:
probabilities are compared as fractions (a share of draws, a whole percent), so 0.90 +
0.05 is 95%, "very likely", and never 0.9500000000000001.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

#: (upper bound of the band, term); a probability on a boundary takes the lower band.
LIKELIHOOD_BANDS: tuple[tuple[Fraction, str], ...] = (
    (Fraction(5, 100), "almost no chance"),
    (Fraction(20, 100), "very unlikely"),
    (Fraction(45, 100), "unlikely"),
    (Fraction(55, 100), "roughly even chance"),
    (Fraction(80, 100), "likely"),
    (Fraction(95, 100), "very likely"),
    (Fraction(1), "almost certain"),
)
LIKELIHOOD_TERMS = tuple(term for _, term in LIKELIHOOD_BANDS)
CONFIDENCE_LEVELS = ("low", "moderate", "high")
#: ICD 203's scale runs from 1% to 99%: nothing is certain either way.
FLOOR, CEILING = Fraction(1, 100), Fraction(99, 100)


def exact(probability: float | Fraction) -> Fraction:
    """A probability as an exact fraction; a float is read as the decimal it prints as,
    so float noise (0.9500000000000001) does not move it across a boundary."""
    if isinstance(probability, Fraction):
        return probability
    return Fraction(repr(round(float(probability), 12)))


def likelihood_term(probability: float | Fraction) -> str:
    """The ICD 203 term for a probability in [0, 1]."""
    p = exact(probability)
    if not 0 <= p <= 1:
        raise ValueError(f"probability: expected a number from 0 to 1, given {float(p)!r}")
    for upper, term in LIKELIHOOD_BANDS:
        if p <= upper:
            return term
    return LIKELIHOOD_BANDS[-1][1]


def band(term: str) -> tuple[Fraction, Fraction]:
    """The (exclusive low, inclusive high) bounds of a term's band."""
    lower = Fraction(0)
    for upper, name in LIKELIHOOD_BANDS:
        if name == term:
            return lower, upper
        lower = upper
    raise ValueError(f"term: expected one of {', '.join(LIKELIHOOD_TERMS)}, given {term!r}")


def on_scale(probability: Fraction) -> Fraction:
    """Clamped to ICD 203's 1%-99%."""
    return min(max(probability, FLOOR), CEILING)


def confidence_level(weights: Iterable[float], independent_sources: int) -> str:
    """Confidence in a judgment's basis from its sources' reliability weights (0-1) and
    how many independent sources (originating organisations) corroborate its weakest
    figure.

    high: an on-the-record or relayed official source (weight >= 0.8) and every figure
    corroborated by at least two independent sources; moderate: one good source, or
    several weaker ones; low: otherwise.
    """
    best = max(weights, default=0.0)
    if best >= 0.8 and independent_sources >= 2:
        return "high"
    if best >= 0.8 or (best >= 0.5 and independent_sources >= 2):
        return "moderate"
    return "low"


class JudgmentSpec(BaseModel):
    """One key judgment of ``data/judgments.toml``.

    ``proposition`` completes "It is {likelihood} that …" and "Whether …"; it may hold
    ``{threshold}``, filled with the threshold as the reports format it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    kind: Literal["metric", "technology"]
    proposition: str
    #: a few words naming the judgment in the table of its sources (no figures)
    short: str = ""
    metric: str | None = None
    threshold: float | None = None
    comparison: Literal["above", "below"] = "above"
    category: str | None = None
    why: str = ""
    assumes: str = ""

    @property
    def measured(self) -> tuple[str, float]:
        """A metric judgment's metric id and threshold (its validator makes both present)."""
        if self.metric is None or self.threshold is None:
            raise ValueError(f"judgment {self.id!r}: expected a metric judgment, found {self.kind}")
        return self.metric, self.threshold

    @model_validator(mode="after")
    def _fields_for_kind(self) -> JudgmentSpec:
        if self.kind == "metric" and (self.metric is None or self.threshold is None):
            raise ValueError("a metric judgment needs 'metric' and 'threshold'")
        if self.kind == "technology" and self.category is None:
            raise ValueError("a technology judgment needs 'category'")
        if not self.why:
            raise ValueError("every judgment states 'why' its threshold or rule was chosen")
        return self


class TechnologyRule(BaseModel):
    """How technology reports become a probability (whole percents, exact)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status_percent: dict[Literal["delivered", "reported", "suspected", "sought"], int]
    #: the worst grade whose report alone can confirm a status; below it, two or more
    #: independent claimants must report it (a grade of reliability.csv, whose order ranks
    #: them: checked by ``load_definitions``)
    confirm_grade: str = "C"
    corroboration_bonus_percent: int = 5
    cap_percent: int = 97
    #: "It is <likelihood> that ..." for a category with reports that no judgment names;
    #: {label} is the category as a reader reads it
    unnamed_proposition: str = "Russia has helped North Korea with {label}"
    #: a category as a reader reads it, where the ledger's name is shorthand
    labels: dict[str, str] = Field(default_factory=dict)


class Definitions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    technology: TechnologyRule
    judgment: list[JudgmentSpec]

    def category_label(self, category: str) -> str:
        """A technology category as a reader reads it (``technology.labels``), else the
        ledger's own name."""
        return self.technology.labels.get(category, category)

    def for_category(self, category: str) -> JudgmentSpec:
        """The judgment naming a technology category, or the one the general rule makes for
        a category with reports that none names (every such category gets a judgment)."""
        for spec in self.judgment:
            if spec.kind == "technology" and spec.category == category:
                return spec
        label = self.category_label(category)
        plain = "".join(c if c.isascii() and c.isalnum() else " " for c in category.lower())
        slug = "-".join(plain.split())
        return JudgmentSpec(
            id=f"technology-{slug or 'other'}",
            kind="technology",
            short=label[:1].upper() + label[1:],
            category=category,
            proposition=self.technology.unnamed_proposition.format(label=label),
            why="No judgment names this category; the general rule gives every category "
            "with reports one, by the status rule above.",
        )


class JudgmentsError(ValueError):
    """``data/judgments.toml`` is missing or does not match its model."""


def _grades(data_dir: Path) -> tuple[str, ...]:
    """The grades of ``data_dir/reliability.csv``, best first (none when it cannot be read:
    the ledger's own check says why)."""
    import csv

    try:
        with (data_dir / "reliability.csv").open(encoding="utf-8-sig", newline="") as handle:
            return tuple(row.get("grade", "") for row in csv.DictReader(handle))
    except OSError:
        return ()


def load_definitions(data_dir: Path) -> Definitions:
    """The typed contents of ``data_dir/judgments.toml``; unknown metrics are refused.

    Parsed once per text of the file (and of ``reliability.csv``, whose grades it is
    checked against): a report asks for it a dozen times per judgment series."""
    data_dir = Path(data_dir)
    return _definitions(data_dir, _text(data_dir / "judgments.toml"), _grades(data_dir))


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


@lru_cache(maxsize=8)
def _definitions(data_dir: Path, text: str | None, grades: tuple[str, ...]) -> Definitions:
    from .metrics import METRICS, RATIO_OF_INPUTS

    path = data_dir / "judgments.toml"
    if text is None:
        raise JudgmentsError(f"{path}: no judgments file")
    try:
        defs = Definitions.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise JudgmentsError(f"{path}: expected TOML, found a syntax error ({exc})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise JudgmentsError(f"{path}: {where}: {first['msg']}") from None
    if grades and defs.technology.confirm_grade not in grades:
        raise JudgmentsError(
            f"{path}: technology.confirm_grade: expected a grade of reliability.csv "
            f"({', '.join(grades)}), found {defs.technology.confirm_grade!r}"
        )
    for spec in defs.judgment:
        if spec.metric is not None and spec.metric not in METRICS:
            raise JudgmentsError(
                f"{path}: judgment {spec.id!r}: metric: expected one of "
                f"{', '.join(METRICS)}, found {spec.metric!r}"
            )
        if spec.metric in RATIO_OF_INPUTS:
            inputs = " and ".join(METRICS[spec.metric].requires)
            raise JudgmentsError(
                f"{path}: judgment {spec.id!r}: metric: expected a figure the evidence leaves "
                f"uncertain, found {spec.metric!r}, a ratio of its own inputs ({inputs}): its "
                "threshold restates a threshold on one input, and its likelihood would come "
                "from the qualifier policy's ranges"
            )
    return defs
