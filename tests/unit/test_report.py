"""``open_report``: a notebook must pass every parameter, by name."""

import ast
import json
from pathlib import Path

import pytest

from reportlib.params import NAMES, ParameterError, ReportParams
from reportlib.report import open_report


def test_a_forgotten_parameter_is_an_error_not_a_default():
    values = ReportParams().model_dump()
    del values["seed"]
    with pytest.raises(ParameterError, match="missing seed"):
        open_report(**values)


NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_passes_every_parameter_to_open_report(path):
    calls = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "open_report":
                calls.append(node)
    assert len(calls) == 1, f"{path.name}: expected one open_report(...) call"
    passed = {(k.arg, getattr(k.value, "id", None)) for k in calls[0].keywords}
    assert passed == {(name, name) for name in NAMES}, f"{path.name}: {sorted(passed)}"
