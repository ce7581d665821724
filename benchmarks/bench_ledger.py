"""Validate and load a ledger of 100,000 claims; print the times.

Run: .venv/bin/python benchmarks/bench_ledger.py
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from pathlib import Path

from reportlib.ledger import check_ledger, load_ledger

ROOT = Path(__file__).resolve().parents[1]
N = 100_000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        path = data / "claims.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        with path.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            for i in range(N - (len(rows) - 1)):
                row = list(rows[1 + i % (len(rows) - 1)])
                row[0] = f"bulk-{i}"
                writer.writerow(row)
        size = path.stat().st_size / 1e6
        start = time.perf_counter()
        problems, _ = check_ledger(data)
        checked = time.perf_counter() - start
        start = time.perf_counter()
        ledger = load_ledger(data)
        loaded = time.perf_counter() - start
    print(f"claims: {len(ledger.claims):,} ({size:.1f} MB), problems: {len(problems)}")
    print(f"validate (reportlib check): {checked:.2f} s")
    print(f"validate + load DataFrames : {loaded:.2f} s")


if __name__ == "__main__":
    main()
