"""The domain vocabulary, declared once: every quantity, analysis input, metric and what-if
parameter the reports speak of, with its unit, its reader's label, the words a sentence uses
for it and its roles. Modelled on PUDL's ``FIELD_METADATA`` (each field once, everything else
derived from it): views, tables, charts, the explorer, the sweep's ``comparison.csv``, the
history and the CLI's ``--json`` outputs read it; none keeps its own table of labels. The
metrics' formulas are code (``analysis.metrics``), each registered against an entry here; an
entry without a formula, or a formula without an entry, is an error naming it.

- ``QUANTITIES``: a ledger quantity as a reader sees it (``label``, ``figure``, the words of a
  gain estimate, its key-figures ``heading``, ``said``, ``cohort``: see ``registry.Quantity``).
- ``INPUTS``: an input of the analysis: unit, label, ``words`` and the quantity it is read from.
- ``METRICS``: a computed figure. Each reading is its own metric (yearly, cumulative, set
  against the casualties known at the estimate's date): one id, one value per scenario and
  as-of date wherever it is shown.
- ``PARAMETERS``: a what-if parameter: its explorer label, its "What-if run" words and the
  input it overrides.
- ``LEDGER_ROLES`` (``ledger.roles``): the ledger rows the reports need, by meaning.

Roles are named, ordered memberships (``roles={HEADLINE: 3}``: third of the headline figures),
listed in order by ``with_role``. An id with no entry raises ``VocabularyError`` naming it.
"""

from __future__ import annotations

from .registry import (  # noqa: F401  (the roles are part of the vocabulary's face)
    BRIEF_INPUT,
    BRIEF_KEY,
    CASUALTY_TABLE,
    CHANGES,
    CONTROL,
    EXPLORER,
    GAIN,
    GROWS_WITH_EVENTS,
    HEADLINE,
    HISTORY_EXTRA,
    IN_KIND,
    JUDGED,
    OVER_DEPLOYMENT,
    PER_CASUALTY,
    PER_SOLDIER,
    RATIO_OF_INPUTS,
    ROLES,
    SENT_BESIDE,
    SWEEP,
    SWEEP_PAGE,
    TIED_TO_DEPLOYMENT,
    TRACKED,
    TROOP_TABLE,
    WHAT_IF,
    YEARLY,
    Input,
    Metric,
    Parameter,
    Quantity,
    Registry,
    VocabularyError,
)
from .roles import LEDGER_ROLES, LedgerRole  # noqa: F401  (the rows the reports need)

WHERE = "src/reportlib/ledger/vocabulary.py"

