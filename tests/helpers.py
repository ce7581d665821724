"""Small helpers shared by test modules."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pypdf import PdfReader


def pdf_text(path_or_bytes: Path | bytes) -> str:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    reader = PdfReader(source)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def edit_csv(path: Path, row_id: str | None, column: str, value: str, key: str = "id") -> int:
    """Set one cell of a ledger CSV; return the (1-based) line number of the edited row."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    col = header.index(column)
    keycol = header.index(key)
    for i, row in enumerate(rows[1:], start=2):
        if row_id is None or row[keycol] == row_id:
            row[col] = value
            line = i
            break
    else:
        raise KeyError(row_id)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return line
