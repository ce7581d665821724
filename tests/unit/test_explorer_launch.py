"""How the explorer is served and opened, and charts legible on any screen."""

from __future__ import annotations

from pathlib import Path

from reportlib.explorer.launch import START_ENV, jupyterlab_argv, voila_argv, voila_env
from reportlib.fonts import LEGIBLE_PX, legible_width
from reportlib.paths import ProjectPaths, project


def test_voila_culls_closed_pages_kernels_and_talks_to_them_locally():
    argv = voila_argv(project(), 9999, browser=False, cull_after=5)
    assert "--MappingKernelManager.cull_idle_timeout=5" in argv
    assert "--MappingKernelManager.cull_connected=False" in argv
    assert "--KernelManager.transport=ipc" in argv
    config = next(a for a in argv if a.startswith("--Voila.config_file_paths="))
    assert (Path(config.split("=", 1)[1]) / "voila.json").is_file()


def test_the_explorer_opens_on_the_published_scenario(monkeypatch):
    from reportlib.explorer.form import explore
    from reportlib.report import report_with

    assert voila_env("latest")[START_ENV] == "latest"
    monkeypatch.setenv(START_ENV, "latest")
    widget = explore(report_with(scenario="article", draws=2000))
    assert widget.form.controls["scenario"].value == "article"  # not the defaults: kept
    widget = explore(report_with())
    assert widget.form.controls["scenario"].value == "latest"
    monkeypatch.delenv(START_ENV)
    assert explore(report_with()).form.controls["scenario"].value == "article"


def test_jupyterlab_argv():
    argv = jupyterlab_argv(project(), 8899, browser=False)
    assert "--ServerApp.port=8899" in argv and "--ServerApp.open_browser=False" in argv


def test_a_notebook_is_found_by_name_or_path(tmp_path):
    paths = ProjectPaths(tmp_path)
    paths.notebooks.mkdir()
    (paths.notebooks / "brief.ipynb").write_text("{}")
    want = paths.notebooks / "brief.ipynb"
    for given in ("brief", "brief.ipynb", "notebooks/brief.ipynb", str(want)):
        assert paths.notebook(given, cwd=tmp_path) == want, given
    assert paths.notebook("notebooks/brief.ipynb", cwd=paths.notebooks) == want
    assert paths.notebook("nope", cwd=tmp_path) == paths.notebooks / "nope.ipynb"


def _svg(width_pt: float, sizes: list[float]) -> str:
    texts = "".join(f'<text style="font-size: {s}px">x</text>' for s in sizes)
    return f'<svg width="{width_pt}pt" height="100pt" viewBox="0 0 {width_pt} 100">{texts}</svg>'


def test_a_chart_is_shown_wide_enough_for_its_smallest_text():
    # 600 pt = 800 CSS px; its smallest text, 7 units = 9.33 px at that size, needs 11
    assert legible_width(_svg(600, [10, 7, 8.5])) == round(800 * LEGIBLE_PX / (7 * 4 / 3))
    # text already legible: the chart's own width
    assert legible_width(_svg(300, [9, 12])) == 400
    assert legible_width("<svg></svg>") is None
