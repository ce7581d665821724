"""Sweep benchmark: a grid of 48 reports, local fork-server pool against a Dask LocalCluster.

    .venv/bin/python benchmarks/bench_sweep.py [--jobs N] [--draws N] [--values A B]

The grid is the brief for one scenario under 8 casualty figures x 6 benefit figures (48
combinations, 48 reports), rendered from scratch (``force``) into a temporary copy of
the project, so ``reports/`` is never touched. Prints reports per second and peak
memory: the largest resident size of any one process, and the peak of the sum over the
whole process tree (the build, its fork server and children, or the cluster's workers;
forked children share pages, so the sum over-counts). Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CASUALTIES = "3000,4000,5000,6000,7000,8000,9000,10000"
BENEFITS = "5e8,1e9,2e9,3e9,4e9,5e9"


class PeakMemory:
    """Sample the resident memory of this process and all its descendants."""

    def __init__(self, every: float = 0.05):
        self.every, self.total, self.largest = every, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            sizes = []
            for p in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    sizes.append(p.memory_info().rss)
            self.total = max(self.total, sum(sizes))
            self.largest = max(self.largest, max(sizes, default=0))
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def copy_project(to: Path) -> Path:
    to.mkdir()
    shutil.copy(ROOT / "pyproject.toml", to / "pyproject.toml")
    shutil.copy(ROOT / "requirements.lock", to / "requirements.lock")
    shutil.copytree(ROOT / "data", to / "data")
    shutil.copytree(
        ROOT / "notebooks", to / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    return to


def run(label: str, root: Path, overrides: dict, **options) -> None:
    from reportlib.builds.runner import build
    from reportlib.paths import ProjectPaths

    paths = ProjectPaths(root, root / f"reports-{label}")
    with PeakMemory() as memory:
        start = time.perf_counter()
        result = build(
            paths, only=["brief"], scenario="article", overrides=overrides, force=True, **options
        )
        seconds = time.perf_counter() - start
    n = len(result.outcomes)
    bad = [o.label for o in result.outcomes if o.status != "ok"]
    print(
        f"{label:>14}: {n} reports in {seconds:6.1f} s = {n / seconds:5.2f} reports/s; "
        f"peak memory {memory.largest / 2**20:6.0f} MB largest process, "
        f"{memory.total / 2**20:6.0f} MB whole tree" + (f"; FAILED {bad}" if bad else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--draws", type=int, default=20_000)
    args = parser.parse_args()
    overrides = {"casualties": CASUALTIES, "benefit_usd": BENEFITS, "draws": str(args.draws)}
    n = len(CASUALTIES.split(",")) * len(BENEFITS.split(","))
    print(f"grid: {n} combinations x brief x article, draws={args.draws}, {args.jobs} jobs")
    with tempfile.TemporaryDirectory(prefix="reportlib-bench-sweep-") as tmp:
        root = copy_project(Path(tmp) / "project")
        os.environ["REPORTLIB_ROOT"] = str(root)
        run("local pool", root, overrides, jobs=args.jobs)
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=args.jobs, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            run("LocalCluster", root, overrides, scheduler=cluster.scheduler_address)


if __name__ == "__main__":
    main()
