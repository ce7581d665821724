"""Claimants as a reader sees them.

The labels of quantities, inputs, metrics and parameters are the vocabulary's
(``ledger.vocabulary``), declared once there.
"""

from __future__ import annotations

#: A claimant as a reader sees it, where the ledger keeps the source's full wording and
#: that wording reads badly in a sentence ("UK Ministry of Defence Defence Intelligence"
#: reads as a typo). Views show ``claimant_label``; the ledger keeps the claimant as stated.
CLAIMANT_DISPLAY = {
    "Korea Institute for Defense Analyses (Park Yong-han)": (
        "Korea Institute for Defense Analyses (KIDA)"
    ),
    "UK Ministry of Defence Defence Intelligence": "UK Defence Intelligence",
    "National Intelligence Service report to the National Assembly intelligence committee": (
        "National Intelligence Service report to the National Assembly"
    ),
}


def claimant_label(claimant: str) -> str:
    """The display name of a claimant (``CLAIMANT_DISPLAY``, else as the ledger has it)."""
    return CLAIMANT_DISPLAY.get(claimant, claimant)


def _cell(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def publisher_name(source: object) -> str:
    """Who published a source's text, as a reader cites it: the original's publisher where
    the ledger read a copy (``copy_of``: "CNN", not the mirror it was read at)."""
    return _cell(getattr(source, "copy_of", "")) or _cell(getattr(source, "publisher", ""))


def publisher_words(source: object) -> str:
    """A source's publisher for the source list: "CNN (read in a copy at jubi24)" where the
    ledger read a copy, else the publisher."""
    original = _cell(getattr(source, "copy_of", ""))
    publisher = _cell(getattr(source, "publisher", ""))
    return f"{original} (read in a copy at {publisher})" if original else publisher
