"""``reportlib audit``: every number a reader sees traces to a fact or a ledger entry.

A report's visible text (HTML and PDF) is scanned for numbers. Each must be one of:

- a number shown by a recorded fact (``<report>.facts.json``: value, range, provenance);
- part of text copied verbatim from a ledger field (a claimant, a source's title or URL,
  an event, a locator such as "para 14"), which traces to that row;
- exempt by rule: a year (1900-2099), a date (2025-04-09, 2025-Q1, "9 April"), a figure,
  table, page or section number ("Figure 2", "Page 1 of 3", "§2"), a list or citation
  marker ("1." at the start of a line, "[3]").

Anything else fails the audit, named with the report, the number and where it stands.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .exporters.bidi import DIRECTIONAL, RTL_LETTER
from .exporters.text import html_string_text, pdf_bytes_text
from .ledger.copies import url_host

NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w)|(?<![\w.])\d+(?:\.\d+)?(?!\w)")
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|"
    "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
EXEMPT = [
    ("date", re.compile(r"\b\d{4}-(?:\d{2}-\d{2}|\d{2}|Q[1-4]|H[12])\b")),
    ("date", re.compile(rf"\b\d{{1,2}} (?:{MONTHS})\b")),
    ("date", re.compile(rf"\b(?:{MONTHS}) \d{{1,2}}\b")),
    ("page number", re.compile(r"Page \d+ of \d+\b")),  # may abut the footer text
    ("figure or table number", re.compile(r"\b(?:Figure|Table|Fig\.) \d+\b")),
    ("section number", re.compile(r"§\s?\d+")),
    ("citation", re.compile(r"\[\d+(?:, \d+)*\]")),  # "[4]", "[1, 4, 8]"
    # a year in any punctuation ("in 2026, …", "(2025)", "2024–2026", "2025/26"), but
    # never part of a number ("2,025", "1.2025", "2025.5", "12,2025")
    ("year", re.compile(r"\b(?:19|20)\d{2}/\d{2}\b")),
    ("year", re.compile(r"(?<!\d)(?<!\d[,.])(?:19|20)\d{2}(?!\d)(?![,.]\d)")),
]
#: the exempt patterns that are the page's own furniture, masked before any ledger text
FURNITURE = ("page number", "figure or table number", "section number", "citation")
_SQUEEZE = re.compile(r"[\s-]+")
FULL_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_KEPT = re.compile(r"[^\s-]")  # the characters _SQUEEZE keeps
LIST_MARKER = re.compile(r"(?m)^(\s*\d{1,2})\.(?=\s)")
VERBATIM_COLUMNS = {
    "sources": ("publisher", "title", "url", "date"),
    "claims": ("claimant", "locator", "note", "claim_date", "period_start", "period_end"),
    "events": ("event", "actor", "note", "locator", "date"),
    "technology": ("item", "category", "claimant", "note", "locator", "date"),
    "factors": ("factor", "claimant", "note", "locator", "date"),
}


@dataclass(frozen=True)
class Finding:
    """One number in a report and what it traces to (``None``: nothing)."""

    report: str
    number: str
    context: str
    traced_to: str | None

    @property
    def ok(self) -> bool:
        return self.traced_to is not None


QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _norm(text: str) -> str:
    """Whitespace folded, typographic quotes made straight (pandoc curls them), and the
    invisible directional isolates the exporters put around right-to-left words
    (``exporters.bidi``), soft hyphens and emoji skin-tone modifiers (a PDF's text drops
    them) taken out."""
    text = _DROP.sub("", text.translate(QUOTES))
    return re.sub(r"\s+", " ", text).strip()


def _norm_map(text: str) -> tuple[str, list[int]]:
    """``_norm(text)`` and, for each position of ``text`` (and its end), the position in
    the folded text where what stood there went: a span of the raw text maps to the
    same characters in the folded one.

    A character dropped (``\u200b``, a directional isolate) or a space maps to where the
    next kept character goes (after the one space a run of spaces folds to, once some
    text came before). The text goes run by run (``_RUNS``), not character by character:
    a whole report's text is folded twice per build."""
    out: list[str] = []
    where: list[int] = []
    length = 0  # of the folded text so far
    space = False  # a space is owed before the next kept character
    for run in _RUNS.finditer(text):
        chunk, kind = run.group(), run.lastgroup
        if kind == "kept":
            if space and length:
                out.append(" ")
                length += 1
            space = False
            where.extend(range(length, length + len(chunk)))
            out.append(chunk.translate(QUOTES))
            length += len(chunk)
        elif kind == "dropped":
            where.extend([length + (1 if space and length else 0)] * len(chunk))
        else:  # whitespace: the first maps as before it, the rest after the owed space
            where.append(length + (1 if space and length else 0))
            space = True
            where.extend([length + (1 if length else 0)] * (len(chunk) - 1))
    # trailing whitespace is stripped: its positions (the last ones) map to the end
    tail = len(where) - 1
    while tail >= 0 and where[tail] > length:
        where[tail] = length
        tail -= 1
    where.append(length)
    return "".join(out), where


