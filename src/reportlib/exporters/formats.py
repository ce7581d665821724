"""Render an executed notebook to the report formats, in-process.

Reports show the analysis, not the code: inputs and prompts are excluded and the
``parameters`` and ``injected-parameters`` cells removed, in HTML and PDF alike. Report
PDFs are held to stricter rules than notebooks from elsewhere: PDF/UA-1 and PDF/A-2a
(Typst refuses a report that breaks them), a character no font has fails the build, so
does anything the PDF could only show as a placeholder (a table with no rows), and
the document metadata names the publisher, subject and keywords set in ``pyproject.toml``
(``[tool.reportlib]``), which the build passes in the notebook's ``reportlib`` metadata.
"""

from __future__ import annotations

from functools import cache

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets.config import Config

from .html_exporter import ReportHTMLExporter
from .typst_exporter import TypstPDFExporter

HIDDEN_CELL_TAGS = ("parameters", "injected-parameters", "remove-cell")
PDF_STANDARDS = ("ua-1", "a-2a")


def report_config() -> Config:
    """nbconvert configuration shared by every report format."""
    c = Config()
    # validate the notebook once, after every preprocessor, not after each of the dozen
    # (each validation took about a millisecond: 30 ms of every report)
    c.Exporter.optimistic_validation = True
    c.TypstExporter.strict_glyphs = True
    c.TypstExporter.strict_placeholders = True
    c.TypstExporter.keep_rows = True
    c.TypstPDFExporter.pdf_standards = list(PDF_STANDARDS)
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = HIDDEN_CELL_TAGS
    c.TagRemovePreprocessor.remove_input_tags = ("remove-input",)
    c.HTMLExporter.preprocessors = [DropStderr]
    c.MarkdownExporter.preprocessors = [DropStderr]
    return c


class DropStderr(Preprocessor):
    """Warnings and logs on stderr are not part of the analysis: reports never show them
    (they stay in the executed notebook for whoever debugs it)."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            cell.outputs = [
                o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")
            ]
        return cell, resources


@cache
def _html_exporter() -> ReportHTMLExporter:
    return ReportHTMLExporter(config=report_config())


@cache
def _pdf_exporter() -> TypstPDFExporter:
    return TypstPDFExporter(config=report_config())


def render_html(nb: NotebookNode) -> str:
    html, _ = _html_exporter().from_notebook_node(nb)
    return html


def render_pdf(nb: NotebookNode, name: str = "Notebook") -> bytes:
    """The report PDF; ``name`` (the notebook's) names it in an error."""
    pdf, _ = _pdf_exporter().from_notebook_node(nb, resources={"metadata": {"name": name}})
    return pdf


def warm_exporters() -> None:
    """Build both exporters (templates, Jinja environment) and read the fonts' coverage
    before forking workers; then render a small notebook through both (``warm_rendering``)."""
    from ..fonts import covered
    from .typst_exporter import typst_fonts

    _html_exporter()
    typst_fonts(tuple(_pdf_exporter().extra_font_paths))  # as the exporter asks for them
    covered()
    warm_rendering()
    # nbconvert's HTML export parses its page with BeautifulSoup, which builds its table
    # of HTML entities (two large regular expressions, about 0.15 s) at the first entity
    # it meets: build it here once, not in every report that has an "&amp;"
    from bs4.dammit import EntitySubstitution

    _ = EntitySubstitution.HTML_ENTITY_TO_CHARACTER


_WARM_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">'
    '<rect width="10" height="10"/></svg>'
)


def warm_notebook() -> NotebookNode:
    """A small notebook with the cells and outputs a report has: headings, emphasis, a
    table, a stream, Markdown, HTML and SVG outputs."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    markdown = "# A title\n\nSome *text* with **weight**.\n\n| a | b |\n|:--|--:|\n| x | 1 |\n"
    outputs = [
        new_output("stream", name="stdout", text="text\n"),
        new_output("display_data", data={"text/markdown": "Some *text*.", "text/plain": "x"}),
        new_output(
            "execute_result",
            data={"text/html": "<p>x</p>", "text/plain": "x"},
            execution_count=1,
        ),
        new_output(
            "display_data",
            data={"image/svg+xml": _WARM_SVG, "text/plain": "Figure: x"},
            metadata={"reportlib": {"caption": "A figure.", "alt": "A figure."}},
        ),
    ]
    nb = new_notebook(cells=[new_markdown_cell(markdown), new_code_cell("x", outputs=outputs)])
    nb.metadata["reportlib"] = {"title": "A title", "subtitle": "x", "footer": "x"}
    return nb


def warm_rendering() -> None:
    """Render ``warm_notebook`` to HTML, and to Typst source without compiling it, so the
    templates are compiled, the notebook schema's validator built and pandoc's first run
    paid once, in the fork server, instead of in every report (about 0.5 s each).
    Compiling Typst here would be unsafe: its thread pool's locks would pass to every
    forked child without the threads that hold them."""
    import nbformat

    nb = warm_notebook()
    nbformat.validate(nb)
    render_html(nb)
    _pdf_exporter().convert(nb)
