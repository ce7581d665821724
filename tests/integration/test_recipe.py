"""CONTRIBUTING.md's recipe for a new quantity and a new metric, followed word for word in
a scratch copy of the project (its ``src/``, ``data/`` and ``notebooks/``), run through the
real CLI: the quantity is checked, the metric computed from the claim and shown under its
label by ``reportlib metrics --json`` and the explorer; a step left out fails naming what is
missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The recipe's own examples (CONTRIBUTING.md): a quantity, its input, a metric, a formula.
QUANTITY_ROW = "rice_delivered,USD,Value of the rice Russia delivered (a scratch quantity),,\n"
QUANTITY = 'Quantity("rice_delivered", "rice delivered")'
INPUT = (
    'Input("rice_usd", "USD", "rice delivered", "an estimate of the rice delivered", '
    '"rice_delivered")'
)
METRIC = (
    'Metric("rice_per_casualty_usd", "USD", "Rice delivered, per casualty", '
    '"The value of the rice delivered per soldier killed or wounded.", '
    '("rice_usd", "casualties"), roles={HEADLINE: 9, EXPLORER: 11})'
)
FORMULA = 'register("rice_per_casualty_usd")(lambda v: v["rice_usd"] / v["casualties"])\n'
CLAIM = [
    "id=scratch-rice",
    "quantity=rice_delivered",
    "value=60000000",
    "qualifier=about",
    "unit=USD",
    "claimant=South Korea's unification ministry",
    "claim_date=2025-03",
    "source_id=art",
    "locator=para 14",
    "kind=estimate",
    "reliability=A",
]


def add_entry(path: Path, registry: str, entry: str) -> None:
    """Append ``entry`` to the tuple of entries of ``registry`` (``QUANTITIES = Registry(``)
    in the vocabulary, as the recipe says: "add an entry to ..."."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n{registry}: Registry[")
    end = text.index("WHERE", start)  # the registry's closing argument
    close = text.rindex(")", start, end)  # the entries' tuple closes here
    path.write_text(text[:close] + f"    {entry},\n" + text[close:], encoding="utf-8")


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for folder in ("src", "data", "notebooks"):
        shutil.copytree(
            ROOT / folder,
            root / folder,
            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints"),
        )
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m reportlib ...`` on the scratch copy's own source and project."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "REPORTLIB_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "reportlib", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def follow_recipe(root: Path, *, skip: str = "") -> None:
    vocabulary = root / "src" / "reportlib" / "ledger" / "vocabulary.py"
    # A new quantity: 1. the ledger's row, 2. its vocabulary entry, 3. a claim of it,
    # 4. the input a metric reads
    with (root / "data" / "quantities.csv").open("a", encoding="utf-8") as handle:
        handle.write(QUANTITY_ROW)
    add_entry(vocabulary, "QUANTITIES", QUANTITY)
    added = run(root, "add", "claims", *CLAIM)
    assert added.returncode == 0, added.stderr
    add_entry(vocabulary, "INPUTS", INPUT)
    # A new metric: 1. its vocabulary entry, 2. its formula
    if skip != "metric entry":
        add_entry(vocabulary, "METRICS", METRIC)
    with (root / "src" / "reportlib" / "analysis" / "metrics.py").open("a") as handle:
        handle.write(FORMULA)


def test_the_recipe_adds_a_quantity_and_a_metric_end_to_end(scratch: Path):
    follow_recipe(scratch)
    checked = run(scratch, "check")
    assert checked.returncode == 0, checked.stderr
    shown = run(scratch, "metrics", "--scenario", "latest", "--json")
    assert shown.returncode == 0, shown.stderr
    metrics = json.loads(shown.stdout)
    rice = metrics["rice_per_casualty_usd"]
    assert rice["unit"] == "USD"
    # computed from the claim: "about" US$60 million (drawn over its policy range) over the
    # casualties in use; the median of a ratio is near, not at, the ratio of the medians
    ratio = 60e6 / metrics["casualties"]["central"]
    assert rice["low"] < ratio < rice["high"]
    assert rice["central"] == pytest.approx(ratio, rel=0.02)
    headline = list(metrics)[: list(metrics).index("deployment_payment_per_casualty_usd") + 2]
    assert headline[-1] == "rice_per_casualty_usd"  # ninth headline figure, as declared
    explorer = subprocess.run(
        [
            sys.executable,
            "-c",
            "from reportlib.explorer.answers import KEY_FIGURES\n"
            "from reportlib.ledger.vocabulary import metric_label\n"
            "print(metric_label(KEY_FIGURES[-1]))",
        ],
        env={**os.environ, "PYTHONPATH": str(scratch / "src"), "REPORTLIB_ROOT": str(scratch)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert explorer.stdout.strip() == "Rice delivered, per casualty", explorer.stderr


def test_a_formula_without_its_vocabulary_entry_fails_naming_it(scratch: Path):
    follow_recipe(scratch, skip="metric entry")
    shown = run(scratch, "metrics", "--scenario", "latest", "--json")
    assert shown.returncode != 0
    assert "no metric 'rice_per_casualty_usd' in the vocabulary" in shown.stderr
    assert "vocabulary.py" in shown.stderr


def test_a_claim_of_an_undeclared_quantity_is_refused_by_check(scratch: Path):
    """Step 2 of the quantity left out: the ledger has the quantity, the vocabulary not."""
    with (scratch / "data" / "quantities.csv").open("a", encoding="utf-8") as handle:
        handle.write(QUANTITY_ROW)
    checked = run(scratch, "check")
    assert checked.returncode == 2
    assert "rice_delivered" in checked.stderr
