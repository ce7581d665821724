"""The code stays readable in a sitting: no module in ``src/`` over 600 lines, and at most
three functions of cyclomatic complexity over 20 (radon's rank D or worse, as
``radon cc -s -n D src`` lists them).

The limits are issue 27's: 600 lines is what a person reads in one sitting; complexity 20
is where a function has more paths than its tests can name one by one. Three functions
may exceed it (a parser or a dispatcher can be clearer whole than cut into pieces); a
fourth fails this test, naming every function over the limit so the next change either
splits one or says why not.
"""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function

SRC = Path(__file__).resolve().parents[2] / "src"
MAX_LINES = 600  # a module read in one sitting
MAX_COMPLEXITY = 20  # radon's ranks A to C; D (21 to 30) and worse count against the budget
MAX_OVER = 3  # functions allowed over MAX_COMPLEXITY


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _functions(code: str) -> list[Function]:
    """Every function and method radon ranks (``radon cc`` lists the same)."""
    out: list[Function] = []
    for block in cc_visit(code):
        if isinstance(block, Class):
            out.extend(block.methods)
        elif isinstance(block, Function):
            out.append(block)
    return out


def test_no_module_is_over_600_lines():
    long = {
        path.relative_to(SRC).as_posix(): n
        for path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines (split them by what they produce): {long}"


def test_at_most_three_functions_over_complexity_20():
    over = []
    for path in _modules():
        for f in _functions(path.read_text(encoding="utf-8")):
            if f.complexity > MAX_COMPLEXITY:
                where = f"{path.relative_to(SRC).as_posix()}:{f.lineno}"
                name = f"{f.classname}.{f.name}" if f.classname else f.name
                over.append(f"{where} {name} ({f.complexity})")
    assert len(over) <= MAX_OVER, (
        f"{len(over)} functions over cyclomatic complexity {MAX_COMPLEXITY}, at most "
        f"{MAX_OVER} allowed (break them into named steps):\n  " + "\n  ".join(over)
    )
