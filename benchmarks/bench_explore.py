"""Time one change in the assumptions explorer at the default draws (target: under 300 ms
on two cores): a value set on a control, the answer recomputed and every output widget
updated (key figures, judgments, what differs, the per-casualty chart drawn as SVG), as a
reader's change does, without the browser's round trip.

Run: .venv/bin/python benchmarks/bench_explore.py
"""

from __future__ import annotations

import os
import statistics
import time

from reportlib.explorer.form import ExplorerForm
from reportlib.params import ReportParams
from reportlib.paths import project

ROUNDS = 5


def changes(r: int) -> list[tuple[str, str]]:
    """(control, value) in the order a reader might try them, ending where they began (a
    value set again unchanged is no change). Numbers differ from round to round, so each
    is a new chart to draw, not one seen before."""
    return [
        ("casualties", f"{9000 + 250 * r}"),
        ("benefit_period", "yearly"),
        ("troops", f"{20000 + 500 * r}"),
        ("benefit_usd", f"{1e9 + 2e8 * r:.0f}"),
        ("benefit_period", "cumulative"),
        ("pay_per_soldier_month_usd", f"{3000 + 100 * r}"),
        ("as_of", f"2025-01-{10 + r:02d}"),
        ("casualties", ""),
        ("scenario", "article"),
        ("benefit_period", "both"),
        ("scenario", "latest"),
        ("as_of", ""),
        ("troops", ""),
        ("benefit_usd", ""),
        ("pay_per_soldier_month_usd", ""),
    ]


def main() -> None:
    start = time.perf_counter()
    form = ExplorerForm(ReportParams(scenario="latest"), project())
    print(f"explorer opened (ledger, scenarios, first answer): {time.perf_counter() - start:.3f} s")
    print(f"cores available: {len(os.sched_getaffinity(0))}; draws {ReportParams().draws:,}")
    times: dict[str, list[float]] = {}
    for r in range(ROUNDS):
        for name, value in changes(r):
            before = len(form.timings)
            t0 = time.perf_counter()
            form.controls[name].value = value
            elapsed = time.perf_counter() - t0
            assert len(form.timings) == before + 1, f"{name}={value!r} did not update"
            times.setdefault(name, []).append(elapsed)
    every = [t for ts in times.values() for t in ts]
    for name, ts in times.items():
        median, top = statistics.median(ts) * 1e3, max(ts) * 1e3
        print(f"  {name:<27} median {median:6.0f} ms  max {top:6.0f} ms")
    print(
        f"per change: median {statistics.median(every) * 1e3:.0f} ms, "
        f"95th percentile {statistics.quantiles(every, n=20)[-1] * 1e3:.0f} ms, "
        f"max {max(every) * 1e3:.0f} ms over {len(every)} changes"
    )


if __name__ == "__main__":
    main()
