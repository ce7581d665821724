"""nbconvert exporters to Typst source and to PDF through Typst: no LaTeX, no browser.

The notebook goes through nbconvert's Markdown exporter (so ``--no-input``,
``--no-prompt``, tag removal and every other nbconvert option apply as usual), then pandoc
(bundled by ``pypandoc-binary``) turns the Markdown into Typst with ``filter.lua`` reading
pandas' HTML tables as tables, and the ``typst`` package compiles the PDF in-process with
only its bundled fonts and matplotlib's DejaVu fonts, so the bytes do not depend on the
fonts a machine has installed.

Registered as ``typst`` and ``typst-pdf`` through the ``nbconvert.exporters`` entry point:
``jupyter nbconvert --to typst-pdf notebook.ipynb``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pypandoc
import typst
from nbconvert.exporters import MarkdownExporter
from traitlets import Integer, List, Unicode, default
from traitlets.config import Config

from .html_exporter import IMAGES_FIRST

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
FILTER = HERE / "filter.lua"
PREAMBLE = HERE / "report.typ"
PANDOC_FROM = "markdown-markdown_in_html_blocks-raw_attribute+tex_math_dollars"


def font_paths() -> list[str]:
    """Font folders Typst may use beside its bundled fonts (see ``reportlib.fonts``)."""
    from ..fonts import font_paths as paths

    return paths()


def markdown_to_typst(markdown: str) -> str:
    """Convert notebook Markdown (with raw HTML outputs) to a Typst body."""
    return pypandoc.convert_text(
        markdown,
        "typst",
        format=PANDOC_FROM,
        extra_args=["--lua-filter", str(FILTER), "--wrap=none"],
        sandbox=False,
    )


def _first_heading(nb: Any) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


class TypstExporter(MarkdownExporter):
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

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".typ"

    @property
    def default_config(self):  # type: ignore[override]
        c = super().default_config.copy()
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

    def document_inputs(self, nb: Any, resources: dict) -> dict[str, str]:
        """Title, subtitle and footer text for the page template (via ``sys.inputs``)."""
        meta = nb.metadata.get("reportlib", {})
        name = resources.get("metadata", {}).get("name", "")
        title = meta.get("title") or _first_heading(nb) or name
        return {
            "title": str(title),
            "subtitle": str(meta.get("subtitle", "")),
            "footer": str(meta.get("footer", title)),
        }

    def from_notebook_node(self, nb, resources=None, **kw):  # type: ignore[override]
        markdown, resources = super().from_notebook_node(nb, resources, **kw)
        from ..fonts import check_glyphs

        name = resources.get("metadata", {}).get("name", "notebook")
        check_glyphs(markdown, f"{name}: text for the PDF")
        body = markdown_to_typst(markdown)
        resources["typst_inputs"] = self.document_inputs(nb, resources)
        source = PREAMBLE.read_text(encoding="utf-8") + "\n" + body
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

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    def from_notebook_node(self, nb, resources=None, **kw):  # type: ignore[override]
        source, resources = super().from_notebook_node(nb, resources, **kw)
        outputs: dict[str, bytes] = resources.pop("outputs", {}) or {}
        with tempfile.TemporaryDirectory(prefix="reportlib-typst-") as tmp:
            root = Path(tmp)
            for name, data in outputs.items():
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data if isinstance(data, bytes) else str(data).encode())
            main = root / "main.typ"
            main.write_text(source, encoding="utf-8")
            pdf = typst.compile(
                str(main),
                root=str(root),
                font_paths=[*font_paths(), *self.extra_font_paths],
                ignore_system_fonts=True,
                sys_inputs=resources["typst_inputs"],
                timestamp=self.creation_timestamp(nb),
            )
        resources["output_extension"] = ".pdf"
        return pdf, resources
