"""The ledger rows the reports need, by meaning, not by id: the start of combat, the article,
the rows that say where the troops are. A row carries its role in its ``roles`` column
(several separated by ``;``); the code asks the ledger for the rows with a role
(``Ledger.role``), never for an id, and ``reportlib check`` refuses a ledger without a row
for a role the reports need, naming the role (``ledger.rules.check_roles``; data/README.md,
"Roles"). Part of the vocabulary (``ledger.vocabulary`` re-exports it): the figures and words
are declared there, the rows here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LedgerRole:
    """A role a ledger row plays for the reports, marked in the row's ``roles`` column."""

    table: str  # the ledger table whose rows carry it ("events", "factors")
    meaning: str  # what the reports use it for, for the check's message
    many: bool = False  # several rows may carry it (each is shown, in the file's order)
    needed: bool = True  # ``check`` refuses a ledger with no row for it (else: said if any)


#: Role -> where it is marked and what it is for. ``reportlib check`` refuses a ledger in
#: which a role has no row (or, unless ``many``, more than one), naming the role.
LEDGER_ROLES: dict[str, LedgerRole] = {
    "the-article": LedgerRole("sources", "the article the reports are about"),
    "combat-start": LedgerRole("events", "the start of combat (months of combat)"),
    "troops-dispatched": LedgerRole(
        "events", "the troops' dispatch (gains dated before it are not set per casualty)"
    ),
    "treaty-signed": LedgerRole("events", "the treaty that provides for military aid"),
    "benefit-scale": LedgerRole(
        "factors", "the ministry's judgment of what the benefits from Russia pay for"
    ),
    "military-gain": LedgerRole("factors", "a military gain of the fighting itself", many=True),
    "drone-losses": LedgerRole("factors", "losses put down to drone warfare"),
    "drone-adaptation": LedgerRole("factors", "the troops adapting to drones"),
    "troop-presence": LedgerRole(
        "events",
        "a report of where the troops are (the newest says whether the deployment goes on)",
        many=True,
        needed=False,
    ),
    "fighting-change": LedgerRole(
        "events",
        "a change in the fighting a change in the pace of the losses may fall beside",
        many=True,
        needed=False,
    ),
    "counted": LedgerRole(
        "factors",
        "a gain or cost the reports also give as a figure (the oil over the UN cap): not "
        "repeated among the brief's gains and costs without a price",
        many=True,
        needed=False,
    ),
    "legitimacy": LedgerRole(
        "events",
        "the regime turning the losses into a cause at home (a gain in legitimacy)",
        many=True,
        needed=False,
    ),
}
