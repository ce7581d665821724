"""One copy of the notebook to preprocess, not two.

nbconvert's ``Exporter.from_notebook_node`` deep-copies the notebook, ``_preprocess``
copies that copy, and ``nbformat.validator.normalize`` copies it once more: a report's
notebook, with its charts, tables and facts, takes milliseconds to copy each time, twice
per report for each exporter. ``PreprocessOnce`` preprocesses the copy ``normalize``
returns, which nothing else holds; every other step is nbconvert's own (nbconvert 7).
"""

from __future__ import annotations

import copy
from typing import Any

from nbformat import validator


class PreprocessOnce:
    """An exporter mixin (before the nbconvert exporter it is mixed into)."""

    def _preprocess(self: Any, nb: Any, resources: Any) -> tuple[Any, Any]:
        resc = copy.deepcopy(resources)
        _, nbc = validator.normalize(nb)  # a deep copy, with its changes
        preprocessor = None
        for preprocessor in self._preprocessors:
            nbc, resc = preprocessor(nbc, resc)
            if not self.optimistic_validation:
                self._validate_preprocessor(nbc, preprocessor)
        if self.optimistic_validation:
            self._validate_preprocessor(nbc, preprocessor)
        return nbc, resc
