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


#: The organisation behind a claimant, for independence: the intelligence service's
#: briefings, whichever lawmakers relayed them, are one chain of reporting, as are
#: Ukraine's president, its officials and its military intelligence. The first fragment a
#: claimant contains (case-insensitive) names it; a claimant with none is its own.
ORGANISATIONS = (
    ("National Intelligence Service", "South Korea's intelligence service"),
    ("South Korean intelligence", "South Korea's intelligence service"),
    ("Joint Chiefs", "South Korea's Joint Chiefs of Staff"),
    ("South Korea's military", "South Korea's Joint Chiefs of Staff"),
    ("UK Ministry of Defence", "UK Defence Intelligence"),
    ("Multilateral Sanctions Monitoring Team", "the sanctions monitoring team"),
    ("Zelensky", "Ukraine's government"),
    ("Ukrainian officials", "Ukraine's government"),
    ("Ukraine's military intelligence", "Ukraine's government"),
    ("Budanov", "Ukraine's government"),
    ("Pentagon", "the Pentagon"),
    ("Shin Won-sik", "South Korea's national security adviser"),
    ("Western officials", "Western officials speaking to the BBC"),
    ("JoongAng Ilbo citing unnamed", "JoongAng Ilbo, citing unnamed officials"),
    ("Yonhap (article narrative", "Yonhap"),
    ("unification ministry", "South Korea's unification ministry"),
)


def organisation(claimant: str) -> str:
    """The organisation a claimant speaks for (``ORGANISATIONS``), else its display name."""
    low = claimant.lower()
    for fragment, name in ORGANISATIONS:
        if fragment.lower() in low:
            return name
    return claimant_label(claimant)
