"""Time every metric over 10^5 and 10^6 Monte Carlo draws (target: 10^6 under 1 s).

Run: .venv/bin/python benchmarks/bench_metrics.py
"""

from __future__ import annotations

import time

from reportlib.analysis.metrics import compute
from reportlib.analysis.scenarios import load_scenarios
from reportlib.params import validate_params
from reportlib.paths import project
from reportlib.report import load_report


def main() -> None:
    paths = project()
    params = validate_params(scenarios=load_scenarios(paths.data), scenario="latest")
    inputs = load_report(params, paths).analysis.inputs
    print(f"{len(inputs)} inputs, all metrics, scenario latest")
    for draws in (10**5, 10**6):
        compute(inputs, 1000, 1)  # warm up imports and caches
        best = min(_timed(inputs, draws) for _ in range(3))
        print(f"draws={draws:>9,}  best of 3: {best:6.3f} s")


def _timed(inputs, draws: int) -> float:
    start = time.perf_counter()
    compute(inputs, draws, 20250409)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
