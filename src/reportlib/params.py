"""The notebook parameters, defined once.

``ReportParams`` is the single definition of every parameter a report notebook takes. It
drives validation before any notebook runs, ``-p NAME=VALUE`` parsing in the CLI,
``reportlib params``, and the check that each notebook's ``parameters`` cell agrees with
it. Errors name the parameter, what was expected and what was given.

The scenario names come from ``data/scenarios.toml``, which this module does not read:
the caller that knows the project passes them (``validate_params(scenarios=...)``, or a
pydantic validation context ``{"scenarios": names}``), so parameters sit below the
analysis and know nothing of where the project lives.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)


class ParameterError(ValueError):
    """A parameter is unknown, malformed, of the wrong type or out of range.

    In a notebook it shows as the one line the CLI prints (``reportlib: error: ...``),
    not as a traceback through the library: IPython shows an exception's
    ``_render_traceback_()`` lines instead of its traceback. The cell still fails (so
    papermill stops there and records ``ename`` ``ParameterError`` and the message).
    """

    def user_message(self) -> str:
        return f"reportlib: error: {self}"

    def _render_traceback_(self) -> list[str]:
        return [self.user_message()]


DEFAULT_SEED = 20250409
#: The plausible ranges' upper ends (see ``ReportParams``).
MAX_PERSONS = 1_500_000
MAX_BENEFIT_USD = 1_000_000_000_000
MAX_PAY_USD = 100_000


class ReportParams(BaseModel):
    """Parameters of every report notebook (the ``parameters`` cell mirrors these)."""

    # inf and nan are no figure a reader could check: refused like any out-of-range value
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    # Every number has a plausible range (its ``le``/``ge``/``gt`` below), documented here
    # and shown by ``reportlib params``, the explorer and every refusal: beyond it a value
    # is a typo, not a what-if. Troops and casualties: at most 1,500,000, more than North
    # Korea's whole active army (about 1.3 million); the benefit: at most US$1 trillion,
    # some 40 times the country's yearly income; pay: at most US$100,000 a soldier and
    # month, some 50 times what any source reports. A casualty count is also held to the
    # troops it is set against (``check_casualties``).

    scenario: str = Field(
        default="article",
        description="Which sources and as-of date to use (data/scenarios.toml).",
    )
    as_of: date | None = Field(
        default=None,
        description="Analyse only claims known by this date; None: the scenario's own date.",
    )
    troops: float | None = Field(
        default=None,
        gt=0,
        le=MAX_PERSONS,
        description="What-if: total troops sent (persons); None: the ledger's.",
    )
    casualties: float | None = Field(
        default=None,
        ge=0,
        le=MAX_PERSONS,
        description="What-if: killed plus wounded (persons), at most the troops sent; "
        "None: the ledger's.",
    )
    benefit_usd: float | None = Field(
        default=None,
        ge=0,
        le=MAX_BENEFIT_USD,
        description="What-if: economic benefit to North Korea (US dollars, e.g. 3e9); "
        "None: the ledger's.",
    )
    budget_share: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="What-if: the benefit's share of the state budget (0.1 is 10%); "
        "None: the ledger's.",
    )
    benefit_period: Literal["cumulative", "yearly"] | None = Field(
        default=None,
        description="What-if: read the ministry's benefit estimate as cumulative or as yearly; "
        "None: show both readings.",
    )
    pay_per_soldier_month_usd: float | None = Field(
        default=None,
        ge=0,
        le=MAX_PAY_USD,
        description="What-if: pay per soldier and month (US dollars); None: the ledger's.",
    )
    draws: int = Field(
        default=20_000, ge=100, le=10_000_000, description="Monte Carlo draws for the ranges."
    )
    seed: int = Field(
        default=DEFAULT_SEED,
        ge=0,
        description="Random seed of the Monte Carlo (same seed, same result).",
    )

    @field_validator("scenario")
    @classmethod
    def _known_scenario(cls, value: str, info: ValidationInfo) -> str:
        names = list((info.context or {}).get("scenarios") or ())
        if not names:  # constructed without the project's scenarios: checked where used
            return value
        if value not in names:
            near = difflib.get_close_matches(value, names, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise ValueError(f"one of {', '.join(names)}{hint}")
        return value

    @field_validator("as_of")
    @classmethod
    def _after_first_report(cls, value: date | None, info: ValidationInfo) -> date | None:
        first = (info.context or {}).get("first_report")
        if value is not None and first is not None and value < first:
            raise ValueError(
                f"a date on or after {first.isoformat()}, the ledger's first report "
                "(before it no claim is known)"
            )
        return value


NAMES: tuple[str, ...] = tuple(ReportParams.model_fields)


def _expected(err: Mapping[str, object]) -> str:
    msg = str(err.get("msg", ""))
    for prefix in ("Value error, ", "Input should be "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    return msg


def _check_names(values: dict[str, Any]) -> None:
    for name in values:
        if name not in NAMES:
            near = difflib.get_close_matches(name, NAMES, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise ParameterError(
                f"unknown parameter '{name}'{hint}: expected one of {', '.join(NAMES)}"
            )


def validate_params(
    *, scenarios: Iterable[str], first_report: date | None = None, **values: Any
) -> ReportParams:
    """Validate parameter values against the project's ``scenarios`` (their names) and,
    when given, the date of the ledger's ``first_report`` (an earlier ``as_of`` admits no
    claim); raise ``ParameterError`` naming the first bad one."""
    _check_names(values)
    context = {"scenarios": list(scenarios), "first_report": first_report}
    try:
        return ReportParams.model_validate(values, context=context)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            name = ".".join(str(p) for p in err.get("loc", ())) or "?"
            given = err.get("input")
            lines.append(f"parameter '{name}': expected {_expected(err)}, given {given!r}")
        raise ParameterError("; ".join(lines)) from None


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def check_grouping(name: str, raw: str) -> None:
    """Refuse a number written with thousands separators (``9,000``): on the command line a
    comma separates a grid's values, so ``9,000`` would silently be the two values 9 and 0
    (``reportlib add`` and the explorer refuse it the same way)."""
    if _GROUPED.fullmatch(raw.strip()):
        raise ParameterError(
            f"parameter '{name}': expected a number without thousands separators "
            f"({raw.replace(',', '')}), or values of a grid separated by commas (4000,6000), "
            f"given {raw!r}"
        )


def check_casualties(
    param: str, casualties: float, troops: float, against: str, scenario: str
) -> None:
    """Casualties cannot exceed the troops they are counted among. ``param`` is the
    parameter that set one of them (``casualties`` or ``troops``), ``casualties`` the
    lowest count the figures allow, ``troops`` the highest number of troops, ``against``
    the other figure in words; raise ``ParameterError`` when the count is more than the
    troops under every reading."""
    if casualties > troops:
        given = casualties if param == "casualties" else troops
        raise ParameterError(
            f"parameter '{param}': expected casualties at most the troops they are counted "
            f"among in the {scenario} scenario ({against}), given {given:,.0f}"
        )


def parse_assignments(items: list[str]) -> dict[str, Any]:
    """Parse CLI ``-p NAME=VALUE`` items; ``none`` or an empty value means unset."""
    values: dict[str, Any] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParameterError(f"malformed -p {item!r}: expected NAME=VALUE, e.g. -p draws=5000")
        raw = raw.strip()
        check_grouping(name, raw)
        values[name] = None if raw.lower() in ("", "none", "null") else raw
    _check_names(values)
    return values


def with_flags(values: dict[str, Any], command: str, **flags: Any) -> dict[str, Any]:
    """``-p`` values merged with the options of a command that names some parameters by
    flag (``metrics --scenario``, ``--as-of``): a ``-p`` the command would ignore is
    refused, never silently dropped. ``flags``: each parameter's flag value (None: not
    given); a flag that always has a value (``--scenario``, with its default) takes no -p."""
    out = dict(values)
    for name, value in flags.items():
        flag = "--" + name.replace("_", "-")
        if name in values and value is not None:
            raise ParameterError(
                f"-p {name}={values[name]}: reportlib {command} takes the {name} from "
                f"{flag} (given {flag} {value}); use {flag} alone"
            )
        if value is not None:
            out[name] = value
    return out


def describe() -> list[dict[str, str]]:
    """Each parameter: name, type, default and help (for ``reportlib params``)."""
    rows = []
    for name, field in ReportParams.model_fields.items():
        annotation = field.annotation
        type_name = getattr(annotation, "__name__", None) or str(annotation).replace("typing.", "")
        if "Literal" in str(annotation):  # one of a few words, or None
            words = " | ".join(f'"{w}"' for w in get_args(get_args(annotation)[0]))
            type_name = f"{words} | None"
        rows.append(
            {
                "name": name,
                "type": type_name.replace("datetime.", ""),
                "default": repr(field.default),
                "help": " ".join(
                    filter(
                        None, [field.description, f"Range: {bounds(name)}." if bounds(name) else ""]
                    )
                ),
            }
        )
    return rows


def bounds(name: str) -> str:
    """A parameter's allowed range from its definition, e.g. ">= 0" or ">= 100 and <=
    10,000,000" (empty if it has none)."""
    found = []
    for rule in ReportParams.model_fields[name].metadata:
        for attr, word in (("gt", ">"), ("ge", ">="), ("lt", "<"), ("le", "<=")):
            if getattr(rule, attr, None) is not None:
                found.append(f"{word} {getattr(rule, attr):,}")
    return " and ".join(found)


