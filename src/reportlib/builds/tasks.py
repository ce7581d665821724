"""The records a build passes around: what to build, one report's task, what a worker
rendered, and what happened to each report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths
from .catalogue import Job


@dataclass(frozen=True)
class TLSFiles:
    """The PEM files a coordinator connects to a ``tls://`` scheduler with: the CA that
    signed the cluster's certificates, and this machine's certificate and private key."""

    ca_file: str
    cert: str
    key: str


class ClusterUnavailable(RuntimeError):
    """``--scheduler`` names an address with no reachable Dask scheduler, or one it may
    not use as given (plain TCP to another machine, TLS without its certificate files)."""


def tls_files(ca_file: str | None, cert: str | None, key: str | None) -> TLSFiles | None:
    """The three ``--tls-*`` options as ``TLSFiles`` (None when none is given); one or
    two of them alone is a usage error naming the missing ones."""
    given = {"--tls-ca-file": ca_file, "--tls-cert": cert, "--tls-key": key}
    if not any(given.values()):
        return None
    missing = [flag for flag, value in given.items() if not value]
    if missing:
        raise ClusterUnavailable(
            f"expected --tls-ca-file, --tls-cert and --tls-key together, missing "
            f"{', '.join(missing)}"
        )
    return TLSFiles(str(ca_file), str(cert), str(key))


@dataclass(frozen=True)
class BuildRequest:
    """Everything ``reportlib build`` was asked to do (one typed request, no positionals).

    ``overrides`` maps a parameter to one value, or to a list of values (a grid: every
    combination renders). Overrides that differ from the defaults make the build a
    what-if run, written under ``reports/what-if/`` and never over the canonical reports.
    """

    only: tuple[str, ...] | None = None
    scenario: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    name: str | None = None  # the what-if or grid folder's name (default: from the overrides)
    force: bool = False
    jobs: int | None = None
    timeout: float | None = None
    cell_timeout: float | None = None
    scheduler: str | None = None  # a Dask scheduler's address; None: the local pool
    tls: TLSFiles | None = None  # certificate files for a tls:// scheduler
    allow_insecure: bool = False  # plain tcp:// to another machine, knowingly


@dataclass(frozen=True)
class Task:
    """Everything a worker needs to build one report; plain data, so it can be pickled to
    another machine. ``executed`` carries the cached run for a render-only task."""

    job: Job
    root: Path
    reports_dir: Path
    parameters: dict[str, Any]
    metadata: dict[str, Any]
    action: str  # execute | render | fresh
    exec_key: str
    render_key: str
    cell_timeout: float | None = None
    run: str | None = None  # the what-if folder's name, None for the canonical reports
    executed: str | None = None
    data: str = ""  # the ledger as the report's scenario sees it (``cache.admitted_digest``)
    checkout: dict[str, Any] | None = None  # the coordinator's digests a worker checks

    @property
    def paths(self) -> ProjectPaths:
        return ProjectPaths(self.root, self.reports_dir)

    @property
    def label(self) -> str:
        return f"what-if/{self.run}/{self.job.key}" if self.run else self.job.key


@dataclass
class Rendered:
    """What a worker sends back: the report's files as bytes (the coordinator writes them)."""

    status: str  # ok | failed | audit-failed
    duration: float
    error: str | None = None
    cell: int | None = None
    html: str | None = None
    pdf: bytes | None = None
    facts: str | None = None
    executed: str | None = None  # the executed notebook to cache (execute tasks only)
    failed_notebook: str | None = None
    note: str | None = None  # set by the cluster engine, e.g. retried after a lost worker


@dataclass
class Outcome:
    """What happened to one report in one build."""

    job: Job
    status: str  # ok | failed | audit-failed
    parameters: dict[str, Any]
    duration: float = 0.0
    error: str | None = None
    cell: int | None = None
    action: str = "execute"  # execute | render | fresh
    run: str | None = None
    note: str | None = None  # e.g. retried after a worker was lost
    #: What it was built from (the ledger as its scenario sees it, its render key): the
    #: manifest records it, and ``publish`` compares it with the project as it is now.
    built_from: dict[str, str] | None = None

    @property
    def cached(self) -> bool:
        return self.action != "execute"

    @property
    def label(self) -> str:
        return f"what-if/{self.run}/{self.job.key}" if self.run else self.job.key

    @classmethod
    def of(cls, task: Task, status: str, **fields: Any) -> Outcome:
        fields.setdefault("action", task.action)
        fields.setdefault("built_from", {"data": task.data, "render_key": task.render_key})
        return cls(job=task.job, status=status, parameters=task.parameters, run=task.run, **fields)

    def manifest_entry(self, paths: ProjectPaths) -> dict[str, Any]:
        folder = f"reports/what-if/{self.run}" if self.run else "reports"
        entry: dict[str, Any] = {
            "notebook": paths.relative(self.job.notebook_path(paths)),
            "scenario": self.job.scenario,
            "parameters": self.parameters,
            "html": f"{folder}/{self.job.scenario}/{self.job.notebook}.html",
            "pdf": f"{folder}/{self.job.scenario}/{self.job.notebook}.pdf",
            "status": self.status,
        }
        if self.built_from and self.status == "ok":
            entry["built_from"] = self.built_from
        if self.error:
            entry["error"] = {"cell": self.cell, "message": self.error}
            entry["executed_notebook"] = (
                f"{folder}/.failed/{self.job.scenario}/{self.job.notebook}.ipynb"
            )
        return entry


@dataclass
class BuildResult:
    outcomes: list[Outcome] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)  # what-if folders written
    sweep: Path | None = None  # the grid's folder (index page and comparison table)
    site_problems: list[str] = field(default_factory=list)  # untraced numbers on index.html
    search_error: str | None = None  # the search index failed (one line); reports kept

    @property
    def ok(self) -> bool:
        return (
            all(o.status == "ok" for o in self.outcomes)
            and not self.site_problems
            and self.search_error is None
        )


@dataclass
class Failure:
    """A task that produced no result: its child died, timed out or raised."""

    message: str
