"""Building blocks shared by the views: claim tables, claims-over-time charts, the range
key, the words for a missing figure and the source list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..analysis.metrics import Result, tied_to_deployment
from ..analysis.protocol import Report
from ..charts import Chart, claims_over_time
from ..facts import INTERVAL, INTERVAL_FACT_KEY, RANGE_KEY, Fact, Prose, claim_fact, metric_fact
from ..formatting import fmt_range, fmt_stated, md
from ..ledger import frames
from ..ledger.copies import publisher_words, url_host
from ..ledger.dates import parse_partial_date
from ..ledger.vocabulary import input_words, metric_label, quantity_label
from ..tables import Table


def date_words(when: Any) -> str:
    """A date as a reader writes it: a day "9 April 2025", a ledger month "March 2025", a
    quarter or half "the first half of 2026", a year "2025" (never an ISO string, which
    the audit would read as a ledger month and a stray day number)."""
    if not isinstance(when, str):
        return f"{when.day} {when:%B %Y}"
    d = parse_partial_date(when)
    text = str(when)
    if d.start == d.end:
        return f"{d.start.day} {d.start:%B %Y}"
    if len(text) == 7 and text[4] == "-" and text[5:].isdigit():
        return f"{d.start:%B %Y}"
    if "-H" in text:
        return f"the {'first' if text.endswith('1') else 'second'} half of {d.start.year}"
    if "-Q" in text:
        order = ("first", "second", "third", "fourth")[int(text[-1]) - 1]
        return f"the {order} quarter of {d.start.year}"
    return text


#: what a claim's date reads where its own source gives none (claims' ``undated``)
NO_DATE = "no date given"


def undated(c: Any) -> bool:
    """Whether claim ``c``'s source gives no date for it (claims' ``undated``)."""
    return str(getattr(c, "undated", "") or "").strip() == "yes"


def claim_when(c: Any, words: bool = False) -> str:
    """When claim ``c`` was made, as its own source gives it: its ledger date (in words
    with ``words``), or "no date given" where its source gives none (``undated``: the date
    the ledger stores is the relayed statement's, known only from other reporting, or the
    publication's), so a date is never shown as a source's that it does not give (X-M4)."""
    if undated(c):
        return NO_DATE
    return date_words(str(c.claim_date)) if words else str(c.claim_date)


def period_words(start: Any, end: Any) -> str:
    """The period a figure covers, as a phrase that follows it: " in March 2024", " from
    March to November 2024", " from October 2024 to March 2025"; "" without a period. An
    empty end is the start's own span."""
    start, end = str(start or "").strip(), str(end or "").strip()
    if start in ("", "nan"):
        return ""
    if end in ("", "nan") or end == start:
        return f" in {date_words(start)}"
    a, b = parse_partial_date(start), parse_partial_date(end)
    months = len(start) == len(end) == 7 and "-Q" not in start + end and "-H" not in start + end
    if months and a.start.year == b.start.year:
        return f" from {a.start:%B} to {date_words(end)}"
    return f" from {date_words(start)} to {date_words(end)}"


def all_sources(report: Report) -> bool:
    """Whether the report's scenario admits every source: only then may a sentence speak
    of the world ("no report by 9 April 2025 gives ..."); a scenario limited to some
    sources speaks of them ("none of the sources used here gives ...")."""
    return report.scenario.sources is None


def describe_missing(
    names: tuple[str, ...] | list[str], as_of: Any = None, *, scoped: bool = False
) -> str:
    """Which figures a result lacks, in a reader's words: "no report by 9 April 2025
    gives ..." (the report's as-of date), never the scenario machinery behind it; a
    ``scoped`` scenario (some sources only) says "none of the sources used here gives ..."."""
    words = [input_words(n) for n in names]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    by = f" by {date_words(as_of)}" if as_of is not None else ""
    if scoped:
        return (
            f"none of the sources used here gives {listed}"
            if words
            else "the sources used here lack a figure it needs"
        )
    return f"no report{by} gives {listed}" if words else f"a figure it needs was not reported{by}"


def describe_unavailable(result: Any, as_of: Any = None, *, scoped: bool = False) -> str:
    """Why a figure (a metric result) or a judgment on one cannot be given, in words: the
    inputs no report gives by ``as_of`` (the report's date), or those whose value leaves it
    undefined (a count of zero to divide by). ``scoped``: see ``describe_missing``."""
    missing, undefined = getattr(result, "missing", ()), getattr(result, "undefined", ())
    if missing or not undefined:
        return describe_missing(missing, as_of, scoped=scoped)
    words = [input_words(n) for n in undefined]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"it would divide by {listed}, which is zero here"


def central(res: Result) -> float:
    """The central value of a figure the caller has found available (``res.available``):
    one that is not is a bug, named, never a None carried into arithmetic."""
    if res.central is None:
        raise ValueError(f"figure {res.name!r} is not available: it has no central value")
    return res.central


def interval(res: Result) -> tuple[float, float, float]:
    """The central value and the two ends of an available figure's interval."""
    if res.central is None or res.low is None or res.high is None:
        raise ValueError(f"figure {res.name!r} is not available: it has no interval")
    return res.central, res.low, res.high


def picked(report: Report, quantity: str) -> pd.Series:
    """The claim picked for ``quantity`` where a figure computed from it is available: its
    absence is a bug, named, never an attribute looked up on None."""
    claim = report.pick(quantity)
    if claim is None:
        raise LookupError(
            f"no admitted claim of {quantity!r} as of {report.as_of}, though a figure "
            "computed from it is available"
        )
    return claim


def why_unavailable(result: Any, report: Any) -> str:
    """``describe_unavailable`` for this report: its date, and its sources' scope."""
    return describe_unavailable(result, report.as_of, scoped=not all_sources(report))


def nothing_to_list(report: Report, what: str) -> str:
    """The sentence a table with no rows shows instead (``Table.empty``): "No troop
    numbers to list by 1 February 2025." (``what`` in Markdown, plural)."""
    return f"No {what} to list by {md(date_words(report.as_of))}."


def threshold_fact(judgment: Any) -> Fact:
    """A judgment's threshold as a fact: the analysts' assumption in ``data/judgments.toml``,
    shown as the reports format its metric's unit."""
    from ..formatting import fmt_value

    return Fact(
        f"derived:threshold:{judgment.id}",
        fmt_value(judgment.threshold, judgment.threshold_unit),
        judgment.threshold_unit,
        float(judgment.threshold),
        kind="derived",
        provenance=(f"assumption:data/judgments.toml#{judgment.id}",),
    )


def stated_or_metric(report: Report, name: str, style: str = "central") -> Fact:
    """One value per quantity (issue 23, finding 9): an input read straight from one claim
    is shown as its source stated it ("more than 11,000"), as the key figures table shows
    it, never as the median of its draws beside it; else the computed figure."""
    x = report.analysis.inputs.get(name)
    if x is not None and x.claim_id is not None:
        return claim_fact(report.ledger.claim(x.claim_id))
    return metric_fact(report.analysis.results[name], style)


def baseline_sources(
    report: Report, names: tuple[tuple[str, str], ...]
) -> list[tuple[str, str, str]]:
    """Who estimated each baseline a share is taken of (``names``: input name and its
    words, "national income"), grouped by claimant and source, as (words, who, citation):
    [("national income and trade", "Bank of Korea", "[7]")], each cited in the report's
    numbered list; an input the analysis does not read from a claim is left out. So a
    share of the economy names the figure it rests on (review X-M2, L-M4). Ledger text:
    pass it to ``say`` as values, never into a template."""
    groups: dict[tuple[str, str], list[str]] = {}
    for name, words in names:
        x = report.analysis.inputs.get(name)
        if x is None or x.claim_id is None:
            continue
        c = report.ledger.claim(x.claim_id)
        who = report.scenario.speaker(report.ledger, str(c.claimant))
        groups.setdefault((who, report.cite(str(c.source_id))), []).append(words)
    return [(" and ".join(w), who, cite) for (who, cite), w in groups.items()]


def coverage_fact() -> Fact:
    """The share of a computed figure's simulated values inside its interval ("90%")."""
    from ..analysis.metrics import HIGH_PCT, LOW_PCT

    coverage = (HIGH_PCT - LOW_PCT) / 100
    return Fact(
        INTERVAL_FACT_KEY,
        f"{coverage:.0%}",
        "share",
        coverage,
        kind="derived",
        provenance=("method:analysis.metrics.LOW_PCT-HIGH_PCT",),
    )


def range_key() -> Prose:
    """The one-line key to the two kinds of range, shown in every report."""
    fact = coverage_fact()
    text = (
        md(RANGE_KEY.format(interval="INTERVAL", coverage="COVERAGE"))
        .replace("INTERVAL", md(INTERVAL[:1].upper() + INTERVAL[1:]))
        .replace("COVERAGE", fact.text)
    )
    return Prose(f"*{text}*", [fact])


def midpoint(text: str):
    d = parse_partial_date(text)
    return d.start + (d.end - d.start) / 2


def claims_table(report: Report, quantities: tuple[str, ...], caption: str, what: str) -> Table:
    """Each admitted claim of these quantities: as stated, stated range, who, when, grade;
    with none, "No <what> to list by <date>." (``what``: the claims, plural)."""
    rows, facts = [], []
    for c in frames.rows(shown(report, report.claims_of(*quantities))):
        stated, rng = claim_fact(c, "stated"), claim_fact(c, "range")
        facts += [stated, rng]
        rows.append(
            {
                "Date": claim_when(c),
                "Figure": quantity_label(c.quantity),
                "As stated": stated.text,
                "Stated range": rng.text,
                "Claimed by": c.claimant,
                "Grade": c.reliability,
                "Source": report.cite(c.source_id),
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=["Date", "Figure", "As stated", "Stated range", "Claimed by", "Grade", "Source"],
    )
    return Table(
        frame,
        caption=caption,
        numeric=("As stated", "Stated range"),
        facts=facts,
        empty=nothing_to_list(report, what),
    )


def shown(report: Report, rows: pd.DataFrame) -> pd.DataFrame:
    """Claims to show: a claim that relays another admitted claim is left out, so one
    statement appears once, under its originator."""
    admitted = set(report.claims["id"])
    relays = rows["relays"].tolist() if "relays" in rows.columns else [""] * len(rows)
    keep = [not (isinstance(r, str) and r and r in admitted) for r in relays]
    # a mask, never a list: ``rows[[]]`` would select no columns, not no rows
    return rows.loc[pd.Series(keep, index=rows.index, dtype=bool)].reset_index(drop=True)


def rising(rows: pd.DataFrame) -> bool:
    """Two or more points, each later one higher than the one before: the only case in
    which "rose from one report to the next" is true of a series of claims (oldest first)."""
    values = rows["value"].tolist()
    return len(values) >= 2 and all(b > a for a, b in zip(values, values[1:], strict=False))


def trend_words(rows: pd.DataFrame) -> str:
    """What a series of claims of one quantity did, in words true of it (a sentence)."""
    if len(rows) < 2:
        return "A single estimate had been reported"
    values = rows["value"].tolist()
    if rising(rows):
        return "The estimates rose from one report to the next"
    if values[-1] > values[0]:
        return "The estimates rose overall, though not at every report"
    if values[-1] < values[0]:
        return "The estimates fell overall"
    return "The estimates held level"


def claims_chart(
    report: Report,
    quantities: tuple[str, ...],
    *,
    title: str,
    ylabel: str,
    caption: str,
    alt_subject: str,
    highlight: str | None = None,
    extra_facts: list[Fact] | None = None,
) -> Chart | Prose:
    rows = shown(report, report.claims_of(*quantities))
    if rows.empty:  # nothing to draw: say so, as a figure that cannot be computed does
        if not all_sources(report):
            return Prose(f"None of the sources used here gives {md(alt_subject)}.")
        return Prose(f"No report by {md(date_words(report.as_of))} gives {md(alt_subject)}.")
    points = [
        {
            "when": midpoint(c.claim_date),
            "value": c.value,
            "low": c.low,
            "high": c.high,
            "grade": c.reliability,
            "id": c.id,
        }
        for c in frames.rows(rows)
    ]
    facts = [claim_fact(c, "stated") for c in frames.rows(rows)]
    figure = claims_over_time(
        points,
        title=title,
        ylabel=ylabel,
        source=report.source_line(list(rows["source_id"])),
        highlight=highlight,
    )
    described = "; ".join(
        f"{claim_when(c)}: {fmt_stated(c.value, c.qualifier, c.unit, c.low, c.high)} "
        f"(stated range {fmt_range(c.low, c.high, c.unit)}), {c.claimant}, grade {c.reliability}"
        for c in frames.rows(rows)
    )
    alt = f"Chart of {alt_subject} by the date each claim was made. {described}."
    return Chart(
        figure, caption, alt, facts + list(extra_facts or []), data=f"Claims: {described}."
    )


KEYBOX_STYLE = (
    "border-left: 4px solid #0072b2; background: rgba(0, 114, 178, 0.07); "
    "padding: 0.5em 1em; margin: 0.8em 0"
)


def keybox(markdown: str) -> str:
    """The key-judgments box: an HTML ``div`` around Markdown, which JupyterLab (with the
    inline style: it has no stylesheet of ours), the HTML report (``.keybox`` in its
    stylesheet) and the Typst PDF (``filter.lua``) all show as a shaded, ruled box."""
    return f'<div class="keybox" style="{KEYBOX_STYLE}">\n\n{markdown}\n\n</div>'


def sources_list(report: Report) -> Prose:
    """The sources cited so far, numbered as cited, with publisher, date and grades; and
    the sources of the outside figures the dateline counts, where not yet cited, so the
    dateline and the list agree (review X-m3)."""
    for sid in report.outside_sources():
        report.cite(sid)
    lines, facts = [], []
    claims = report.claims  # grades of the claims admitted by the report's date, nothing later
    ledger = report.ledger
    graded = [
        claims,
        report.admitted(ledger.technology),
        report.scenario.events(ledger, report.as_of),  # an event or factor grades its source
        report.admitted(ledger.factors),  # where no claim or technology report does
    ]
    graded_as: dict[Any, set[str]] = {}  # each source's grades, in one pass over the rows
    for rows in graded if report.cited else []:
        for sid, g in zip(rows["source_id"], rows["reliability"], strict=True):
            if isinstance(g, str) and g:
                graded_as.setdefault(sid, set()).add(str(g))
    for n, sid in enumerate(report.cited, start=1):
        s = report.source(sid)
        grades = sorted(graded_as.get(sid, ()))
        grade = (
            f" {'Grade' if len(grades) == 1 else 'Grades'} {', '.join(grades)}." if grades else ""
        )
        title = source_title(s)
        if isinstance(s.url, str) and s.url:  # the title links; the host shows where
            title = f"[{title}]({s.url}) ({md(url_host(s.url))})"
        lines.append(f"{n}. {md(publisher_words(s))}, {title}, {md(s.date)}.{md(grade)}")
    if not lines:
        return Prose("No sources cited.", facts)
    return Prose(references(grade_key(report) + "\n\n" + "\n".join(lines)), facts)


def references(markdown: str) -> str:
    """A source list set in smaller type, as references are (the Typst export's
    ``references`` block, ``.references`` in the HTML report)."""
    return f'<div class="references">\n\n{markdown}\n\n</div>'


#: how the ledger marks a title it does not have (``sources.csv``)
MISSING_TITLE = "[headline not in the stored copy]"


def source_title(s: Any) -> str:
    """A source's title for the list, in italics; where the ledger has no headline (empty,
    or its placeholder), a plain description: "news item (headline not recorded)", with
    what the item reports if the ledger says."""
    title = str(s.title) if isinstance(s.title, str) else ""
    if title and not title.startswith(MISSING_TITLE):
        return f"*{md(title)}*"
    about = title.removeprefix(MISSING_TITLE).strip()
    about = about.split(": ", 1)[1] if ": " in about else ""  # drop the item's own id
    return "news item, headline not recorded" + (f" ({md(about)})" if about else "")


def grade_key(report: Report) -> str:
    """The one-line key to the grades in the source list, from the ledger's own labels."""
    labels = report.ledger.grade_labels
    listed = "; ".join(f"{g} {label}" for g, label in labels.items())
    return md(
        "Grade: how far the claimant (not the outlet) can be relied on: " + listed + "."
    ).join(("*", "*"))


def cited_by(c: Any) -> str:
    """Whom claim ``c``'s claimant said it was citing (claims' ``cites``), or ""."""
    cites = getattr(c, "cites", "")
    return cites.strip() if isinstance(cites, str) else ""


def one_publication(report: Report, c: Any) -> bool:
    """Whether claim ``c``'s figure is known from one publication only: the scenario admits
    every source (so the silence of the others is the reporting's, not the scenario's), and
    every admitted claim of its quantity comes from ``c``'s source and ``c``'s organisation
    (no other publication, and no other organisation, gives the quantity)."""
    if not all_sources(report):
        return False
    claims = report.claims_of(str(c.quantity))
    org = report.ledger.organisation(str(c.claimant))
    return all(
        str(x.source_id) == str(c.source_id) and report.ledger.organisation(str(x.claimant)) == org
        for x in frames.rows(claims)
    )


def provenance_notes(report: Report, c: Any) -> list[str]:
    """What a reader must know of where a figure its claimant took from others came from:
    "citing expert analysis" (claims' ``cites``) and, where the figure is known from one
    publication only (``one_publication``), "reported by one publication only". A claimant's
    own figure gets no notes (its source is its citation)."""
    cites = cited_by(c)
    if not cites:
        return []
    notes = [f"citing {cites}"]
    if one_publication(report, c):
        notes.append("reported by one publication only")
    return notes


def dispatch_date(report: Report) -> Any:
    """The first day of the troops' dispatch as the ledger dates it (None if it does not)."""
    ids = report.ledger.role("troops-dispatched")
    rows = report.ledger.events[report.ledger.events["id"].isin(ids)]
    return parse_partial_date(str(rows.iloc[0]["date"])).start if len(rows) else None


def tied_claim(report: Report, c: Any) -> bool:
    """Whether a claim may be set against the losses (``metrics.tied_to_deployment``)."""
    start = parse_partial_date(str(c.period_start)).start if c.period_start else None
    return tied_to_deployment(c.quantity, start, dispatch_date(report))


#: The ministry's benefit estimate per casualty under each reading of its period: read as
#: cumulative it stands against the losses as it is; read as yearly, only the share for the
#: months from deployment to the end of the count does (``analysis.metrics``).
READING_METRIC = {
    "cumulative": "benefit_per_casualty_usd",
    "yearly": "benefit_per_casualty_if_annual_usd",
}


def benefit_metric(report: Report) -> str:
    """The benefit per casualty a report presents: the reading its ``benefit_period``
    parameter chose, else (both readings shown) the cumulative one, stated with its "if"."""
    return READING_METRIC[report.params.benefit_period or "cumulative"]


def reading_words(report: Report) -> str:
    """The clause a benefit-per-casualty figure is stated with, true under the reading in
    force: a condition when the report shows both readings, the chosen reading when a
    what-if run chose one."""
    return {
        None: "if that figure is cumulative",
        "cumulative": "reading that figure as cumulative (a what-if)",
        "yearly": "reading that figure as yearly (a what-if), over the months from "
        "deployment to the end of the count",
    }[report.params.benefit_period]


def per_casualty_metrics(report: Report, names: tuple[str, ...]) -> tuple[str, ...]:
    """``names`` less the benefit reading a what-if run set aside (none when both show)."""
    chosen = report.params.benefit_period
    if chosen is None:
        return names
    dropped = {m for reading, m in READING_METRIC.items() if reading != chosen}
    if chosen == "yearly":  # the cumulative reading on the estimate's own date goes too
        dropped.add("benefit_per_casualty_at_estimate_date_usd")
    return tuple(n for n in names if n not in dropped)


@dataclass(frozen=True)
class Cumulative:
    """The ministry's benefit estimate per casualty read as cumulative, on a count of the
    same period (issue 23), as a report presents it: the registered metric
    ``benefit_per_casualty_at_estimate_date_usd`` (computed in ``analysis.readings``) when
    the report's own count is later than the estimate, else ``benefit_per_casualty_usd``;
    ``differs`` when no count existed by the estimate's date and the figure mixes periods.
    ``result`` is the ``metrics.Result`` shown; ``casualties`` the count it divides by when
    that is not the report's own; ``when`` the estimate's date (ledger text)."""

    result: Any
    casualties: Any = None
    when: str | None = None
    differs: bool = False

    @property
    def matched(self) -> bool:
        return self.casualties is not None

    def fact(self, style: str = "central") -> Fact:
        """Under the metric's own key (``metric:<id>:<style>``): one id, one value."""
        return metric_fact(self.result, style)

    def label(self) -> str:
        return metric_label(self.result.name)


def unshown_reading(report: Report, name: str) -> bool:
    """Whether ``name`` is the benefit per casualty on the casualties known at the
    estimate's date where no count existed by then: it has no value, and the words for a
    missing figure would name the report's date, not the estimate's; the reports say in
    their sentences that the cumulative figure then mixes periods."""
    reading = report.analysis.at_estimate_date
    return name == reading.result.name and not reading.result.available


def cumulative_reading(report: Report) -> Cumulative | None:
    """The cumulative reading of the ministry's estimate per casualty, on the casualties
    known at the estimate's date where the report's own count is later (None when the
    figure cannot be computed)."""
    r = report.analysis.results
    res = r["benefit_per_casualty_usd"]
    if not res.available:
        return None
    reading = report.analysis.at_estimate_date
    if reading.matched and reading.casualties is not None:
        count = claim_fact(report.ledger.claim(reading.casualties))
        return Cumulative(reading.result, count, reading.when)
    return Cumulative(res, None, reading.when, differs=reading.differs)


def join_places(places: tuple[str, ...] | list[str]) -> str:
    """Places joined with "and", their shared first and last words said once: "stored news
    pages" and "stored documentation pages" are "stored news and documentation pages"."""
    words = [p.split() for p in places]
    if len(words) < 2:
        return " ".join(words[0]) if words else ""
    head = 0
    while all(len(w) > head + 1 and w[head] == words[0][head] for w in words):
        head += 1
    tail = 0
    while all(len(w) > head + tail + 1 and w[-1 - tail] == words[0][-1 - tail] for w in words):
        tail += 1
    middles = [" ".join(w[head : len(w) - tail]) for w in words]
    return " ".join([*words[0][:head], " and ".join(middles), *words[0][len(words[0]) - tail :]])


def currency_line(report: Report) -> Prose:
    """How current the report is, under its dateline (``analysis.currency``): the newest
    figure and technology report it draws on, and, for a scenario of every source, how far
    the sources were searched and, where the search reached past the edition's date, that
    nothing newer was found, where the search was made and what its silence means ("sources
    searched to 6 December 2026 in stored news pages; nothing newer than 12 May 2026 found
    there, not proof that none exists"), so a reader can tell no news from not
    looked, and not looked from not found."""
    from ..analysis.currency import currency

    c = currency(report.ledger, report.scenario, report.params.as_of)
    parts = []
    if c.figures_to is not None:
        parts.append(f"figures to {date_words(c.figures_to.text)}")
    if c.technology_to is not None:
        parts.append(f"technology reports to {date_words(c.technology_to.text)}")
    if c.searched_to is not None:
        searched = f"sources searched to {date_words(c.searched_to)}"
        if c.newest_found is not None and c.searched_to > c.newest_found.end:
            if c.searched_in:
                searched += " in " + join_places(c.searched_in)
            searched += (
                f"; nothing newer than {date_words(c.newest_found.text)} found there, not proof "
                "that none exists"
            )
        parts.append(searched)
    if not parts:
        return Prose("")
    return Prose(f"*How current: {md('; '.join(parts))}.*")
