"""Hypothesis strategies for ledgers: the real ledger in ``data/`` extended with random
valid rows (claims of every quantity, qualifier and unit, ranges, grades, kinds, cohorts,
relays, full and partial dates from 2024 to 2030, events, technology reports, factors and
sources), with free text from any script the report fonts draw and from the markup
languages the reports pass through (HTML, Typst, Markdown, LaTeX).

``write_ledger`` writes an extended ledger into a project folder; ``describe`` prints the
rows a failing example added, so a failure can be replayed by hand.
"""

from __future__ import annotations

import csv
import shutil
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from hypothesis import strategies as st

from reportlib.fonts import covered
from reportlib.ledger.validate import MAX_TEXT
from reportlib.ledger.vocabulary import PER_SOLDIER
from reportlib.ledger.vocabulary import QUANTITIES as VOCABULARY

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TABLES = ("sources", "claims", "events", "technology", "factors")


def read(table: str, data: Path = DATA) -> tuple[list[str], list[dict[str, str]]]:
    with (data / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


HEADERS = {t: read(t)[0] for t in TABLES}
REAL = {t: read(t)[1] for t in TABLES}
QUANTITIES = {r["quantity"]: r for r in read("quantities")[1]}
QUALIFIERS = {r["qualifier"]: r for r in read("qualifiers")[1]}
#: qualifiers of one figure (with a range policy): the ones a stated rate may carry
QUALIFIERS_WITH_VALUE = sorted(q for q, r in QUALIFIERS.items() if r["low_factor"])
GRADES = [r["grade"] for r in read("reliability")[1]]
LOSSES = ("casualties", "killed", "wounded")
#: estimates over a number of troops: a claim may state the troops its source assumed
PER_SOLDIER_QUANTITIES = VOCABULARY.with_role(PER_SOLDIER)
COHORTS = ("", "troops_initial", "troops_additional", "troops_total")

#: Text that has broken renderers: markup of every language on the way to a reader.
HOSTILE = [
    "<script>alert(1)</script>",
    "#set page(width: 1cm)",
    "$x^2$",
    "*bold*",
    "_under_",
    "김정은",
    "조선중앙통신 (KCNA)",
    "שלום עולם",
    "مرحبا بالعالم",
    "宣傳部 2025",
    "🚀💥",
    "\"quoted\" and 'single'",
    "\\(a+b\\)",
    "\\begin{equation} 1 \\end{equation}",
    "a | b | c",
    "[link](http://example.invalid/1)",
    "`code 3`",
    "&amp; &lt;b&gt;",
    "{{ 7 }} {% raw %}",
    "100% of #4 @ref",
    "<!-- 8 -->",
    "--- 1. 2.",
    ":::",
    "~~struck~~ ^sup^ ~sub~",
    "= Heading 5",
    "2025, 2026. (2027) 2024–2026 2025/26",
    "no. 3, unit 9",
    "1,000 troops",
]


def _drawable() -> list[str]:
    """Printable characters some report font draws (controls and unassigned excluded)."""
    keep = []
    for point in sorted(covered()):
        ch = chr(point)
        if unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp"):
            keep.append(ch)
    return keep


DRAWABLE = _drawable()


@st.composite
def free_text(draw, long: bool = True) -> str:
    """One line of text: hostile pieces, any drawable characters, sometimes very long."""
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(HOSTILE),
                st.text(st.sampled_from(DRAWABLE), min_size=1, max_size=12),
                st.integers(0, 10**7).map(str),
            ),
            min_size=1,
            max_size=4,
        )
    )
    text = " ".join(parts)
    if long:
        size = draw(st.sampled_from([0] * 18 + [1, 2]))
        if size == 1:  # long text, as long as a cell may be
            text = (text + " ") * 60
        elif size == 2:  # one very long word (a URL, an identifier)
            text = text.replace(" ", "") * 60
    text = " ".join(text.split())[:MAX_TEXT].strip()  # one line, no outer spaces
    return text or "x"


@st.composite
def partial_date(draw, first: int = 2024, last: int = 2030) -> str:
    year = draw(st.integers(first, last))
    kind = draw(st.sampled_from(["day", "day", "month", "quarter", "half", "year"]))
    if kind == "day":
        day = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
        return day.isoformat()
    if kind == "month":
        return f"{year}-{draw(st.integers(1, 12)):02d}"
    if kind == "quarter":
        return f"{year}-Q{draw(st.integers(1, 4))}"
    if kind == "half":
        return f"{year}-H{draw(st.integers(1, 2))}"
    return str(year)


def _span(text: str) -> tuple[date, date]:
    from reportlib.ledger import parse_partial_date

    d = parse_partial_date(text)
    return d.start, d.end


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


