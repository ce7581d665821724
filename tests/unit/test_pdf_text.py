"""The PDF's text as the audit reads it: a character beyond the Basic Multilingual Plane
(an emoji, a rare letter) is one character, not PDFium's two UTF-16 halves, so it matches
the ledger text it came from and can be written to the manifest (found by a generated
ledger: a claimant with U+1DF14 left its figure untraced and the manifest unwritable)."""

from __future__ import annotations

from reportlib.exporters.text import _whole_characters


def test_a_surrogate_pair_is_one_character():
    assert _whole_characters("ĺ\ud837\udf146 71049") == "ĺ\U0001df146 71049"
    assert _whole_characters("skin \ud83c\udffb tone") == "skin \U0001f3fb tone"
    assert _whole_characters("plain text") == "plain text"


def test_a_lone_half_becomes_a_replacement_character_and_encodes():
    out = _whole_characters("a\ud837b")
    assert out == "a\ufffdb"
    out.encode("utf-8")
