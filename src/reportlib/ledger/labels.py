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
    "casualties": "killed or wounded",
    "killed": "killed",
    "wounded": "wounded",
    "killed_unit": "killed in one unit",
}

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