#: What ``_norm`` drops (inside a character class): the zero-width space, the soft hyphen,
#: the emoji skin-tone modifiers (a PDF's text drops them) and the directional marks.
_DROPPED = "\u200b\xad\U0001f3fb-\U0001f3ff" + DIRECTIONAL.pattern.strip("[]")
_DROP = re.compile(f"[{_DROPPED}]")
#: ``_norm_map``'s runs: characters dropped, whitespace, and characters kept.
_RUNS = re.compile(rf"(?P<dropped>[{_DROPPED}]+)|(?P<space>\s+)|(?P<kept>[^\s{_DROPPED}]+)")


@cache
def _verbatim_pattern(value: str) -> re.Pattern[str]:
    """``value`` as it may appear in extracted text: a line break (folded to one space,
    perhaps after a hyphenation hyphen) may stand between any two characters, and a value
    that starts or ends with a letter or digit must not run into a neighbouring one
    (``2025`` in ``20250409``). Each gap is ``(?:-? )?``, which cannot match the empty
    string in two ways, so matching stays linear. A hyphen of the value itself may be
    missing: the PDF's text extraction drops a hyphen at which it broke the line."""
    # a hyphen of the value may vanish where the PDF breaks the line at it
    body = "(?:-? )?".join("-?" if ch == "-" else re.escape(ch) for ch in value.replace(" ", ""))
    before = rf"(?<!{_WORD.pattern})" if value[:1].isalnum() else ""
    after = rf"(?!{_WORD.pattern})" if value[-1:].isalnum() else ""
    # a value starting or ending with a digit is never part of a longer number ("100" is
    # not in "12,100", "1,100" is not in "1,100.5")
    before += r"(?<!\d[,.])" if value[:1].isdigit() else ""
    after += r"(?![,.]\d)" if value[-1:].isdigit() else ""
    return re.compile(before + body + after)


_RTL_RUN = re.compile(rf"[{RTL_LETTER}]+(?:\s+[{RTL_LETTER}]+)*")
#: A letter or digit a ledger text must not run into. Right-to-left letters are not: a
#: text is matched by its pieces between right-to-left runs (``_ltr_pieces``), and such a
#: piece may stand right after one ("ﴵPêy").
_WORD = re.compile(rf"[^\W{RTL_LETTER}]")


def _ltr_pieces(value: str) -> list[str]:
    """``value`` without its runs of right-to-left words, in the pieces between them. A
    PDF's text comes out in the order a reader sees it, and neighbouring right-to-left
    words may come out in either order ("שלום مرحبا"), so a text is matched by its
    pieces; digits are never part of such a run."""
    return [piece.strip() for piece in _RTL_RUN.split(value) if piece.strip()]


def verbatim_texts(ledger_dir: Path) -> list[tuple[str, str]]:
    """(text, where) for every ledger text field that holds a digit, longest first. Read
    once per content of the ledger's files (the build's fork server reads them for every
    report; a ledger edited since is read again)."""
    paths = [ledger_dir / f"{table}.csv" for table in VERBATIM_COLUMNS]
    texts = [p.read_bytes().decode("utf-8-sig") if p.exists() else None for p in paths]
    return _verbatim_texts(tuple(texts))