# --- quantities ----------------------------------------------------------------------------
QUANTITIES: Registry[Quantity] = Registry(
    "quantity",
    (
        Quantity(
            "troops_initial",
            "troops, first deployment",
            "first deployment",
            heading="Troops, first deployment",
            said="troops in the first deployment",
            cohort="the troops sent in the first deployment",
            roles={TROOP_TABLE: 1, BRIEF_INPUT: 1},
        ),
        Quantity(
            "troops_additional",
            "troops, later wave",
            "later wave",
            heading="Troops, later wave",
            said="troops in a later wave",
            cohort="the troops of the later wave",
            roles={TROOP_TABLE: 2, BRIEF_INPUT: 2},
        ),
        Quantity(
            "troops_total",
            "troops sent so far",
            "sent so far",
            cohort="all the combat troops sent",
            roles={TROOP_TABLE: 3},
        ),
        Quantity("troops_pledged", "troops pledged", "pledged"),
        Quantity("troops_projected", "troops projected", "projected"),
        Quantity("troops_noncombat", "non-combat personnel", roles={SENT_BESIDE: 2}),
        Quantity("troops_engineers", "engineers clearing mines", roles={SENT_BESIDE: 1}),
        Quantity(
            "casualties",
            "killed or wounded",
            heading="Killed or wounded",
            roles={CASUALTY_TABLE: 1, BRIEF_INPUT: 3},
        ),
        Quantity("killed", "killed"),
        Quantity("wounded", "wounded"),
        Quantity("killed_unit", "killed in one unit"),
        Quantity("casualties_weekly", "killed or wounded in a week"),
        Quantity("casualty_share_claimed", "share of the troops killed or wounded"),
        Quantity("casualties_vague", "losses without a figure"),
        Quantity("deployment_duration", "deployment duration"),
        Quantity("captured_soldiers", "captured soldiers"),
        Quantity("defection_wishes", "defection wishes"),
        Quantity("anniversary", "anniversary"),
        Quantity(
            "economic_benefit",
            "economic benefits",
            gain="Economic benefits (unification ministry)",
            counts="the ministry's estimate of benefits from Russia",
            heading="Benefits from Russia (ministry's estimate)",
            roles={GAIN: 4, TIED_TO_DEPLOYMENT: 4, BRIEF_INPUT: 5},
        ),
        Quantity(
            "budget_share",
            "benefits' share of the budget",
            heading="Benefits' share of the state budget",
            # the ministry gave the share of its own benefit estimate
            stated_about="economic_benefit",
            roles={BRIEF_INPUT: 6},
        ),
        Quantity(
            "gains_total",
            "total gains",
            gain="Total gains (defence institute)",
            counts="total gains, munitions included",
            roles={GAIN: 5},
        ),
        Quantity(
            "gains_munitions",
            "gains from munitions",
            gain="of which munitions",
            counts="munitions trade",
            roles={GAIN: 6},
        ),
        Quantity(
            "gains_troops",
            "gains from the troop dispatch",
            gain="Troop dispatch (defence institute)",
            counts="payment for the troops",
            roles={GAIN: 3, TIED_TO_DEPLOYMENT: 3, YEARLY: 2, PER_SOLDIER: 2},
        ),
        Quantity(
            "gains_technology",
            "value of technology received",
            gain="of which technology",
            counts="technology received",
            roles={GAIN: 7},
        ),
        Quantity(
            "troop_deal_value_annual",
            "troop deal, per year",
            gain="Troop deal, per year",
            counts="payment for the troops",
            roles={GAIN: 2, TIED_TO_DEPLOYMENT: 2, YEARLY: 1, PER_SOLDIER: 1},
        ),
        Quantity(
            "arms_deliveries_value",
            "arms delivered",
            gain="Arms delivered",
            counts="munitions trade",
            roles={GAIN: 8},
        ),
        Quantity(
            "pay_per_soldier_month",
            "pay per soldier",
            gain="Pay per soldier and month",
            counts="payment for the troops",
            heading="Pay per soldier",
            roles={GAIN: 1, TIED_TO_DEPLOYMENT: 1, BRIEF_INPUT: 4},
        ),
        Quantity(
            "worker_pay_month",
            "workers' pay",
            gain="Workers' pay",
            counts="labour: workers sent to Russia",
            basis="a month, per worker",
            kind_words="North Korean workers in Russia paid {n} each",
            roles={GAIN: 10, IN_KIND: 3},
        ),
        Quantity(
            "rice_supply_annual",
            "rice supplied per year",
            gain="Rice supplied per year",
            counts="food, in kind",
            basis="in kind, a year; not priced",
            kind_words="{n} tonnes of rice a year",
            roles={GAIN: 9, IN_KIND: 1},
        ),
        Quantity("containers_shipped", "containers shipped"),
        Quantity(
            "shells_supplied",
            "shells supplied",
            gain="Shells supplied",
            counts="munitions trade, in shells",
            basis="the trade's physical side; not priced",
            kind_words="{n} shells supplied to Russia, the physical side of the munitions trade",
            roles={GAIN: 11, IN_KIND: 4},
        ),
        Quantity(
            "oil_shipped",
            "refined petroleum shipped",
            gain="Refined petroleum shipped",
            counts="fuel, in kind",
            basis="in kind, over its period; not priced",
            kind_words="{n} barrels of refined petroleum{period}",
            cap="oil_cap_annual",
            cap_words="a UN cap of {n} a year",
            roles={GAIN: 12, IN_KIND: 2},
        ),
        Quantity("oil_shipped_month", "refined petroleum shipped in a month"),
        Quantity("oil_cap_annual", "UN cap on refined petroleum, a year"),
        Quantity("gni_nominal", "national income"),
        Quantity("gdp_nominal", "national output"),
        Quantity("state_budget", "state budget"),
        Quantity("budget_growth", "budget growth"),
        Quantity("defence_budget_share", "defence budget share"),
        Quantity("army_active", "active armed forces"),
        Quantity("gni_per_capita", "income per person"),
        Quantity("trade_total", "trade"),
    ),
    WHERE,
)