@st.composite
def claim_value(draw, unit: str, qualifier: str) -> tuple[str, str, str]:
    """(value, low, high) as CSV cells, valid for the unit and the qualifier's policy."""
    q = QUALIFIERS[qualifier]
    factors = (q["low_factor"], q["high_factor"])
    if unit == "share":
        top = 1.0 / float(factors[1]) if factors[1] else 1.0
        value = draw(st.floats(0, top, allow_nan=False, allow_infinity=False))
        value = round(value, 4)
        bounds = (0.0, 1.0)
    elif unit == "rate":
        value = round(draw(st.floats(-1, 3, allow_nan=False)), 4)
        bounds = (-10.0, 10.0)
    else:
        value = draw(
            st.one_of(
                st.integers(0, 10**12).map(float),
                st.floats(0, 1e12, allow_nan=False).map(lambda v: round(v, 2)),
                st.sampled_from([0.0, 1.0, 9.0, 4000.0, 6000.0, 15000.0, 3e9]),
            )
        )
        bounds = (0.0, 1e13)
    stated = factors[0] == "" or draw(st.integers(0, 3)) == 0
    if not stated:
        return _number(value), "", ""
    low = draw(st.floats(bounds[0], value, allow_nan=False)) if value > bounds[0] else value
    high = draw(st.floats(value, bounds[1], allow_nan=False)) if value < bounds[1] else value
    low, high = min(round(low, 4), value), max(round(high, 4), value)
    return _number(value), _number(low), _number(high)


