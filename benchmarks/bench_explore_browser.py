"""Time one change in the assumptions explorer as a reader sees it: in chromium, through
Voilà (``reportlib explore``'s command line), from pressing Enter in the casualties box to
the new key figures on screen, and to the redrawn chart (target: figures under 300 ms).

Run: .venv/bin/python benchmarks/bench_explore_browser.py   (needs Debian's chromium)
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reportlib.explorer.launch import published_scenario, trust_notebook, voila_argv, voila_env
from reportlib.paths import project

CHANGES = range(7000, 17000, 1000)  # each a new figure and a new chart


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    from playwright.sync_api import expect, sync_playwright

    paths = project()
    home = Path(tempfile.mkdtemp(prefix="bench-explore-"))
    env = {
        **os.environ,
        **voila_env(published_scenario(paths)),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "REPORTLIB_ROOT": str(paths.root),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    trust_notebook(paths, home / "data")
    port = free_port()
    voila = subprocess.Popen(
        voila_argv(paths, port, browser=False), env=env, stderr=subprocess.DEVNULL
    )
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if voila.poll() is not None:
                    raise SystemExit("Voilà did not start") from None
                time.sleep(0.2)
        chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/", timeout=300_000)
            expect(page.locator(".rl-answers table.rl-figures")).to_be_visible(timeout=300_000)
            box = page.get_by_label("Casualties (persons)")
            figures, charts = [], []
            for value in CHANGES:
                before = page.locator(".rl-answers img").first.get_attribute("src")
                box.fill(str(value))
                start = time.monotonic()
                box.press("Enter")
                shown = f"Killed or wounded {value:,}"
                expect(page.locator(".rl-differs")).to_contain_text(shown, timeout=30_000)
                figures.append(time.monotonic() - start)
                page.wait_for_function(
                    "s => document.querySelector('.rl-answers img').getAttribute('src') !== s",
                    arg=before,
                    timeout=30_000,
                )
                charts.append(time.monotonic() - start)
            browser.close()
    finally:
        voila.terminate()
        voila.wait()
    print(f"cores available: {len(os.sched_getaffinity(0))}; {len(figures)} changes")
    for name, times in (("key figures shown", figures), ("chart redrawn", charts)):
        print(
            f"{name}: median {statistics.median(times) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
