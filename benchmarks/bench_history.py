"""Time the whole monthly series of every scenario: headline metrics and key judgments
recomputed as of every month's end and the as-of date (target: under 2 s a scenario).

Imports, the ledger and one report per scenario are ready first, as in a notebook; each
timing is a fresh report's ``history.series`` (nothing cached), best of 3, wall clock and
this process's CPU time (the latter tells the work apart from a busy machine's waiting).

Run: .venv/bin/python benchmarks/bench_history.py
"""

from __future__ import annotations

import time

from reportlib.analysis import history
from reportlib.analysis.assess import assess
from reportlib.report import report_with


def main() -> None:
    warm = report_with(scenario="latest")
    assess(warm)  # imports the judgments' view helpers once, as a notebook would have
    for scenario in ("article", "cross-checked", "latest"):
        times, cpu, dates = [], [], 0
        for _ in range(3):
            report = report_with(scenario=scenario)
            start, start_cpu = time.perf_counter(), time.process_time()
            dates = len(history.series(report))
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(
            f"{scenario:>14}: {dates:>2} dates, series best of 3: {min(times):6.3f} s "
            f"({min(times) / dates * 1000:5.1f} ms a date; CPU {min(cpu):6.3f} s)"
        )


if __name__ == "__main__":
    main()
