"""Typed access to the rows of a ledger frame."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported where frames are built, keeping `check` fast
    import pandas as pd


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """Each row of ``frame`` as a named tuple, one attribute per column (``row.value``).

    pandas annotates ``itertuples`` as yielding plain tuples; its rows are named tuples
    whose fields are the frame's columns, known only when it runs: ``Any`` says so.
    """
    return iter(frame.itertuples())