# --- inputs --------------------------------------------------------------------------------
# Declaration order is the order inputs are read from the ledger (and so drawn): keep it.
# fmt: off
INPUTS: Registry[Input] = Registry("input", (
    Input("troops_initial", "persons", "troops, first deployment",
          "a count of the troops of the first deployment", "troops_initial", "troop count",
          roles={JUDGED: 3}),
    Input("troops_additional", "persons", "troops, later wave", "a count of the later wave",
          "troops_additional", "count of the later wave", roles={JUDGED: 4}),
    Input("casualties", "persons", "killed or wounded", "a count of the killed and wounded",
          "casualties", "casualty count", roles={JUDGED: 1}),
    Input("benefit_usd", "USD", "economic benefits",
          "an estimate of the economic benefits from Russia", "economic_benefit",
          "benefit estimate", roles={JUDGED: 5}),
    Input("budget_share", "share", "budget share", "the benefit's share of the state budget",
          "budget_share", "budget share", roles={JUDGED: 8}),
    Input("gni_usd", "USD", "GNI", "an estimate of national income", "gni_nominal",
          "income estimate", roles={JUDGED: 6}),
    Input("gni_per_capita_usd", "USD", "income per person", "an estimate of income per person",
          "gni_per_capita"),
    Input("trade_usd", "USD", "trade", "an estimate of North Korea's trade", "trade_total"),
    Input("army_active", "persons", "active armed forces",
          "the size of North Korea's active armed forces", "army_active"),
    Input("gains_total_usd", "USD", "total gains",
          "the defence institute's estimate of total gains", "gains_total"),
    Input("gains_munitions_usd", "USD", "gains from munitions",
          "an estimate of the munitions trade", "gains_munitions"),
    Input("pay_per_soldier_month_usd", "USD", "pay per soldier", "a reported payment per soldier",
          "pay_per_soldier_month", "pay figure", roles={JUDGED: 7}),
    Input("troops_cohort", "persons", "troops the count covers",
          "a count of the troops the casualty figure covers", judged_as="troop count",
          roles={JUDGED: 2}),
    Input("combat_months", "months", "months of combat", "a date for the start of combat"),
    Input("deployment_months", "months", "months deployed",
          "the start of the deployment the casualty count covers"),
), WHERE)
# fmt: on

# --- metrics -------------------------------------------------------------------------------
ALL_TROOPS = ("troops_initial", "troops_additional")
_BENEFIT_CUMULATIVE = "Ministry's benefit estimate, per casualty (if cumulative)"

