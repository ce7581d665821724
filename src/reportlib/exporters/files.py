"""How the Typst exporters name the files they write beside the Typst source.

Three conventions meet on an image's way into a PDF, and a notebook's name crosses all
three (``My analysis (v2).ipynb`` puts its plots in ``My analysis (v2)_files/``):

- nbconvert writes the path of an extracted output into Markdown as a URL, each part
  percent-encoded (``path2url``: ``My%20analysis%20%28v2%29_files/...``); so must every
  path reportlib's preprocessors write (attachments, images taken out of HTML), and a
  path read back from Markdown or HTML is a URL to decode once (``filter.lua``).
- Typst reads a path as it stands, relative to the source file and inside its root; it
  refuses a path holding a backslash (a legal character in a Unix file name).
- The file system refuses a name longer than 255 bytes, which nbconvert's names reach
  when a notebook's name is long (``<name>_files/<name>_12_0.png``).

``typst_names`` maps each file an export holds to a name all three accept: the same name
wherever it already is one (almost always), else the nearest safe one. The PDF exporter
writes the files under these names into its temporary root, the source exporter beside
the ``.typ`` (self-contained: ``typst compile`` needs nothing else).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from urllib.parse import quote

NAME_MAX = 255  # bytes in one file name (Linux, macOS, Windows)
_UNSAFE = {chr(c) for c in range(32)} | {"\x7f", "\\"}


def url(path: str) -> str:
    """A relative path as nbconvert writes it into Markdown: each part percent-encoded."""
    return "/".join(quote(part, safe="") for part in path.replace(os.sep, "/").split("/"))


def _fit(part: str, limit: int = NAME_MAX) -> str:
    """``part`` cut to ``limit`` UTF-8 bytes, its extension kept and a hash of the whole
    name added, so two long names that share a beginning stay apart."""
    if len(part.encode("utf-8")) <= limit:
        return part
    stem, ext = os.path.splitext(part)
    if len(ext.encode("utf-8")) > 16:
        stem, ext = part, ""
    tag = "-" + hashlib.sha1(part.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    room = limit - len(ext.encode("utf-8")) - len(tag)
    return stem.encode("utf-8")[:room].decode("utf-8", "ignore") + tag + ext


def typst_path(name: str) -> str:
    """A relative path Typst can read and the file system can hold, as close to ``name``
    as possible: no backslash or control character, no absolute or ``..`` part (the
    file stays inside the folder it is written to), no part longer than ``NAME_MAX``."""
    parts = []
    for part in name.replace(os.sep, "/").split("/"):
        part = "".join("_" if ch in _UNSAFE else ch for ch in part)
        if part in ("", "."):
            continue
        parts.append(_fit("_" if part == ".." else part))
    return "/".join(parts) or "_"


def typst_names(names: Iterable[str]) -> dict[str, str]:
    """Each name mapped to its ``typst_path``, distinct names kept distinct."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    # names that are safe already keep themselves; the others give way to them
    for name in sorted(set(names), key=lambda n: (typst_path(n) != n, n)):
        safe = candidate = typst_path(name)
        n = 1
        while candidate in taken:
            n += 1
            head, _, last = safe.rpartition("/")
            stem, ext = os.path.splitext(last)
            last = _fit(f"{stem}-{n}{ext}")
            candidate = f"{head}/{last}" if head else last
        taken.add(candidate)
        out[name] = candidate
    return out


def typst_string(text: str) -> str:
    """``text`` as a Typst string literal (as ``filter.lua`` writes one)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'
