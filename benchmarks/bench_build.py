"""Build the full catalogue five ways and print wall times, peak memory and ratios.

(a) cold: ``reportlib build --force`` in a project never built (no reports, cache or
run log), three times, the median printed; (b) warm: ``reportlib build`` with no change
(target: under 0.3 s; its CPU time is printed too, as wall time on a loaded machine
waits for a core); (d) one new claim: a source and a claim dated after the article's
date added with ``reportlib add``, then ``reportlib build``: only the reports whose
scenario admits it re-run (the run log says which); (e) one earlier claim from another
outlet: a source and a claim dated before the article's date, then ``reportlib build``:
the article scenario, which admits the article alone, stays cached;
(c) the naive loop a user would script: per report the ``papermill`` CLI, then
``jupyter nbconvert --to html`` and ``--to pdf`` where LaTeX is installed, else
``--to webpdf``: with Playwright's own Chromium if it is installed, else with the system's
Chromium (``CHROMIUM``, or ``chromium`` on the PATH, as the browser tests use), linked
where Playwright's registry looks for its browsers (``PLAYWRIGHT_BROWSERS_PATH``, a
temporary folder) and run without its sandbox; each PDF is checked, and the browser used
is printed. Only with neither LaTeX nor any Chromium is the PDF step skipped (the reason
printed). Also the in-process PDF export time per report.

Runs in a temporary copy of the project, so reports/ is not touched. The package's bytecode
is compiled first (``make bytecode``; only what changed), as an installed package has it:
an editable install has none, and under PYTHONDONTWRITEBYTECODE every process of both
pipelines (the build, its fork server, each notebook's kernel) would compile the library
from source.
Run: .venv/bin/python benchmarks/bench_build.py [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLD_RUNS = 3
BIN = Path(sys.executable).parent


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def cpu_seconds(
    cmd: list[str], env: dict[str, str], cwd: Path, times: int = 5
) -> tuple[float, float]:
    """The best of ``times`` runs: (wall seconds, CPU seconds of the process and its
    children)."""
    best = (float("inf"), float("inf"))
    for _ in range(times):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=cwd, check=True, capture_output=True)
        wall = time.perf_counter() - start
        after = os.times()
        cpu = (after.children_user - before.children_user) + (
            after.children_system - before.children_system
        )
        best = min(best, (wall, cpu))
    return best


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int]:
    """Wall time (s) and peak memory of the process tree (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode()[-2000:]}")
    return time.perf_counter() - start, peak // 1024


