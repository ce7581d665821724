"""The in-process engine keeps a run's input history in memory: it neither opens nor
writes the user's IPython history database."""

from __future__ import annotations

from reportlib.engines.inprocess import new_shell


def test_a_run_keeps_its_history_in_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    shell = new_shell()
    shell.run_cell("x = 41", store_history=True)
    shell.run_cell("y = x + 1", store_history=True)
    assert shell.user_ns["y"] == 42
    assert shell.user_ns["In"][-1] == "y = x + 1"  # the session's inputs, as in a kernel
    assert not list((tmp_path / "ipython").rglob("*.sqlite"))
