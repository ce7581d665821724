"""Facts: every number a reader sees, with the ledger rows or metric it came from.

A ``Fact`` is a value, its range, its unit, the exact text it is shown as, and its
provenance: the ledger ids it was read from, or the metric that computed it and that
metric's ledger inputs. Display objects (``Prose``, ``tables.Table``, ``charts.Chart``)
carry the facts they show in their output metadata (``metadata["reportlib"]["facts"]``),
so the executed notebook keeps them, the build writes them beside each report
(``<report>.facts.json``) and ``reportlib audit`` traces every printed number to one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .formatting import (
    fmt_estimate,
    fmt_range,
    fmt_stated,
    fmt_value,
    join_range,
    md,
    reader_markdown,
)

META_KEY = "reportlib"


@dataclass(frozen=True)
class Fact:
    """One number as shown, with where it came from."""

    key: str
    text: str
    unit: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    kind: str = "metric"  # ledger | metric | parameter | derived
    provenance: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.text

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["provenance"] = list(self.provenance)
        return d


def claim_fact(claim: Any, style: str = "stated") -> Fact:
    """A ledger claim as a fact: ``stated`` ("more than 10,000") or ``range``."""
    text = (
        fmt_stated(claim.value, claim.qualifier, claim.unit, claim.low, claim.high)
        if style == "stated"
        else fmt_range(claim.low, claim.high, claim.unit)
    )
    return Fact(
        f"claim:{claim.id}:{style}",
        text,
        claim.unit,
        float(claim.value),
        float(claim.low),
        float(claim.high),
        "ledger",
        (claim.id,),
    )


#: The two kinds of range, named the same way wherever they appear (see ``RANGE_KEY``).
#: A computed figure's range is named for what it is: it comes only from the sources'
#: wording (issue 28), not from what matters more (a figure's scope, which count is right).
STATED_RANGE, INTERVAL = "stated range", "range from the sources' wording"
RANGE_KEY = (
    'Stated range: what a source\'s wording allows ("more than" a figure reaches a fifth '
    'above it, "about" a tenth either side). {interval}: where {coverage} of the '
    "simulated values of a computed figure fall, each input drawn across its stated range; "
    "its central value is their median. Neither covers whether the ministry's estimate is "
    "yearly or cumulative, which casualty count is right, or whether the inferred pay is."
)
#: The interval's coverage as a fact, so "90%" in the key traces like any number.
INTERVAL_FACT_KEY = "method:interval"


def metric_fact(result: Any, style: str = "central") -> Fact:
    """A metric result as a fact: ``central`` (the median of its draws), ``range`` (its 90%
    interval), ``interval`` ("90% interval Y–Z") or ``both`` ("X (90% interval Y–Z)", or
    just X when the interval rounds to X)."""
    show = fmt_estimate if result.unit == "persons" else (lambda v: fmt_value(v, result.unit))
    central = show(result.central)
    low, high = show(result.low), show(result.high)
    rng = join_range(low, high)
    both = central if rng == central else f"{central} ({INTERVAL} {rng})"
    text = {"central": central, "range": rng, "both": both, "interval": f"{INTERVAL} {rng}"}[style]
    return Fact(
        f"metric:{result.name}:{style}",
        text,
        result.unit,
        result.central,
        result.low,
        result.high,
        "metric",
        (f"metric:{result.name}", *result.provenance),
    )


def derived_fact(
    key: str,
    value: float,
    unit: str,
    provenance: tuple[str, ...],
    text: str | None = None,
    low: float | None = None,
    high: float | None = None,
) -> Fact:
    """A number computed here from ledger entries or metrics (provenance says which), with
    its range where it has one."""
    return Fact(
        f"derived:{key}",
        text or fmt_value(value, unit),
        unit,
        float(value),
        None if low is None else float(low),
        None if high is None else float(high),
        "derived",
        provenance,
    )


@dataclass(frozen=True)
class JudgmentFact(Fact):
    """A key judgment as recorded in ``<report>.facts.json`` (``kind`` "judgment"): its
    threshold in the metric's base units, the comparison, the unrounded probability, the
    exact ICD 203 term, the confidence level and the claims it rests on (provenance)."""

    id: str = ""
    metric: str | None = None
    category: str | None = None
    threshold: float | None = None
    comparison: str | None = None
    probability: float | None = None
    term: str | None = None
    confidence: str | None = None


def judgment_fact(judgment: Any, text: str) -> JudgmentFact:
    """The fact recording one assessed judgment, shown as ``text`` (its lead sentence)."""
    spec = judgment.spec
    return JudgmentFact(
        key=f"judgment:{judgment.id}",
        text=text,
        unit="probability",
        value=float(judgment.probability),
        kind="judgment",
        provenance=tuple(judgment.claims),
        id=judgment.id,
        metric=spec.metric,
        category=spec.category,
        threshold=spec.threshold,
        comparison=spec.comparison if spec.kind == "metric" else None,
        probability=float(judgment.probability),
        term=judgment.likelihood,
        confidence=judgment.confidence,
    )


def count_fact(key: str, n: int, provenance: tuple[str, ...]) -> Fact:
    """A count of ledger rows (sources, claims) shown in prose."""
    return Fact(f"count:{key}", f"{n:,d}", "count", float(n), None, None, "derived", provenance)


@dataclass
class Prose:
    """Markdown built from facts; shows as Markdown in JupyterLab and in reports.

    The dialect, the same on every surface (JupyterLab, the HTML report, the Typst PDF):
    paragraphs, ``*emphasis*``, ``**strong**``, numbered and bulleted lists, ``<url>``
    links, and ``<div class="...">`` blocks with blank lines around their Markdown (the
    key-judgments box). No math: every ``$`` is a currency sign and is escaped on output
    (``formatting.reader_markdown``). No pandoc-only syntax (``:::`` fences, attributes).
    """

    text: str
    facts: list[Fact] = field(default_factory=list)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return (
            {"text/markdown": reader_markdown(self.text), "text/plain": self.text},
            {META_KEY: {"facts": [f.as_dict() for f in self.facts]}},
        )

    def __add__(self, other: Prose) -> Prose:
        """The next sentences of the same paragraph."""
        if not self.text:
            return other
        if not other.text:
            return self
        return Prose(f"{self.text} {other.text}", [*self.facts, *other.facts])

    def paragraph(self, other: Prose) -> Prose:
        """``other`` as a new paragraph after this one."""
        if not self.text:
            return other
        if not other.text:
            return self
        return Prose(f"{self.text}\n\n{other.text}", [*self.facts, *other.facts])


def say(template: str, **values: Fact | str) -> Prose:
    """Fill ``template``'s ``{name}`` fields and record the facts used.

    A ``Fact`` fills in its text and is recorded; any other value (ledger text: a
    claimant, a date, a citation) is escaped so it shows literally, never as markup.
    The template itself is the library's own prose and holds no numbers.
    """
    filled = {k: v.text if isinstance(v, Fact) else md(v) for k, v in values.items()}
    facts = [v for v in values.values() if isinstance(v, Fact)]
    return Prose(template.format(**filled), facts)


def collect(nb: Any) -> list[dict[str, Any]]:
    """Every fact recorded in an executed notebook's outputs, in order, without repeats."""
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for fact in output.get("metadata", {}).get(META_KEY, {}).get("facts", []):
                mark = (fact["key"], fact["text"])
                if mark not in seen:
                    seen.add(mark)
                    out.append(dict(fact))
    return out
