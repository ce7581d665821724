"""Read and validate the ledger's CSV files, collecting one Problem per fault.

Each problem names the file, the line, the column, what was expected and what was found.
Nothing downstream runs on a ledger with problems.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .dates import parse_partial_date
from .schema import Column, Table

if TYPE_CHECKING:
    import _csv

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Problem:
    """One fault in one place of the ledger."""

    file: str
    line: int | None
    column: str | None
    expected: str
    found: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        col = f" column '{self.column}':" if self.column else ""
        return f"{where}:{col} expected {self.expected}, found {self.found}"


class LedgerError(Exception):
    """The ledger has problems; ``problems`` lists each of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the ledger:\n{lines}")


@dataclass
class RawTable:
    """A table as read: each row a dict of strings, with the line it starts on."""

    table: Table
    display: str
    rows: list[dict[str, str]]
    lines: list[int]


def _show(value: str, limit: int = 60) -> str:
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(text)


def read_table(path: Path, table: Table, display: str, problems: list[Problem]) -> RawTable:
    """Read one CSV file; structural faults go to ``problems``."""
    empty = RawTable(table, display, [], [])
    text = _read_text(path, table, display, problems)
    if text is None:
        return empty
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as exc:
        problems.append(Problem(display, 1, None, "a CSV header", f"unreadable CSV ({exc})"))
        return empty
    header = [h.strip() for h in header]
    if not _header_ok(header, table, display, problems):
        return empty
    rows, lines = _read_rows(reader, header, table, display, problems)
    if not rows:
        problems.append(Problem(display, 2, None, "at least one row", "a header only"))
    return RawTable(table, display, rows, lines)


def _read_text(path: Path, table: Table, display: str, problems: list[Problem]) -> str | None:
    """The file's text, or None (and its problem) if there is no file, it is not UTF-8 or
    it holds nothing."""
    if not path.is_file():
        problems.append(Problem(display, None, None, f"the {table.name} table file", "no file"))
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is accepted
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex()
        problems.append(
            Problem(display, line, None, "UTF-8 text", f"byte 0x{byte} at offset {exc.start}")
        )
        return None
    if not text.strip():
        problems.append(Problem(display, 1, None, "a header line and rows", "an empty file"))
        return None
    return text


def _header_ok(header: list[str], table: Table, display: str, problems: list[Problem]) -> bool:
    """Each column once, every column of the table (an added column may be left out), no
    other column; each fault is a problem."""
    expected = table.column_names
    ok = True
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(display, 1, name, "each column once", "a duplicated header"))
            ok = False
        seen.add(name)
    added = {c.name for c in table.columns if c.added}
    for name in expected:
        if name not in seen and name not in added:
            problems.append(
                Problem(display, 1, name, f"a '{name}' column in the header", "it missing")
            )
            ok = False
    for name in header:
        if name not in expected:
            problems.append(
                Problem(
                    display, 1, name, f"only the columns {', '.join(expected)}", "an unknown column"
                )
            )
            ok = False
    return ok


def _read_rows(
    reader: _csv.Reader,
    header: list[str],
    table: Table,
    display: str,
    problems: list[Problem],
) -> tuple[list[dict[str, str]], list[int]]:
    """The rows after the header, by column, and the line each starts on; blank lines are
    skipped, a row of the wrong length is a problem."""
    added = {c.name for c in table.columns if c.added}
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    try:
        ended = reader.line_num  # the header's last line
        for fields in reader:
            line, ended = ended + 1, reader.line_num  # a row is named by its first line
            if not any(f.strip() for f in fields):
                continue  # blank lines are allowed (an editor's trailing newline)
            # a row may stop before trailing added columns: they take their default
            short = len(header) - len(fields)
            if short > 0 and all(h in added for h in header[len(fields) :]):
                fields = [*fields, *[""] * short]
            if len(fields) != len(header):
                problems.append(
                    Problem(
                        display,
                        line,
                        None,
                        f"{len(header)} fields as in the header",
                        f"{len(fields)} (a truncated or misquoted row)",
                    )
                )
                continue
            row = {h: f.strip() for h, f in zip(header, fields, strict=True)}
            for name in added - set(header):
                row[name] = ""  # left out of the header: every row takes the default
            rows.append(row)
            lines.append(line)
    except csv.Error as exc:
        problems.append(
            Problem(display, reader.line_num, None, "well-formed CSV", f"a CSV error ({exc})")
        )
    return rows, lines


def _parse_number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("not finite")
    return value