@cache
def _verbatim_texts(texts: tuple[str | None, ...]) -> list[tuple[str, str]]:
    import csv
    import io

    out = []
    for (table, columns), text in zip(VERBATIM_COLUMNS.items(), texts, strict=True):
        if text is None:
            continue
        for row in csv.DictReader(io.StringIO(text, newline="")):
            key = row.get("id") or row.get("source_id") or "?"
            for col in columns:
                values = [row.get(col) or ""]
                if table == "sources" and col == "url" and values[0]:
                    values.append(url_host(values[0]))  # the source list prints the host
                for value in (v for t in values for v in _ltr_pieces(_norm(t))):
                    if any(ch.isdigit() for ch in value):
                        out.append((value, f"ledger {table}/{key}.{col}"))
    return sorted(out, key=lambda t: -len(t[0]))  # longest first


def fact_numbers(facts: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each number token a fact shows → that fact's key and provenance."""
    out: dict[str, str] = {}
    for fact in facts:
        for token in NUMBER.findall(fact["text"]):
            out.setdefault(token, f"{fact['key']} <- {', '.join(fact['provenance'])}")
    return out


def trace_text(
    report: str, text: str, facts: list[dict[str, Any]], verbatim: list[tuple[str, str]]
) -> list[Finding]:
    """Every number in ``text`` with what it traces to."""
    findings = []
    # A numbered list's markers stand at the start of a line ("1. It is likely…"); only
    # there, before whitespace is folded, so a number ending a sentence is never exempt.
    # A marker is exempt only where no ledger text accounts for it: a table cell's text
    # wrapped after "---" puts its "2." at the start of a line too.
    markers = [(m.end() - 1 - len(m.group(1).strip()), m.end()) for m in LIST_MARKER.finditer(text)]
    text, moved = _norm_map(text)
    markers = [(moved[start], moved[end - 1] + 1) for start, end in markers]
    masked = list(text)
    spans: list[tuple[int, int, str]] = []

    def mask(start: int, end: int, why: str) -> None:
        if all(ch == " " for ch in masked[start:end]) and text[start:end].strip():
            return  # already accounted for by a longer or earlier match
        spans.append((start, end, why))
        for i in range(start, end):
            masked[i] = " "

    # a full date first, so a ledger text that is its year and month ("2025-02") cannot
    # mask half of it and leave the day as a stray number
    for m in FULL_DATE.finditer(text):
        mask(m.start(), m.end(), "exempt: date")
    # the page's own furniture first ("Page 7 of 8", "[3, 7, 8, 9]", "Table 2"): a ledger
    # text that happens to be "7" must not mask part of it and leave the rest untraced
    for why, pattern in EXEMPT:
        if why in FURNITURE:
            for m in pattern.finditer(text):
                mask(m.start(), m.end(), f"exempt: {why}")
    # A verbatim match, its line breaks and hyphens squeezed out, is an occurrence of the
    # value squeezed likewise, and starts where that occurrence does: so the pattern is
    # tried only there (str.find), not at every position of the text (10x faster).
    kept = [m.start() for m in _KEPT.finditer(text)]
    squeezed = "".join(text[i] for i in kept)
    for value, where in verbatim:
        for start, end in _verbatim_spans(value, text, squeezed, kept):
            mask(start, end, where)
    for start, end in markers:
        mask(start, end, "exempt: list marker")
    for why, pattern in EXEMPT:
        for m in pattern.finditer("".join(masked)):
            mask(m.start(), m.end(), f"exempt: {why}")
    known = fact_numbers(facts)
    for start, end, why in spans:  # report the exempt and verbatim numbers too
        for m in NUMBER.finditer(text[start:end]):
            findings.append(Finding(report, m.group(), _context(text, start + m.start()), why))
    for m in NUMBER.finditer("".join(masked)):
        findings.append(Finding(report, m.group(), _context(text, m.start()), known.get(m.group())))
    return findings


def _verbatim_spans(
    value: str, text: str, squeezed: str, kept: list[int]
) -> Iterable[tuple[int, int]]:
    """The spans ``_verbatim_pattern(value).finditer(text)`` would find, left to right."""
    needle = _SQUEEZE.sub("", value)
    if not needle or _SQUEEZE.match(value):  # starts with a squeezed character: scan it all
        yield from (m.span() for m in _verbatim_pattern(value).finditer(text))
        return
    at, done = squeezed.find(needle), 0
    while at != -1:
        if kept[at] >= done and (end := _match_verbatim(value, text, kept[at])) is not None:
            done = end
            yield kept[at], end
        at = squeezed.find(needle, at + 1)


_NUMBER_BEFORE = re.compile(r"\d[,.]$")  # matched on the two characters before a start
_NUMBER_AFTER = re.compile(r"[,.]\d")
_OPTIONAL_HYPHEN = None  # a token of ``_verbatim_tokens``: the value's own hyphen, may be gone


@cache
def _verbatim_tokens(value: str) -> tuple[str | None, ...]:
    return tuple(_OPTIONAL_HYPHEN if ch == "-" else ch for ch in value.replace(" ", ""))


def _match_verbatim(value: str, text: str, pos: int) -> int | None:
    """Where ``_verbatim_pattern(value).match(text, pos)`` ends, or None where it does not
    match, without compiling the pattern (a ledger text's pattern takes milliseconds to
    compile, and a report meets dozens of them).

    The same search the regular expression engine makes: depth first, trying each gap's
    alternatives in its order ("- ", " ", nothing) and an optional hyphen before its
    absence; a state (token, position) that failed once fails again, so each is tried
    once and the search is linear."""
    if not _free_before(value, text, pos):
        return None
    tokens = _verbatim_tokens(value)
    last, size = len(tokens), len(text)
    word_after = value[-1:].isalnum()
    digit_after = value[-1:].isdigit()

    def free_after(p: int) -> bool:
        """Nothing after ``p`` that the value would run into (a letter, or a number)."""
        if word_after and p < size and _WORD.match(text, p):
            return False
        return not (digit_after and _NUMBER_AFTER.match(text, p))

    # The value as it stands is the search's first find, unless a gap could take a "- "
    # the value itself holds (a hyphen before a space, or a final hyphen).
    if "- " not in value and not value.endswith("-") and text.startswith(value, pos):
        end = pos + len(value)
        if free_after(end):
            return end
    tried: set[tuple[int, int]] = set()
    stack = [(0, pos)]
    while stack:
        i, p = stack.pop()
        if (i, p) in tried:
            continue
        tried.add((i, p))
        if i == last:  # every token matched: the lookahead decides
            if free_after(p):
                return p
            continue
        stack.extend(reversed(_verbatim_steps(tokens, i, p, text)))  # first choice popped first
    return None


def _free_before(value: str, text: str, pos: int) -> bool:
    """Nothing before ``pos`` that the value would continue (a letter, or a number)."""
    if value[:1].isalnum() and pos > 0 and _WORD.match(text, pos - 1):
        return False
    return not (value[:1].isdigit() and _NUMBER_BEFORE.match(text, max(pos - 2, 0), pos))


def _verbatim_steps(
    tokens: tuple[str | None, ...], i: int, p: int, text: str
) -> list[tuple[int, int]]:
    """The states (next token, its position) ``_match_verbatim`` tries after token ``i`` at
    ``p``, first choice first: the token (an optional hyphen taken before left out), then
    the gap after it ("- ", " ", nothing)."""
    last, size = len(tokens), len(text)
    token = tokens[i]
    ends = []
    if token is _OPTIONAL_HYPHEN:
        if p < size and text[p] == "-":
            ends.append(p + 1)
        ends.append(p)
    elif p < size and text[p] == token:
        ends.append(p + 1)
    following = []
    for q in ends:
        if i + 1 == last:
            following.append((last, q))
            continue
        if text.startswith("- ", q):
            following.append((i + 1, q + 2))
        if text.startswith(" ", q):
            following.append((i + 1, q + 1))
        following.append((i + 1, q))
    return following


def _context(text: str, at: int, width: int = 40) -> str:
    return "…" + text[max(0, at - width) : at + width].strip() + "…"


def audit_report(
    report: str, html_text: str, pdf_text: str, facts: list[dict[str, Any]], ledger_dir: Path
) -> list[Finding]:
    verbatim = verbatim_texts(ledger_dir)
    findings = trace_text(f"{report} (HTML)", html_text, facts, verbatim)
    findings += trace_text(f"{report} (PDF)", pdf_text, facts, verbatim)
    return findings


def audit_outputs(
    name: str, html: str, pdf: bytes, facts: list[dict[str, Any]], ledger_dir: Path
) -> list[Finding]:
    """Audit one report from its rendered HTML and PDF."""
    return audit_report(
        name, html_string_text(html), pdf_bytes_text(pdf, keep_lines=True), facts, ledger_dir
    )


def audit_files(
    html: Path, pdf: Path, facts_path: Path, ledger_dir: Path, name: str
) -> list[Finding]:
    facts = json.loads(facts_path.read_text(encoding="utf-8")) if facts_path.exists() else []
    return audit_outputs(
        name, html.read_text(encoding="utf-8"), pdf.read_bytes(), facts, ledger_dir
    )


def summary(findings: list[Finding], limit: int = 5) -> str:
    bad = [f for f in findings if not f.ok]
    shown = "; ".join(f"{f.number} in {f.report} at {f.context}" for f in bad[:limit])
    more = f" and {len(bad) - limit} more" if len(bad) > limit else ""
    return f"{len(bad)} number(s) trace to no fact or ledger entry: {shown}{more}"


# Consistency: what a report says about its numbers must agree with them --------------------


@dataclass(frozen=True)
class Inconsistency:
    """A rule of consistency a report breaks: which report, which fact, which rule."""

    report: str
    fact: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.report}: fact {self.fact} breaks '{self.rule}': {self.detail}"


