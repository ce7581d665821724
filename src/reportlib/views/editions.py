"""The assessment over time: what changed since the last edition, and how the picture moved.

``what_changed`` is the brief's opening section when its scenario names a previous edition
(the newest published edition before it, else ``previous_edition`` in
``data/scenarios.toml``); it shows nothing otherwise. The other
views draw the monthly series of ``analysis.history``: a key figure with its interval over
time, the key judgments' probabilities against the ICD 203 bands, and a table of the steps,
each step marked with the sources of the claims that moved it. Every number shown is a
``Fact``: the series points carry keys ``series:NAME:DATE:central`` and ``...:range``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..analysis import history
from ..analysis.judgments import LIKELIHOOD_BANDS, LIKELIHOOD_TERMS
from ..analysis.protocol import Report
from ..charts import ACCENT, INK, MUTED, SECOND, TICKS, Chart, fixed_ticks, house_style
from ..facts import Fact, Prose, claim_fact, count_fact, derived_fact, metric_fact, say
from ..formatting import fmt_value, md
from ..ledger.dates import parse_partial_date
from ..ledger.labels import claimant_label
from ..ledger.vocabulary import CHANGES, GROWS_WITH_EVENTS, METRICS, QUANTITIES, metric_label
from ..ledger.vocabulary import TRACKED as TRACKED_ROLE
from ..tables import Table
from .common import date_words, threshold_fact

BANDS = tuple((float(upper), term) for upper, term in LIKELIHOOD_BANDS)  # for plotting
TITLE_WIDTH = 60  # characters of a panel title per line: the panel's width at 8.5 pt

HEADING = "## What changed since the last edition"


def _now(term: str) -> str:
    """ "It is now likely", "There is now a roughly even chance": grammatical for each term."""
    if term == "roughly even chance":
        return "There is now a roughly even chance"
    if term == "almost no chance":
        return "There is now almost no chance"
    return "It is now " + md(term)


#: Figures the brief's section may speak of, in this order (those the analysis defines).
BRIEF_FIGURES = METRICS.with_role(CHANGES)
MAX_FIGURE_SENTENCES = 2
#: Figures tracked in the table of steps (those the analysis defines).
TRACKED = METRICS.with_role(TRACKED_ROLE)


def day(d: Any) -> str:
    """A date as readers write it, "30 November 2024" (an ISO month-end date would be
    mistaken by the audit for a ledger month, "2024-11", and a stray day number)."""
    return f"{d.day} {d:%B %Y}"


def label(name: str) -> str:
    return metric_label(name)


def _literal(markdown: str) -> str:
    """Markdown made safe to splice into a ``say`` template (braces doubled)."""
    return markdown.replace("{", "{{").replace("}", "}}")


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# --- who moved it ----------------------------------------------------------------------


def _claimant(report: Report, info: dict[str, Any]) -> str:
    """Markdown naming who made a claim, when, and its citation: "X (2025-06-15) [3]"."""
    return say(
        "{who} ({when}) {cite}",
        who=claimant_label(str(info["claimant"])),
        when=str(info["claim_date"]),
        cite=report.cite(info["source_id"]),
    ).text


def _sources(report: Report, ids: tuple[str, ...], limit: int = 2) -> tuple[str, list[str]]:
    """Markdown naming the claimants behind ``ids`` with date and citation, newest claim
    first ("X (2025-06-15) [3] and Y (2025-05-29) [4]"); and their source ids."""
    infos = sorted(
        (history.claim_info(report.ledger, i) for i in ids),
        key=lambda c: (str(c["claim_date"]), str(c["claimant"])),
        reverse=True,
    )
    seen: dict[str, dict[str, Any]] = {}
    for info in infos:  # one mention per claimant, their latest
        seen.setdefault(str(info["claimant"]), info)
    parts = [_claimant(report, c) for c in list(seen.values())[:limit]]
    if len(seen) > limit:
        parts[-1] += " and others"
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return text, [c["source_id"] for c in seen.values()]


def _cites(report: Report, ids: tuple[str, ...]) -> str:
    """Citation numbers of the sources of ``ids``: "[3]", "[3, 5]"."""
    numbers = []
    for i in ids:
        n = report.cite(history.claim_info(report.ledger, i)["source_id"])[1:-1]
        if n not in numbers:
            numbers.append(n)
    return f"[{', '.join(sorted(numbers, key=int))}]" if numbers else ""


# --- facts for a date ------------------------------------------------------------------


def point_fact(name: str, snap: history.Snapshot, style: str = "central") -> Fact:
    """One figure as the analysis stood on ``snap``'s date."""
    f = metric_fact(snap.results[name], style)
    return replace(
        f,
        key=f"series:{name}:{snap.as_of.isoformat()}:{style}",
        provenance=(*f.provenance, f"as-of:{snap.as_of.isoformat()}"),
    )


