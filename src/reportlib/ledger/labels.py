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
}

GAIN_LABELS = {
    "economic_benefit": "Economic benefit (article)",
    "gains_total": "Total gains incl. munitions",
    "gains_munitions": "of which munitions",
    "gains_troops": "of which troop dispatch",
    "gains_technology": "of which technology",
    "troop_deal_value_annual": "Troop deal, per year",
    "arms_deliveries_value": "Arms deliveries",
}

INPUT_LABELS = {
    "troops_initial": f"troops, {QUANTITY_LABELS['troops_initial']}",
    "troops_additional": f"troops, {QUANTITY_LABELS['troops_additional']}",
    "casualties": QUANTITY_LABELS["casualties"],
    "benefit_usd": "economic benefit",
    "budget_share": "budget share",
    "gni_usd": "GNI",
    "killed": QUANTITY_LABELS["killed"],
    "deployment_months": "months deployed",
    "troops_deployed": "troops sent",
}
