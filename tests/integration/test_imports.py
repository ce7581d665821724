"""Every module of reportlib imports on its own, in a fresh interpreter.

An import cycle hidden by import order (papermill's entry-point loading importing the
engine back, a package importing a sibling that imports it) shows only when the module is
the first thing a process imports; so each module gets its own ``python -c "import M"``.
The interpreters run at once, as many as there are cores.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import reportlib

pytestmark = pytest.mark.slow

MODULES = sorted(
    ["reportlib"] + [m.name for m in pkgutil.walk_packages(reportlib.__path__, prefix="reportlib.")]
)


def _import_alone(module: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )


@pytest.fixture(scope="module")
def imported() -> dict[str, subprocess.CompletedProcess]:
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(zip(MODULES, pool.map(_import_alone, MODULES), strict=True))


def test_every_module_is_listed():
    assert {"reportlib.engines.inprocess", "reportlib.builds.runner", "reportlib.cli"} <= set(
        MODULES
    )


@pytest.mark.parametrize("module", MODULES)
def test_imports_alone(imported, module):
    done = imported[module]
    assert done.returncode == 0, f"python -c 'import {module}' failed:\n{done.stderr[-2000:]}"