def _edition_fact(name: str, result: Any, when: Any) -> Fact:
    f = metric_fact(result)
    return replace(f, key=f"edition:{when.isoformat()}:{name}:central")


def probability_fact(j: Any, when: Any) -> Fact:
    return derived_fact(
        f"series:judgment:{j.id}:{when.isoformat()}",
        j.probability,
        "share",
        (f"judgment:{j.id}", f"as-of:{when.isoformat()}", *j.claims),
    )


def proposition(j: Any, cohort: str = "") -> str:
    """What a judgment is about, without its likelihood word: "more than 20% of the troops
    sent have been killed or wounded" (plain text, threshold formatted); ``cohort`` names
    the troops the count covers as the brief's own judgment does (default: the first
    deployment)."""
    values = {"cohort": cohort or QUANTITIES["troops_initial"].cohort}
    if j.threshold is not None:
        values["threshold"] = fmt_value(j.threshold, j.threshold_unit)
    return j.spec.proposition.format(**values).rstrip(".")


def _threshold_fact(j: Any) -> Fact | None:
    return None if j.threshold is None else threshold_fact(j)


# --- the brief's section ---------------------------------------------------------------


ANNEX_HEADING = "## New claims since the last edition"
#: where a reader finds the list of every new claim (the over-time report's annex)
ANNEX_WHERE = "the companion report on how the picture moved"


def what_changed(report: Report) -> Prose | None:
    """ "What changed since the last edition", in three or four sentences: how many claims
    came in (each listed, with who made it and when, in ``new_claims``, the over-time
    report's annex), the key figures that moved (from what to what, on which new report),
    the judgments whose likelihood moved, and those whose confidence moved. A report the
    last edition already had is never given as the reason for a move. ``None`` (nothing
    shown) when the scenario names no previous edition or the report stands on or before
    it."""
    since = report.previous_edition
    if since is None or since >= report.as_of:
        return None
    ch = history.changes(report, since)
    facts: list[Fact] = []
    admitted = ch.admitted
    n = count_fact("claims-since-last-edition", len(admitted), admitted)
    publications = tuple(
        sorted({history.claim_info(report.ledger, c)["source_id"] for c in admitted})
    )
    m = count_fact("publications-since-last-edition", len(publications), publications)
    claims = "claim" if len(admitted) == 1 else "claims"
    has = "has" if len(admitted) == 1 else "have"
    from_m = "publication" if len(publications) == 1 else "publications"
    if not admitted:
        opening = say(
            "No claim has entered the ledger since the last edition (as of {since}), so "
            "the figures and judgments stand as they did.",
            since=day(since),
        )
    else:
        tail = "; none of them moves a key figure or judgment" if ch.empty else ""
        opening = say(
            "Since the last edition (as of {since}), {n} "
            + claims
            + " from {m} "
            + from_m
            + " "
            + has
            + " come in"
            + tail
            + f" (each is listed, with who made it and when, in {ANNEX_WHERE}).",
            since=day(since),
            n=n,
            m=m,
        )
    sentences = [opening.text]
    facts += opening.facts
    by_key = {f.key: f for f in ch.figures}
    said: list[tuple[str, ...]] = []
    moved = []
    new_ids = set(admitted)
    for name in BRIEF_FIGURES:
        f = by_key.get(name)
        if f is None or f.direction == "range" or len(said) >= MAX_FIGURE_SENTENCES:
            continue
        # only the new reports behind a move are its reason, never one the last edition had
        f = replace(f, claims=tuple(c for c in f.claims if c in new_ids))
        sentence, used = _figure_sentence(report, f, since, said)
        moved.append(sentence)
        said.append(used)
    if moved:
        rest = [_lower_first(x.text.rstrip(".")) for x in moved[1:]]
        text = "; ".join([moved[0].text.rstrip("."), *rest]) + "."
        sentences.append(text)
        facts += [f for x in moved for f in x.facts]
    likelihood, confidence = [], []
    for j in ch.judgments:
        a, b = _judgment_sentences(report, j)
        if a is not None:
            likelihood.append(a)
        if b is not None:
            confidence.append(b)
    for group in (likelihood, confidence):
        if group:
            parts = [group[0].text.rstrip(".")] + [
                _lower_first(x.text.rstrip(".")) for x in group[1:]
            ]
            sentences.append("; ".join(parts) + ".")
            facts += [f for x in group for f in x.facts]
    return Prose(HEADING + "\n\n" + " ".join(sentences), facts)


