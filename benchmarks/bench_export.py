"""Time the in-process exports of one executed report, and print the output sizes.

Uses the build cache (run ``reportlib build --jobs 1 --scenario latest`` first): the
executed notebook is taken from ``reports/.cache`` with the metadata the build gives it.
Prints the median of several runs of ``render_pdf`` and ``render_html``; asserts nothing.
Run: .venv/bin/python benchmarks/bench_export.py [--scenario latest] [--only brief] [-n 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

import nbformat


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="latest")
    parser.add_argument("--only", default="brief")
    parser.add_argument("-n", type=int, default=5)
    args = parser.parse_args()

    from reportlib.builds.cache import BuildCache
    from reportlib.builds.execute import with_cached_outputs
    from reportlib.builds.runner import plan
    from reportlib.exporters.formats import render_html, render_pdf, warm_exporters
    from reportlib.facts import collect
    from reportlib.paths import ProjectPaths, find_root

    paths = ProjectPaths(find_root())
    tasks, _, _ = plan(paths, only=[args.only], scenario=args.scenario)
    task = tasks[0]
    store = BuildCache(paths)
    if not store.has_execution(task.exec_key):
        raise SystemExit(f"no cached execution of {task.job.key}: build it first")
    executed = nbformat.read(store.executed_path(task.exec_key), as_version=4)
    source = nbformat.read(task.job.notebook_path(paths), as_version=4)
    nb = with_cached_outputs(source, executed)
    nb.metadata["reportlib"] = {**task.metadata, "facts": collect(nb)}
    warm_exporters()
    for name, render in (("render_pdf", render_pdf), ("render_html", render_html)):
        times, out = [], b""
        for _ in range(args.n):
            start = time.perf_counter()
            out = render(nb)
            times.append(time.perf_counter() - start)
        size = len(out if isinstance(out, bytes) else out.encode())
        print(
            f"{task.job.key} {name}: median {statistics.median(times):.3f} s "
            f"(min {min(times):.3f}, n={args.n}), {size:,} bytes"
        )


if __name__ == "__main__":
    main()
