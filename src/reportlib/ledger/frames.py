"""Typed access to the rows of a ledger frame."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported where frames are built, keeping `check` fast
    import pandas as pd


@lru_cache(maxsize=256)
def _row_type(fields: tuple[Any, ...]) -> Any:
    """The named tuple of a row with these fields, made once per set of columns (pandas
    makes a new class each time it iterates: most of the cost of iterating a few rows)."""
    return namedtuple("Pandas", fields, rename=True)  # noqa: PYI024 - fields known at run time


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """Each row of ``frame`` as a named tuple, one attribute per column (``row.value``),
    and its index as ``row.Index``: what ``frame.itertuples()`` yields.

    pandas annotates ``itertuples`` as yielding plain tuples; its rows are named tuples
    whose fields are the frame's columns, known only when it runs: ``Any`` says so.
    """
    fields = ("Index", *frame.columns)
    try:
        make = _row_type(fields)._make
    except TypeError:  # a column label that cannot be hashed: as pandas does it
        return iter(frame.itertuples())
    columns = (frame.iloc[:, k] for k in range(len(frame.columns)))
    return map(make, zip(frame.index, *columns, strict=True))
