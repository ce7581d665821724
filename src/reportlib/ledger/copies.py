"""Sources read in a copy (``sources.csv`` ``copy_of``): the original's publisher as a
reader cites it, where the copy was read, and the check that keeps the two apart."""

from __future__ import annotations

from .validate import Problem, RawTable


def _cell(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def publisher_name(source: object) -> str:
    """Who published a source's text, as a reader cites it: the original's publisher where
    the ledger read a copy (``copy_of``: "CNN", not the mirror it was read at)."""
    return _cell(getattr(source, "copy_of", "")) or _cell(getattr(source, "publisher", ""))


def publisher_words(source: object) -> str:
    """A source's publisher for the source list: "CNN (read in a copy at jubi24)" where the
    ledger read a copy, else the publisher."""
    original = _cell(getattr(source, "copy_of", ""))
    publisher = _cell(getattr(source, "publisher", ""))
    return f"{original} (read in a copy at {publisher})" if original else publisher


def url_host(url: str) -> str:
    """A source's web address as a source list prints it, its host without "www."
    ("news.kbs.co.kr"); the title links to the whole address. The audit reads the same
    host as ledger text."""
    from urllib.parse import urlsplit

    return urlsplit(url).netloc.removeprefix("www.")


def check_copies(sources: RawTable, problems: list[Problem]) -> None:
    """A copy names another publisher than the one it was read at (``copy_of``), and the
    publisher cell is then the copy's site alone: "jubi24", not "jubi24 (CNN)"."""
    for row, line in zip(sources.rows, sources.lines, strict=True):
        original = row.get("copy_of", "").strip()
        if not original:
            continue
        publisher = row.get("publisher", "").strip()
        named = original.lower()
        if named == publisher.lower() or f"({named})" in publisher.lower():
            problems.append(
                Problem(
                    sources.display,
                    line,
                    "copy_of",
                    "the original's publisher, other than the site the copy was read at "
                    "(the publisher cell names that site alone)",
                    f"{original!r} with publisher {publisher!r}",
                )
            )