RULES = {
    "term-matches-probability": "a judgment's term is the ICD 203 band of its probability",
    "judgment-agrees-with-interval": "a metric judgment agrees with its metric's printed "
    "interval (threshold below the interval: p >= 0.95 for 'above'; above it: p <= 0.05)",
    "central-inside-interval": "a computed figure's central value lies inside its interval "
    "(strictly, unless the interval is a point)",
    "same-text-in-scenario": "a fact key shows the same text in every report of its scenario",
    "one-value-per-metric": "a metric (fact key metric:ID:...) has one value in all of a "
    "scenario's reports, whatever its style",
    "equals-metrics-json": "a metric a report shows equals `reportlib metrics --json` for its "
    "scenario and parameters (central, low and high)",
}
SURE, NEVER = 0.95, 0.05


def check_facts(report: str, facts: list[dict[str, Any]]) -> list[Inconsistency]:
    """The per-report rules: judgments against their bands and intervals, centrals inside
    their intervals."""
    intervals, out = _check_centrals(report, facts)
    for f in facts:
        if f.get("kind") == "judgment":
            out.extend(_check_judgment(report, f, intervals))
    return out


def _check_centrals(
    report: str, facts: list[dict[str, Any]]
) -> tuple[dict[str, tuple[float, float]], list[Inconsistency]]:
    """Each metric's printed interval (by metric id, the first shown), and each computed
    figure whose central value lies outside its interval."""
    out: list[Inconsistency] = []
    intervals: dict[str, tuple[float, float]] = {}
    for f in facts:
        key = str(f.get("key", ""))
        if f.get("kind") != "metric" or f.get("low") is None or f.get("high") is None:
            continue
        intervals.setdefault(
            key.split(":")[1] if key.count(":") >= 2 else key, (f["low"], f["high"])
        )
        value, low, high = f.get("value"), f["low"], f["high"]
        if value is not None and not ((low < value < high) or (low == value == high)):
            out.append(
                Inconsistency(
                    report,
                    key,
                    "central-inside-interval",
                    f"central {value:g} against interval {low:g} to {high:g}",
                )
            )
    return intervals, out


