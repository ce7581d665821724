"""What changed since the last edition: the figures and judgments that moved, the new
claims, each sentence with its sources. The series over all editions and its charts
are in ``editions_series``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..analysis import history
from ..analysis.judgments import LIKELIHOOD_TERMS
from ..analysis.protocol import Report
from ..facts import Fact, Prose, claim_fact, count_fact, derived_fact, metric_fact, say
from ..formatting import fmt_value, md
from ..ledger.dates import parse_partial_date
from ..ledger.vocabulary import CHANGES, GROWS_WITH_EVENTS, METRICS, QUANTITIES, metric_label
from ..ledger.vocabulary import TRACKED as TRACKED_ROLE
from .common import date_words, threshold_fact

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


def decapitalised(text: str) -> str:
    """``text`` with its first letter lower-cased, unless the second is a capital too (an
    acronym)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# --- who moved it ----------------------------------------------------------------------


def _claimant(report: Report, info: dict[str, Any]) -> str:
    """Markdown naming who made a claim, when, and its citation: "X (2025-06-15) [3]"."""
    return say(
        "{who} ({when}) {cite}",
        who=report.ledger.display(str(info["claimant"])),
        when=str(info["claim_date"]),
        cite=report.cite(info["source_id"]),
    ).text


def claimants_of(report: Report, ids: tuple[str, ...], limit: int = 2) -> tuple[str, list[str]]:
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


def citations_of(report: Report, ids: tuple[str, ...]) -> str:
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
    text = j.spec.proposition.format(**values)
    # the definition's own full stop only: a judgment the general rule made ends with its
    # category's label, whose last "." is the ledger's text (a generated ledger found it)
    return text if getattr(j, "general", False) else text.rstrip(".")


def threshold_fact_or_none(j: Any) -> Fact | None:
    """The fact of a judgment's threshold, if it has one."""
    return None if j.threshold is None else threshold_fact(j)


# --- the brief's section ---------------------------------------------------------------


ANNEX_HEADING = "## New claims since the last edition"
#: where a reader finds the list of every new claim (the over-time report's annex)
ANNEX_WHERE = "the companion report on how the picture moved"


def _opening(report: Report, since: Any, ch: history.Changes) -> Prose:
    """How many claims came in since the last edition, from how many publications (or that
    none did), and whether any of them moves a key figure or judgment."""
    admitted = ch.admitted
    if not admitted:
        return say(
            "No claim has entered the ledger since the last edition (as of {since}), so "
            "the figures and judgments stand as they did.",
            since=day(since),
        )
    n = count_fact("claims-since-last-edition", len(admitted), admitted)
    publications = tuple(
        sorted({history.claim_info(report.ledger, c)["source_id"] for c in admitted})
    )
    m = count_fact("publications-since-last-edition", len(publications), publications)
    claims = "claim" if len(admitted) == 1 else "claims"
    has = "has" if len(admitted) == 1 else "have"
    from_m = "publication" if len(publications) == 1 else "publications"
    tail = "; none of them moves a key figure or judgment" if ch.empty else ""
    return say(
        "Since the last edition (as of {since}), {n} "
        + claims
        + " from {m} "
        + from_m
        + " "
        + has
        + " come in"
        + tail
        + f" (listed in {ANNEX_WHERE}).",
        since=day(since),
        n=n,
        m=m,
    )


def _joined(group: list[Prose]) -> Prose:
    """Sentences joined into one with semicolons (nothing for none)."""
    if not group:
        return Prose("")
    parts = [group[0].text.rstrip(".")] + [_lower_first(x.text.rstrip(".")) for x in group[1:]]
    return Prose("; ".join(parts) + ".", [f for x in group for f in x.facts])


def _figures_moved(report: Report, since: Any, ch: history.Changes) -> Prose:
    """The key figures that moved (at most ``MAX_FIGURE_SENTENCES``), each with the new
    reports behind the move, in one sentence."""
    by_key = {f.key: f for f in ch.figures}
    said: list[tuple[str, ...]] = []
    moved = []
    new_ids = set(ch.admitted)
    for name in BRIEF_FIGURES:
        f = by_key.get(name)
        if f is None or f.direction == "range" or len(said) >= MAX_FIGURE_SENTENCES:
            continue
        # only the new reports behind a move are its reason, never one the last edition had
        f = replace(f, claims=tuple(c for c in f.claims if c in new_ids))
        sentence, used = _figure_sentence(report, f, since, said)
        moved.append(sentence)
        said.append(used)
    return _joined(moved)


