"""The end of the brief: what would change the judgments, what the reader must not miss,
the technology no judgment names, and the colophon (data version and provenance)."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd

from .. import __version__
from ..analysis.assess import assess, attempted
from ..analysis.balance import count_against, loss_trend
from ..analysis.calendar import gap_words
from ..analysis.judgments import load_definitions
from ..analysis.protocol import Report
from ..facts import (
    Fact,
    Prose,
    claim_fact,
    derived_fact,
    say,
)
from ..formatting import md
from ..ledger.copies import publisher_name
from ..ledger.dates import parse_partial_date
from ..ledger.frames import rows
from ..ledger.vocabulary import (
    IN_KIND,
    QUANTITIES,
)
from .common import (
    claim_when,
    date_words,
    period_words,
    why_unavailable,
)
from .deployment import admitted_events
from .unpriced import unpriced_words


def _scope_item(report: Report) -> str:
    """What to watch about the scope of the ministry's estimate (yearly or cumulative, cash
    or in kind), where both readings are available; the readings' figures are given once,
    under what the deployment earns (a statement listed twice, issue 23)."""
    r = report.analysis.results
    annual, cumulative = r["benefit_per_casualty_if_annual_usd"], r["benefit_per_casualty_usd"]
    if not (annual.available and cumulative.available):
        return ""
    shown = (
        "both readings are set out above"
        if report.params.benefit_period is None
        else f"this what-if reads it as {report.params.benefit_period}"
    )
    return (
        "- **Scope of the benefits.** Whether the unification ministry's estimate is "
        f"yearly or cumulative ({shown}), and whether it is cash "
        "or in kind: in kind, it may not serve the regime's own priorities."
    )


def _listed(items: list[str], last: str) -> str:
    """ "a, b or c" (``last`` the word before the last item)."""
    return ", ".join(items[:-1]) + (f" {last} " if len(items) > 1 else "") + items[-1]


def _technology_items(report: Report) -> list[str]:
    """The technology the key judgments weigh that no report calls delivered yet (every
    category with reports has a judgment: ``assess``; the box gives each its word)."""
    tech = report.scenario.technology(report.ledger, report.as_of)
    delivered = set(tech.loc[tech["status"] == "delivered", "category"])
    if not set(tech["category"]) - delivered:
        return []
    return [
        "- **Technology.** A confirmed transfer of any technology judged above and not yet "
        "reported delivered would matter more to the security of South Korea and the United "
        "States than any cash figure here."
    ]


def _further_waves(report: Report) -> Prose:
    """The pledges still ahead the sources report beside the troops counted, or what any
    further wave would mean. The personnel already sent beside the combat troops are on
    page one (``brief.beside_words``), not here (review L-M8: past deployments are not
    further waves)."""
    facts: list[Fact] = []
    reported = []
    pledged = [
        x
        for x in rows(report.claims_of("troops_pledged"))
        if parse_partial_date(x.period_end or x.claim_date).end > report.as_of
    ]
    for x in pledged:
        f = claim_fact(x)
        facts.append(f)
        reported.append(
            say("{n} pledged ({who}, {when})", n=f, who=x.claimant, when=claim_when(x)).text
        )
    if not reported:
        pay = report.analysis.results["deployment_payment_yearly_usd"]
        if pay.available:
            return Prose(
                "- **Further waves.** Any further wave would raise both the pay the regime "
                "collects and its exposure to losses."
            )
        # no pay figure given: the pay is not said to rise (review X-m2)
        return Prose(
            "- **Further waves.** Any further wave would raise the regime's exposure to "
            "losses, and any payment for the troops, though " + why_unavailable(pay, report) + "."
        )
    return Prose(
        "- **Further waves.** Beyond the troops sent so far, the sources report "
        + "; ".join(reported)
        + ".",
        facts,
    )


def _unreported_by(report: Report, e: Any) -> str:
    """ ", no report that it happened found by 6 December 2026" for an expected event whose
    date has passed by the day the sources were searched to (an edition reaching past its
    own date: ``analysis.currency``); else "". It is asked only of an expectation no
    admitted event settles (``admitted_events``)."""
    from ..analysis.currency import currency

    c = currency(report.ledger, report.scenario, report.params.as_of)
    if c.searched_to is None or c.newest_found is None:
        return ""  # not searched past the edition's own date
    if parse_partial_date(str(e.date)).end >= c.searched_to:
        return ""  # still ahead when the sources were last searched
    # an edition searched past its own date stands on the newest report in the ledger, so
    # an event settling this one would be admitted, and the expectation not listed
    return f"; no report that it happened found by {date_words(c.searched_to)}"


def _expected_items(report: Report) -> list[str]:
    """What the sources expect and no later report has settled, while it is still ahead,
    attributed to the source that reported it, not to the event's actor (who may be its
    subject: "Possible visit by Kim" is the article's speculation); where its date has
    passed by the day the sources were searched to, that no report of it was found."""
    items = []
    for e in rows(admitted_events(report)):
        if e.status == "expected" and parse_partial_date(str(e.date)).end > report.as_of:
            src = report.source(str(e.source_id))
            items.append(
                say(
                    "- **Expected by the sources.** {what}, for {when} (reported by {who} "
                    "{cite}){since}.",
                    what=str(e.event),
                    when=date_words(str(e.date)),
                    who=publisher_name(src),
                    cite=report.cite(str(e.source_id)),
                    since=_unreported_by(report, e),
                ).text
            )
    return items


def what_would_change(report: Report) -> Prose:
    """Indicators to watch, each stated only where it is still ahead."""
    scope = _scope_item(report)
    waves = _further_waves(report)
    items = [
        *([scope] if scope else []),
        *_technology_items(report),
        waves.text,
        *_expected_items(report),
    ]
    return Prose("\n".join(items), waves.facts)


def data_version(report: Report) -> str:
    """A short hash of what this scenario admits (its claims, events, technology and factor
    rows, the sources they cite) and the policies it applies: a claim dated after the
    scenario's as-of date, or from a source it does not admit, leaves it unchanged."""
    ledger = report.ledger
    h = hashlib.sha256()

    def add(name: str, frame: pd.DataFrame) -> None:
        cols = [str(c) for c in frame.columns if c != "line"]
        h.update(name.encode() + b"\0")
        h.update(frame.loc[:, cols].sort_values(by=[cols[0]]).to_csv(index=False).encode())

    claims = report.claims.drop(columns=["claim_start", "claim_end", "range_from"])
    add("claims", claims)
    rows = {
        "events": report.scenario.events(ledger, report.as_of).drop(columns=["source_date"]),
        "technology": report.admitted(ledger.technology),
        "factors": report.admitted(ledger.factors),
    }
    for name, frame in rows.items():
        add(name, frame)
    used = set(claims["source_id"])
    for frame in rows.values():
        used |= set(frame["source_id"])
    add("sources", ledger.sources.loc[ledger.sources["source_id"].isin(sorted(used))])
    for name in ("units", "quantities", "qualifiers", "reliability", "fx_rates"):
        add(name, getattr(ledger, name))
    h.update((ledger.data_dir / "judgments.toml").read_bytes())
    s = report.scenario
    h.update(repr((s.name, s.title, s.description, s.as_of_spec, s.sources)).encode())
    return h.hexdigest()[:12]