def naive_pdf_step(tmp: Path) -> tuple[list[str] | None, str, dict[str, str]]:
    """How the naive loop makes its PDF: (nbconvert arguments, what it uses, extra
    environment), or (None, why it is skipped, {})."""
    if shutil.which("xelatex"):
        return ["--to", "pdf"], "nbconvert --to pdf (LaTeX)", {}
    try:
        from playwright.sync_api import sync_playwright

        # nbconvert's webpdf launches Playwright's own Chromium: use it if installed
        with sync_playwright() as p:
            if Path(p.chromium.executable_path).exists():
                return ["--to", "webpdf"], "nbconvert --to webpdf (Playwright's Chromium)", {}
    except Exception:  # no Playwright, or its driver cannot start
        return None, "skipped: no LaTeX (xelatex) and Playwright does not start", {}
    system = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if system is None:
        return None, "skipped: no LaTeX (xelatex) and no Chromium on this machine", {}
    env = _system_chromium_for_playwright(Path(system), tmp / "ms-playwright")
    if env is None:
        return None, f"skipped: no LaTeX, and Playwright cannot launch {system}", {}
    version = subprocess.run(
        [system, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    how = f"nbconvert --to webpdf with the system Chromium, {system} ({version})"
    return ["--to", "webpdf", "--WebPDFExporter.disable_sandbox=True"], how, env


def _system_chromium_for_playwright(chromium: Path, folder: Path) -> dict[str, str] | None:
    """Lay out ``folder`` as Playwright's browser folder (``PLAYWRIGHT_BROWSERS_PATH``)
    whose Chromium and headless shell are the system's ``chromium``, at the paths
    Playwright's own registry names; the environment that makes Playwright use it, once a
    launch through it works (else None)."""
    env = {**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(folder)}
    # Playwright's registry, as `playwright install --dry-run` prints it: each browser's
    # install folder and the archive whose top folder holds its executable
    dry = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "--dry-run", "chromium",
         "chromium-headless-shell"],
        env=env, capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    places = re.findall(r"Install location:\s+(\S+)\s+Download url:\s+\S+/([^/\s]+)\.zip", dry)
    targets = []
    for location, archive in places:
        name = Path(location).name  # chromium-<REV>, chromium_headless_shell-<REV>
        if name.startswith("chromium-"):
            targets.append(Path(location) / archive / "chrome")
        elif name.startswith("chromium_headless_shell-"):
            targets.append(Path(location) / archive / "chrome-headless-shell")
    if len(targets) != 2:
        return None
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(chromium)
    probe = (
        "from playwright.sync_api import sync_playwright\n"
        "with sync_playwright() as p:\n"
        "    p.chromium.launch(args=['--no-sandbox']).close()\n"
    )
    ok = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, check=False)
    return {"PLAYWRIGHT_BROWSERS_PATH": str(folder)} if ok.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "reportlib")])
    with tempfile.TemporaryDirectory(prefix="reportlib-bench-") as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        for item in ("pyproject.toml", "requirements.lock"):
            shutil.copy(ROOT / item, root / item)
        for folder in ("data", "notebooks"):
            shutil.copytree(ROOT / folder, root / folder)
        env = {**os.environ, "REPORTLIB_ROOT": str(root)}
        cli = [str(BIN / "reportlib"), "build", "--jobs", str(args.jobs)]
        # cold: a project never built (no reports, cache or run log), three times; the
        # median run is the figure (one run of a few seconds moves with the machine's load)
        colds = []
        for _ in range(COLD_RUNS):
            shutil.rmtree(root / "reports", ignore_errors=True)
            colds.append(run([*cli, "--force"], env, root))
        cold, cold_mb = sorted(colds)[len(colds) // 2]
        warm, warm_mb = run(cli, env, root)
        noop_wall, noop_cpu = cpu_seconds(cli, env, root)

        import json

        add = [str(BIN / "reportlib"), "add"]
        run([*add, "sources", "source_id=bench-later", "publisher=Benchmark",
             "title=A later report", "date=2026-06-01", "kind=news"], env, root)  # fmt: skip
        run([*add, "claims", "id=bench-claim", "quantity=casualties", "value=7000",
             "qualifier=about", "unit=persons", "claimant=National Intelligence Service",
             "claim_date=2026-06-01", "period_start=2024-12", "period_end=2026-05",
             "source_id=bench-later", "locator=para 1", "kind=estimate", "reliability=B",
             "cohort=troops_total"], env, root)  # fmt: skip
        claim, claim_mb = run(cli, env, root)
        log = json.loads((root / "reports" / ".runlog" / "last.json").read_text())
        rerun = sorted(e["report"] for e in log if e["action"] != "fresh")
        # (e) the same claim from another outlet, dated before the article's date: only
        # the scenarios admitting every source can see it (not the article alone)
        run([*add, "sources", "source_id=bench-earlier", "publisher=Benchmark",
             "title=An earlier report", "date=2025-04-01", "kind=news"], env, root)  # fmt: skip
        run([*add, "claims", "id=bench-early-claim", "quantity=casualties", "value=7000",
             "qualifier=about", "unit=persons", "claimant=National Intelligence Service",
             "claim_date=2025-04-01", "period_start=2024-12", "period_end=2025-03",
             "source_id=bench-earlier", "locator=para 1", "kind=estimate", "reliability=B",
             "cohort=troops_total"], env, root)  # fmt: skip
        early, early_mb = run(cli, env, root)
        log = json.loads((root / "reports" / ".runlog" / "last.json").read_text())
        early_rerun = sorted(e["report"] for e in log if e["action"] != "fresh")

        reports = json.loads((root / "reports" / "manifest.json").read_text())["reports"]
        pdf_args, pdf_how, pdf_env = naive_pdf_step(Path(tmp))
        import pypandoc  # nbconvert's LaTeX route needs pandoc on PATH: use the bundled one

        pandoc_dir = str(Path(pypandoc.get_pandoc_path()).parent)
        env = {**env, **pdf_env, "PATH": pandoc_dir + os.pathsep + env.get("PATH", "")}
        naive_dir = Path(tmp) / "naive"
        naive_dir.mkdir()
        naive, naive_mb = 0.0, 0
        for entry in reports:
            out = naive_dir / f"{entry['scenario']}-{Path(entry['notebook']).stem}.ipynb"
            params = [x for k, v in entry["parameters"].items() for x in ("-p", k, str(v))]
            steps = [
                [
                    str(BIN / "papermill"),
                    str(root / entry["notebook"]),
                    str(out),
                    *params,
                    "--cwd",
                    str(root / "notebooks"),
                ],
                [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
            ]
            if pdf_args:
                steps.append([str(BIN / "jupyter"), "nbconvert", *pdf_args, "--no-input", str(out)])
            for step in steps:
                seconds, mb = run(step, env, naive_dir)
                naive += seconds
                naive_mb = max(naive_mb, mb)
            pdf = out.with_suffix(".pdf")
            if pdf_args and not (pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"):
                raise SystemExit(f"the naive loop's PDF step wrote no PDF for {out.name}")

        # in-process PDF export, per report
        import nbformat

        from reportlib.exporters.formats import render_pdf

        executed = sorted((root / "reports" / ".cache" / "executed").glob("*.ipynb"))
        nbs = [nbformat.read(p, as_version=4) for p in executed]
        render_pdf(nbs[0])  # warm the exporter
        start = time.perf_counter()
        for nb in nbs:
            render_pdf(nb)
        pdf_each = (time.perf_counter() - start) / len(nbs)

    n = len(reports)
    print(f"catalogue: {n} reports, --jobs {args.jobs}, {os.cpu_count()} cores")
    runs = ", ".join(f"{seconds:.2f}" for seconds, _ in colds)
    print(
        f"(a) cold  reportlib build --force : {cold:7.2f} s   peak {cold_mb:5d} MB   "
        f"(median of {len(colds)} builds of a never-built project: {runs} s)"
    )
    print(f"(b) warm  reportlib build         : {warm:7.2f} s   peak {warm_mb:5d} MB")
    print(
        f"    no-op build, best of 5        : {noop_wall:7.2f} s wall, {noop_cpu:.2f} s CPU"
        "   (target: under 0.3 s)"
    )
    print(
        f"(d) one new claim, then build     : {claim:7.2f} s   peak {claim_mb:5d} MB"
        f"   re-ran {len(rerun)} of {len(log)}: {', '.join(rerun)}"
    )
    print(
        f"(e) earlier claim, other outlet   : {early:7.2f} s   peak {early_mb:5d} MB"
        f"   re-ran {len(early_rerun)} of {len(log)}: {', '.join(early_rerun)}"
    )
    print(
        f"(c) naive papermill + nbconvert   : {naive:7.2f} s   peak {naive_mb:5d} MB"
        f"   (PDF step: {pdf_how})"
    )
    print(
        f"ratio naive / cold: {naive / cold:5.1f}x   (naive loop "
        f"{'with' if pdf_args else 'WITHOUT'} its PDF step)"
    )
    print(f"in-process PDF export: {pdf_each:.3f} s per report")


if __name__ == "__main__":
    main()