METRICS: Registry[Metric] = Registry(
    "metric",
    (
        Metric(
            "troops_deployed",
            "persons",
            "Troops sent in all",
            "Combat troops sent in all: the first deployment plus the later wave.",
            ("troops_cohort",),
            ALL_TROOPS,
            roles={HEADLINE: 1, TRACKED: 1, CHANGES: 2, BRIEF_KEY: 1, EXPLORER: 1, SWEEP: 1},
        ),
        Metric(
            "troops_cohort",
            "persons",
            "Troops the casualty count covers",
            "Troops of the deployment the casualty count covers (on the count's own basis).",
            ("troops_cohort",),
        ),
        Metric(
            "casualties",
            "persons",
            "Killed or wounded",
            "Killed plus wounded.",
            ("casualties",),
            roles={
                SWEEP_PAGE: 1,
                GROWS_WITH_EVENTS: 1,
                HEADLINE: 2,
                TRACKED: 2,
                CHANGES: 1,
                EXPLORER: 2,
                SWEEP: 2,
            },
        ),
        Metric(
            "combat_months",
            "months",
            "Months of combat",
            "Months of combat the casualty count covers: from the start of combat to the "
            "count's end.",
            ("combat_months",),
        ),
        Metric(
            "deployment_months",
            "months",
            "Months deployed",
            "Months from the counted troops' deployment to the end of the casualty count.",
            ("deployment_months",),
        ),
        Metric(
            "casualty_rate",
            "share",
            "Casualty rate (of the troops the count covers)",
            "Casualties as a share of the troops of the deployment the count covers.",
            ("troops_cohort", "casualties"),
            roles={
                SWEEP_PAGE: 2,
                HEADLINE: 3,
                TRACKED: 3,
                CHANGES: 6,
                BRIEF_KEY: 2,
                EXPLORER: 3,
                SWEEP: 3,
            },
        ),
        Metric(
            "casualties_per_month",
            "persons",
            "Casualties per month of combat, on average",
            "The average from combat's start to the count's end (it hides a change of pace).",
            ("casualties", "combat_months"),
            roles={HISTORY_EXTRA: 2},
        ),
        Metric(
            "casualty_share_of_army",
            "share",
            "Casualties as share of the active armed forces",
            "Casualties as a share of North Korea's active military personnel.",
            ("casualties", "army_active"),
            roles={BRIEF_KEY: 3},
        ),
        Metric(
            "deployment_payment_usd",
            "USD",
            "Payment for the troops, to the end of the count",
            "Payment for the troops themselves: pay per soldier and month x the troops the "
            "count covers x months from their deployment to the end of the count.",
            ("pay_per_soldier_month_usd", "troops_cohort", "deployment_months"),
            roles={OVER_DEPLOYMENT: 1, RATIO_OF_INPUTS: 1},
        ),
        Metric(
            "deployment_payment_yearly_usd",
            "USD",
            "Payment for the troops, a year",
            "Payment for the troops themselves, a year: pay per soldier and month x the troops "
            "sent in all x 12 (the brief's balance sets it against the economy).",
            ("pay_per_soldier_month_usd", "troops_cohort"),
            ALL_TROOPS,
            roles={RATIO_OF_INPUTS: 1},
        ),
        Metric(
            "deployment_payment_yearly_share_of_gni",
            "share",
            "Payment for the troops, a year, as share of GNI",
            "A year of the payment for the troops as a share of North Korea's nominal GNI.",
            ("pay_per_soldier_month_usd", "troops_cohort", "gni_usd"),
            ALL_TROOPS,
            roles={RATIO_OF_INPUTS: 1},
        ),
        Metric(
            "deployment_payment_per_casualty_usd",
            "USD",
            "Payment for the troops, per casualty",
            "Payment for the troops themselves, per soldier killed or wounded, over the same "
            "period.",
            ("pay_per_soldier_month_usd", "troops_cohort", "deployment_months", "casualties"),
            roles={
                SWEEP_PAGE: 6,
                OVER_DEPLOYMENT: 2,
                HEADLINE: 8,
                RATIO_OF_INPUTS: 1,
                TRACKED: 6,
                CHANGES: 5,
                HISTORY_EXTRA: 1,
                PER_CASUALTY: 1,
                EXPLORER: 10,
                SWEEP: 8,
            },
        ),
        Metric(
            "deployment_payment_per_soldier_usd",
            "USD",
            "Payment for the troops, per soldier sent",
            "Payment for the troops themselves, per soldier sent: the pay per soldier and "
            "month x the months from their deployment to the end of the count. Russia pays "
            "for the troops sent, not per casualty; this is the figure beside the "
            "per-casualty one.",
            ("pay_per_soldier_month_usd", "deployment_months"),
            roles={OVER_DEPLOYMENT: 3, RATIO_OF_INPUTS: 1},
        ),
        Metric(
            "pay_to_income_ratio",
            "multiple",
            "A year's pay per soldier against income per person",
            "A year of the reported pay per soldier as a multiple of per-capita national income.",
            ("pay_per_soldier_month_usd", "gni_per_capita_usd"),
            roles={RATIO_OF_INPUTS: 1},
        ),
        Metric(
            "benefit_usd",
            "USD",
            "The ministry's estimate of benefits from Russia (scope unstated)",
            "All economic benefits from Russia as the unification ministry reported them "
            "(scope and period unstated).",
            ("benefit_usd",),
            roles={HEADLINE: 4, TRACKED: 4, CHANGES: 3, EXPLORER: 4, SWEEP: 4},
        ),
        Metric(
            "implied_state_budget_usd",
            "USD",
            "Implied state budget",
            "Annual state budget implied by the benefit divided by its stated budget share.",
            ("benefit_usd", "budget_share"),
            roles={
                HEADLINE: 5,
                RATIO_OF_INPUTS: 1,
                BRIEF_KEY: 5,
                EXPLORER: 5,
                SWEEP: 5,
            },
        ),
        Metric(
            "benefit_per_deployed_soldier_usd",
            "USD",
            "Ministry's benefit estimate, per soldier sent",
            "All economic benefits from Russia per soldier sent.",
            ("benefit_usd", "troops_cohort"),
            ALL_TROOPS,
            roles={SWEEP_PAGE: 3, HEADLINE: 6, RATIO_OF_INPUTS: 1, EXPLORER: 6, SWEEP: 6},
        ),
        Metric(
            "benefit_per_casualty_usd",
            "USD",
            _BENEFIT_CUMULATIVE,
            "All economic benefits from Russia per soldier killed or wounded, the benefit "
            "read as cumulative.",
            ("benefit_usd", "casualties"),
            roles={
                SWEEP_PAGE: 4,
                HEADLINE: 7,
                RATIO_OF_INPUTS: 1,
                TRACKED: 5,
                CHANGES: 4,
                PER_CASUALTY: 3,
                EXPLORER: 7,
                SWEEP: 7,
            },
        ),
        Metric(
            "benefit_per_casualty_at_estimate_date_usd",
            "USD",
            "Ministry's benefit estimate, per casualty known at its date (if cumulative)",
            "All economic benefits from Russia read as cumulative, set against the "
            "casualties known at the estimate's own date (the analysis as of that date), so "
            "the total and the count cover the same period. Computed only where a later "
            "count exists and an earlier one matches the estimate's date.",
            ("benefit_usd", "casualties"),
            roles={SWEEP: 9, RATIO_OF_INPUTS: 1, EXPLORER: 8},
        ),
        Metric(
            "benefit_over_deployment_if_annual_usd",
            "USD",
            "Ministry's benefit estimate, over the months deployed (if yearly)",
            "The benefit read as yearly, for the months from deployment to the end of the count.",
            ("benefit_usd", "deployment_months"),
            roles={OVER_DEPLOYMENT: 5, RATIO_OF_INPUTS: 1},
        ),
        Metric(
            "benefit_per_casualty_if_annual_usd",
            "USD",
            "Ministry's benefit estimate, per casualty (if yearly)",
            "The same, the benefit read as yearly: only the share for the months from "
            "deployment to the end of the count.",
            ("benefit_usd", "casualties", "deployment_months"),
            roles={
                SWEEP_PAGE: 5,
                SWEEP: 10,
                OVER_DEPLOYMENT: 4,
                RATIO_OF_INPUTS: 1,
                PER_CASUALTY: 2,
                EXPLORER: 9,
            },
        ),
        Metric(
            "benefit_share_of_gni",
            "share",
            "Ministry's benefit estimate as share of GNI",
            "All economic benefits from Russia as a share of North Korea's nominal GNI.",
            ("benefit_usd", "gni_usd"),
            roles={RATIO_OF_INPUTS: 1, BRIEF_KEY: 4},
        ),
        Metric(
            "benefit_share_of_trade",
            "multiple",
            "Ministry's benefit estimate against a year's trade",
            "All economic benefits from Russia as a multiple of North Korea's yearly trade.",
            ("benefit_usd", "trade_usd"),
            roles={RATIO_OF_INPUTS: 1},
        ),
    ),
    WHERE,
)

