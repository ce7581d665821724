"""nbconvert exporters to Typst source and to PDF through Typst: no LaTeX, no browser.

The notebook goes through nbconvert's Markdown exporter (so ``--no-input``,
``--no-prompt``, tag removal and every other nbconvert option apply as usual), then pandoc
(bundled by ``pypandoc-binary``) turns the Markdown into Typst with ``filter.lua`` reading
pandas' HTML tables as tables, and the ``typst`` package compiles the PDF in-process with
only its bundled fonts and the fonts of ``reportlib.fonts``, so the bytes do not depend on
the fonts a machine has installed.

Any notebook converts: what Typst cannot show (an image that is missing or unreadable, an
interactive output, a link to nowhere, a character no font has) becomes a visible
placeholder and a logged warning naming the cell (``sanitise.py``, ``filter.lua``); the
warnings are also in ``resources["reportlib_warnings"]``. Report builds are stricter: with
``strict_glyphs`` a character no font has fails the export, with ``strict_placeholders``
anything shown only as a placeholder does (a report's table with no rows, an image not
found), and ``pdf_standards`` makes Typst refuse a document that is not accessible and
archival (PDF/UA-1, PDF/A-2a).

Registered as ``typst`` and ``typst-pdf`` through the ``nbconvert.exporters`` entry point:
``jupyter nbconvert --to typst-pdf notebook.ipynb``.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import typst
from nbconvert.exporters import MarkdownExporter
from traitlets import Bool, Integer, List, Unicode, default
from traitlets.config import Config

from .bidi import RTL_LANGUAGES, end_rtl_outside
from .files import typst_names, typst_path, typst_string
from .html_exporter import IMAGES_FIRST
from .pandoc_run import run_pandoc
from .preprocess import PreprocessOnce
from .sanitise import WARNINGS_KEY, NumberCells, SafeAttachments, SafeOutputs

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
FILTER = HERE / "filter.lua"
PREAMBLE = HERE / "report.typ"
# No citations (``@name`` is a handle or a cross-reference, not a bibliography key), no
# HTML <div> read as a pandoc div (its content would spill out of the cell), and no
# YAML metadata blocks (front matter is shown, not swallowed).
PANDOC_FROM = (
    "markdown-markdown_in_html_blocks-native_divs-raw_attribute-citations-yaml_metadata_block"
    "+tex_math_dollars"
)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf"}
_CELL = re.compile(r'^:{9} \{\.rl-cell cell="(\d*)"\}$', re.M)
# Where a Markdown link or image, or an HTML src or href, points: ](dest), ](<dest>), src="dest"
_DESTINATION = re.compile(
    r"""\]\(\s*(?:<[^>\n]*>|[^\s)]+)|\b(?:src|href)\s*=\s*(?:"[^"]*"|'[^']*')""", re.I
)


class PlaceholderError(RuntimeError):
    """A report build (``strict_placeholders``) met something the PDF could only show as a
    placeholder; the message names each, with its cell."""


_MARK_INFO = b"/MarkInfo<</Marked true/Suspects false>>"


def readable_mark_info(pdf: bytes) -> bytes:
    """``pdf`` without the ``/Suspects false`` Typst writes in its catalog's ``/MarkInfo``:
    poppler reports it as a syntax error ("Suspects object is wrong type (boolean)"),
    though false is the default it means. Blanked to spaces of the same length, so every
    byte offset (the cross-reference table) stays as it was."""
    at = pdf.find(_MARK_INFO)
    if at == -1:
        return pdf
    kept = b"/MarkInfo<</Marked true>>"
    return pdf[:at] + kept.ljust(len(_MARK_INFO)) + pdf[at + len(_MARK_INFO) :]


def font_paths() -> list[str]:
    """Font folders Typst may use beside its bundled fonts (see ``reportlib.fonts``)."""
    from ..fonts import font_paths as paths

    return paths()


@cache
def typst_fonts(extra: tuple[str, ...] = ()) -> typst.Fonts:
    """The fonts Typst may use: its bundled ones and those of ``font_paths`` and
    ``extra``, never the system's. Found once per process (the build's fork server finds
    them for every report; a search took 12 ms of each compile); finding them starts no
    thread, so a process that forks after it is safe (a compile is not: see
    ``builds.pool``)."""
    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=True,
        font_paths=[*font_paths(), *extra],
    )


_DIALECT_OPEN = re.compile(r'^<div class="(keybox|finding|references|mathjax_ignore)"[^>]*>\s*$')


