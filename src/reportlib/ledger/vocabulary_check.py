"""The vocabulary checked against itself and the ledger: every reference it makes resolves
(``ledger.vocabulary`` declares; this module only checks what is declared)."""

from __future__ import annotations

from . import vocabulary as v


def check_consistency(quantities: set[str] | None = None) -> list[str]:
    """Problems in the vocabulary itself, one sentence each: metrics requiring inputs that
    are not declared, inputs read from quantities the ledger does not define (``quantities``:
    the ids of ``data/quantities.csv``, when given), parameters overriding unknown inputs."""
    out: list[str] = []
    for m in v.METRICS.values():
        for name in (*m.requires, *m.optional):
            if name not in v.INPUTS:
                out.append(f"metric {m.id!r} requires input {name!r}, which is not declared")
    for p in v.PARAMETERS.values():
        if p.overrides and p.overrides not in v.INPUTS:
            out.append(f"parameter {p.id!r} overrides input {p.overrides!r}, not declared")
    for q in v.QUANTITIES.values():
        if q.stated_about and q.stated_about not in v.QUANTITIES:
            out.append(f"quantity {q.id!r} is stated about {q.stated_about!r}, not declared")
        if q.cap and q.cap not in v.QUANTITIES:
            out.append(f"quantity {q.id!r} is set against cap {q.cap!r}, not declared")
        if q.cap and "{n}" not in q.cap_words:
            out.append(f"quantity {q.id!r} has a cap but no cap_words with {{n}}")
    if quantities is not None:
        for i in v.INPUTS.values():
            if i.quantity and i.quantity not in quantities:
                out.append(
                    f"input {i.id!r} is read from quantity {i.quantity!r}, which "
                    "data/quantities.csv does not define"
                )
        for q in v.QUANTITIES:
            if q not in quantities:
                out.append(f"quantity {q!r} is in the vocabulary but not in data/quantities.csv")
    return out
