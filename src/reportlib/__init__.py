"""reportlib: sourced, parameterised analytical reports rendered to HTML and PDF briefs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what __getattr__ gives, for type checkers
    from .report import Report, open_report

__version__ = "0.1.0"

__all__ = ["Report", "__version__", "open_report"]


def __getattr__(name: str):
    # Imported on first use: the CLI's fast paths (a warm build, check) never load pandas.
    if name in ("Report", "open_report"):
        from . import report

        return getattr(report, name)
    raise AttributeError(f"module 'reportlib' has no attribute {name!r}")
