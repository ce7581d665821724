"""JupyterLab for the browser tier: a server on loopback, sealed off from the project.

The server runs the project's kernel (the ``python3`` kernelspec of the interpreter that
runs the tests, i.e. ``.venv``) on a temporary copy of ``notebooks/``, with its own
settings, workspaces, runtime, config and data folders, so neither autosave, a restored
workspace, the news prompt nor a user's own kernels or settings can touch or change what
the test sees. Readiness is an event: the server answers on its HTTP API.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# User settings the tier runs with (one file per JupyterLab plugin, as JupyterLab writes them).
SETTINGS = {
    # never write to the notebooks on a timer: the test saves explicitly, to its own copy
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    # no "would you like to get notified about official Jupyter news?" prompt, no fetch
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # every cell in the DOM (no virtual scrolling), so every output can be read
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}

# Run All, then wait for the kernel to go idle with every code cell executed; resolves
# to nothing (the wait is JupyterLab's own promise, then the kernel's status signal).
RUN_ALL = """
async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  await app.commands.execute('notebook:run-all-cells');
  const kernel = panel.sessionContext.session.kernel;
  if (kernel.status !== 'idle') {
    await new Promise(resolve => {
      const on = (_, status) => {
        if (status === 'idle') { kernel.statusChanged.disconnect(on); resolve(); }
      };
      kernel.statusChanged.connect(on);
    });
  }
}
"""

ALL_RAN = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session?.kernel;
  return kernel && kernel.status === 'idle' && panel.content.widgets.every(
    c => c.model.type !== 'code' || c.model.executionCount !== null);
}
"""

# What a reader sees, cell by cell: rendered text, rendered math, and error outputs.
# JupyterLab typesets math after rendering, asynchronously: typeset every rendered
# Markdown and HTML node once more and await it, so the read sees the typeset page.
READ_CELLS = """
async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  const typesetter = panel.content.rendermime.latexTypesetter;
  if (typesetter) {
    for (const node of panel.content.node.querySelectorAll(
        '.jp-RenderedMarkdown, .jp-RenderedHTMLCommon')) {
      await typesetter.typeset(node);
    }
  }
  return panel.content.widgets.map(cell => {
    const type = cell.model.type;
    const out = {type, text: '', math: 0, outputs: [], errors: []};
    if (type === 'markdown') {
      const md = cell.node.querySelector('.jp-MarkdownOutput');
      out.text = md ? md.innerText : '';
      out.math = md ? md.querySelectorAll('mjx-container, .MathJax, math').length : 0;
    }
    if (type === 'code') {
      out.outputs = [...cell.node.querySelectorAll('.jp-OutputArea-output')].map(o => ({
        text: o.innerText,
        math: o.querySelectorAll('mjx-container, .MathJax, math').length,
      }));
      out.errors = cell.model.outputs.toJSON()
        .filter(o => o.output_type === 'error')
        .map(o => `${o.ename}: ${o.evalue}`);
    }
    return out;
  });
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    """A running JupyterLab: ``url(path)`` for pages, ``notebooks`` for its folder."""

    process: subprocess.Popen
    base: str
    token: str
    notebooks: Path
    log: Path

    def url(self, path: str = "lab") -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}/{path}{sep}token={self.token}"

    def api(self, path: str) -> dict:
        req = urllib.request.Request(
            f"{self.base}/api/{path}", headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=5) as r:
            return json.loads(r.read().decode())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def write_settings(folder: Path) -> None:
    for plugin, values in SETTINGS.items():
        target = folder / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")


def start_lab(home: Path, notebooks: Path, timeout: float = 120) -> LabServer:
    """Start JupyterLab on ``notebooks`` (a copy), with every Jupyter folder under ``home``."""
    for name in ("settings", "workspaces", "runtime", "config", "data", "ipython"):
        (home / name).mkdir(parents=True, exist_ok=True)
    write_settings(home / "settings")
    token = secrets.token_hex(16)
    port = free_port()
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        # kernels come only from the interpreter's own prefix: .venv's python3
        "JUPYTER_DATA_DIR": str(home / "data"),
        "IPYTHONDIR": str(home / "ipython"),
        "REPORTLIB_ROOT": str(ROOT),  # the copy's notebooks read the project's ledger
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={notebooks}",
        f"--IdentityProvider.token={token}",
        "--ServerApp.terminals_enabled=False",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    log = home / "lab.log"
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    server = LabServer(process, f"http://127.0.0.1:{port}", token, notebooks, log)
    exited = threading.Event()
    threading.Thread(target=_drain, args=(process, log, exited), daemon=True).start()
    deadline = time.monotonic() + timeout
    while True:  # poll the server's HTTP API; between attempts, wait on the process ending
        try:
            if "started" in server.api("status"):
                return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if exited.wait(0.1) or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"JupyterLab did not start in {timeout}s:\n{log.read_text()}")


def _drain(process: subprocess.Popen, log: Path, exited: threading.Event) -> None:
    """Copy the server's output to ``log``; set ``exited`` when the process ends."""
    with log.open("w", encoding="utf-8") as out:
        for line in process.stdout:
            out.write(line)
            out.flush()
    process.wait()
    exited.set()


def copy_notebooks(target: Path) -> Path:
    shutil.copytree(
        ROOT / "notebooks",
        target,
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.toml"),
    )
    return target


def open_and_run(page, server: LabServer, name: str, timeout_ms: int = 180_000) -> list[dict]:
    """Open ``name`` in JupyterLab, Run All, wait until every cell ran; the cells as read."""
    page.goto(server.url(f"lab/tree/{name}?reset"))
    page.wait_for_function(
        """(name) => window.jupyterapp && window.jupyterapp.shell.currentWidget
              && window.jupyterapp.shell.currentWidget.context
              && window.jupyterapp.shell.currentWidget.context.path === name""",
        arg=name,
        timeout=timeout_ms,
    )
    page.evaluate(RUN_ALL)
    page.wait_for_function(ALL_RAN, timeout=timeout_ms)
    return page.evaluate(READ_CELLS)


def save(page) -> None:
    """Save the open notebook (to the server's folder: the tier's own copy)."""
    page.evaluate(
        """async () => {
             const panel = window.jupyterapp.shell.currentWidget;
             await panel.context.save();
           }"""
    )


def kernel_dialog(page) -> str | None:
    """The text of an open JupyterLab dialog (e.g. "Select Kernel"), if any."""
    dialog = page.query_selector(".jp-Dialog")
    return dialog.inner_text() if dialog else None


def shutdown_kernel(page) -> None:
    """Shut the open notebook's kernel down (the machine has few cores to spare)."""
    page.evaluate(
        "async () => { await window.jupyterapp.shell.currentWidget.sessionContext.shutdown(); }"
    )


def screenshot_notebook(page, path: Path) -> None:
    """The whole open notebook in one image: the side bar folded, the window as tall as
    the notebook (JupyterLab scrolls inside the page, so a full-page shot would not)."""
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    height = page.evaluate(
        """() => {
             const panel = window.jupyterapp.shell.currentWidget;
             const outer = panel.node.querySelector('.jp-WindowedPanel-outer');
             return outer ? outer.scrollHeight : 900;
           }"""
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(int(height) + 160, 20000)})
    page.evaluate(
        """() => {
             const panel = window.jupyterapp.shell.currentWidget;
             const outer = panel.node.querySelector('.jp-WindowedPanel-outer');
             if (outer) outer.scrollTop = 0;
           }"""
    )
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": width, "height": 900})