def dialect_divs(markdown: str) -> str:
    """The HTML ``div`` blocks of reportlib's Markdown dialect (the key-judgments box, the
    ``mathjax_ignore`` wrapper) as pandoc fenced divs, so the Markdown inside them is read
    as Markdown; any other ``div`` stays raw HTML, as in an arbitrary notebook."""
    out, open_ = [], []
    for line in markdown.split("\n"):
        m = _DIALECT_OPEN.match(line)
        if m:
            open_.append(m.group(1))
            # mathjax_ignore only guards JupyterLab's typesetter: nothing to keep here
            out.append("" if m.group(1) == "mathjax_ignore" else f"::: {m.group(1)}")
        elif open_ and line.strip() == "</div>":
            out.append("" if open_.pop() == "mathjax_ignore" else ":::")
        else:
            out.append(line)
    return "\n".join(out)


def markdown_to_typst(markdown: str, settings: dict | None = None) -> tuple[str, list[str]]:
    """Convert notebook Markdown (with raw HTML outputs) to a Typst body.

    Returns the body and the filter's messages (see ``filter.lua``)."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".json") as handle:
        json.dump(settings or {}, handle, ensure_ascii=False)
        handle.flush()
        proc = run_pandoc(
            ["--from", PANDOC_FROM, "--to", "typst", "--lua-filter", str(FILTER), "--wrap=none"],
            markdown,
            {"REPORTLIB_FILTER": handle.name},
        )
    # one message a line, split on "\n" only: a name may hold U+0085 or U+2028
    messages = proc.stderr.decode("utf-8", "replace").split("\n")
    return proc.stdout.decode("utf-8"), messages


def _first_heading(nb: Any) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def _standfirst(nb: Any, title_cell_only: bool = False) -> str:
    """The first paragraph of prose after the title: what the document is about."""
    cells = [c for c in nb.cells if c.cell_type == "markdown"]
    for cell in cells[:1] if title_cell_only else cells:
        for para in re.split(r"\n\s*\n", cell.source):
            para = para.strip()
            if para and not para.startswith(("#", "|", "<", "!", "-", "*", ":", "$", "`")):
                return re.sub(r"\s+", " ", para)
    return ""


def _cell_at(markdown: str, at: int) -> str:
    """The cell (as named by the template's fenced divs) that holds position ``at``."""
    found = ""
    for match in _CELL.finditer(markdown, 0, at):
        found = match.group(1)
    return f"cell {found}" if found else "the document"


def _authors(nb: Any) -> list[str]:
    authors = nb.metadata.get("authors") or []
    names = [a.get("name", "") if isinstance(a, dict) else str(a) for a in authors]
    return [n for n in names if n]


class TypstExporter(PreprocessOnce, MarkdownExporter):
    """Export a notebook to a Typst document (``.typ``) with images beside it."""

    export_from_notebook = "Typst"
    output_mimetype = "text/x-typst"

    timestamp = Integer(
        None,
        allow_none=True,
        help="PDF creation time (Unix seconds). Default: SOURCE_DATE_EPOCH, else the "
        "notebook's reportlib as-of date, else 0, so the same notebook gives the same bytes.",
    ).tag(config=True)
    extra_font_paths = List(Unicode(), help="More font folders for Typst.").tag(config=True)
    strict_glyphs = Bool(
        False,
        help="Fail on a character that no font can draw (report builds). Otherwise it "
        "prints as a replacement character and a warning names it.",
    ).tag(config=True)
    strict_placeholders = Bool(
        False,
        help="Fail on anything the PDF could only show as a placeholder (report builds: a "
        "table with no rows, an image not found, a link to nowhere). Otherwise the "
        "placeholder is shown and a warning names it.",
    ).tag(config=True)
    keep_rows = Bool(
        False,
        help="Keep each table row on one page (report builds, whose ledger text in a cell "
        "is bounded: see reportlib check). Otherwise a row taller than what is left of a "
        "page runs on to the next, so no cell of a notebook from elsewhere is cut off.",
    ).tag(config=True)
    author = Unicode("", help="Document author (default: the notebook's metadata.authors).").tag(
        config=True
    )
    subject = Unicode(
        "",
        help="Document subject where the notebook has none of its own (metadata "
        "reportlib.subject, else the paragraph under its title); else its first paragraph.",
    ).tag(config=True)
    keywords = List(Unicode(), help="Document keywords (added to metadata keywords).").tag(
        config=True
    )
    language = Unicode(
        "en",
        help="Language of the text (BCP 47, e.g. en or en-GB), unless the notebook's "
        "metadata reportlib.language says otherwise.",
    ).tag(config=True)

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".typ"

    @property
    def default_config(self):  # type: ignore[override]
        c = Config(super().default_config)  # a copy (traitlets types .copy() as a dict)
        c.merge(Config({"NbConvertBase": {"display_data_priority": IMAGES_FIRST}}))
        return c

    @default("template_name")
    def _template_name_default(self) -> str:
        return "reportlib_typst"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".md.j2"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]

    @default("default_preprocessors")
    def _default_preprocessors_default(self) -> list:
        """nbconvert's, with cells numbered first, outputs made safe before extraction
        and attachments extracted under unique names."""
        stock = MarkdownExporter.class_traits()["default_preprocessors"].default() or []
        out: list = [NumberCells]
        for name in stock:
            if name.endswith("ExtractOutputPreprocessor"):
                out.append(SafeOutputs)
            if name.endswith("ExtractAttachmentsPreprocessor"):
                out.append(SafeAttachments)
                continue
            out.append(name)
        return out

    def document_inputs(self, nb: Any, resources: dict) -> dict[str, str]:
        """Title, metadata and footer text for the page template (via ``sys.inputs``)."""
        meta = nb.metadata.get("reportlib", {})
        name = resources.get("metadata", {}).get("name", "")
        title = meta.get("title") or _first_heading(nb) or name
        lang, region = self._language(nb)
        keywords = [*self.keywords, *(meta.get("keywords") or [])]
        return {
            "title": str(title),
            "subtitle": str(meta.get("subtitle", "")),
            "footer": str(meta.get("footer", title)),
            "author": str(meta.get("author") or self.author or "; ".join(_authors(nb))),
            "subject": str(
                meta.get("subject") or _standfirst(nb, True) or self.subject or _standfirst(nb)
            ),
            "keywords": "\n".join(dict.fromkeys(str(k) for k in keywords if k)),
            "lang": lang,
            "region": region,
            "date": str(meta.get("as_of") or ""),
            "keep-rows": "1" if self.keep_rows else "",
        }

    def _language(self, nb: Any) -> tuple[str, str]:
        """The document's language and region ("en", "GB"; region may be "")."""
        meta = nb.metadata.get("reportlib", {})
        language = str(meta.get("language") or self.language or "en")
        lang, _, region = language.replace("_", "-").partition("-")
        return lang.lower(), region[:2].upper() if len(region) == 2 else ""

    def _glyphs(self, markdown: str, name: str, resources: dict) -> str:
        """Check that some font draws every character: fail (``strict_glyphs``) or
        replace each missing one with U+FFFD and warn, naming it and its cell.

        Where a link or an image points is a path, not text: it is neither checked nor
        changed (an image named in a script no font has is still found)."""
        from ..fonts import check_glyphs, missing_glyphs

        visible = _DESTINATION.sub(lambda m: " " * len(m[0]), markdown)
        if self.strict_glyphs:
            check_glyphs(visible, f"{name}: text for the PDF")
            return markdown
        missing = missing_glyphs(visible)
        if not missing:
            return markdown
        import unicodedata

        for ch in missing:
            where = _cell_at(markdown, visible.index(ch))
            message = (
                f"{name}: {where}: no font has a glyph for U+{ord(ch):04X} "
                f"{unicodedata.name(ch, 'unnamed')}; shown as \ufffd"
            )
            self.log.warning("%s", message)
            resources.setdefault(WARNINGS_KEY, []).append(message)
        return "".join(
            "\ufffd" if ch in missing and shown == ch else ch
            for ch, shown in zip(markdown, visible, strict=True)
        )

    def convert(self, nb, resources=None, **kw) -> tuple[str, dict, dict[str, str]]:
        """Typst source, resources, and linked files to copy beside it (name -> path).

        The files in ``resources["outputs"]`` come back renamed where Typst or the file
        system could not take nbconvert's name for them (``files.typst_names``)."""
        markdown, resources = super().from_notebook_node(nb, resources, **kw)
        name = resources.get("metadata", {}).get("name", "notebook")
        markdown = self._glyphs(markdown, name, resources)
        if self._language(nb)[0] not in RTL_LANGUAGES:
            # a right-to-left word never pulls the text after it into its run (where a
            # link or an image points is a path: never changed)
            markdown = end_rtl_outside(markdown, _DESTINATION)
        outputs = resources.get("outputs") or {}
        names = typst_names(outputs)
        resources["outputs"] = {names[file]: data for file, data in outputs.items()}
        files_dir = (
            typst_path(resources["output_files_dir"]) if resources.get("output_files_dir") else ""
        )
        settings = {
            "outputs": names,
            "nbdir": resources.get("metadata", {}).get("path") or os.getcwd(),
            "files_dir": f"{files_dir}/" if files_dir else "",
        }
        body, messages = markdown_to_typst(dialect_divs(markdown), settings)
        linked: dict[str, str] = {}
        for line in messages:
            parts = line.split("\t", 2)
            if parts[:2] == ["reportlib", "warn"] and len(parts) == 3:
                cell, _, text = parts[2].partition("\t")
                where = f"cell {cell}" if cell else "the document"
                message = f"{name}: {where}: {text}"
                self.log.warning("%s", message)
                resources.setdefault(WARNINGS_KEY, []).append(message)
            elif parts[:2] == ["reportlib", "copy"] and len(parts) == 3:
                copy = json.loads(parts[2])
                linked[copy["name"]] = copy["path"]
            elif line.strip():
                self.log.info("pandoc: %s", line)
        if self.strict_placeholders and resources.get(WARNINGS_KEY):
            raise PlaceholderError("; ".join(resources[WARNINGS_KEY]))
        resources["typst_inputs"] = self.document_inputs(nb, resources)
        source = PREAMBLE.read_text(encoding="utf-8") + "\n" + body
        return source, resources, linked

    def from_notebook_node(self, nb, resources=None, **kw):  # type: ignore[override]
        source, resources, linked = self.convert(nb, resources, **kw)
        for name, path in linked.items():  # linked images go beside the .typ
            resources.setdefault("outputs", {})[name] = Path(path).read_bytes()
        return source, resources

    def creation_timestamp(self, nb: Any) -> int:
        if self.timestamp is not None:
            return int(self.timestamp)
        env = os.environ.get("SOURCE_DATE_EPOCH")
        if env and env.strip().isdigit():
            return int(env)
        as_of = nb.metadata.get("reportlib", {}).get("as_of")
        if as_of:
            from datetime import UTC, datetime

            return int(datetime.fromisoformat(str(as_of)).replace(tzinfo=UTC).timestamp())
        return 0