def _check_judgment(
    report: str, f: dict[str, Any], intervals: dict[str, tuple[float, float]]
) -> list[Inconsistency]:
    """A judgment's term is the band of its probability, and a metric judgment agrees with
    its metric's printed interval."""
    from .analysis.judgments import exact, likelihood_term

    key, p, term = str(f.get("key")), f.get("probability"), f.get("term")
    if p is None or term is None:
        return [Inconsistency(report, key, "term-matches-probability", "no probability")]
    out: list[Inconsistency] = []
    expected = likelihood_term(exact(p))
    if term != expected:
        out.append(
            Inconsistency(
                report,
                key,
                "term-matches-probability",
                f"probability {p:.4f} is {expected!r}, the report says {term!r}",
            )
        )
    metric, threshold = f.get("metric"), f.get("threshold")
    if not metric or threshold is None or metric not in intervals:
        return out
    low, high = intervals[metric]
    above = f.get("comparison", "above") != "below"
    below_interval, above_interval = threshold < low, threshold > high
    need = None
    if (below_interval and above) or (above_interval and not above):
        need = ("at least", SURE) if p < SURE else None
    elif (above_interval and above) or (below_interval and not above):
        need = ("at most", NEVER) if p > NEVER else None
    if need:
        out.append(
            Inconsistency(
                report,
                key,
                "judgment-agrees-with-interval",
                f"threshold {threshold:g} lies outside the printed interval {low:g} to "
                f"{high:g} of {metric}, so the probability must be {need[0]} {need[1]:g}; "
                f"it is {p:.4f}",
            )
        )
    return out


