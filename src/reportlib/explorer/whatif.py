"""Keep what was found: run the explorer's settings as a ``reportlib build -p ...`` what-if
run and say where its brief is.

The build runs as the command line runs it (``python -m reportlib build ...`` in the
project root), so it is exactly the command the explorer shows; it writes under
``reports/what-if/`` and never touches the canonical reports. The folder is read from
the build's own last lines ("see reports/what-if/<name>/index.html"), not guessed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..params import ReportParams
from ..paths import ProjectPaths
from .answers import build_command

#: Where the explorer's links to built files point: a URL prefix the files under the
#: project root are served at (``reportlib explore`` sets it to Voilà's file route);
#: unset, a link is the file's own ``file://`` URL.
LINK_BASE_ENV = "REPORTLIB_EXPLORE_FILES"
SEE = re.compile(r"see (\S+index\.html)")


@dataclass(frozen=True)
class BuildOutcome:
    """How a what-if build ended: its exit code, its brief (if written) and the output's
    last lines (for a failure)."""

    returncode: int
    brief: Path | None
    tail: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and self.brief is not None and self.brief.is_file()


def run_build(paths: ProjectPaths, params: ReportParams, timeout: float = 900) -> BuildOutcome:
    """Run the settings' ``reportlib build`` command in the project; the brief's path."""
    argv = [sys.executable, "-m", "reportlib", *build_command(params)[1:]]
    done = subprocess.run(
        argv,
        cwd=paths.root,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "REPORTLIB_ROOT": str(paths.root)},
    )
    text = done.stdout + done.stderr
    found = SEE.findall(text)
    brief = None
    if found:
        index = Path(found[-1])
        index = index if index.is_absolute() else paths.root / index
        brief = index.parent / params.scenario / "brief.html"
    tail = "\n".join(text.strip().splitlines()[-5:])
    return BuildOutcome(done.returncode, brief, tail)


def link(paths: ProjectPaths, target: Path) -> str:
    """A URL for a file under the project root, for the page the explorer is shown in."""
    base = os.environ.get(LINK_BASE_ENV)
    if base:
        rel = target.resolve().relative_to(paths.root.resolve()).as_posix()
        return base.rstrip("/") + "/" + rel
    return target.resolve().as_uri()