def check_cells(raw: RawTable, problems: list[Problem]) -> None:
    """Type, requiredness, choice and key-uniqueness checks of one table."""
    keys: dict[str, int] = {}
    for row, line in zip(raw.rows, raw.lines, strict=True):
        for col in raw.table.columns:
            _check_cell(raw.display, line, col, row[col.name], problems)
        key = row.get(raw.table.key, "")
        if key == "" and raw.table.name != "qualifiers":
            continue  # already reported as an empty required cell
        if key in keys:
            problems.append(
                Problem(
                    raw.display,
                    line,
                    raw.table.key,
                    f"a unique {raw.table.key} (also on line {keys[key]})",
                    _show(key) if key else "an empty cell",
                )
            )
        else:
            keys[key] = line


def _check_cell(display: str, line: int, col: Column, value: str, problems: list[Problem]) -> None:
    if value == "":
        if col.required:
            problems.append(Problem(display, line, col.name, "a value", "an empty cell"))
        return
    if col.kind == "text":
        _check_text(display, line, col, value, problems)
    elif col.kind == "id" and not ID_RE.match(value):
        problems.append(Problem(display, line, col.name, "an id of a-z, 0-9 and '-'", _show(value)))
    elif col.kind == "name" and not NAME_RE.match(value):
        problems.append(
            Problem(display, line, col.name, "a name of a-z, 0-9 and '_'", _show(value))
        )
    elif col.kind == "number":
        try:
            _parse_number(value)
        except ValueError:
            plain = value.replace(",", "")
            grouped = re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", value.strip())
            expected = f"a number without thousands separators ({plain})" if grouped else "a number"
            problems.append(Problem(display, line, col.name, expected, _show(value)))
    elif col.kind == "date":
        try:
            parse_partial_date(value)
        except ValueError as exc:
            problems.append(Problem(display, line, col.name, str(exc), _show(value)))
    elif col.kind == "choice" and value not in col.choices:
        problems.append(
            Problem(display, line, col.name, f"one of {', '.join(col.choices)}", _show(value))
        )


#: The longest text a cell may hold: a report shows ledger text whole, in tables too, and
#: keeps a table row on one page. A URL may be longer.
MAX_TEXT, MAX_URL = 500, 2000


def _check_text(display: str, line: int, col: Column, value: str, problems: list[Problem]) -> None:
    """Text a report can show as written: one line, of a length a table row can hold on a
    page, in characters the report fonts draw."""
    import unicodedata

    controls = sorted({ch for ch in value if unicodedata.category(ch) in ("Cc", "Zl", "Zp")})
    if controls:
        named = ", ".join(f"U+{ord(ch):04X}" for ch in controls[:5])
        problems.append(
            Problem(
                display,
                line,
                col.name,
                "text on one line with no control characters (line breaks and tabs: write a space)",
                f"{named} in {_show(value)}",
            )
        )
    limit = MAX_URL if col.name == "url" else MAX_TEXT
    if len(value) > limit:
        problems.append(
            Problem(
                display,
                line,
                col.name,
                f"at most {limit:,d} characters (shorten it: the full text belongs in the source)",
                f"{len(value):,d} characters, {_show(value)}",
            )
        )
    if not value.isascii():
        from ..fonts import missing_glyphs

        missing = missing_glyphs(value)
        if missing:
            named = ", ".join(
                f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}" for ch in missing[:5]
            )
            problems.append(
                Problem(
                    display,
                    line,
                    col.name,
                    "characters the report fonts can draw (Latin, Greek, Cyrillic, Hangul, "
                    "CJK, Arabic, Hebrew, symbols, emoji...); transliterate the others",
                    f"{named} in {_show(value)}",
                )
            )


def check_refs(raw: RawTable, tables: dict[str, RawTable], problems: list[Problem]) -> None:
    """Every referenced value exists in the table it points at."""
    for col in raw.table.columns:
        if not col.ref:
            continue
        target_name, target_col = col.ref.split(".")
        target = tables.get(target_name)
        if target is None or not target.rows:
            continue  # that table could not be read; its own problems say why
        allowed = {r[target_col] for r in target.rows}
        for row, line in zip(raw.rows, raw.lines, strict=True):
            value = row[col.name]
            if value == "" and not col.required and target_name != "qualifiers":
                continue
            if value not in allowed:
                listed = sorted(a for a in allowed if a)
                hint = ", ".join(listed[:8]) + (", …" if len(listed) > 8 else "")
                problems.append(
                    Problem(
                        raw.display,
                        line,
                        col.name,
                        f"a {target_col} listed in {target.display} ({hint})",
                        _show(value) if value else "an empty cell",
                    )
                )
