"""Seeded, vectorised Monte Carlo over the inputs' ranges.

Distribution choice: each input with a range is drawn from a triangular distribution with
its mode at the selected claim's value and its ends at the range's low and high (what the
wording allows, widened where other chains of sources count the same thing over the same
period: see ``inputs.py``). A stated figure is the most likely value and the bounds are
hard limits, which is what a triangle encodes; it is also what a reader would sketch.
"More than 10,000" (10,000 to 12,000, mode 10,000) so leans towards its floor. An input
with no range is a constant. Inputs are drawn independently (no source gives their
correlation). The same seed gives the same draws, bit for bit.
"""

from __future__ import annotations

import numpy as np

from .inputs import Input


def draw(inputs: dict[str, Input], n: int, seed: int) -> dict[str, np.ndarray]:
    """``n`` draws of every input, in a fixed order of names so the seed is stable."""
    rng = np.random.Generator(np.random.PCG64(seed))
    out: dict[str, np.ndarray] = {}
    for name in sorted(inputs):
        x = inputs[name]
        if x.high > x.low:
            out[name] = rng.triangular(x.low, x.central, x.high, size=n)
        else:
            out[name] = np.full(n, x.central)
    return out


def central(inputs: dict[str, Input]) -> dict[str, float]:
    return {name: x.central for name, x in inputs.items()}
