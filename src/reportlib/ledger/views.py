"""Readable views of the ledger for the CLI."""

from __future__ import annotations

import io
from pathlib import Path

from . import Ledger
from .frames import rows

CSV_COLUMNS = [
    "id",
    "quantity",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "claimant",
    "claim_date",
    "source_id",
    "locator",
    "kind",
    "reliability",
    "range_from",
]


def claims_csv(ledger: Ledger) -> str:
    """One CSV row per numeric claim (low/high filled by the qualifier policy)."""
    frame = ledger.claims.loc[:, CSV_COLUMNS].rename(
        columns={"claim_date": "date", "source_id": "source"}
    )
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", float_format="%.10g")
    return buffer.getvalue()


def claims_table(ledger: Ledger, root: Path | None = None) -> None:
    """Print the claims as a table on the terminal; the data folder is shown relative to
    ``root`` (the project root, which the CLI found) when inside it."""
    from rich.console import Console
    from rich.table import Table

    from ..formatting import fmt_range, fmt_stated

    folder = Path(ledger.data_dir).resolve()
    if root is not None and folder.is_relative_to(Path(root).resolve()):
        folder = folder.relative_to(Path(root).resolve())
    table = Table(title=f"{len(ledger.claims)} claims in {folder}", show_lines=False)
    for col in ("id", "quantity", "as stated", "range", "claimant", "date", "source", "grade"):
        table.add_column(col, overflow="fold")
    for r in rows(ledger.claims):
        table.add_row(
            r.id,
            r.quantity,
            fmt_stated(r.value, r.qualifier, r.unit, r.low, r.high),
            fmt_range(r.low, r.high, r.unit),
            r.claimant,
            r.claim_date,
            f"{r.source_id} {r.locator}",
            r.reliability,
        )
    Console(width=200).print(table)
