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


class Gate:
    """A report that blocks until the test releases it: synchronise on events, not time.

    ``install`` adds a code cell right after a notebook's parameters cell. When a report
    runs it, the cell creates ``started-<scenario>`` in the gate's folder (the report is
    now mid-build: the build lock is held, its child process exists), then waits for
    ``release`` to appear. A cell that is never released gives up after ``cap`` seconds
    with ``GateNotReleased``, so a test whose protection is missing fails instead of
    hanging.
    """

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def install(self, root: Path, notebook: str, cap: float = 240) -> None:
        import nbformat

        path = root / "notebooks" / f"{notebook}.ipynb"
        nb = nbformat.read(path, as_version=4)
        at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
        code = (
            "import pathlib as _p, time as _t\n"
            f"_gate = _p.Path({str(self.folder)!r})\n"
            "(_gate / f'started-{scenario}').touch()\n"
            f"_until = _t.monotonic() + {cap}\n"
            "while not (_gate / 'release').exists():\n"
            "    if _t.monotonic() > _until:\n"
            "        raise RuntimeError('GateNotReleased: the test never released the report')\n"
            "    _t.sleep(0.02)\n"
        )
        nb.cells.insert(at + 1, nbformat.v4.new_code_cell(code))
        nbformat.write(nb, path)

    def started(self) -> list[str]:
        return sorted(p.name.removeprefix("started-") for p in self.folder.glob("started-*"))

    def wait_started(self, proc=None, limit: float = 240) -> list[str]:
        """Block until some report has reached the gate (or ``proc`` has exited)."""
        import time

        until = time.monotonic() + limit
        while not self.started():
            if proc is not None and proc.poll() is not None:
                raise AssertionError(f"the build exited ({proc.returncode}) before the gate")
            if time.monotonic() > until:
                raise AssertionError("no report reached the gate")
            time.sleep(0.02)
        return self.started()

    def release(self) -> None:
        (self.folder / "release").touch()
