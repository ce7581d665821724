"""``reportlib build --check``: are the committed reports what the sources now produce?

The catalogue is rebuilt from scratch into a temporary folder and each report's visible
text (HTML and PDF) and recorded facts are compared with the committed ones. Text, not
bytes: another CPU or font rasteriser may change bytes without changing what a reader
reads.
"""

from __future__ import annotations

import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths
from .runner import BuildResult, build


class _Text(HTMLParser):
    SKIP = {"style", "script", "head", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_string_text(html: str) -> str:
    """The visible text of an HTML page (no style, script or title), whitespace folded."""
    parser = _Text()
    parser.feed(html)
    return _normalise(" ".join(parser.parts))


def pdf_bytes_text(pdf: bytes, keep_lines: bool = False) -> str:
    import io

    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    # Typst's hyphen glyph extracts as a soft hyphen (U+00AD): at a line end it is a
    # hyphenation break to undo, elsewhere a real hyphen ("2025-04-09").
    text = re.sub("\u00ad[ \t]*\n[ \t]*", "", text).replace("\u00ad", "-")
    return text if keep_lines else _normalise(text)


def html_text(path: Path) -> str:
    return html_string_text(path.read_text(encoding="utf-8"))


def pdf_text(path: Path) -> str:
    return pdf_bytes_text(path.read_bytes())


def facts_of(path: Path) -> Any:
    """The facts recorded beside a report (``<report>.facts.json``), if any."""
    import json

    facts = path.with_suffix(".facts.json")
    return json.loads(facts.read_text(encoding="utf-8")) if facts.exists() else None


def compare(committed: Path, rebuilt: Path) -> list[str]:
    """What differs between two copies of one report's outputs (empty: nothing)."""
    problems = []
    for suffix, reader in ((".html", html_text), (".pdf", pdf_text)):
        old, new = committed.with_suffix(suffix), rebuilt.with_suffix(suffix)
        if not old.exists():
            problems.append(f"{old.name} is not committed")
        elif reader(old) != reader(new):
            problems.append(f"{old.name}: its text differs from a fresh build")
    if facts_of(committed) != facts_of(rebuilt):
        problems.append("recorded facts differ from a fresh build")
    return problems


def check(
    paths: ProjectPaths, jobs: int | None = None, only: list[str] | None = None
) -> tuple[BuildResult, dict[str, list[str]]]:
    """Rebuild everything in a temporary folder; return the differences by report."""
    with tempfile.TemporaryDirectory(prefix="reportlib-check-") as tmp:
        fresh = ProjectPaths(paths.root, Path(tmp) / "reports")
        result = build(fresh, force=True, jobs=jobs, only=only)
        differences: dict[str, list[str]] = {}
        for outcome in result.outcomes:
            job = outcome.job
            if outcome.status != "ok":
                differences[job.key] = [f"the fresh build {outcome.status}: {outcome.error}"]
                continue
            found = compare(
                job.html_path(paths).with_suffix(""), job.html_path(fresh).with_suffix("")
            )
            if found:
                differences[job.key] = found
    return result, differences