# --- what-if parameters --------------------------------------------------------------------
# fmt: off
PARAMETERS: Registry[Parameter] = Registry("parameter", (
    Parameter("scenario", "Scenario", roles={CONTROL: 1}),
    Parameter("as_of", "As-of date", "an as-of date of {} chosen for this run",
              roles={CONTROL: 2, WHAT_IF: 1}),
    Parameter("troops", "Troops sent (persons)", "troops sent set to {}", "persons",
              "troops_cohort", roles={CONTROL: 4, WHAT_IF: 2}),
    Parameter("casualties", "Casualties (persons)", "killed or wounded set to {}", "persons",
              "casualties", roles={CONTROL: 3, WHAT_IF: 3}),
    Parameter("benefit_usd", "Economic benefit (US$)", "the economic benefit set to {}", "USD",
              "benefit_usd", roles={CONTROL: 5, WHAT_IF: 4}),
    Parameter("budget_share", "Budget share", "its share of the state budget set to {}",
              "share", "budget_share", roles={WHAT_IF: 5}),
    Parameter("benefit_period", "Benefit reading", "the ministry's estimate read as {}",
              roles={CONTROL: 6, WHAT_IF: 6}),
    Parameter("pay_per_soldier_month_usd", "Pay per soldier (US$ a month)",
              "pay per soldier set to {} a month", "USD", "pay_per_soldier_month_usd",
              roles={CONTROL: 7, WHAT_IF: 7}),
    Parameter("draws", "Monte Carlo draws", "{} draws", "count", roles={CONTROL: 8, WHAT_IF: 8}),
    Parameter("seed", "Seed", "seed {}", roles={WHAT_IF: 9}),
), WHERE)
# fmt: on