def _lower_first(text: str) -> str:
    """A sentence joined into another: its first word lower-cased unless a name."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first in ("It", "There", "Our") else text


def new_claims(report: Report) -> Prose:
    """The annex to "What changed": every claim admitted since the last edition, grouped
    by who made it, when and in which publication, with the figures it gives (one line each:
    "- X (2026-02-12) [3]: killed or wounded; killed"). Nothing when the scenario names no
    previous edition or stands on or before it."""
    since = report.previous_edition
    if since is None or since >= report.as_of:
        return Prose("")
    admitted = history.changes(report, since).admitted
    if not admitted:
        return Prose(ANNEX_HEADING + f"\n\nNo claim has come in since {day(since)}.")
    intro = (
        f"Every claim that has come in since the last edition (as of {day(since)}), by who "
        "made it, when and where, with the figures it gives."
    )
    return Prose(ANNEX_HEADING + "\n\n" + intro + "\n\n" + _admitted_by_figure(report, admitted))


def _admitted_by_figure(report: Report, admitted: tuple[str, ...]) -> str:
    """Each claim admitted since the last edition: who made it (display name), when, its
    source, and the figures it gives, one line per claimant, date and source (a long name
    said once, not once per figure): "- X (2026-02-12) [1]: killed or wounded; killed"."""
    from ..ledger.vocabulary import figure_label

    # one line per claimant and date: a briefing relayed by two outlets is listed once,
    # with both citations
    groups: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for claim_id in admitted:
        c = history.claim_info(report.ledger, claim_id)
        key = (claimant_label(str(c["claimant"])), str(c["claim_date"]))
        figures, cites = groups.setdefault(key, ([], []))
        figure = md(figure_label(str(c["quantity"])))
        if figure not in figures:
            figures.append(figure)
        cite = report.cite(c["source_id"])[1:-1]
        if cite not in cites:
            cites.append(cite)
    lines = {
        say(
            "{who} ({when}) {cite}", who=who, when=when, cite=" ".join(f"[{c}]" for c in cites)
        ).text: figures
        for (who, when), (figures, cites) in groups.items()
    }
    return "\n".join(f"- {who}: {'; '.join(figures)}" for who, figures in lines.items())


#: what a count counts, in the words of a sentence ("said 15,000 (troops sent so far, ...)")

#: figures that grow only with new events (more losses): "rose" fits a later count of
#: them; any other figure moves only by re-estimate ("revised"; vocabulary role)
EVENT_FIGURES = METRICS.with_role(GROWS_WITH_EVENTS)


def _said(report: Report, ids: tuple[str, ...], limit: int = 2) -> Prose:
    """What each source behind ``ids`` said, in its own words and hedges, newest first:
    "X (2026-02-12) [11] said about 6,000 killed or wounded"."""
    rows = [report.ledger.claim(i) for i in ids if i in report.ledger.claims["id"].values]
    rows.sort(key=lambda c: (str(c["claim_date"]), str(c["claimant"])), reverse=True)
    parts, facts = [], []
    for c in rows[:limit]:
        stated = claim_fact(c)
        part = say(
            "{who} {cite} said {n} ({what}, {when})",
            who=claimant_label(str(c["claimant"])),
            when=date_words(str(c["claim_date"])),
            cite=report.cite(c["source_id"]),
            n=stated,
            what=QUANTITIES[str(c["quantity"])].said_as,
        )
        parts.append(part.text)
        facts += part.facts
    return Prose("; ".join(parts), facts)


def _figure_sentence(report: Report, f: Any, since: Any, said: list) -> tuple[Prose, tuple]:
    """A key figure that moved. The figure is ours (the simulation's median) and is named
    as ours; a source is named only with what it said, with its hedge (issue 23). "Rose"
    or "fell" only where a count covers a later period (new events); else "revised"."""
    f = replace(f, claims=_not_overridden(report, f.claims))
    old = _edition_fact(f.key, f.old, since) if f.old.available else None
    new = _edition_fact(f.key, f.new, report.as_of) if f.new.available else None
    what = _lower(label(f.key))
    basis = _said(report, f.claims)
    if f.direction in ("up", "down"):
        later = any(
            parse_partial_date(str(c["period_end"] or c["claim_date"])).end > since
            for c in (report.ledger.claim(i) for i in f.claims)
            if f.key in EVENT_FIGURES
        )
        if later:
            verb = "rose" if f.direction == "up" else "fell"
        else:
            verb = "was revised " + ("up" if f.direction == "up" else "down")
        lead = say(
            "Our estimate of " + md(what) + " " + verb + " from {old} to {new} (our median)",
            old=old,
            new=new,
        )
        follows = any(set(f.claims) <= set(earlier) for earlier in said)
        if follows or not basis.text:
            return Prose(lead.text + ".", lead.facts), f.claims
        why = "on a later count" if verb in ("rose", "fell") else "a re-estimate"
        return Prose(lead.text + f", {why}: " + basis.text + ".", lead.facts + basis.facts), (
            f.claims
        )
    if f.direction == "new":
        lead = say("Our estimate of " + md(what) + " can now be put at {new}", new=new)
        if basis.text:
            return Prose(lead.text + "; " + basis.text + ".", lead.facts + basis.facts), f.claims
        return Prose(lead.text + ".", lead.facts), f.claims
    return say(
        "Our estimate of "
        + md(what)
        + " can no longer be computed from the sources admitted; it stood at {old}.",
        old=old,
    ), f.claims


def _not_overridden(report: Report, ids: tuple[str, ...]) -> tuple[str, ...]:
    """The claims among ``ids`` whose figure this run still takes from the ledger: in a
    what-if run, a claim of a quantity a setting replaced (``-p casualties=9000``) is no
    reason for a move, so no source is cited beside a figure the setting gives."""
    from ..analysis.inputs import FROM_LEDGER, OVERRIDES, WAVES

    p = report.params
    replaced = {name for param, (name, _) in OVERRIDES.items() if getattr(p, param) is not None}
    if p.troops is not None:
        replaced |= set(WAVES)
    if not replaced:
        return ids
    return tuple(
        i for i in ids if FROM_LEDGER.get(str(report.ledger.claim(i)["quantity"])) not in replaced
    )


def _reporters(report: Report, ids: tuple[str, ...]) -> str:
    """The organisations behind ``ids`` with their citations, each once ("Ukraine's
    government [14] and the sanctions monitoring team [15]"): one briefing relayed by
    several outlets or speakers is named once."""

    infos = sorted(
        (history.claim_info(report.ledger, i) for i in ids),
        key=lambda c: (str(c["claim_date"]), str(c["claimant"])),
        reverse=True,
    )
    seen: dict[str, str] = {}
    for c in infos:
        seen.setdefault(report.ledger.organisation(str(c["claimant"])), report.cite(c["source_id"]))
    parts = [say("{who} {cite}", who=who, cite=cite).text for who, cite in seen.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _judgment_sentences(report: Report, j: Any) -> tuple[Prose | None, Prose | None]:
    """A move in likelihood, and apart from it a move in confidence (ICD 203 keeps the two
    apart), each a sentence or None."""
    from .losses import cohort_words

    t = _threshold_fact(j.new)
    # the troops the count covers named as the brief's own judgment names them (issue 23)
    about = md(proposition(j.new, cohort_words(report)))
    extra = {"threshold": t} if t is not None else {}
    if t is not None:
        about = about.replace(md(t.text), "{threshold}")
    who = _reporters(report, j.claims) if j.claims else ""
    because = f", on the reports of {_literal(who)}" if who else ""
    old, new = j.old.likelihood, j.new.likelihood
    likelihood = confidence = None
    if old != new:
        if new is None:
            likelihood = say(
                "Whether " + about + " can no longer be judged from the reports; at the last "
                "edition it was judged " + md(old) + ".",
                **extra,
            )
        elif old is None:
            likelihood = say(
                _now(new) + " that " + about + " (not judged at the last edition)" + because + ".",
                **extra,
            )
        else:
            way = "up" if LIKELIHOOD_TERMS.index(new) > LIKELIHOOD_TERMS.index(old) else "down"
            likelihood = say(
                _now(new) + ", " + way + " from " + md(old) + ", that " + about + because + ".",
                **extra,
            )
    if j.confidence_changed and history.assessable(j.new) and history.assessable(j.old):
        levels = ("low", "moderate", "high")
        way = "up" if levels.index(j.new.confidence) > levels.index(j.old.confidence) else "down"
        confidence = say(
            "Our confidence that "
            + about
            + " is now "
            + md(j.new.confidence)
            + ", "
            + way
            + " from "
            + md(j.old.confidence)
            + ".",
            **extra,
        )
    return likelihood, confidence


# --- the series ------------------------------------------------------------------------


def _scale(unit: str, top: float) -> tuple[float, str]:
    if unit in ("share", "rate"):
        return 0.01, "per cent"
    if unit == "USD":
        for size, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
            if top >= size:
                return size, f"{word} US$"
        return 1.0, "US$"
    return 1.0, unit


def _moved_at(report: Report) -> dict[Any, history.Changes]:
    return {c.until: c for c in history.steps(report)}


def series_intro(report: Report) -> Prose:
    """How the series was made: dates, and how many of them moved something."""
    snaps = history.series(report)
    moved = history.steps(report)
    n = count_fact("series-dates", len(snaps), tuple(f"as-of:{s.as_of}" for s in snaps))
    k = count_fact("series-steps", len(moved), tuple(f"as-of:{c.until.isoformat()}" for c in moved))
    return say(
        "The analysis is recomputed from the ledger as it stood at the end of each month, "
        "from {first} to {last}, and on the as-of date: {n} dates, of which {k} moved a key "
        "figure or judgment. Each step is marked with the sources of the claims that moved "
        "it; the table at the end lists them.",
        first=day(snaps[0].as_of),
        last=day(snaps[-1].as_of),
        n=n,
        k=k,
    )


def metric_chart(report: Report, name: str) -> Chart | Prose:
    """One key figure as the analysis stood at each date, its range as a band, and each
    step that moved it marked with the citation numbers of its sources."""
    snaps = history.series(report)
    shown = [s for s in snaps if s.results[name].available]
    what = label(name)
    if not shown:
        return Prose(
            f"{md(what)} cannot be computed at any date in this scenario: its sources do "
            "not give the figures it needs."
        )
    unit = shown[0].results[name].unit
    scale, axis = _scale(unit, max(s.results[name].high for s in shown))
    when = [s.as_of for s in snaps]
    central = np.array([_or_nan(s.results[name].central) for s in snaps]) / scale
    low = np.array([_or_nan(s.results[name].low) for s in snaps]) / scale
    high = np.array([_or_nan(s.results[name].high) for s in snaps]) / scale
    moved = _moved_at(report)
    marks = []
    sources: list[str] = []
    for i, s in enumerate(snaps):
        step = moved.get(s.as_of)
        change = next((f for f in step.figures if f.key == name), None) if step else None
        if change is not None and change.new.available and change.claims:
            marks.append((i, _cites(report, change.claims)))
            sources += _sources(report, change.claims, limit=99)[1]
    facts = [point_fact(name, s, style) for s in shown for style in ("central", "range")]
    with house_style():
        fig, ax = plt.subplots(figsize=(6.7, 2.9))
        ax.fill_between(when, low, high, step="post", color=ACCENT, alpha=0.18, linewidth=0)
        ax.plot(when, central, drawstyle="steps-post", color=ACCENT, linewidth=1.8)
        ax.errorbar(
            when,
            central,
            yerr=[central - low, high - central],
            fmt="o",
            color=ACCENT,
            ecolor=ACCENT,
            elinewidth=0.8,
            capsize=2,
            markersize=3.5,
        )
        for i, text in marks:
            ax.plot([when[i]], [central[i]], "D", color=SECOND, markersize=6, zorder=4)
            ax.annotate(
                text,
                (when[i], high[i]),
                xytext=(0, 5),
                textcoords="offset points",
                ha="center",
                fontsize=7.5,
                color=INK,
            )
        ax.set_ylabel(axis)
        ax.set_title(f"{what}, as the analysis stood at each date")
        ax.set_ylim(bottom=0, top=np.nanmax(high) * 1.22)
        ax.yaxis.set_major_formatter(TICKS)
        _date_axis(ax, when)
        ax.grid(axis="y", visible=True)
        ax.grid(axis="x", visible=False)
        _finish(fig, report.source_line(sources) if sources else "the project's ledger")
    first, last = shown[0], shown[-1]
    a, b = first.results[name].central, last.results[name].central
    if len(shown) == 1:
        template = " is {last} (range {range}) on {last_date}, the only date it can be computed."
    elif b == a:
        template = " stood at {last} (range {range}) from {first_date} to {last_date}."
    else:
        if name in EVENT_FIGURES:  # a later count of a growing total: new events
            verb = "rose" if b > a else "fell"
        else:  # the same troops, re-estimated
            verb = "was revised " + ("up" if b > a else "down")
        template = f" {verb} from {{first}} on {{first_date}} to {{last}} (range {{range}})"
        template += " on {last_date}."
    template = md(what) + template
    caption = say(
        template,
        first=point_fact(name, first),
        last=point_fact(name, last),
        range=point_fact(name, last, "range"),
        first_date=day(first.as_of),
        last_date=day(last.as_of),
    )
    described = "; ".join(
        f"{day(s.as_of)}: {point_fact(name, s).text} ({point_fact(name, s, 'range').text})"
        for s in shown
    )
    alt = (
        f"Step chart of {_lower(what)} over time with the range of the simulation as a band; "
        f"diamonds mark the dates new claims moved it. {described}."
    )
    return Chart(fig, _plain(caption.text), alt, facts + caption.facts)


def _date_axis(ax: Any, when: list) -> None:
    """The series' span with a little room each side; a tick every month or few."""
    from datetime import timedelta

    span = (when[-1] - when[0]).days
    pad = timedelta(days=max(12, span // 30))
    ax.set_xlim(when[0] - pad, when[-1] + pad)
    months = max(1, round(span / 30.4 / 7))
    locator = matplotlib.dates.MonthLocator(interval=months)
    fixed_ticks(ax, locator)
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%b\n%Y"))


def _plain(markdown: str) -> str:
    """A caption is plain text: undo ``md``'s escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _or_nan(x: float | None) -> float:
    return np.nan if x is None else x


def _finish(fig: Any, source: str) -> None:
    """The source line under the axes, as the other charts place it; then close."""
    import textwrap

    renderer = fig.canvas.get_renderer()
    box = fig.axes[-1].get_tightbbox(renderer).transformed(fig.transFigure.inverted())
    text = textwrap.fill(f"Source: {source}", width=120)
    fig.text(0.02, box.y0 - 0.02, text, ha="left", va="top", fontsize=7, color="#555555")
    plt.close(fig)


PANEL_IN = 0.9  # a judgment panel's plot height, inches
TITLE_LINE_IN = 8.5 * 1.2 / 72  # one line of a panel title (8.5 pt)
TITLE_PAD_IN = 6 / 72  # between a title and its panel (matplotlib's axes.titlepad)
PANEL_GAP_IN = 0.16  # between a panel and the next panel's title


def _panels(title_lines: list[int], width: float = 6.7) -> tuple[Any, list[Any]]:
    """A figure of stacked panels sharing the x axis, each below room for its title (so
    a one-line title leaves no gap sized for a three-line one); laid out once, here,
    instead of by ``tight_layout``. The saved image is cropped to what is drawn."""
    left, right, top, bottom = 0.55, 1.0, 0.05, 0.45  # inches: tick labels, band labels
    heights = [n * TITLE_LINE_IN + TITLE_PAD_IN + PANEL_IN for n in title_lines]
    total = top + sum(heights) + PANEL_GAP_IN * (len(heights) - 1) + bottom
    fig = plt.figure(figsize=(width, total))
    axes: list[Any] = []
    y = total - top
    for height in heights:
        low = y - height
        box = (left / width, low / total, (width - left - right) / width, PANEL_IN / total)
        ax = fig.add_axes(box, sharex=axes[0] if axes else None)
        axes.append(ax)
        y = low - PANEL_GAP_IN
    for ax in axes[:-1]:
        ax.tick_params(labelbottom=False)
    return fig, axes


def judgments_chart(report: Report) -> Chart | Prose:
    """Each key judgment's probability at each date against the ICD 203 bands, one panel
    per judgment that could be assessed at some date; steps marked with citations."""
    snaps = history.series(report)
    ids = [
        jid
        for jid in snaps[-1].judgments
        if any(history.assessable(s.judgments[jid]) for s in snaps)
    ]
    if not ids:
        return Prose("No key judgment can be assessed at any date in this scenario.")
    moved = _moved_at(report)
    when = [s.as_of for s in snaps]
    facts: list[Fact] = []
    sources: list[str] = []
    described = []
    titles = {}
    from .losses import cohort_words

    cohort = cohort_words(snaps[-1].report)  # as the brief names them
    for jid in ids:
        title = proposition(snaps[-1].judgments[jid], cohort)
        titles[jid] = textwrap.fill(
            title[:1].upper() + title[1:], width=TITLE_WIDTH, break_on_hyphens=False
        )
    with house_style():
        fig, axes = _panels([titles[jid].count("\n") + 1 for jid in ids])
        for ax, jid in zip(axes, ids, strict=True):
            p = np.array([_or_nan(s.judgments[jid].probability) for s in snaps])
            lower = 0.0
            for k, (upper, _term) in enumerate(BANDS):
                ax.axhspan(lower, upper, color="#eceff2" if k % 2 else "#f8f9fa", linewidth=0)
                lower = upper
            ax.plot(when, p, drawstyle="steps-post", color=ACCENT, linewidth=1.6)
            ax.plot(when, p, "o", color=ACCENT, markersize=3)
            for i, s in enumerate(snaps):
                j = s.judgments[jid]
                if j.probability is not None:
                    facts.append(probability_fact(j, s.as_of))
                step = moved.get(s.as_of)
                change = next((c for c in step.judgments if c.id == jid), None) if step else None
                if change is not None and j.probability is not None and change.claims:
                    ax.plot([when[i]], [p[i]], "D", color=SECOND, markersize=5.5, zorder=4)
                    ax.annotate(
                        _cites(report, change.claims),
                        (when[i], p[i]),
                        xytext=(0, 6) if p[i] < 0.8 else (0, -12),
                        textcoords="offset points",
                        ha="center",
                        fontsize=7,
                        color=INK,
                    )
                    sources += _sources(report, change.claims, limit=99)[1]
            title = proposition(snaps[-1].judgments[jid], cohort)
            ax.set_title(titles[jid], fontsize=8.5, loc="left")
            ax.set_ylim(-0.04, 1.04)  # room for markers at the ends of the scale
            ax.set_yticks([0, 0.5, 1], ["0%", "50%", "100%"], fontsize=7)
            # the likelihood terms beside their bands, right of the panel (labels, not a
            # second axis: the same picture for a fraction of the layout work)
            ax.spines["right"].set_visible(True)
            bottom = 0.0
            for upper, term in BANDS:
                ax.annotate(
                    term,
                    xy=(1, (bottom + upper) / 2),
                    xycoords=ax.get_yaxis_transform(),
                    xytext=(3.5, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=5.5,
                    color=MUTED,
                )
                bottom = upper
            ax.grid(False)
            described.append(
                f"{title}: "
                + ", ".join(
                    f"{s.as_of.isoformat()} {s.judgments[jid].likelihood} "
                    f"({probability_fact(s.judgments[jid], s.as_of).text})"
                    for s in snaps
                    if s.judgments[jid].likelihood
                )
            )
        _date_axis(axes[-1], when)
        _finish(fig, report.source_line(sources) if sources else "the project's ledger")
    caption = (
        "The key judgments' probabilities as the analysis stood at each date, against the "
        "bands of the fixed likelihood scale (shaded); diamonds mark the dates new reports "
        "moved them."
    )
    alt = "Probability of each key judgment over time. " + "; ".join(described) + "."
    data = "; ".join(described) + "."
    return Chart(fig, caption, alt, facts, data=data[:1].upper() + data[1:])


NOTHING_MOVED = "Nothing in the key figures or judgments moved over the series."


def steps_table(report: Report) -> Table | Prose:
    """Every step of the series: what moved, from what to what, and on whose report."""
    from .losses import cohort_words

    rows, facts = [], []
    tracked = [n for n in TRACKED if n in history.key_figures()]
    snaps = {s.as_of: s for s in history.series(report)}
    for step in history.steps(report):
        for f in step.figures:
            if f.key not in tracked:
                continue
            shown = []
            for result, at in ((f.old, _previous(snaps, step.until)), (f.new, step.until)):
                if result.available:
                    fact = replace(metric_fact(result, "both"), key=f"step:{f.key}:{at}")
                    facts.append(fact)
                    shown.append(fact.text)
                else:
                    shown.append("not computable")
            rows.append(_row(report, step.until, label(f.key), *shown, f.claims))
        for j in step.judgments:
            shown = []
            for side, judgment in (("old", j.old), ("new", j.new)):
                if judgment.probability is None:
                    shown.append("not assessable")
                    continue
                at = step.until if side == "new" else _previous(snaps, step.until)
                fact = probability_fact(judgment, at)
                facts.append(fact)
                shown.append(f"{judgment.likelihood} ({fact.text})")
            # the troops the count covered at that step, as the brief then named them
            at_step = snaps.get(step.until)
            title = proposition(j.new, cohort_words(at_step.report) if at_step else "")
            threshold = _threshold_fact(j.new)
            if threshold is not None:
                facts.append(threshold)
            rows.append(_row(report, step.until, "Judgment: " + title, *shown, j.claims))
    if not rows:
        return Prose(NOTHING_MOVED)
    frame = pd.DataFrame(rows, columns=["As of", "What moved", "From", "To", "Moved by"])
    return Table(
        frame,
        caption="The steps: each key figure and judgment that moved, and the claims that moved it",
        numeric=("From", "To"),
        facts=facts,
        empty=NOTHING_MOVED,
    )


def _previous(snaps: dict, when: Any) -> Any:
    earlier = [d for d in snaps if d < when]
    return max(earlier) if earlier else when


def _row(report: Report, when: Any, what: str, old: str, new: str, claims: tuple) -> dict:
    who = _plain(_sources(report, claims, limit=3)[0]) if claims else "the parameters"
    return {"As of": day(when), "What moved": what, "From": old, "To": new, "Moved by": who}
