"""Right-to-left words in left-to-right text, kept in their place.

A report's text runs left to right. Where a right-to-left word (Hebrew, Arabic, and the
like) is followed by a number and punctuation, the Unicode bidirectional algorithm
carries them into the right-to-left run: "שלום, 2027 (2026-11-20) [6]" is drawn as
"[6] (2026-11-20) 2027 ,שלום" with its brackets mirrored. A browser and Typst both do so.

For HTML, ``isolate_rtl`` wraps each run of right-to-left words (and the spaces and
plain punctuation between them) in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE
(U+2068 … U+2069): the run is laid out on its own, and to the text around it counts as
one neutral character, so what follows a run keeps the direction of the paragraph.

Typst (0.13) does not honour the isolates: for a left-to-right document, ``end_rtl``
puts a LEFT-TO-RIGHT MARK (U+200E) after each run instead, a strong left-to-right
character that ends the run's pull on what follows. All three are invisible (Unicode
default-ignorable) and take no glyph; the audit takes them out of extracted text.

PDFium's text extraction (what the audit reads) runs its own bidirectional pass over a
line that holds right-to-left letters and reorders it, even laid out right; for such a
line ``exporters.text`` reads the characters in the order they are drawn.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FSI = "\u2068"
PDI = "\u2069"
LRM = "\u200e"
#: The directional marks, isolates and embeddings: what ``strip_isolates`` takes out.
DIRECTIONAL = re.compile("[\u200e\u200f\u2066-\u2069\u202a-\u202e]")
#: Languages Typst sets right to left (its ``Lang::dir``): there a run needs no end mark.
RTL_LANGUAGES = frozenset(["ar", "dv", "fa", "he", "ks", "pa", "ps", "sd", "ug", "ur", "yi"])

#: Letters (and their marks, digits and punctuation) of the right-to-left scripts in the
#: Basic Multilingual Plane: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic
#: and the presentation forms.
RTL_LETTER = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"
# Between two right-to-left words the bidirectional algorithm already gives spaces and
# plain punctuation the right-to-left direction; so they may join one run.
_JOINER = r"[ \t\u00a0\-\u2010-\u2014'\"\u2018\u2019\u201c\u201d.,:;!?/\u2026]"
_RUN = re.compile(rf"[{RTL_LETTER}]+(?:{_JOINER}+[{RTL_LETTER}]+)*")
# in HTML: the text between tags, outside <script>, <style> and <textarea>
_HTML_SKIP = re.compile(r"<(script|style|textarea)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)


def isolate_rtl(text: str) -> str:
    """``text`` with each run of right-to-left words isolated (see the module)."""
    if not re.search(f"[{RTL_LETTER}]", text):
        return text
    return _RUN.sub(lambda m: FSI + m.group(0) + PDI, text)


def end_rtl(text: str) -> str:
    """``text`` with a left-to-right mark after each run of right-to-left words."""
    if not re.search(f"[{RTL_LETTER}]", text):
        return text
    return _RUN.sub(lambda m: m.group(0) + LRM, text)


def _outside(text: str, skip: re.Pattern[str], change: Callable[[str], str]) -> str:
    if not re.search(f"[{RTL_LETTER}]", text):
        return text
    out, at = [], 0
    for m in skip.finditer(text):
        out.append(change(text[at : m.start()]))
        out.append(m.group(0))
        at = m.end()
    out.append(change(text[at:]))
    return "".join(out)


def end_rtl_outside(text: str, skip: re.Pattern[str]) -> str:
    """``end_rtl`` on ``text`` except where ``skip`` matches (left as it is)."""
    return _outside(text, skip, end_rtl)


def isolate_rtl_html(page: str) -> str:
    """``isolate_rtl`` on an HTML page's text, never inside a tag, a script or a style."""
    return _outside(page, _HTML_SKIP, isolate_rtl)


def strip_isolates(text: str) -> str:
    """``text`` without directional isolates and embeddings (for drawing in a chart, whose
    renderer has no bidirectional layout and would show them as boxes)."""
    return DIRECTIONAL.sub("", text)
