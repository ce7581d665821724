"""Markdown cells to HTML with math as MathML, through pandoc, in one call per notebook.

nbconvert's default renderer leaves TeX for MathJax to typeset in the browser, which
needs a script from a network. Pandoc writes MathML at build time instead, and using it
for HTML too means both outputs read Markdown the same way.
"""

from __future__ import annotations

import re

from .pandoc_run import run_pandoc

FROM = "markdown+tex_math_dollars+raw_html"
_OPEN = re.compile(r'<div id="rlcell-(\d+)" class="rlcell">\n?')


def markdown_cells_to_html(sources: list[str]) -> list[str]:
    """Render each Markdown source to HTML; one pandoc process for all of them."""
    if not sources:
        return []
    joined = "\n\n".join(
        f"::: {{#rlcell-{i} .rlcell}}\n{src}\n:::" for i, src in enumerate(sources)
    )
    proc = run_pandoc([f"--from={FROM}", "--to=html5", "--mathml", "--wrap=none"], joined)
    html = proc.stdout.decode("utf-8", "replace")
    parts: dict[int, str] = {}
    matches = list(_OPEN.finditer(html))
    for k, match in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(html)
        chunk = html[match.end() : end].rstrip()
        if chunk.endswith("</div>"):
            chunk = chunk[: -len("</div>")].rstrip()
        parts[int(match.group(1))] = chunk
    return [parts.get(i, "") for i in range(len(sources))]
