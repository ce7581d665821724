"""The fonts reports use, all installed from PyPI, and a check that they cover the text.

- Typst's bundled Libertinus Serif (body) and New Computer Modern Math (math);
- matplotlib's DejaVu Sans and Sans Mono (headings, tables, charts, code);
- Noto Serif KR and Noto Sans KR from ``pylopdf-fonts-ko`` for Hangul (names and
  Korean-language sources are real in this subject);
- last, Noto Sans Symbols and Noto Emoji (monochrome outlines, so they print and archive
  like text) from ``manimgx-fonts``, for the symbols and emoji notebooks are full of
  (✅, ❌, ⚠), with Noto Sans for the scripts the faces above lack (Devanagari, Thai...).

Each face falls back to the next for characters it lacks. A character that no shipped
font covers fails a report build with its name and code point (``MissingGlyphError``),
rather than printing as an empty box; for notebooks from elsewhere the exporter prints
U+FFFD instead and logs a warning naming it (``missing_glyphs``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import matplotlib

FALLBACK = ("Noto Sans Symbols", "Noto Emoji")
SERIF = ("Libertinus Serif", "Noto Serif KR", "DejaVu Sans", *FALLBACK)
SANS = ("DejaVu Sans", "Noto Sans KR", *FALLBACK)
MONO = ("DejaVu Sans Mono", "Noto Sans KR", *FALLBACK)


class MissingGlyphError(ValueError):
    """Text holds a character that none of the report fonts can draw."""


def korean_font_dir() -> Path:
    import pylopdf_fonts_ko

    return Path(pylopdf_fonts_ko.__file__).resolve().parent


def matplotlib_font_dir() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def fallback_font_dir() -> Path:
    import manimgx_fonts

    return Path(manimgx_fonts.__file__).resolve().parent


def font_paths() -> list[str]:
    """Folders Typst loads fonts from, beside its own bundled fonts."""
    return [str(matplotlib_font_dir()), str(korean_font_dir()), str(fallback_font_dir())]


def font_files() -> list[Path]:
    return [
        matplotlib_font_dir() / "DejaVuSans.ttf",
        matplotlib_font_dir() / "DejaVuSansMono.ttf",
        korean_font_dir() / "NotoSansKR-Regular.otf",
        korean_font_dir() / "NotoSerifKR-Regular.otf",
        *sorted(fallback_font_dir().glob("*.ttf")),
    ]


@cache
def covered() -> frozenset[int]:
    """Every code point some shipped font draws (Libertinus, whose file is inside the
    typst wheel, covers a subset of DejaVu's Latin, so DejaVu stands for it)."""
    return frozenset().union(*(points for _, _, points in faces()))


@cache
def faces() -> tuple[tuple[str, Path, frozenset[int]], ...]:
    """Each shipped font file: its family name, path and the code points it draws."""
    from matplotlib.ft2font import FT2Font

    out = []
    for path in font_files():
        font = FT2Font(str(path))
        out.append((str(font.family_name), path, frozenset(font.get_charmap())))
    return tuple(out)


@cache
def face_for(ch: str, order: tuple[str, ...] = SANS) -> tuple[str, Path] | None:
    """The face that draws ``ch``: the first of ``order`` that has it, else the first
    shipped font that does (None: none does). Asked for every character of a chart's
    texts: each answer is kept."""
    ranked = sorted(faces(), key=lambda f: order.index(f[0]) if f[0] in order else len(order))
    for family, path, points in ranked:
        if ord(ch) in points:
            return family, path
    return None


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` that no shipped font can draw, in code point order."""
    have = covered()
    return sorted({ch for ch in text if ord(ch) not in have and not _invisible(ch)})


def check_glyphs(text: str, where: str) -> None:
    """Raise ``MissingGlyphError`` naming each character of ``text`` no font can draw."""
    missing = missing_glyphs(text)
    if missing:
        names = ", ".join(
            f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')} ({ch!r})" for ch in missing[:10]
        )
        raise MissingGlyphError(f"{where}: no report font has a glyph for {names}")


def _invisible(ch: str) -> bool:
    # Controls, format characters (bidi marks, zero-width joiners) and line breaks are
    # layout instructions, not glyphs.
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or ch in "\n\r\t"


@cache
def register_with_matplotlib() -> None:
    """Make the Korean faces available to matplotlib (the style sheet lists them)."""
    from matplotlib import font_manager

    for path in font_files()[:4]:  # charts use the faces of their style sheet only
        font_manager.fontManager.addfont(str(path))


#: The smallest a chart's text may be drawn on screen, in CSS pixels.
LEGIBLE_PX = 11
_SVG_WIDTH = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)(pt|px)?"')
_VIEWBOX = re.compile(r'<svg\b[^>]*?\bviewBox="[\d.\s-]+?\s([\d.]+)\s[\d.]+"')
_FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)px")


def legible_width(svg: str) -> int | None:
    """The width in CSS pixels at which a chart's smallest text is ``LEGIBLE_PX`` tall
    (never less than its own width): the figure is shown at least this wide, in a box
    that scrolls sideways where the window is narrower. None: not a chart we can read."""
    width, view, sizes = _SVG_WIDTH.search(svg), _VIEWBOX.search(svg), _FONT_SIZE.findall(svg)
    if not (width and view and sizes):
        return None
    css = float(width.group(1)) * (4 / 3 if width.group(2) in (None, "pt") else 1)
    per_unit = css / float(view.group(1))  # CSS px per user unit at the chart's own size
    smallest = min(float(x) for x in sizes) * per_unit
    return round(css * max(1.0, LEGIBLE_PX / smallest))