def _metric_id(key: str) -> str | None:
    """The metric of a fact key ``metric:<id>:<style>`` (None for any other key)."""
    parts = key.split(":")
    return parts[1] if len(parts) >= 3 and parts[0] == "metric" else None


def check_scenario(facts_by_report: dict[str, list[dict[str, Any]]]) -> list[Inconsistency]:
    """The cross-report rules, over the reports of one scenario: one text per fact key, and
    one value (central, low, high) per metric id, whatever style shows it: a reading of a
    figure is its own registered metric, never another value under the same id."""
    seen: dict[str, tuple[str, str]] = {}
    values: dict[str, tuple[str, str, tuple[Any, ...]]] = {}
    out: list[Inconsistency] = []
    for report, facts in sorted(facts_by_report.items()):
        for f in facts:
            key, text = str(f.get("key")), str(f.get("text"))
            if key not in seen:
                seen[key] = (report, text)
            elif seen[key][1] != text:
                first, shown = seen[key]
                out.append(
                    Inconsistency(
                        report,
                        key,
                        "same-text-in-scenario",
                        f"shown as {text!r} here but {shown!r} in {first}",
                    )
                )
            metric = _metric_id(key)
            if metric is None:
                continue
            value = (f.get("value"), f.get("low"), f.get("high"))
            if metric not in values:
                values[metric] = (report, key, value)
            elif values[metric][2] != value:
                first, first_key, was = values[metric]
                out.append(
                    Inconsistency(
                        report,
                        key,
                        "one-value-per-metric",
                        f"metric {metric} is {_triple(value)} here but {_triple(was)} in "
                        f"{first} ({first_key})",
                    )
                )
    return out


def check_against_metrics(
    facts_by_report: dict[str, list[dict[str, Any]]], metrics: dict[str, dict[str, Any]]
) -> list[Inconsistency]:
    """Every metric fact of a scenario's reports against ``metrics`` (the output of
    ``reportlib metrics --json`` for that scenario and its parameters): a figure a report
    shows that the analysis does not give, or gives another value for, is an error."""
    out: list[Inconsistency] = []
    for report, facts in sorted(facts_by_report.items()):
        for f in facts:
            key = str(f.get("key"))
            metric = _metric_id(key)
            if metric is None:
                continue
            value = (f.get("value"), f.get("low"), f.get("high"))
            want = metrics.get(metric)
            if want is None:
                detail = f"metric {metric} is not among the metrics of `reportlib metrics --json`"
            elif (want["central"], want["low"], want["high"]) != value:
                expected = (want["central"], want["low"], want["high"])
                detail = (
                    f"metric {metric} is {_triple(value)} here but {_triple(expected)} in "
                    "`reportlib metrics --json`"
                )
            else:
                continue
            out.append(Inconsistency(report, key, "equals-metrics-json", detail))
    return out


def _triple(value: tuple[Any, ...]) -> str:
    central, low, high = value
    show = lambda v: "none" if v is None else f"{v:g}"  # noqa: E731
    return f"{show(central)} ({show(low)} to {show(high)})"