@dataclass
class Batch:
    """The rows added to each table, in order."""

    rows: dict[str, list[dict[str, str]]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def __repr__(self) -> str:  # a failure prints the rows as CSV instead (``describe``)
        return "Batch(" + ", ".join(f"{t}: {len(r)} rows" for t, r in self.rows.items()) + ")"

    def add(self, table: str, row: dict[str, str]) -> None:
        self.rows[table].append({c: row.get(c, "") for c in HEADERS[table]})

    def dates(self) -> list[str]:
        out = [r["claim_date"] for r in self.rows["claims"]]
        for t in ("events", "technology", "factors"):
            out += [r["date"] for r in self.rows[t]]
        return out


@st.composite
def source_row(draw, n: int) -> dict[str, str]:
    return {
        "source_id": f"zz-source-{n}",
        "publisher": draw(free_text(long=False)),
        "title": draw(free_text()),
        "date": draw(partial_date()),
        "url": draw(st.sampled_from(["", f"https://example.invalid/{n}/2026-01-05/a-b_c?x=1"])),
        "kind": draw(free_text(long=False)),
    }


@st.composite
def claim_row(
    draw, n: int, sources: list[str] | dict[str, str], claims: list[dict[str, str]]
) -> dict[str, str]:
    """A claim; ``sources``: source ids, or ids with their dates (then the claim's source
    is one published on or after its date, as ``reportlib check`` requires)."""
    quantity = draw(st.sampled_from(sorted(QUANTITIES)))
    unit = QUANTITIES[quantity]["unit"]
    qualifier = draw(st.sampled_from(sorted(QUALIFIERS)))
    value, low, high = draw(claim_value(unit, qualifier))
    claim_date = draw(partial_date())
    relays = ""
    if claims and draw(st.integers(0, 5)) == 0:
        relayed = draw(st.sampled_from(claims))
        relays, claim_date = relayed["id"], relayed["claim_date"]
    period_start = period_end = ""
    if draw(st.booleans()):
        a, b = draw(partial_date()), draw(partial_date())
        (a0, _), (b0, _) = _span(a), _span(b)
        period_start, period_end = (a, b) if a0 <= b0 else (b, a)
        if _span(period_start)[0] > _span(period_end)[1]:
            period_start = ""
    source = draw(st.sampled_from(sorted(sources)))
    if isinstance(sources, dict):
        said = _span(claim_date)[0]
        later = sorted(s for s, d in sources.items() if d and _span(d)[1] >= said)
        if later:
            source = draw(st.sampled_from(later))
        else:  # nothing published since: the claim is dated by its source
            claim_date, relays = sources[source], ""
    troops = (
        draw(st.sampled_from(["", "1", "10000", "14000", "1500000"]))
        if quantity in PER_SOLDIER_QUANTITIES
        else ""
    )
    rate = draw(st.sampled_from(["", "0.5", "2000", "1e6"])) if troops else ""
    # a source that does not date the claim: it relays one, or carries its own date
    dated_by_source = isinstance(sources, dict) and claim_date == sources.get(source)
    undated = draw(st.sampled_from(["", "yes"])) if relays or dated_by_source else ""
    return {
        "id": f"zz-claim-{n}",
        "quantity": quantity,
        "value": value,
        "qualifier": qualifier,
        "low": low,
        "high": high,
        "unit": unit,
        "claimant": draw(free_text()),
        "claim_date": claim_date,
        "period_start": period_start,
        "period_end": period_end,
        "source_id": source,
        "locator": draw(free_text(long=False)),
        "kind": draw(st.sampled_from(["reported", "estimate", "projection"])),
        "reliability": draw(st.sampled_from(GRADES)),
        "note": draw(st.one_of(st.just(""), free_text())),
        "relays": relays,
        "cohort": draw(st.sampled_from(COHORTS)) if quantity in LOSSES else "",
        "troops_assumed": troops,
        # the pay per soldier its source states as its basis, only beside its troops
        "rate_assumed": rate,
        "rate_qualifier": draw(st.sampled_from(QUALIFIERS_WITH_VALUE)) if rate else "",
        "undated": undated,
    }


@st.composite
def event_row(draw, n: int, sources: list[str]) -> dict[str, str]:
    return {
        "id": f"zz-event-{n}",
        "date": draw(partial_date()),
        "event": draw(free_text()),
        "actor": draw(free_text(long=False)),
        "status": draw(st.sampled_from(["occurred", "expected"])),
        "source_id": draw(st.sampled_from(sources)),
        "locator": draw(free_text(long=False)),
        "note": draw(st.one_of(st.just(""), free_text())),
        "reliability": draw(st.sampled_from(GRADES)),
    }


@st.composite
def technology_row(draw, n: int, sources: list[str]) -> dict[str, str]:
    categories = sorted({r["category"] for r in REAL["technology"]})
    return {
        "id": f"zz-tech-{n}",
        "item": draw(free_text()),
        "category": draw(st.one_of(st.sampled_from(categories), free_text(long=False))),
        "status": draw(st.sampled_from(["delivered", "reported", "suspected", "sought"])),
        "claimant": draw(free_text()),
        "date": draw(partial_date()),
        "source_id": draw(st.sampled_from(sources)),
        "locator": draw(free_text(long=False)),
        "reliability": draw(st.sampled_from(GRADES)),
        "note": draw(st.one_of(st.just(""), free_text())),
    }


@st.composite
def factor_row(draw, n: int, sources: list[str]) -> dict[str, str]:
    return {
        "id": f"zz-factor-{n}",
        "side": draw(st.sampled_from(["gain", "cost"])),
        "factor": draw(free_text()),
        "claimant": draw(free_text()),
        "date": draw(partial_date()),
        "source_id": draw(st.sampled_from(sources)),
        "locator": draw(free_text(long=False)),
        "note": draw(st.one_of(st.just(""), free_text())),
        "reliability": draw(st.sampled_from(GRADES)),
    }


@st.composite
def batches(draw, max_claims: int = 8) -> Batch:
    """A batch of new rows that ``reportlib check`` accepts alongside the real ledger."""
    batch = Batch()
    sources = [r["source_id"] for r in REAL["sources"]]
    for n in range(draw(st.integers(0, 2))):
        row = draw(source_row(n))
        batch.add("sources", row)
        sources.append(row["source_id"])
    claims = list(REAL["claims"])
    published = {r["source_id"]: r["date"] for r in [*REAL["sources"], *batch.rows["sources"]]}
    for n in range(draw(st.integers(1, max_claims))):
        row = draw(claim_row(n, published, claims))
        batch.add("claims", row)
        claims.append(row)
    for n in range(draw(st.integers(0, 2))):
        batch.add("events", draw(event_row(n, sources)))
    for n in range(draw(st.integers(0, 2))):
        batch.add("technology", draw(technology_row(n, sources)))
    for n in range(draw(st.integers(0, 1))):
        batch.add("factors", draw(factor_row(n, sources)))
    return batch


def write_ledger(root: Path, batch: Batch) -> Path:
    """A project at ``root`` (pyproject, notebooks' catalogue, data) with the real ledger
    and ``batch`` appended; returns the data folder."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(DATA, root / "data")
    for table, rows in batch.rows.items():
        if not rows:
            continue
        with (root / "data" / f"{table}.csv").open("a", encoding="utf-8", newline="") as handle:
            csv.DictWriter(handle, HEADERS[table], lineterminator="\n").writerows(rows)
    return root / "data"


def describe(batch: Batch) -> str:
    """The added rows as CSV lines per file, to replay a failing example."""
    import io

    out = []
    for table, rows in batch.rows.items():
        if rows:
            buffer = io.StringIO()
            csv.DictWriter(buffer, HEADERS[table], lineterminator="\n").writerows(rows)
            out.append(f"--- data/{table}.csv (appended)\n{buffer.getvalue()}")
    return "\n".join(out)