def _judgments_moved(report: Report, ch: history.Changes) -> list[Prose]:
    """The judgments whose likelihood moved, in one sentence, then those whose confidence
    moved, in another."""
    likelihood, confidence = [], []
    for j in ch.judgments:
        a, b = _judgment_sentences(report, j)
        if a is not None:
            likelihood.append(a)
        if b is not None:
            confidence.append(b)
    return [_joined(likelihood), _joined(confidence)]


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
    parts = [
        _opening(report, since, ch),
        _figures_moved(report, since, ch),
        *_judgments_moved(report, ch),
    ]
    sentences = [p.text for p in parts if p.text]
    facts = [f for p in parts for f in p.facts]
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
        key = (report.ledger.display(str(c["claimant"])), str(c["claim_date"]))
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
    "South Korea's intelligence service [11] said about 6,000 (killed or wounded, 12
    February 2026)": the organisation, as the key-figures table names it; its citation
    gives the channel."""
    rows = [report.ledger.claim(i) for i in ids if i in report.ledger.claims["id"].values]
    rows.sort(key=lambda c: (str(c["claim_date"]), str(c["claimant"])), reverse=True)
    parts, facts = [], []
    for c in rows[:limit]:
        stated = claim_fact(c)
        part = say(
            "{who} {cite} said {n} ({what}, {when})",
            who=report.scenario.speaker(report.ledger, str(c["claimant"])),
            when=date_words(str(c["claim_date"])),
            cite=report.cite(str(c["source_id"])),
            n=stated,
            what=QUANTITIES[str(c["quantity"])].said_as,
        )
        parts.append(part.text)
        facts += part.facts
    return Prose("; ".join(parts), facts)


def _verb(report: Report, f: Any, since: Any) -> str:
    """How figure change ``f`` moved: "rose" or "fell" where a count of a growing total
    covers a period after ``since`` (new events); else "was revised" up or down."""
    later = any(
        parse_partial_date(str(c["period_end"] or c["claim_date"])).end > since
        for c in (report.ledger.claim(i) for i in f.claims)
        if f.key in EVENT_FIGURES
    )
    if later:
        return "rose" if f.direction == "up" else "fell"
    return "was revised " + ("up" if f.direction == "up" else "down")


def _figure_sentence(report: Report, f: Any, since: Any, said: list) -> tuple[Prose, tuple]:
    """A key figure that moved. The figure is ours (the simulation's median) and is named
    as ours; a source is named only with what it said, with its hedge (issue 23). "Rose"
    or "fell" only where a count covers a later period (new events); else "revised"."""
    f = replace(f, claims=_not_overridden(report, f.claims))
    what = decapitalised(label(f.key))
    basis = _said(report, f.claims)
    if f.direction in ("up", "down"):
        verb = _verb(report, f, since)
        lead = say(
            "Our estimate of " + md(what) + " " + verb + " from {old} to {new} (our median)",
            old=_edition_fact(f.key, f.old, since),
            new=_edition_fact(f.key, f.new, report.as_of),
        )
        follows = any(set(f.claims) <= set(earlier) for earlier in said)
        if follows or not basis.text:
            return Prose(lead.text + ".", lead.facts), f.claims
        why = "on a later count" if verb in ("rose", "fell") else "a re-estimate"
        return Prose(lead.text + f", {why}: " + basis.text + ".", lead.facts + basis.facts), (
            f.claims
        )
    if f.direction == "new":
        new = _edition_fact(f.key, f.new, report.as_of)
        lead = say("Our estimate of " + md(what) + " can now be put at {new}", new=new)
        if basis.text:
            return Prose(lead.text + "; " + basis.text + ".", lead.facts + basis.facts), f.claims
        return Prose(lead.text + ".", lead.facts), f.claims
    return say(
        "Our estimate of "
        + md(what)
        + " can no longer be computed from the sources admitted; it stood at {old}.",
        old=_edition_fact(f.key, f.old, since),
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
    seen: dict[str, tuple[str, str]] = {}  # organisation -> (its name here, citation)
    for c in infos:
        seen.setdefault(
            report.ledger.organisation(str(c["claimant"])),
            (
                report.scenario.speaker(report.ledger, str(c["claimant"])),
                report.cite(c["source_id"]),
            ),
        )
    parts = [say("{who} {cite}", who=who, cite=cite).text for who, cite in seen.values()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _behind_word(report: Report, j: Any) -> tuple[str, ...]:
    """The new reports a judgment's word rests on: for technology, those of the
    organisations its status counts (an attempted shipment beside it speaks to intent, not
    to the word: review of 2026-12-07, fifth read, L-M1); else all its new claims."""
    spec = getattr(j.new, "spec", None)
    named = set(getattr(j.new, "sources", ()) or ())
    if spec is None or spec.kind != "technology" or not named:
        return tuple(j.claims)
    kept = tuple(
        i
        for i in j.claims
        if report.scenario.speaker(
            report.ledger, str(history.claim_info(report.ledger, i)["claimant"])
        )
        in named
    )
    return kept or tuple(j.claims)


def _judgment_sentences(report: Report, j: Any) -> tuple[Prose | None, Prose | None]:
    """A move in likelihood, and apart from it a move in confidence (ICD 203 keeps the two
    apart), each a sentence or None."""
    from .losses import cohort_words

    t = threshold_fact_or_none(j.new)
    # the troops the count covers named as the brief's own judgment names them (issue 23)
    about = md(proposition(j.new, cohort_words(report)))
    extra = {"threshold": t} if t is not None else {}
    if t is not None:
        about = about.replace(md(t.text), "{threshold}")
    who = _reporters(report, _behind_word(report, j)) if j.claims else ""
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
