"""Notebook 03's gains: each estimate of what the regime gains, what it counts and per
casualty, and how the estimates differ."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ..analysis.balance import SoldierRate, soldier_rate
from ..analysis.protocol import Report
from ..facts import Fact, Prose, claim_fact, derived_fact, metric_fact, say
from ..formatting import BOUNDS, bound_direction, fmt_bound, fmt_range, fmt_stated, fmt_value, md
from ..ledger import frames
from ..ledger.dates import parse_partial_date
from ..ledger.vocabulary import GAIN, PER_SOLDIER, QUANTITIES
from ..ledger.vocabulary import IN_KIND as IN_KIND_ROLE
from ..ledger.vocabulary import YEARLY as YEARLY_ROLE
from ..tables import Table
from .common import (
    benefit_metric,
    central,
    claim_when,
    cumulative_reading,
    date_words,
    dispatch_date,
    nothing_to_list,
    tied_claim,
)

#: The gain estimates by stream, in the order the table shows them (the vocabulary's role
#: "gain"): the pay for the troops, the ministry's estimate, the munitions and arms trade
#: (a total before its parts, so an "of which" row sits under its own total, never under
#: another estimate), then what comes in kind or as labour (issue 28, 03-C2 and 03-M4).
GAIN_QUANTITIES = QUANTITIES.with_role(GAIN)
#: gains in kind or labour, shown as stated, never priced (role "in-kind")
IN_KIND = QUANTITIES.with_role(IN_KIND_ROLE)


def gain_claims(report: Report) -> list[Any]:
    """The admitted gain estimates in the table's order: by stream (``STREAMS``), then by
    quantity within it, then oldest first."""
    order = {q: i for i, q in enumerate(GAIN_QUANTITIES)}
    rows = list(frames.rows(report.claims_of(*GAIN_QUANTITIES)))
    return sorted(rows, key=lambda c: order[c.quantity])  # stable: oldest first within


#: gains stated per year: scaled to the count's months before set per casualty
YEARLY = QUANTITIES.with_role(YEARLY_ROLE)
#: estimates over a number of troops: set per soldier and month on the troops assumed
PER_SOLDIER_QUANTITIES = QUANTITIES.with_role(PER_SOLDIER)


#: Qualifiers that make a figure a floor or a ceiling: a ratio computed on it keeps them,
#: rounded the safe way (``formatting.BOUNDS``, the one rule).
BOUND_QUALIFIERS = tuple(BOUNDS)


@dataclass(frozen=True)
class RateFacts:
    """An estimate of the troop deal per soldier and month, as facts: ``rate`` (the
    analysis), ``per`` (its total over the troops its source assumed and twelve months,
    keeping a stated range's two ends and a floor's or ceiling's hedge), ``troops`` and
    ``stated``, the rate its source states as its basis (None where it states none)."""

    rate: SoldierRate
    per: Fact
    troops: Fact
    stated: Fact | None


def soldier_rate_facts(c: Any) -> RateFacts | None:
    """An estimate of the troop deal per soldier and month on the troops its source
    assumed (``analysis.balance.soldier_rate``), with the facts of that rate, of the troops
    and of the rate its source states; None where its source states no troops."""
    rate = soldier_rate(c, c.quantity in YEARLY)
    if rate is None:
        return None
    troops = derived_fact(f"troops-assumed:{c.id}", rate.troops, "persons", (c.id,))
    key, unit = f"per-soldier-month:{c.id}", "USD/person-month"
    if c.qualifier == "range" and rate.low != rate.high:
        text = fmt_range(rate.low, rate.high, unit)
    else:
        text = fmt_bound(rate.value, c.qualifier, unit)
    stated = None
    if rate.stated is not None:
        stated = derived_fact(
            f"stated-rate:{c.id}",
            rate.stated,
            unit,
            (c.id,),
            text=fmt_stated(rate.stated, rate.stated_qualifier, unit),
        )
    return RateFacts(rate, derived_fact(key, rate.value, unit, (c.id,), text=text), troops, stated)


def _per_casualty_text(
    report: Report, c: Any, factor: float, casualties: Any, also: tuple[str, ...] = ()
) -> tuple[str, Any]:
    """A gain estimate per casualty, keeping a stated range's two ends and an "up to". The
    ministry's estimate read as cumulative is set against the casualties of its own date
    (``common.cumulative_reading``), never against a later count under the same label.
    ``also``: the provenance of a scaling ``factor`` beyond the claim and the count."""
    ids = (c.id, f"metric:{casualties.name}", *casualties.provenance, *also)
    if c.quantity == "economic_benefit":
        cum = cumulative_reading(report) if report.params.benefit_period != "yearly" else None
        f = (
            cum.fact()
            if cum is not None
            else metric_fact(report.analysis.results[benefit_metric(report)])
        )
        return f.text, f
    if c.qualifier == "range" and c.low != c.high:
        lo = derived_fact(
            f"per-casualty:{c.id}:low", c.low * factor / casualties.central, "USD", ids
        )
        hi = derived_fact(
            f"per-casualty:{c.id}:high", c.high * factor / casualties.central, "USD", ids
        )
        text = derived_fact(
            f"per-casualty:{c.id}",
            c.value * factor / casualties.central,
            "USD",
            ids,
            text=f"{lo.text}–{hi.text}",
        )
        return text.text, text
    return _hedged(f"per-casualty:{c.id}", c.value * factor / casualties.central, c.qualifier, ids)


def _hedged(key: str, value: float, qualifier: str, ids: tuple[str, ...]) -> tuple[str, Fact]:
    """A figure per casualty computed on a stated figure: a floor or a ceiling stays one,
    rounded the safe way ("more than US$44,000"); "about" does not carry over to a figure
    we computed."""
    direction = bound_direction(qualifier)
    f = derived_fact(key, value, "USD", ids, text=fmt_value(value, "USD", direction))
    return (f"{qualifier} {f.text}" if direction != "nearest" else f.text), f


def _source_cell(report: Report, c: Any) -> str:
    """Who, when, how reliable and where, in one column: the table stays readable on a page
    (nine narrow columns wrapped a name over six lines)."""
    return (
        f"{report.ledger.display(c.claimant)}, {claim_when(c)}, grade {c.reliability} "
        f"{report.cite(c.source_id)}"
    )


def _untied_basis(report: Report, c: Any) -> str:
    """Why an estimate not tied to the deployment is not set per casualty."""
    dispatched = dispatch_date(report)
    began = parse_partial_date(c.period_start).start if c.period_start else None
    if began is not None and dispatched is not None and began < dispatched:
        return f"began {c.period_start}, before the deployment: not per casualty"
    return "not a payment for the deployment: not per casualty"


def _benefit_basis(report: Report) -> str:
    """The basis of the ministry's estimate per casualty: the reading in force, and for the
    cumulative one the casualty count it is set against."""
    reading = report.params.benefit_period
    if reading == "yearly":
        return "period unstated, read as yearly (a what-if), scaled to the count's months"
    cum = cumulative_reading(report)
    on = ""
    if cum is not None and cum.matched:
        on = f", on the casualties counted by {date_words(cum.when)}"
    elif cum is not None and cum.differs:
        on = ", against a later count: periods differ"
    return f"period unstated, read as {reading or 'cumulative'}" + on


def _per_soldier_per_casualty(
    report: Report, c: Any, casualties: Any, months: Any
) -> tuple[str, str, list[Fact]] | None:
    """A yearly estimate of the troop deal per casualty on the same basis as the inferred
    pay's (``deployment_payment_per_casualty_usd``): its rate per soldier and month on the
    troops its source assumed, for the troops the count covers over the count's months, so
    estimates made on different troop numbers compare (03-M2). None where its source
    states no troops, or the count's troops are not known."""
    rate = soldier_rate(c, c.quantity in YEARLY)
    cohort = report.analysis.results["troops_cohort"]
    if rate is None or not cohort.available:
        return None
    also = ("metric:troops_cohort", *cohort.provenance, f"metric:{months.name}")
    covers = metric_fact(cohort)
    if rate.stated is not None:  # the source's own basis, not its rounded total's quotient
        ids = (c.id, f"metric:{casualties.name}", *casualties.provenance, *also)
        value = rate.stated * central(cohort) * months.central / casualties.central
        text, f = _hedged(f"per-casualty:{c.id}", value, rate.stated_qualifier, ids)
        which = "its stated rate per soldier"
    else:
        factor = central(cohort) / rate.troops * months.central / 12
        text, f = _per_casualty_text(report, c, factor, casualties, also)
        which = "its rate per soldier"
    basis = f"{which}, for the count's {covers.text} troops and months, as the inferred pay"
    return text, basis, [f, covers]


def _per_casualty_cells(
    report: Report, c: Any, casualties: Any, months: Any
) -> tuple[str, str, list[Fact]]:
    """The per-casualty text, its basis and its facts (none where not set per casualty)."""
    if c.quantity in IN_KIND:
        return "", QUANTITIES[c.quantity].basis, []
    if not tied_claim(report, c):
        return "", _untied_basis(report, c), []
    if c.quantity == "pay_per_soldier_month":
        return "", "a month, per soldier", []
    if casualties is None:
        return "", "not set against the count", []
    if c.quantity in YEARLY:
        if months is None:
            return "", "not set against the count", []
        scaled = _per_soldier_per_casualty(report, c, casualties, months)
        if scaled is not None:
            return scaled
        text, f = _per_casualty_text(report, c, months.central / 12, casualties)
        basis = "a year on troops its source does not state, scaled to the count's months"
        return text, basis if c.quantity in PER_SOLDIER_QUANTITIES else _YEARLY_BASIS, [f]
    if c.quantity == "economic_benefit":
        if not report.analysis.results[benefit_metric(report)].available:
            return "", "not set against the count", []
        text, f = _per_casualty_text(report, c, 1.0, casualties)
        return text, _benefit_basis(report), [f]
    text, f = _per_casualty_text(report, c, 1.0, casualties)
    return text, "cumulative over its period", [f]


_YEARLY_BASIS = "a year, scaled to the count's months"


def alternatives_table(report: Report) -> Table:
    """Gain estimates side by side, each saying what it counts and over what period, set
    against the casualty figure in use (its median) on the same basis where the period
    allows."""
    r = report.analysis.results
    # set against the casualty count only where there is one to divide by
    counted = r["casualties"].available and central(r["casualties"]) > 0
    casualties = r["casualties"] if counted else None
    months = r["deployment_months"] if r["deployment_months"].available else None
    rows, facts = [], []
    for c in gain_claims(report):
        stated = claim_fact(c)
        facts.append(stated)
        label = QUANTITIES[c.quantity].gain
        if c.quantity == "arms_deliveries_value" and c.period_start:
            label = f"Arms delivered since {c.period_start}"
        per_text, basis, used = _per_casualty_cells(report, c, casualties, months)
        facts.extend(used)
        rows.append(
            {
                "Estimate": label,
                "Counts": QUANTITIES[c.quantity].counts,
                "As stated": stated.text,
                "Source": _source_cell(report, c),
                "Per casualty": per_text,
                "Basis": basis,
            }
        )
    columns = ["Estimate", "Counts", "As stated", "Per casualty", "Basis", "Source"]
    return Table(
        pd.DataFrame(rows, columns=columns),
        caption="What the regime gains: each estimate, what it counts, and per casualty",
        numeric=("As stated", "Per casualty"),
        facts=facts,
        empty=nothing_to_list(report, "estimates of what the regime gains"),
    )


def other_arms_estimates(report: Report, chosen: Any) -> Prose:
    """The other admitted estimates of the arms trade (``arms_deliveries_value``) set beside
    the one a sentence gives (``chosen``), each with who and since when: "other estimates are
    lower: up to US$5.7 billion (experts cited by YTN, since August 2023) ..."; "" where
    there are none. One estimate of a disputed figure is never shown alone."""
    others = list(frames.rows(report.claims_of("arms_deliveries_value")))
    if not others:
        return Prose("")
    parts: list[str] = []
    values: dict[str, Any] = {}
    for i, c in enumerate(others):
        begun = f", since {date_words(str(c.period_start))}" if c.period_start else ""
        parts.append(f"{{n{i}}} ({{who{i}}} {{cite{i}}}{begun})")
        values |= {
            f"n{i}": claim_fact(c),
            f"who{i}": report.ledger.display(str(c.claimant)),
            f"cite{i}": report.cite(c.source_id),
        }
    top = max(float(c.high) if c.high == c.high and c.high else float(c.value) for c in others)
    word = "lower" if top < float(chosen.value) else "different"
    return say(f"other estimates of the arms trade are {word}: " + "; ".join(parts), **values)


def alternatives_prose(report: Report) -> Prose:
    art, kida = report.pick("economic_benefit"), report.pick("gains_total")
    if kida is None or art is None:
        return Prose("The sources drawn on here give only one estimate of what the regime gains.")
    ratio = derived_fact(
        "ratio:kida-to-ministry", kida.value / art.value, "multiple", (kida.id, art.id)
    )
    if bound_direction(kida.qualifier) != "nearest":  # a ratio on a bound keeps its hedge
        ratio = replace(ratio, text=fmt_bound(ratio.value or 0.0, kida.qualifier, "multiple"))
    munitions = report.pick("gains_munitions")
    values = {"kida": claim_fact(kida), "ratio": ratio, "art": claim_fact(art)}
    part = ""
    if munitions is not None and munitions.source_id == kida.source_id:
        values["share"] = derived_fact(
            "share:kida-munitions", munitions.value / kida.value, "share", (munitions.id, kida.id)
        )
        values["munitions"] = claim_fact(munitions)
        part = ": {munitions} ({share}) of it is the munitions trade, cumulative since " + md(
            date_words(str(kida.period_start))
        )
    # the ministry's figure is an estimate of economic benefits, not of total gains (m-4)
    main = say(
        "The defence institute's estimate of the regime's gains ({kida}, {ratio} the "
        "ministry's {art}) measures something else" + part + ". In our reading the "
        "ministry's figure is closer to aid, the institute's to trade; neither refutes the "
        "other.",
        **values,
    )
    others = other_arms_estimates(report, munitions) if munitions is not None else Prose("")
    if not others.text:
        return main
    text = others.text[:1].upper() + others.text[1:]
    return Prose(f"{main.text} {text}, and count over other periods.", main.facts + others.facts)