def provenance_line(report: Report) -> Prose:
    p = report.params
    draws = derived_fact(
        "parameter:draws", p.draws, "count", ("parameter:draws",), text=f"{p.draws}"
    )
    seed = derived_fact("parameter:seed", p.seed, "count", ("parameter:seed",), text=f"{p.seed}")
    version = derived_fact(
        "reportlib-version", 0, "version", ("reportlib.__version__",), text=__version__
    )
    # the data version is a hash, shown as a fact so that one made only of digits is
    # traced like any other number a reader sees
    data = derived_fact(
        "data-version", 0, "version", ("ledger:data-version",), text=data_version(report)
    )
    facts = [draws, seed, version, data]
    extra = []
    for k, v in p.model_dump(mode="json", exclude_none=True).items():
        if k in ("scenario", "draws", "seed"):
            continue
        facts.append(
            derived_fact(f"parameter:{k}", 0, "parameter", (f"parameter:{k}",), text=str(v))
        )
        extra.append(f"{k}={md(v)}")
    what_if = [
        f"{k}={md(v)}"
        for k, v in p.model_dump(mode="json").items()
        if k != "scenario" and v != type(p).model_fields[k].default
    ]
    lead = ""
    if what_if:  # a what-if run says so first, and what it changed
        lead = f"**What-if run**, not a canonical report: overrides {', '.join(what_if)}. "
    return Prose(
        f"{lead}*Colophon: data version {data.text}; reportlib {version.text}; "
        f"scenario={md(p.scenario)}, draws={draws.text}, seed={seed.text}"
        f"{'; ' + ', '.join(extra) if extra else ''}.*",
        facts,
    )


