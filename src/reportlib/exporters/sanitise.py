"""Notebook preprocessors that let the Typst exporter survive notebooks from anywhere.

Each handles one way a real-world notebook breaks a PDF; the rule for all of them is the
same: convert faithfully where possible, otherwise leave a visible placeholder and log a
warning naming the cell. Nothing is dropped silently and no cell stops the document.

- ``NumberCells`` remembers each cell's position before any cell is removed, so a warning
  can name it ("cell 7").
- ``SafeAttachments`` replaces nbconvert's attachment extraction, which stores every
  attachment under its bare name: two cells with an ``image.png`` overwrote each other.
  Here each file is named by its cell and given the extension of its MIME type.
- Every path these write into Markdown or HTML is a URL (percent-encoded), as nbconvert
  writes the paths of the outputs it extracts (``files.py``; ``filter.lua`` decodes).
- ``SafeOutputs`` runs before output extraction: it drops image data that is not valid
  base64 or not an image of the type it claims, extracts GIF and WebP outputs (which
  nbconvert leaves out of Markdown), takes ``data:`` images out of HTML outputs
  (pandoc would write a Typst function that Typst 0.14 removed), prefers a static image
  to JavaScript where an output has both, and turns interactive-only outputs (Vega,
  widgets, Plotly, Bokeh) into placeholders. YAML front matter in a Markdown cell is shown
  as a YAML code block instead of vanishing into pandoc's metadata.

Placeholders are Markdown fenced divs of class ``rl-placeholder``; ``filter.lua`` draws
them as a framed note.
"""

from __future__ import annotations

import base64
import binascii
import html
import os
import re
from typing import Any
from urllib.parse import quote, unquote

from nbconvert.preprocessors import Preprocessor

from .files import url

CELL_KEY = "reportlib_cell"
WARNINGS_KEY = "reportlib_warnings"

EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/jpg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
    "application/pdf": ".pdf",
}
BINARY = {m for m in EXTENSIONS if m != "image/svg+xml"}
STATIC = ("image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/webp")
INTERACTIVE = {
    "application/vnd.jupyter.widget-view+json": "an interactive widget",
    "application/vnd.vegalite.v5+json": "a Vega-Lite chart",
    "application/vnd.vegalite.v4+json": "a Vega-Lite chart",
    "application/vnd.vegalite.v3+json": "a Vega-Lite chart",
    "application/vnd.vega.v5+json": "a Vega chart",
    "application/vnd.plotly.v1+json": "a Plotly chart",
    "application/vnd.bokehjs_exec.v0+json": "a Bokeh chart",
    "application/vnd.bokehjs_load.v0+json": "a Bokeh chart",
    "application/vnd.holoviews_exec.v0+json": "a HoloViews chart",
    "application/javascript": "JavaScript output",
}
_DATA_IMG = re.compile(
    r"""(?P<pre><img\b[^>]*?\bsrc\s*=\s*)(?P<q>["'])data:(?P<mime>[\w.+/-]+)"""
    r"""(?P<b64>;base64)?,(?P<data>[^"']*)(?P=q)""",
    re.I,
)
_MD_DATA_IMG = re.compile(  # ![alt](data:...) or ![alt](<data:...>), alt with [nested] text
    r"""(?P<pre>!\[(?:[^\[\]\\]|\\.|\[[^\]]*\])*\]\(\s*)"""
    r"""(?P<lt><)?data:(?P<mime>[\w.+/-]+)(?P<b64>;base64)?,"""
    r"""(?P<data>(?(lt)[^>\n]*|[^\s)]*))(?P<gt>(?(lt)>|))""",
    re.I,
)
_FRONT_MATTER = re.compile(
    r"\A(?:[ \t]*\n)*---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.I | re.S)
_STYLE = re.compile(r"<style\b.*?</style\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_SHOWS = re.compile(r"<(img|table|svg|math|pre|ul|ol)\b", re.I)
_URI_SAFE = "!#$&'()*+,/:;=?@~"  # what JavaScript's encodeURI leaves as it is


def cell_name(cell: Any) -> str:
    """How a warning names a cell: its position (1-based) and its id where it has one."""
    n = cell.get("metadata", {}).get(CELL_KEY)
    where = f"cell {n}" if n is not None else "a cell"
    cid = cell.get("id")
    return f"{where} (id {cid})" if cid else where


def sniff(data: bytes) -> str | None:
    """The MIME type of image bytes, from their signature (``None``: not an image)."""
    head = data[:512]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF"):
        return "application/pdf"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (
        text.startswith((b"<svg", b"<?xml", b"<!doctype svg", b"<!--"))
        and b"<svg" in data[:4096].lower()
    ):
        return "image/svg+xml"
    return None


def decode_image(data: Any, mime: str, b64: bool | None = None) -> tuple[bytes | None, str]:
    """Bytes and real MIME type of an image held in a notebook, or ``None`` and why not.

    Notebooks hold binary images as base64 and SVG as text (``b64`` overrides)."""
    if not (mime != "image/svg+xml" if b64 is None else b64):
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    else:
        text = "".join(data) if isinstance(data, list) else str(data)
        try:
            raw = base64.b64decode(re.sub(r"\s+", "", text), validate=True)
        except (binascii.Error, ValueError):
            return None, "its base64 data is malformed"
    found = sniff(raw)
    if found is None:
        return None, f"its data is not a readable image (declared {mime})"
    return raw, found


def placeholder(text: str) -> str:
    """Markdown for a visible placeholder (``filter.lua`` frames it)."""
    safe = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    return f"\n::: {{.rl-placeholder}}\n{safe}\n:::\n"


def warn(preprocessor: Preprocessor, resources: dict, message: str) -> None:
    name = (resources.get("metadata") or {}).get("name")
    message = f"{name}: {message}" if name else message
    preprocessor.log.warning("%s", message)
    resources.setdefault(WARNINGS_KEY, []).append(message)


class NumberCells(Preprocessor):
    """Stamp each cell with its position, before any preprocessor removes cells."""

    enabled = True

    def preprocess_cell(self, cell, resources, index):
        cell.setdefault("metadata", {})[CELL_KEY] = index + 1
        return cell, resources


class SafeAttachments(Preprocessor):
    """Extract Markdown-cell attachments under names unique to their cell."""

    enabled = True

    def preprocess(self, nb, resources):
        self.folder = resources.get("output_files_dir") or ""
        if not isinstance(resources.get("outputs"), dict):
            resources["outputs"] = {}
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        attachments = cell.get("attachments") or {}
        targets = {}
        for k, (name, bundle) in enumerate(sorted(attachments.items())):
            raw, found = _attachment(bundle)
            if raw is None:
                warn(self, resources, f"{cell_name(cell)}: attachment {name!r} not shown: {found}")
                targets[name] = "attachment-not-readable:" + quote(name, safe="")
            else:
                stem = re.sub(r"[^\w.-]+", "-", os.path.splitext(os.path.basename(name))[0])
                stem = stem[:64] or "image"  # the name is the attachment's, the file ours
                file = f"attachment-{cell.metadata.get(CELL_KEY, index + 1)}-{k}-{stem}"
                target = os.path.join(self.folder, file + EXTENSIONS[found]).replace(os.sep, "/")
                resources["outputs"][target] = raw
                targets[name] = url(target)  # a URL, as nbconvert writes output paths
        cell.source = _replace_attachments(cell.source, targets)
        cell.pop("attachments", None)
        return cell, resources


def _attachment(bundle: dict) -> tuple[bytes | None, str]:
    """The first image of an attachment's MIME bundle that reads, or ``None`` and why the
    first did not. JupyterLab stores every attachment as base64, an SVG too."""
    why = "it holds no data"
    for n, (mime, data) in enumerate(bundle.items()):
        raw, found = decode_image(data, mime)
        if raw is None and mime == "image/svg+xml":
            raw, found = decode_image(data, mime, b64=True)
        if raw is not None:
            return raw, found
        why = found if n == 0 else why
    return None, why


def _replace_attachments(source: str, targets: dict[str, str]) -> str:
    """``attachment:<name>`` references replaced by their targets. A reference is a URL:
    editors write the name as it stands (Jupyter Notebook's paste; JupyterLab names
    attachments by UUID) or percent-encoded (a name with a space must be, for Markdown to
    read a link), as ``encodeURI`` or ``encodeURIComponent`` would; all three forms are
    found. Longer names go first, so ``a.png`` does not take the front of ``a.png.png``."""
    forms: dict[str, str] = {}
    for name, target in targets.items():
        for form in (name, quote(name, safe=_URI_SAFE), quote(name, safe="")):
            forms.setdefault(form, target)
    if not forms:
        return source
    pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.sub(f"attachment:({pattern})", lambda m: forms[m[1]], source)


class SafeOutputs(Preprocessor):
    """Make every output something Typst can show, or a visible placeholder."""

    enabled = True

    def preprocess(self, nb, resources):
        self.folder = resources.get("output_files_dir") or ""
        self.key = resources.get("unique_key") or "output"
        if not isinstance(resources.get("outputs"), dict):
            resources["outputs"] = {}
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = self._front_matter(cell, resources)
            cell.source = self._data_images(cell.source, cell, resources, f"md{index}", True)
            return cell, resources
        if cell.cell_type != "code":
            return cell, resources
        for k, output in enumerate(cell.get("outputs", [])):
            data = output.get("data")
            if output.get("output_type") not in ("display_data", "execute_result") or not data:
                continue
            self._check_images(output, cell, resources)
            self._gif_webp(output, resources, f"{index}_{k}")
            if "text/html" in data:
                data["text/html"] = self._data_images(
                    "".join(data["text/html"]), cell, resources, f"{index}_{k}"
                )
            self._interactive(output, cell, resources)
        return cell, resources

    def _check_images(self, output, cell, resources) -> None:
        data = output["data"]
        for mime in [m for m in data if m in EXTENSIONS]:
            raw, found = decode_image(data[mime], mime)
            if raw is None:
                del data[mime]
                output.get("metadata", {}).pop(mime, None)
                message = f"{cell_name(cell)}: an image output ({mime}) not shown: {found}"
                warn(self, resources, message)
                if not any(m in data for m in STATIC):
                    data["text/markdown"] = placeholder(f"[Image not shown: {found}.]")
                    data.pop("text/html", None)
            elif found != mime and mime in BINARY | {"image/svg+xml"}:
                # the data is an image, but not of the declared type: keep it, as what it is
                del data[mime]
                if found == "image/svg+xml":
                    data[found] = raw.decode("utf-8", "replace")
                else:
                    data[found] = base64.b64encode(raw).decode("ascii")

    def _gif_webp(self, output, resources, tag: str) -> None:
        """A GIF or WebP output (an animation, ``Image("x.gif")``): nbconvert neither
        extracts nor shows one (its Markdown knows PNG, JPEG and SVG), Typst draws it (the
        first frame). Extracted here, as nbconvert names outputs, and shown as an image."""
        data = output["data"]
        mime = next((m for m in ("image/gif", "image/webp") if m in data), None)
        if mime is None or any(m in data for m in ("image/svg+xml", "image/png", "image/jpeg")):
            return
        raw, found = decode_image(data[mime], mime)  # checked: readable, of this type
        if raw is None:
            return
        file = os.path.join(self.folder, f"{self.key}_{tag}{EXTENSIONS[found]}")
        file = file.replace(os.sep, "/")
        resources["outputs"][file] = raw
        for m in [m for m in data if m != "text/plain"]:
            del data[m]  # an HTML or JavaScript form would be chosen before the image
        data["text/markdown"] = f"![image]({url(file)})"

    def _interactive(self, output, cell, resources) -> None:
        data = output["data"]
        kinds = [INTERACTIVE[m] for m in data if m in INTERACTIVE]
        html_text = "".join(data.get("text/html", ""))
        if _SCRIPT.search(html_text):
            kinds.append("a JavaScript output")
        if not kinds:
            return
        if any(m in data for m in STATIC):  # a static rendering exists: show it
            for m in [m for m in data if m in INTERACTIVE or m == "text/html"]:
                del data[m]
            return
        visible = _TAG.sub("", _STYLE.sub("", _SCRIPT.sub("", html_text))).strip()
        if visible or _SHOWS.search(_SCRIPT.sub("", html_text)):
            return  # the HTML shows something by itself (a table, text): keep that
        plain = "".join(data.get("text/plain", "")).strip()
        what = kinds[0]
        note = f"[Not shown in the PDF: {what}, which needs a browser.]"
        if plain:
            note += f" Its text form: {plain[:200]}"
        warn(self, resources, f"{cell_name(cell)}: {what} not shown in the PDF (interactive)")
        for m in list(data):
            del data[m]
        data["text/markdown"] = placeholder(note)

    def _data_images(self, text: str, cell, resources, tag: str, markdown: bool = False) -> str:
        """Move ``data:`` images into files, so Typst can read them: in HTML (``<img
        src>``), and in Markdown (``![alt](data:...)``) where ``text`` is Markdown."""
        count = 0

        def extract(match: re.Match) -> str:
            """The name a ``data:`` image is now read by (a URL)."""
            nonlocal count
            count += 1
            mime = match["mime"].lower()
            payload = match["data"]
            if match["b64"]:
                raw, found = decode_image(payload, mime, b64=True)
            else:
                raw, found = decode_image(unquote(payload), mime, b64=False)
            if raw is None:
                warn(self, resources, f"{cell_name(cell)}: an embedded image not shown: {found}")
                return "embedded-image-not-readable"
            file = os.path.join(self.folder, f"{self.key}_{tag}_html{count}{EXTENSIONS[found]}")
            file = file.replace(os.sep, "/")
            resources["outputs"][file] = raw
            return url(file)  # src is a URL (filter.lua decodes it)

        text = _DATA_IMG.sub(lambda m: f"{m['pre']}{m['q']}{html.escape(extract(m))}{m['q']}", text)
        if markdown:
            text = _MD_DATA_IMG.sub(
                lambda m: f"{m['pre']}{m['lt'] or ''}{extract(m)}{m['gt']}", text
            )
        return text

    def _front_matter(self, cell, resources) -> str:
        match = _FRONT_MATTER.match(cell.source)
        if not match:
            return cell.source
        body = match["body"]
        fence = "~~~~" if "```" not in body else "~~~~~~~~"
        self.log.info("%s: YAML front matter shown as a code block", cell_name(cell))
        return f"{fence} yaml\n---\n{body}---\n{fence}\n" + cell.source[match.end() :]
