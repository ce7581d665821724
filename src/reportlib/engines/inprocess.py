"""A papermill engine that runs cells in an in-process IPython shell instead of a kernel.

Starting a kernel and importing pandas and matplotlib in it costs about two seconds for
every notebook. This engine runs the cells in an ``InteractiveShell`` inside the calling
process, so whatever that process has already imported is paid for once: ``reportlib
build`` imports the heavy libraries once and forks a fresh child per report (see
``reportlib.builds.pool``); ``papermill --engine reportlib`` benefits too, with no
kernel to start.

Outputs are captured in the nbformat shape a kernel would send: streams, display data
(rich formatters, matplotlib's inline backend), the execute result and errors, in order.
A cell that raises stops the run; papermill then records the failure as usual.

``project_root`` (an engine keyword, ``pm.execute_notebook(..., project_root=ROOT)``) is the
project the notebook belongs to: while the cells run, ``reportlib.paths.find_root`` (and so
``open_report``) returns it, wherever the working directory is.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from contextlib import ExitStack, contextmanager, suppress
from typing import Any

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from nbformat.v4 import new_output
from traitlets.config import Config

from ..paths import notebook_root

SAVE_EVERY = 10.0  # seconds between checkpoints of the executing notebook


class CellTimeout(Exception):
    """A cell ran longer than the execution timeout."""


class _Sink:
    """The ordered outputs of the cell being run."""

    def __init__(self) -> None:
        self.outputs: list[Any] = []

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last.output_type == "stream" and last.name == name:
            last.text += text
        else:
            self.outputs.append(new_output("stream", name=name, text=text))


class _StreamWriter:
    def __init__(self, sink: _Sink, name: str) -> None:
        self.sink, self.name = sink, name

    def write(self, text: str) -> int:
        self.sink.stream(self.name, text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Publisher(DisplayPublisher):
    sink: _Sink | None = None

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False):
        if self.sink is not None:
            self.sink.outputs.append(new_output("display_data", data=data, metadata=metadata or {}))

    def clear_output(self, wait=False):
        if self.sink is not None:
            self.sink.outputs.clear()


class _Hook(DisplayHook):
    sink: _Sink | None = None
    count: int = 0

    def __call__(self, result=None):
        if result is None or self.quiet() or self.sink is None or self.shell is None:
            return
        data, metadata = self.shell.display_formatter.format(result)
        self.sink.outputs.append(
            new_output("execute_result", data=data, metadata=metadata, execution_count=self.count)
        )


def new_shell() -> InteractiveShell:
    """A fresh shell singleton with capturing display machinery and inline matplotlib,
    keeping its input history in memory."""
    InteractiveShell.clear_instance()
    # The run's input history stays in memory (``In``, ``_i1``...) and is not written to
    # the user's IPython history database, a file every report would otherwise open and
    # write each cell into (shared by parallel reports, and locked while one writes).
    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config, colors="nocolor")
    shell.display_pub = _Publisher(shell=shell)
    hook = _Hook(shell=shell, cache_size=0)
    shell.displayhook = hook
    shell.display_trap.hook = hook
    with suppress(Exception):  # matplotlib is optional for a generic notebook
        shell.enable_matplotlib("inline")
    return shell


@contextmanager
def _time_limit(seconds: float | None):
    if not seconds or threading_is_not_main():
        yield
        return

    def _raise(signum, frame):
        raise CellTimeout(f"cell exceeded the execution timeout of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def threading_is_not_main() -> bool:
    import threading

    return threading.current_thread() is not threading.main_thread()


def run_cell(shell: InteractiveShell, source: str, count: int, timeout: float | None):
    """Run one cell; return its outputs and the error output (or None)."""
    sink = _Sink()
    publisher, hook = shell.display_pub, shell.displayhook
    if not isinstance(publisher, _Publisher) or not isinstance(hook, _Hook):
        raise TypeError("run_cell: expected a shell made by new_shell() (it captures outputs)")
    publisher.sink = hook.sink = sink
    hook.count = count
    errors: list[Any] = []

    def _showtraceback(etype, evalue, stb):
        errors.append(
            new_output(
                "error",
                ename=etype.__name__ if etype else "Error",
                evalue=str(evalue),
                traceback=list(stb),
            )
        )

    shell._showtraceback = _showtraceback
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _StreamWriter(sink, "stdout"), _StreamWriter(sink, "stderr")
    try:
        with _time_limit(timeout):
            result = shell.run_cell(source, store_history=True, silent=False)
    except CellTimeout as exc:  # raised outside the cell's own try (rare)
        errors.append(new_output("error", ename="CellTimeout", evalue=str(exc), traceback=[]))
        result = None
    finally:
        sys.stdout, sys.stderr = saved
    if result is not None and not result.success and not errors:
        exc = result.error_in_exec or result.error_before_exec
        errors.append(new_output("error", ename=type(exc).__name__, evalue=str(exc), traceback=[]))
    outputs = sink.outputs + errors
    return outputs, (errors[0] if errors else None)


def _engine_class() -> type:
    """Define the engine class on first use.

    ``papermill.engines`` registers every ``papermill.engine`` entry point when it is
    first imported, and ours points back at this module. Importing papermill here at the
    top would make ``import reportlib.engines.inprocess`` load itself half-initialised;
    deferring it to first attribute access lets either module be imported first.
    """
    from papermill.engines import Engine

    class InProcessEngine(Engine):
        """papermill engine ``reportlib``: cells run in this process, no kernel started."""

        @classmethod
        def execute_managed_notebook(
            cls, nb_man, kernel_name, log_output=False, execution_timeout=None, **kwargs
        ):
            cwd = kwargs.get("cwd")
            previous = os.getcwd()
            scope = ExitStack()
            if kwargs.get("project_root"):
                scope.enter_context(notebook_root(kwargs["project_root"]))
            if cwd:
                os.chdir(cwd)
            shell = new_shell()
            count = 0
            # papermill saves the whole notebook (images included) at every cell's start and
            # end; keep a checkpoint every SAVE_EVERY seconds and the final save instead.
            real_save, last = nb_man.save, [time.monotonic()]

            def throttled_save(**kw):
                if time.monotonic() - last[0] >= SAVE_EVERY:
                    last[0] = time.monotonic()
                    real_save(**kw)

            nb_man.save = throttled_save
            try:
                for index, cell in enumerate(nb_man.nb.cells):
                    nb_man.cell_start(cell, index)
                    try:
                        if cell.cell_type != "code":
                            continue
                        count += 1
                        outputs, error = run_cell(shell, cell.source, count, execution_timeout)
                        cell.outputs = outputs
                        cell.execution_count = count
                        if error is not None:
                            nb_man.cell_exception(cell, cell_index=index, exception=error)
                            break
                    finally:
                        nb_man.cell_complete(cell, cell_index=index)
            finally:
                nb_man.save = real_save
                os.chdir(previous)
                scope.close()
                import matplotlib.pyplot as plt

                plt.close("all")
            nb_man.nb.metadata["language_info"] = {
                "name": "python",
                "version": ".".join(map(str, sys.version_info[:3])),
            }
            return nb_man.nb

    InProcessEngine.__qualname__ = "InProcessEngine"
    return InProcessEngine


def __getattr__(name: str) -> Any:
    if name == "InProcessEngine":
        cls = _engine_class()
        # papermill's entry-point registration may have defined it while we imported
        return globals().setdefault("InProcessEngine", cls)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