def _tech_words(report: Report, row: Any) -> str:
    """A technology report in a list: "{item} ({category}, {status}: {who}, {when} [n])"."""
    return say(
        "{item} ({category}, {status}: {who}, {when} {cite})",
        item=str(row["item"]),
        category=load_definitions(report.ledger.data_dir).category_label(str(row["category"])),
        status="attempted" if attempted(row) else str(row["status"]),
        who=report.ledger.display(str(row["claimant"])),
        when=date_words(str(row["date"])),
        cite=report.cite(str(row["source_id"])),
    ).text


def _occurred(report: Report) -> pd.DataFrame:
    """The admitted events that took place (not those only announced or planned)."""
    events = admitted_events(report)
    if "status" not in events:
        return events
    return events.loc[events["status"] == "occurred"]


def _newest_event(report: Report, occurred: pd.DataFrame, role: str, template: str) -> str:
    """One line built from the newest occurred event marked with ``role`` (``template``
    names it as ``what``, with its publisher, citation and date), or "" where none is."""
    marked = occurred.loc[occurred["id"].isin(list(report.ledger.role(role)))]
    if marked.empty:
        return ""
    e = marked.sort_values(["when", "id"]).iloc[-1]
    src = report.source(str(e["source_id"]))
    return say(
        template,
        what=str(e["event"]),
        who=publisher_name(src),
        cite=report.cite(str(e["source_id"])),
        when=date_words(str(e["date"])),
    ).text


def _at_least(c: Any, chosen: Any) -> bool:
    """Whether claim ``c`` counts at least as many as ``chosen`` ("more than" or "at least"
    the same number counts)."""
    return float(c.value) > float(chosen.value) or (
        float(c.value) == float(chosen.value) and str(c.qualifier) in ("more than", "at least")
    )


def _count_may_be_low(report: Report, chosen: Any) -> Prose:
    """An earlier count of the killed and wounded from another organisation at least as
    high as the count used, the highest (then newest) of them; nothing where none is."""
    end = parse_partial_date(str(chosen.claim_date)).end
    mine = report.ledger.organisation(str(chosen.claimant))
    higher = [
        c
        for c in rows(report.claims_of("casualties"))
        if report.ledger.organisation(str(c.claimant)) != mine
        and parse_partial_date(str(c.claim_date)).end < end
        and _at_least(c, chosen)
    ]
    if not higher:
        return Prose("")
    c = max(higher, key=lambda x: (float(x.value), str(x.claim_date)))
    t = loss_trend(report)
    a = count_against(report, t) if t is not None else None
    if a is not None and a.claim.id == c.id:
        return Prose("")  # the bottom line already sets this count against the one used
    gap, said = gap_words(parse_partial_date(str(c.claim_date)).end, end)
    return say(
        "- **The count used may be low.** {who} {cite} put the killed and wounded at "
        "{n} by {when}, {gap} before the count used here ({m}, {mwho}).",
        gap=derived_fact(
            f"count-gap:{c.id}:{chosen.id}",
            gap,
            "months",
            (c.id, chosen.id),
            text=said,
        ),
        who=report.scenario.speaker(report.ledger, str(c.claimant)),
        cite=report.cite(str(c.source_id)),
        n=claim_fact(c),
        when=date_words(str(c.claim_date)),
        m=claim_fact(chosen),
        mwho=mine,
    )


def _dead_over_count(report: Report, chosen: Any) -> Prose:
    """The newest count of the dead alone at least the count of killed and wounded used
    (it cannot be right as stated); nothing where none is."""
    over = [k for k in rows(report.claims_of("killed")) if float(k.value) >= float(chosen.value)]
    if not over:
        return Prose("")
    k = over[-1]
    # the newest count of the dead alone from another organisation, lower: what the figure
    # most likely is (a count of the killed and wounded read as deaths) is then said
    lower = [
        d
        for d in rows(report.claims_of("killed"))
        if float(d.value) < float(k.value)
        and report.ledger.organisation(str(d.claimant))
        != report.ledger.organisation(str(k.claimant))
    ]
    text = (
        "- **A figure to read with care.** {who} {cite} reported {n} killed "
        "({when}), as many as all the losses in the count used here"
    )
    values: dict[str, Any] = {
        "who": report.ledger.display(str(k.claimant)),
        "cite": report.cite(str(k.source_id)),
        "n": claim_fact(k),
        "when": date_words(str(k.claim_date)),
    }
    if lower:
        d = lower[-1]
        text += "; the dead alone number {dn} ({dwho} {dcite}): it likely counts the wounded too"
        values |= {
            "dn": claim_fact(d),
            "dwho": report.scenario.speaker(report.ledger, str(d.claimant)),
            "dcite": report.cite(str(d.source_id)),
        }
    return say(text + ".", **values)


