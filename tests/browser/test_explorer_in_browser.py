"""The assumptions explorer read as a user reads it: in JupyterLab and in Voilà.

In each, the test changes casualties and the benefit reading with the keyboard and the
drop-down, as a reader would, and waits (on the page's text, never a sleep) for the
answers to change; the key figures and judgment words shown must equal what
``reportlib metrics --json`` and the judgments give for the same overrides. A bad value
must show the CLI's one-line message beside its box and leave the previous answer on
screen. Voilà's page must pass axe-core's WCAG 2.1 A and AA rules.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reportlib.analysis.assess import assess
from reportlib.analysis.metrics import Result
from reportlib.analysis.scenarios import load_scenarios
from reportlib.explorer.launch import (
    published_scenario,
    trust_notebook,
    voila_argv,
    voila_env,
)
from reportlib.facts import metric_fact
from reportlib.formatting import fmt_share
from reportlib.paths import ProjectPaths
from reportlib.report import report_with

from . import lab
from .conftest import AXE_VERSION
from .test_accessibility import RULES, _describe

ROOT = lab.ROOT
SCENARIO = "article"  # the notebook's starting scenario (its parameters cell)
OPENS_ON = published_scenario(ProjectPaths(ROOT))  # where reportlib explore opens it
CULL_AFTER = 2  # seconds a closed page's kernel stays (reportlib explore: a minute)
OVERRIDES = {"casualties": "9000", "benefit_period": "yearly"}
WAIT_MS = 180_000  # a cold kernel on a busy two-core machine: the first answer


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reportlib", *args], cwd=ROOT, capture_output=True, text=True
    )


def expected(scenario: str, overrides: dict[str, str]) -> tuple[dict[str, str], dict]:
    """Figure texts from ``reportlib metrics --json`` and judgments (term, probability)
    from the same analysis, for these overrides."""
    argv = ["metrics", "--json", "--scenario", scenario]
    for k, v in overrides.items():
        argv += ["-p", f"{k}={v}"]
    done = cli(*argv)
    assert done.returncode == 0, done.stderr
    texts = {}
    for name, d in json.loads(done.stdout).items():
        if d["central"] is not None:
            r = Result(name, d["unit"], d["central"], d["low"], d["high"], ())
            texts[name] = metric_fact(r, "both").text
    report = report_with(scenario=scenario, **overrides)
    judged = {j.id: (j.likelihood, j.probability) for j in assess(report)}
    return texts, judged


def shown(page) -> tuple[dict[str, str], dict[str, str]]:
    """The figures table (metric → text) and judgment words (id → term) on the page."""
    figures = page.eval_on_selector_all(
        "table.rl-figures tr[data-metric]",
        "rows => rows.map(r => [r.dataset.metric, r.querySelector('td').innerText.trim()])",
    )
    terms = page.eval_on_selector_all(
        "ol.rl-judgments li",
        "items => items.map(i => [i.dataset.judgment, i.dataset.term, i.innerText])",
    )
    return dict(figures), {i: (t, text) for i, t, text in terms}


def explore_as_a_reader(page, scenario: str = SCENARIO) -> None:
    """Change casualties and the benefit reading; compare with the CLI; then a bad value."""
    answers = page.locator(".rl-answers")
    expect(answers.locator("table.rl-figures")).to_be_visible(timeout=WAIT_MS)
    box = page.get_by_label("Casualties (persons)")
    box.fill(OVERRIDES["casualties"])
    box.press("Enter")
    expect(page.locator(".rl-differs")).to_contain_text("Killed or wounded 9,000", timeout=30_000)
    page.get_by_label("Benefit reading").select_option(OVERRIDES["benefit_period"])
    # the yearly reading alone: the cumulative row goes
    expect(page.locator('tr[data-metric="benefit_per_casualty_usd"]')).to_have_count(0)
    expect(page.locator('tr[data-metric="benefit_per_casualty_if_annual_usd"]')).to_have_count(1)

    texts, judged = expected(scenario, OVERRIDES)
    figures, terms = shown(page)
    assert figures, "no key figures shown"
    for metric, text in figures.items():
        if not text.startswith("not available"):
            assert text == texts[metric], metric
    assert set(terms) == set(judged)
    for jid, (term, text) in terms.items():
        want, probability = judged[jid]
        assert term == (want or ""), jid
        if probability is not None:
            assert f"Probability {fmt_share(float(probability))}: {want}." in text, text

    # a bad value: the CLI's one line beside the box; the previous answer stays
    before = page.locator(".rl-answers table.rl-figures").inner_text()
    message = cli("metrics", "--scenario", scenario, "-p", "casualties=-1").stderr.strip()
    assert message.startswith("reportlib: error: parameter 'casualties'")
    box.fill("-1")
    box.press("Enter")
    error = page.locator(".rl-control-casualties .rl-error")
    expect(error).to_have_text(message, timeout=30_000)
    expect(page.locator(".rl-status")).to_contain_text("Not updated")
    assert page.locator(".rl-answers table.rl-figures").inner_text() == before
    # keyboard alone: Tab from the box reaches its reset button, Enter presses it
    box.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(error).to_have_count(0)
    expect(box).to_have_value("")


# --- JupyterLab --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab-explore")
    s = lab.start_lab(home, lab.copy_notebooks(home / "notebooks"))
    try:
        yield s
    finally:
        s.stop()


def test_the_explorer_answers_in_jupyterlab(lab_server, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        cells = lab.open_and_run(page, lab_server, "explore.ipynb")
        assert lab.kernel_dialog(page) is None, "JupyterLab asked for a kernel"
        assert not [c for c in cells if c.get("errors")], cells
        explore_as_a_reader(page)
        folder = Path(os.environ.get("REPORTLIB_SCREENSHOTS") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        lab.screenshot_notebook(page, folder / "lab-explore.png")
        lab.shutdown_kernel(page)
    finally:
        context.close()


# --- Voilà -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory):
    """``reportlib explore``'s Voilà (its own command line) on a free loopback port, with
    its own Jupyter folders; ready when the port answers."""
    home = tmp_path_factory.mktemp("voila")
    for name in ("runtime", "config", "data", "ipython"):
        (home / name).mkdir()
    port = lab.free_port()
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "IPYTHONDIR": str(home / "ipython"),
        "REPORTLIB_ROOT": str(ROOT),
        **voila_env(OPENS_ON),  # as reportlib explore sets it
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    trust_notebook(ProjectPaths(ROOT), home / "data")  # as reportlib explore does
    argv = voila_argv(ProjectPaths(ROOT), port, browser=False, cull_after=CULL_AFTER)
    log = home / "voila.log"
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    exited = threading.Event()
    threading.Thread(target=lab._drain, args=(process, log, exited), daemon=True).start()
    deadline = time.monotonic() + 120
    while True:  # the port answers, or the process ends
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if exited.wait(0.1) or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"Voilà did not start:\n{log.read_text()}") from None
    try:
        yield f"http://127.0.0.1:{port}/", process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_explorer_answers_in_voila_with_no_code_and_no_axe_violations(
    voila_url, page, axe_source, tmp_path
):
    voila_url, _, _ = voila_url
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(voila_url)
    title = load_scenarios(ROOT / "data")[OPENS_ON].title  # the site's first scenario
    expect(page.get_by_label("Scenario")).to_have_value(title, timeout=WAIT_MS)
    explore_as_a_reader(page, OPENS_ON)
    text = page.locator("body").inner_text()
    assert "open_report(" not in text and "scenario = " not in text, "code shown"
    assert page.locator(".cm-editor, .CodeMirror").count() == 0, "an editor shown"
    local = re.compile(r"(http|ws)://127\.0\.0\.1:|data:|blob:")
    assert not [u for u in page.requests if not local.match(u)], "a request left 127.0.0.1"

    page.get_by_role("button", name="Show the build command").click()
    expect(page.locator("pre.rl-command")).to_have_text(
        f"reportlib build --scenario {OPENS_ON} --only brief -p benefit_period=yearly"
    )
    folder = Path(os.environ.get("REPORTLIB_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "voila-explore.png"), full_page=True)

    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "rules => axe.run(document, "
        "{runOnly: {type: 'tag', values: rules}, resultTypes: ['violations']})",
        RULES,
    )
    assert not result["violations"], (
        f"Voilà explorer: axe-core {AXE_VERSION} finds WCAG 2.1 A/AA violations:\n"
        + _describe(result["violations"])
    )


def test_the_explorer_on_a_phone(voila_url, browser):
    """At 390 px the form is one column: no sideways scrolling, every control and its
    Reset in the window, the chart's text legible."""
    from .test_site_in_browser import CHART_TEXT, LEGIBLE_PX, OUTSIDE

    voila_url, _, _ = voila_url
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.goto(voila_url)
        expect(page.locator(".rl-answers table.rl-figures")).to_be_visible(timeout=WAIT_MS)
        expect(page.locator(".rl-answers img")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate(OUTSIDE) == []
        assert page.get_by_role("button", name="Reset").count() >= 6
        sizes = page.evaluate(CHART_TEXT)
        assert sizes and min(sizes) >= LEGIBLE_PX - 0.05, sizes
        assert errors == []
    finally:
        context.close()


def _kernels(process) -> list:
    import psutil

    children = psutil.Process(process.pid).children(recursive=True)
    return [c for c in children if "ipykernel" in " ".join(c.cmdline())]


def test_closed_pages_kernels_are_culled(voila_url, browser):
    """Five visits, each page closed: at most one kernel stays (Voilà would keep all)."""
    voila_url, process, log = voila_url
    for _ in range(5):
        context = browser.new_context()
        page = context.new_page()
        page.goto(voila_url)
        expect(page.locator(".rl-answers table.rl-figures")).to_be_visible(timeout=WAIT_MS)
        context.close()
    import psutil

    # synchronised on the kernels' processes ending (culled after CULL_AFTER idle seconds)
    _, alive = psutil.wait_procs(_kernels(process), timeout=120)
    assert len(alive) <= 1, log.read_text()[-2000:]
