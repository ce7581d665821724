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


def pdf_raster_images(pdf: bytes) -> int:
    """Raster images drawn in a PDF: PDFium's image objects, inside forms too (an SVG is
    drawn as paths and text, not counted)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(pdf)
    try:
        return sum(
            len(list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=16)))
            for page in doc
        )
    finally:
        doc.close()


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
            row.extend([""] * (col + 1 - len(row)))  # a row may stop before added columns
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

    The gate is a lock the test holds (``flock``) from the moment the gate exists until
    ``release``, and a named pipe on which reports announce their arrival. ``install``
    adds a code cell right after a notebook's parameters cell. When a report runs it, the
    cell writes ``<scenario> <pid>`` to the pipe (the report is now mid-build: the build
    lock is held, its child process exists), then waits for a shared lock on the gate.
    ``wait_started`` blocks in ``select`` on the pipe (and on the build's pidfd, so a
    build that exits early is noticed at once). Nothing polls or sleeps. A cell that is
    never released gives up after ``cap`` seconds with ``GateNotReleased``, so a test
    whose protection is missing fails instead of hanging. Keep the ``Gate`` object while
    reports should wait: dropping it closes the lock, which opens the gate.
    """

    def __init__(self, folder: Path):
        import fcntl
        import os

        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lock_path = self.folder / "gate.lock"
        self._lock = self.lock_path.open("w")
        fcntl.flock(self._lock, fcntl.LOCK_EX)  # closed until released
        self.pipe = self.folder / "arrived"
        os.mkfifo(self.pipe)
        self._reader = os.open(self.pipe, os.O_RDONLY | os.O_NONBLOCK)
        # our own writer keeps the pipe open between arrivals: the reader then never
        # sees end-of-file, so select() wakes only when a report writes
        self._writer = os.open(self.pipe, os.O_WRONLY)
        self._buffer = b""
        self._arrivals: list[tuple[str, int]] = []

    def install(self, root: Path, notebook: str, cap: float = 240) -> None:
        import nbformat

        path = root / "notebooks" / f"{notebook}.ipynb"
        nb = nbformat.read(path, as_version=4)
        at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
        nb.cells.insert(at + 1, nbformat.v4.new_code_cell(self.cell(cap)))
        nbformat.write(nb, path)

    def cell(self, cap: float = 240) -> str:
        """The gate's code cell (it reads ``scenario`` from the parameters cell)."""
        return (
            "import fcntl as _f, os as _os, threading as _th\n"
            "try:\n"
            f"    _fd = _os.open({str(self.pipe)!r}, _os.O_WRONLY | _os.O_NONBLOCK)\n"
            "    _os.write(_fd, f'{scenario} {_os.getpid()}\\n'.encode())\n"
            "    _os.close(_fd)\n"
            "except OSError:\n"
            "    pass  # nobody is watching the arrivals\n"
            f"_gate = open({str(self.lock_path)!r})\n"
            "_pass = _th.Thread(target=_f.flock, args=(_gate, _f.LOCK_SH), daemon=True)\n"
            "_pass.start()\n"
            f"_pass.join({cap})\n"
            "if _pass.is_alive():\n"
            "    raise RuntimeError('GateNotReleased: the test never released the report')\n"
        )

    def _drain(self) -> None:
        import os

        while True:
            try:
                chunk = os.read(self._reader, 4096)
            except BlockingIOError:
                break
            if not chunk:
                break
            self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            scenario, pid = line.decode().rsplit(" ", 1)
            self._arrivals.append((scenario, int(pid)))

    def arrivals(self) -> list[tuple[str, int]]:
        """(scenario, pid) of each report that has reached the gate, in arrival order."""
        if self._reader is not None:
            self._drain()
        return list(self._arrivals)

    def started(self) -> list[str]:
        return sorted(scenario for scenario, _ in self.arrivals())

    def wait_started(self, proc=None, limit: float = 240, count: int = 1) -> list[str]:
        """Block until ``count`` reports have reached the gate; fail at once if ``proc``
        (a ``Popen``) exits first, and after ``limit`` seconds at the most."""
        import os
        import select
        import time

        watched = [self._reader]
        pidfd = os.pidfd_open(proc.pid) if proc is not None else None
        if pidfd is not None:
            watched.append(pidfd)
        deadline = time.monotonic() + limit
        try:
            while len(self.arrivals()) < count:
                left = deadline - time.monotonic()
                ready = select.select(watched, [], [], max(left, 0))[0] if left > 0 else []
                if not ready:
                    raise AssertionError("no report reached the gate")
                if pidfd in ready and len(self.arrivals()) < count:
                    raise AssertionError(f"the build exited ({proc.wait()}) before the gate")
        finally:
            if pidfd is not None:
                os.close(pidfd)
        return self.started()

    def release(self) -> None:
        """Open the gate for every report, now and later (idempotent)."""
        import os

        if not self._lock.closed:
            self._lock.close()  # drops the lock
        if self._reader is not None:
            self._drain()
            for fd in (self._reader, self._writer):
                os.close(fd)
            self._reader = self._writer = None


def wait_gone(pids: list[int], limit: float = 60) -> None:
    """Block until every process in ``pids`` has exited (each watched through a pidfd in
    ``select``, no polling); fail after ``limit`` seconds."""
    import os
    import select
    import time
    from contextlib import suppress

    fds = []
    for pid in pids:
        with suppress(ProcessLookupError):  # already gone
            fds.append(os.pidfd_open(pid))
    deadline = time.monotonic() + limit
    try:
        waiting = list(fds)
        while waiting:
            left = deadline - time.monotonic()
            ready = select.select(waiting, [], [], left)[0] if left > 0 else []
            if not ready:
                raise AssertionError(f"{len(waiting)} process(es) still running after {limit} s")
            waiting = [fd for fd in waiting if fd not in ready]
    finally:
        for fd in fds:
            os.close(fd)


def project_scenarios() -> tuple[str, ...]:
    """The scenarios of data/scenarios.toml, in its order: tests that cover every scenario
    take them from here, so a new scenario is covered without editing a test."""
    from reportlib.analysis.scenarios import load_scenarios
    from reportlib.paths import ProjectPaths

    root = Path(__file__).resolve().parents[1]
    return tuple(load_scenarios(ProjectPaths(root).data))


def catalogue_notebooks() -> tuple[str, ...]:
    """The notebooks of notebooks/catalogue.toml (each once, in its order)."""
    from reportlib.builds.catalogue import load_catalogue
    from reportlib.paths import ProjectPaths

    paths = ProjectPaths(Path(__file__).resolve().parents[1])
    jobs = load_catalogue(paths, list(project_scenarios()))
    return tuple(dict.fromkeys(job.notebook for job in jobs))


def record_as_built(paths) -> None:
    """Record in a project copy's manifest that its reports were built from the project
    as it is now (what ``reportlib build`` records as it builds them): for tests of the
    archive that start from the committed reports instead of building them."""
    from reportlib.builds.manifest import read_manifest, write_manifest
    from reportlib.builds.planning import plan, resolve
    from reportlib.builds.tasks import BuildRequest

    request = BuildRequest()
    tasks = {t.job.key: t for t in plan(paths, request, resolve(paths, request)).tasks}
    entries = read_manifest(paths)
    for entry in entries:
        task = tasks.get(f"{entry['scenario']}/{Path(entry['notebook']).stem}")
        if task is not None:
            entry["built_from"] = {"data": task.data, "render_key": task.render_key}
    write_manifest(paths, entries)