def _attempted_transfers(report: Report) -> str:
    """The newest report of an attempted transfer in each technology category whose key
    judgment does not already name the attempt, or ""."""
    named = {a for j in assess(report) for a in j.attempts}
    tech = report.scenario.technology(report.ledger, report.as_of)
    tried_rows = [
        r
        for _, r in tech.iterrows()
        if str(r["status"]) == "sought" and attempted(r) and str(r["id"]) not in named
    ]
    newest_tried: dict[str, Any] = {}  # the newest report of an attempt in each category
    for r in sorted(tried_rows, key=lambda r: (parse_partial_date(str(r["date"])).end, r["id"])):
        newest_tried[str(r["category"])] = r
    if not newest_tried:
        return ""
    return (
        "- **A transfer attempted, not made.** "
        + "; ".join(_tech_words(report, r) for r in newest_tried.values())
        + ". It speaks to Russia's willingness; no transfer is confirmed."
    )


def _in_kind(report: Report) -> Prose:
    """What the regime gets in kind and in labour, each as its picked claim states it, over
    its period where its words name one, and set against the limit it is measured by (the
    vocabulary's ``cap``: the UN cap on refined petroleum) where a claim of that limit is
    admitted, both cited."""
    parts: list[str] = []
    facts: list[Fact] = []
    for quantity in QUANTITIES.with_role(IN_KIND):
        c = report.pick(quantity)
        if c is None:
            continue
        entry = QUANTITIES[quantity]
        f = claim_fact(c)
        facts.append(f)
        cap = report.pick(entry.cap) if entry.cap else None
        against = ""
        values: dict[str, Any] = {}
        if cap is not None:
            # the limit's own citation only where another source states it
            against = ", against " + entry.cap_words.replace("{n}", "{cap}")
            if str(cap.source_id) != str(c.source_id):
                against += " {cap_cite}"
                values["cap_cite"] = report.cite(cap.source_id)
            values["cap"] = claim_fact(cap)
        said = say(
            entry.kind_words + against + " ({who} {cite}, {when})",
            n=f,
            period=period_words(c.period_start, c.period_end),
            who=report.ledger.display(str(c.claimant)),
            cite=report.cite(c.source_id),
            when=date_words(str(c.claim_date)),
            **values,
        )
        facts.extend(x for x in said.facts if x is not f)
        words = said.text
        parts.append(words)
    if not parts:
        return Prose("")
    return Prose("- **In kind and in labour.** " + "; ".join(parts) + ".", facts)


NOT_TO_MISS_HEADING = "## What the reader must not miss"


def not_to_miss(report: Report) -> Prose:
    """What the reader must not miss, each generated from admitted rows and said only where
    its condition holds: where the troops are (the newest report of their presence); an
    earlier count of the losses from another organisation at least as high as the count
    used (the count used may be low); a count of the dead alone above the count of killed
    and wounded used (it cannot be right as stated); a transfer reported attempted; the
    technology no key judgment covers; what the regime gets in kind; the gains and costs the
    sources give no price (``unpriced.unpriced_words``); and the losses turned into a cause
    at home."""
    occurred = _occurred(report)
    chosen = report.pick("casualties")
    counts = [] if chosen is None else [_count_may_be_low(report, chosen)]
    counts += [] if chosen is None else [_dead_over_count(report, chosen)]
    parts = [
        Prose(
            _newest_event(
                report,
                occurred,
                "troop-presence",
                "- **Where the troops are.** {what} ({who} {cite}, {when}).",
            )
        ),
        *counts,
        Prose(_attempted_transfers(report)),
        _in_kind(report),
        unpriced_words(report),
        Prose(
            _newest_event(
                report,
                occurred,
                "legitimacy",
                "- **The losses made a cause at home.** {what} ({who} {cite}, {when}): a gain "
                "in legitimacy for the regime, set against the cost of the dead.",
            )
        ),
    ]
    items = [p.text for p in parts if p.text]
    if not items:  # no heading over an empty section
        return Prose("")
    text = NOT_TO_MISS_HEADING + "\n\n" + "\n".join(items)
    return Prose(text, [f for p in parts if p.text for f in p.facts])
