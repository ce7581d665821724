"""Labels of the ledger's quantities, as a reader sees them, defined once.

``QUANTITY_LABELS`` names a quantity of ``data/quantities.csv`` in a table of claims (the
"Figure" column); ``GAIN_LABELS`` names the gain estimates set side by side;
``INPUT_LABELS`` names the analysis inputs, each read from the quantity of the same
meaning (``analysis.inputs.FROM_LEDGER``), so its words come from ``QUANTITY_LABELS``.
Views import these; none defines its own.
"""

from __future__ import annotations

QUANTITY_LABELS = {
    "troops_initial": "first deployment",
    "troops_additional": "later wave",
    "troops_total": "sent so far",
    "troops_pledged": "pledged",
    "troops_projected": "projected",
    "troops_noncombat": "non-combat contingent",
    "troops_engineers": "engineers clearing mines",
    "casualties": "killed or wounded",
    "killed": "killed",
    "wounded": "wounded",
    "killed_unit": "killed in one unit",
}

#: A quantity named on its own, outside a table of its kind ("New claims: ... troops,
#: first deployment: ..."); a quantity not listed reads as its name.
FIGURE_LABELS = {
    "troops_initial": "troops, first deployment",
    "troops_additional": "troops, later wave",
    "troops_total": "troops sent so far",
    "troops_pledged": "troops pledged",
    "troops_projected": "troops projected",
    "troops_noncombat": "non-combat contingent",
    "troops_engineers": "engineers clearing mines",
    "casualties": "killed or wounded",
    "killed": "killed",
    "wounded": "wounded",
    "killed_unit": "killed in one unit",
    "casualties_weekly": "killed or wounded in a week",
    "casualty_share_claimed": "share of the troops killed or wounded",
    "casualties_vague": "losses without a figure",
    "economic_benefit": "economic benefits",
    "budget_share": "benefits' share of the budget",
    "gains_total": "total gains",
    "gains_munitions": "gains from munitions",
    "gains_troops": "gains from the troop dispatch",
    "gains_technology": "value of technology received",
    "troop_deal_value_annual": "troop deal, per year",
    "arms_deliveries_value": "arms delivered",
    "pay_per_soldier_month": "pay per soldier",
    "worker_pay_month": "workers' pay",
    "rice_supply_annual": "rice supplied per year",
    "shells_supplied": "shells supplied",
    "gni_nominal": "national income",
    "gni_per_capita": "income per person",
    "gdp_nominal": "national output",
    "state_budget": "state budget",
    "budget_growth": "budget growth",
    "trade_total": "trade",
    "army_active": "active armed forces",
}


def figure_label(quantity: str) -> str:
    """How a reader sees a quantity named on its own (``FIGURE_LABELS``, else its name)."""
    return FIGURE_LABELS.get(quantity, quantity.replace("_", " "))


GAIN_LABELS = {
    "pay_per_soldier_month": "Pay per soldier and month",
    "troop_deal_value_annual": "Troop deal, per year",
    "gains_troops": "Troop dispatch (defence institute)",
    "economic_benefit": "Economic benefits (unification ministry)",
    "gains_total": "Total gains (defence institute)",
    "gains_munitions": "of which munitions",
    "arms_deliveries_value": "Arms delivered",
    "gains_technology": "of which technology",
}

INPUT_LABELS = {
    "troops_initial": "troops, first deployment",
    "troops_additional": "troops, later wave",
    "troops_cohort": "troops the count covers",
    "casualties": "killed or wounded",
    "benefit_usd": "economic benefits",
    "budget_share": "budget share",
    "gni_usd": "GNI",
    "deployment_months": "months deployed",
    "combat_months": "months of combat",
    "pay_per_soldier_month_usd": "pay per soldier",
}


#: A claimant as a reader sees it, where the ledger keeps the source's full wording and
#: that wording reads badly in a sentence ("UK Ministry of Defence Defence Intelligence"
#: reads as a typo). Views show ``claimant_label``; the ledger keeps the claimant as stated.
CLAIMANT_DISPLAY = {
    "Korea Institute for Defense Analyses (Park Yong-han)": (
        "Korea Institute for Defense Analyses (KIDA)"
    ),
    "UK Ministry of Defence Defence Intelligence": "UK Defence Intelligence",
    "National Intelligence Service report to the National Assembly intelligence committee": (
        "National Intelligence Service report to the National Assembly"
    ),
}


def claimant_label(claimant: str) -> str:
    """The display name of a claimant (``CLAIMANT_DISPLAY``, else as the ledger has it)."""
    return CLAIMANT_DISPLAY.get(claimant, claimant)


#: The organisation behind a claimant, for independence: the intelligence service's
#: briefings, whichever lawmakers relayed them, are one chain of reporting, as are
#: Ukraine's president, its officials and its military intelligence. The first fragment a
#: claimant contains (case-insensitive) names it; a claimant with none is its own.
ORGANISATIONS = (
    ("National Intelligence Service", "South Korea's intelligence service"),
    ("South Korean intelligence", "South Korea's intelligence service"),
    ("Joint Chiefs", "South Korea's Joint Chiefs of Staff"),
    ("South Korea's military", "South Korea's Joint Chiefs of Staff"),
    ("UK Ministry of Defence", "UK Defence Intelligence"),
    ("Multilateral Sanctions Monitoring Team", "the sanctions monitoring team"),
    ("Zelensky", "Ukraine's government"),
    ("Ukrainian officials", "Ukraine's government"),
    ("Ukraine's military intelligence", "Ukraine's government"),
    ("Budanov", "Ukraine's government"),
    ("Pentagon", "the Pentagon"),
    ("Shin Won-sik", "South Korea's national security adviser"),
    ("Western officials", "Western officials speaking to the BBC"),
    ("JoongAng Ilbo citing unnamed", "JoongAng Ilbo, citing unnamed officials"),
    ("Yonhap (article narrative", "Yonhap"),
    ("unification ministry", "South Korea's unification ministry"),
)


def organisation(claimant: str) -> str:
    """The organisation a claimant speaks for (``ORGANISATIONS``), else its display name."""
    low = claimant.lower()
    for fragment, name in ORGANISATIONS:
        if fragment.lower() in low:
            return name
    return claimant_label(claimant)
