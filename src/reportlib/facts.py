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

from .formatting import fmt_range, fmt_stated, fmt_value, md, reader_markdown

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
        fmt_stated(claim.value, claim.qualifier, claim.unit)
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


def metric_fact(result: Any, style: str = "central") -> Fact:
    """A metric result as a fact: ``central``, ``range`` or ``both`` ("X (range Y–Z)")."""
    central = fmt_value(result.central, result.unit)
    rng = fmt_range(result.low, result.high, result.unit)
    text = {"central": central, "range": rng, "both": f"{central} (range {rng})"}[style]
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
    key: str, value: float, unit: str, provenance: tuple[str, ...], text: str | None = None
) -> Fact:
    """A number computed here from ledger entries or metrics (provenance says which)."""
    return Fact(
        f"derived:{key}",
        text or fmt_value(value, unit),
        unit,
        float(value),
        None,
        None,
        "derived",
        provenance,
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