def _allowed(name: str, scenarios: Iterable[str]) -> str:
    """A parameter's type and allowed values, for the comment above it in a notebook."""
    field = ReportParams.model_fields[name]
    if name == "scenario":
        return "text, one of " + ", ".join(f'"{n}"' for n in scenarios)
    if name == "as_of":
        return 'a date as text, "YYYY-MM-DD", or None'
    if name == "benefit_period":
        return 'text, "cumulative" or "yearly", or None'
    kind = "a whole number" if field.annotation is int else "a number"
    text = f"{kind} {bounds(name)}".strip()
    return f"{text}, or None" if field.default is None else text


def parameters_cell(scenarios: Iterable[str]) -> str:
    """The ``parameters`` cell every report notebook carries: for each parameter, a
    comment with its type, allowed values (``scenarios``: the project's scenario names) and
    meaning, then one ``name = value`` line."""
    lines = []
    for name, field in ReportParams.model_fields.items():
        lines.append(f"# {name}: {_allowed(name, scenarios)}.")
        lines.append(f"#   {field.description}")
        default = f'"{field.default}"' if isinstance(field.default, str) else repr(field.default)
        lines.append(f"{name} = {default}")
    return "\n".join(lines)


def notebook_defaults(source: str) -> dict[str, Any]:
    """The names and literal values assigned in a ``parameters`` cell's source."""
    values: dict[str, Any] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                values[target.id] = ast.literal_eval(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            values[node.target.id] = ast.literal_eval(node.value)
    return values


def check_parameters_cell(source: str) -> list[str]:
    """Disagreements between a notebook's ``parameters`` cell and ``ReportParams``."""
    found = notebook_defaults(source)
    problems = []
    for name in NAMES:
        if name not in found:
            problems.append(f"parameter '{name}' is missing from the parameters cell")
    for name, value in found.items():
        if name not in NAMES:
            problems.append(f"parameter '{name}' in the parameters cell is not in ReportParams")
            continue
        default = ReportParams.model_fields[name].default
        if value != default:
            problems.append(
                f"parameter '{name}': the cell's default {value!r} differs from "
                f"ReportParams' {default!r}"
            )
    return problems
