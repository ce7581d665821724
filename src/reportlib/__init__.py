"""reportlib: sourced, parameterised analytical reports rendered to HTML and PDF briefs."""

from __future__ import annotations

__version__ = "0.1.0"

from .report import Report, open_report  # noqa: E402

__all__ = ["Report", "__version__", "open_report"]
