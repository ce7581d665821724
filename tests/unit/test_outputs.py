"""Reusing a cached run (with_cached_outputs), the manifest merge and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from reportlib.builds import atomic
from reportlib.builds.atomic import write_all_atomic, write_atomic
from reportlib.builds.execute import with_cached_outputs
from reportlib.builds.manifest import merge

# with_cached_outputs --------------------------------------------------------------------


def _executed():
    injected = new_code_cell("scenario = 'latest'", metadata={"tags": ["injected-parameters"]})
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Old title"),
            new_code_cell("x = 1", outputs=[], execution_count=1),
            injected,
            new_code_cell("x", outputs=[new_output("execute_result", data={"text/plain": "1"})]),
        ],
        metadata={"papermill": {"parameters": {"scenario": "latest"}}, "reportlib": {"old": 1}},
    )
    nb.cells[3].execution_count = 3
    return nb


def test_cached_outputs_go_into_the_current_notebook():
    source = new_notebook(
        cells=[new_markdown_cell("# New title"), new_code_cell("x = 1"), new_code_cell("x")]
    )
    merged = with_cached_outputs(source, _executed())
    assert merged.cells[0].source == "# New title"  # the prose edit is kept
    assert merged.cells[2].outputs[0]["data"] == {"text/plain": "1"}
    assert merged.cells[2].execution_count == 3
    assert merged.metadata["papermill"] == {"parameters": {"scenario": "latest"}}
    assert "reportlib" not in merged.metadata  # the build sets this one afresh
    assert source.cells[2].outputs == []  # the source is not modified


def test_cached_outputs_refuse_a_different_set_of_code_cells():
    source = new_notebook(cells=[new_code_cell("x = 1")])
    with pytest.raises(ValueError):
        with_cached_outputs(source, _executed())


# manifest merge ---------------------------------------------------------------------------


def _entry(scenario: str, notebook: str, status: str = "ok") -> dict:
    return {"scenario": scenario, "notebook": f"notebooks/{notebook}.ipynb", "status": status}


def test_merge_replaces_this_runs_reports_and_keeps_the_others_in_catalogue_order():
    old = [_entry("latest", "brief"), _entry("article", "brief"), _entry("gone", "old")]
    new = [_entry("latest", "brief", "failed")]
    order = ["article/brief", "latest/brief"]
    merged = merge(old, new, order)
    assert [(e["scenario"], e["status"]) for e in merged] == [
        ("article", "ok"),
        ("latest", "failed"),
    ]  # "gone" (a removed or renamed scenario) is not in the catalogue any more: dropped


# atomic writes ------------------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_replaces_in_one_step(tmp_path, monkeypatch):
    target = tmp_path / "r" / "brief.html"
    write_atomic(target, "old")
    assert target.read_text() == "old"

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert _leftovers(target.parent) == []


def test_write_all_atomic_writes_all_or_none(tmp_path):
    first, blocked = tmp_path / "a.html", tmp_path / "not-a-folder" / "b.pdf"
    first.write_text("old")
    (tmp_path / "not-a-folder").write_text("a file where a folder should be")
    with pytest.raises(OSError):
        write_all_atomic({first: "new", blocked: b"%PDF"})
    assert first.read_text() == "old"
    assert _leftovers(tmp_path) == []
    write_all_atomic({first: "new", tmp_path / "c.pdf": b"%PDF"})
    assert first.read_text() == "new" and (tmp_path / "c.pdf").read_bytes() == b"%PDF"
    assert oct(os.stat(first).st_mode & 0o777) == "0o644"


def test_mark_info_loses_only_the_suspects_entry_poppler_rejects():
    from reportlib.exporters.typst_exporter import readable_mark_info

    pdf = b"%PDF-1.7\n1 0 obj<</Type/Catalog/MarkInfo<</Marked true/Suspects false>>/Lang(en)>>"
    fixed = readable_mark_info(pdf)
    assert len(fixed) == len(pdf)  # every byte offset (the xref table) stays
    assert b"/Suspects" not in fixed and b"/MarkInfo<</Marked true>>" in fixed
    assert readable_mark_info(fixed) == fixed