class TypstPDFExporter(TypstExporter):
    """Export a notebook to PDF, compiled by Typst in-process."""

    export_from_notebook = "PDF via Typst"
    output_mimetype = "application/pdf"

    pdf_standards = List(
        Unicode(),
        default_value=[],
        help='PDF standards Typst must meet, e.g. ["ua-1", "a-2a"] (accessible, archival). '
        "Typst refuses a document that breaks them (an image without alt text). Off by "
        "default: notebooks from elsewhere often lack alt text.",
    ).tag(config=True)

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    @staticmethod
    def _unreadable_images(root: Path, files: dict, options: dict) -> list[str]:
        """The images Typst fails to read, each tried alone (only after a failed compile:
        an image that passed every check before, e.g. an SVG that is not well-formed)."""
        probe = root / "reportlib-probe.typ"
        broken = []
        for name in sorted(files):
            if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
                continue
            probe.write_text(f"#image({typst_string(name)})", encoding="utf-8")
            try:
                typst.compile(
                    str(probe), **{k: v for k, v in options.items() if k != "pdf_standards"}
                )
            except typst.TypstError:
                broken.append(name)
        probe.unlink(missing_ok=True)
        return broken

    def from_notebook_node(self, nb, resources=None, **kw):  # type: ignore[override]
        source, resources, linked = self.convert(nb, resources, **kw)
        outputs: dict[str, bytes] = resources.pop("outputs", {}) or {}
        with tempfile.TemporaryDirectory(prefix="reportlib-typst-") as tmp:
            root = Path(tmp)
            files = {name: data for name, data in outputs.items()}
            files.update({name: Path(path).read_bytes() for name, path in linked.items()})
            for name, data in files.items():
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data if isinstance(data, bytes) else str(data).encode())
            main = root / "main.typ"
            main.write_text(source, encoding="utf-8")
            options: dict[str, Any] = {
                "root": str(root),
                "font_paths": typst_fonts(tuple(self.extra_font_paths)),
                "timestamp": self.creation_timestamp(nb),
            }
            if self.pdf_standards:
                options["pdf_standards"] = list(self.pdf_standards)
            inputs = resources["typst_inputs"]
            try:
                pdf = typst.compile(str(main), sys_inputs=inputs, **options)
            except typst.TypstError:
                if self.pdf_standards:
                    raise  # a report must meet its standards: no second chance
                broken = self._unreadable_images(root, files, options)
                if not broken:
                    raise
                for name in broken:
                    message = f"{resources['metadata'].get('name', 'notebook')}: image {name} "
                    message += "not shown: Typst cannot read it"
                    self.log.warning("%s", message)
                    resources.setdefault(WARNINGS_KEY, []).append(message)
                inputs = {**inputs, "broken": "\n".join(broken)}
                pdf = typst.compile(str(main), sys_inputs=inputs, **options)
        resources["output_extension"] = ".pdf"
        return readable_mark_info(pdf), resources