# --- readers -------------------------------------------------------------------------------
def metric_label(id: str) -> str:
    """The label a reader sees for metric ``id`` (a table row, a chart title)."""
    return METRICS[id].label


def figure_label(quantity: str) -> str:
    """How a reader sees a quantity named on its own ("troops, first deployment")."""
    return QUANTITIES[quantity].figure


def quantity_label(quantity: str) -> str:
    """A quantity in a table of its kind (the "Figure" column: "first deployment")."""
    return QUANTITIES[quantity].table_label


def input_label(id: str) -> str:
    """An analysis input as a reader sees it (a sensitivity chart's row)."""
    return INPUTS[id].label


def input_words(id: str) -> str:
    """An analysis input in a "no report gives ..." sentence."""
    return INPUTS[id].words


def tied_quantities() -> frozenset[str]:
    """Quantities paid or given for the troops: the only ones ever set per casualty."""
    return frozenset(QUANTITIES.with_role(TIED_TO_DEPLOYMENT))


def from_ledger() -> dict[str, str]:
    """Ledger quantity -> the input read straight from its selected claim, in reading order."""
    return {e.quantity: e.id for e in INPUTS.values() if e.quantity}


def overrides() -> dict[str, tuple[str, str]]:
    """What-if parameter -> (the input it overrides, its unit), in declaration order."""
    return {
        p.id: (p.overrides, INPUTS[p.overrides].unit) for p in PARAMETERS.values() if p.overrides
    }


#: per-casualty and per-soldier figures whose numerator runs over the months deployed: a
#: table names the period with the figure (role "over-the-deployment")
OVER_THE_DEPLOYMENT = METRICS.with_role(OVER_DEPLOYMENT)
