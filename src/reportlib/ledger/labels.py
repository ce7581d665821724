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
