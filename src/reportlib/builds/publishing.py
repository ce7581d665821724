"""``reportlib publish``: the editions archive, its Atom feed and distribution bundles.

An edition is the published scenario's reports (the catalogue's ``published``, the
scenario ``latest``) as they stand, with the ledger they were built from, copied into
``reports/editions/<as-of>/``:

- ``<notebook>.html``, ``.pdf``, ``.facts.json``: the reports (the HTML's site header
  keeps only the links that stay valid inside the archive: home, previous, next);
- ``data/``: the ledger (``*.csv``, ``*.toml``) and ``datapackage.json``, the ledger as a
  Frictionless data package (a Table Schema for each CSV);
- ``edition.json``: the as-of date, the bottom line, the "what changed" summary, the
  reports' titles;
- ``SHA256SUMS``: every other file's SHA-256, as ``sha256sum`` prints them.

An edition is never rewritten. Publishing the same as-of date again with the same bytes
does nothing; with other bytes (the ledger changed, a report changed) it is refused,
naming the files that differ. ``reports/feed.xml`` has one Atom entry per edition.
``--bundle`` also writes ``reports/editions/<as-of>.zip``, the edition's files in a
reproducible zip (sorted, fixed dates), refused likewise if one with other bytes exists.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..paths import ProjectPaths
from .atomic import write_atomic

EDITIONS = "editions"
SUMS = "SHA256SUMS"
_CHANGED = re.compile(
    r"<h2[^>]*>What changed since the last edition</h2>(?P<body>.*?)(?=<h2|</section>)", re.S
)
_SCENARIO_ROW = re.compile(
    r'<div class="site-row">\s*<span class="site-scenarios-label".*?</ul>\s*</div>\n?', re.S
)
_CITATION = re.compile(r"\s*\[\d+\](?:\s*\[\d+\])*")
_SEARCH_FORM = re.compile(r'<form class="site-search".*?</form>\n?', re.S)


class EditionConflict(ValueError):
    """An edition of that as-of date exists with other bytes (editions are never rewritten)."""


@dataclass
class Published:
    as_of: str
    folder: Path
    written: bool  # False: the same edition was already there, byte for byte
    bundle: Path | None = None
    problems: list[str] = field(default_factory=list)  # untraced numbers on the landing page

    def summary(self, paths: ProjectPaths) -> str:
        where = paths.relative(self.folder)
        line = (
            f"published the edition as of {self.as_of} into {where}/"
            if self.written
            else f"the edition as of {self.as_of} is already published, identical ({where}/)"
        )
        if self.bundle is not None:
            line += f"; bundle {paths.relative(self.bundle)}"
        return line + "; feed reports/feed.xml"


def catalogue_setting(paths: ProjectPaths, key: str, default: str) -> str:
    import tomllib

    try:
        raw = tomllib.loads((paths.notebooks / "catalogue.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return default
    value = raw.get(key, default)
    return value if isinstance(value, str) else default


def archived_html(page: str) -> str:
    """A report page as the archive keeps it: links that leave the edition's folder
    (the other scenarios, the live search) are dropped; home points at the landing page."""
    page = _SCENARIO_ROW.sub("", page)
    page = _SEARCH_FORM.sub("", page)
    return page.replace('href="../index.html"', 'href="../../index.html"')


def changed_text(page: str) -> str | None:
    """The "what changed since the last edition" section of a brief, as plain text."""
    from ..exporters.text import html_string_text

    found = _CHANGED.search(page)
    if not found:
        return None
    text = html_string_text(found.group("body"))
    return _CITATION.sub("", text)  # the brief's source numbers mean nothing out of it


def bottom_line_text(paths: ProjectPaths, parameters: dict[str, Any]) -> str:
    """The brief's bottom line as plain text, from its own view (``summaries.py``)."""
    from .summaries import summary_of

    return summary_of(paths, parameters).bottom_line_text


def _field_type(values: list[str]) -> str:
    """The Table Schema type every non-empty value of a column fits."""
    present = [v for v in values if v != ""]
    if not present:
        return "string"
    if all(re.fullmatch(r"-?\d+", v) for v in present):
        return "integer"
    if all(re.fullmatch(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", v) for v in present):
        return "number"
    if all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in present):
        try:
            [date.fromisoformat(v) for v in present]
            return "date"
        except ValueError:
            return "string"
    return "string"


def table_schema(text: str) -> dict[str, Any]:
    """A Table Schema for one CSV: each column's name and the narrowest type its values
    all fit (integer, number, date, else string); an empty cell is a missing value."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    fields = []
    for i, name in enumerate(header):
        values = [row[i] if i < len(row) else "" for row in body]
        fields.append({"name": name, "type": _field_type(values)})
    return {"fields": fields, "missingValues": [""]}


def data_package(files: dict[str, bytes], as_of: str) -> bytes:
    """``datapackage.json`` for the ledger's CSV files (keys: paths inside ``data/``)."""
    resources = []
    for name in sorted(files):
        if not name.endswith(".csv"):
            continue
        resources.append(
            {
                "name": Path(name).stem.replace("_", "-"),
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "hash": "sha256:" + hashlib.sha256(files[name]).hexdigest(),
                "schema": table_schema(files[name].decode("utf-8")),
            }
        )
    package = {
        "name": f"reportlib-ledger-{as_of}",
        "title": f"The figures ledger behind the edition as of {as_of}",
        "description": "Every sourced claim, source, event and assumption the reports are "
        "built from (see data/README.md in the project).",
        "profile": "tabular-data-package",
        "resources": resources,
    }
    return (json.dumps(package, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def edition_files(paths: ProjectPaths) -> tuple[str, dict[str, bytes]]:
    """The published scenario's as-of date and the files its edition holds, by name."""
    from ..analysis.scenarios import load_scenarios
    from ..ledger import check_ledger
    from .editions_pages import archive_page
    from .manifest import read_manifest
    from .site import output, report_title

    scenario = catalogue_setting(paths, "published", "latest")
    summary = catalogue_setting(paths, "summary", "brief")
    entries = [e for e in read_manifest(paths) if e["scenario"] == scenario]
    if not entries:
        raise EditionConflict(
            f"{paths.relative(paths.manifest)}: expected reports of the scenario "
            f"{scenario!r}, found none; run 'reportlib build' first"
        )
    failed = [e["html"] for e in entries if e["status"] != "ok"]
    if failed:
        raise EditionConflict(
            f"expected every report of {scenario!r} ok before publishing, found "
            f"{', '.join(failed)} not ok; fix and rebuild first"
        )
    sc = load_scenarios(paths.data)[scenario]
    override = entries[0].get("parameters", {}).get("as_of")
    as_of = sc.resolve_as_of(
        check_ledger(paths.data)[1], date.fromisoformat(override) if override else None
    ).isoformat()
    files: dict[str, bytes] = {}
    reports = []
    for e in entries:
        html_path = output(paths, e["html"])
        stem = html_path.stem
        page = html_path.read_text(encoding="utf-8")
        files[f"{stem}.html"] = archive_page(archived_html(page), as_of).encode("utf-8")
        files[f"{stem}.pdf"] = output(paths, e["pdf"]).read_bytes()
        files[f"{stem}.facts.json"] = html_path.with_suffix(".facts.json").read_bytes()
        reports.append({"notebook": stem, "title": report_title(paths, e["notebook"])})
    ledger = {
        f"data/{p.name}": p.read_bytes() for p in paths.data_files()
    }  # CSV and TOML, as validated
    files.update(ledger)
    files["data/datapackage.json"] = data_package(
        {k.removeprefix("data/"): v for k, v in ledger.items()}, as_of
    )
    brief_entry = next((e for e in entries if Path(e["notebook"]).stem == summary), entries[0])
    brief = output(paths, brief_entry["html"])
    page = brief.read_text(encoding="utf-8")
    info = {
        "as_of": as_of,
        "scenario": scenario,
        "title": sc.title,
        "summary_report": brief.stem,
        "bottom_line": bottom_line_text(paths, brief_entry["parameters"]),
        "changed": changed_text(page),
        "links": [[f"{r['notebook']}.html", r["title"]] for r in reports],
    }
    files["edition.json"] = (json.dumps(info, indent=1, ensure_ascii=False) + "\n").encode()
    sums = "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files))
    files[SUMS] = sums.encode()
    return as_of, files


def bundle_bytes(files: dict[str, bytes], as_of: str) -> bytes:
    """A reproducible zip of the edition: sorted names, every entry dated the as-of date."""
    stamp = datetime.fromisoformat(as_of).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{as_of}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name])
    return out.getvalue()


def _differing(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Names whose bytes in ``folder`` differ from ``files`` (or that are missing or extra)."""
    have = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    out = []
    for name in sorted(have | set(files)):
        path = folder / name
        if name not in files or name not in have or path.read_bytes() != files[name]:
            out.append(name)
    return out


def publish(paths: ProjectPaths, bundle: bool = False, base_url: str | None = None) -> Published:
    """Archive the published scenario's reports as the edition of their as-of date (once),
    rewrite the feed and the landing page; with ``bundle``, the edition's zip too."""
    as_of, files = edition_files(paths)
    folder = paths.reports / EDITIONS / as_of
    written = False
    if folder.exists():
        differ = _differing(folder, files)
        if differ:
            raise EditionConflict(
                f"{paths.relative(folder)}/ is already published with other bytes; an "
                f"edition is never rewritten. Files that differ: {', '.join(differ)}"
            )
    else:
        scratch = folder.with_name(f".{as_of}-new")
        for name, data in files.items():
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            (scratch / name).write_bytes(data)
        scratch.rename(folder)
        written = True
    zip_path = None
    if bundle:
        zip_path = folder.with_suffix(".zip")
        data = bundle_bytes(files, as_of)
        if zip_path.exists():
            if zip_path.read_bytes() != data:
                raise EditionConflict(
                    f"{paths.relative(zip_path)} exists with other bytes; a bundle is never "
                    "rewritten"
                )
        else:
            write_atomic(zip_path, data)
    write_feed(paths, base_url)
    from ..analysis.scenarios import load_scenarios
    from .manifest import read_manifest
    from .site import write_site

    titles = {n: s.title for n, s in load_scenarios(paths.data).items()}
    problems = write_site(paths, read_manifest(paths), titles)
    return Published(as_of, folder, written, zip_path, problems)


def site_base_url(paths: ProjectPaths, given: str | None = None) -> str | None:
    """Where the site is published (``--base-url``, else ``base_url`` in
    ``[tool.reportlib]``), ending in ``/``; None: not configured (links stay relative)."""
    from .planning import publication_settings

    base = given or publication_settings(paths).get("base_url")
    if not isinstance(base, str) or not base.strip():
        return None
    return base.strip().rstrip("/") + "/"


def write_feed(paths: ProjectPaths, base_url: str | None = None) -> None:
    """``reports/feed.xml``: one Atom entry per edition, newest first, with its bottom
    line; every date from the editions' as-of dates, so the same archive gives the same
    feed. Its links are absolute where a base URL is configured (``site_base_url``); it
    names itself (``rel="self"``)."""
    from feedgen.feed import FeedGenerator

    base = site_base_url(paths, base_url) or ""

    editions = []
    for path in sorted((paths.reports / EDITIONS).glob("*/edition.json")):
        editions.append(json.loads(path.read_text(encoding="utf-8")))
    fg = FeedGenerator()
    fg.id("urn:reportlib:editions")
    fg.title("North Korea's troop deployment to Russia: editions")
    fg.author({"name": "reportlib analysts"})
    fg.link(href=f"{base}index.html", rel="alternate")
    fg.link(href=f"{base}feed.xml", rel="self")
    fg.language("en")
    fg.generator("reportlib")
    newest = datetime(1970, 1, 1, tzinfo=UTC)
    for info in editions:
        when = datetime.fromisoformat(info["as_of"]).replace(tzinfo=UTC)
        newest = max(newest, when)
        entry = fg.add_entry(order="append")
        entry.id(f"urn:reportlib:edition:{info['as_of']}")
        entry.title(f"Edition as of {info['as_of']}")
        entry.updated(when)
        entry.published(when)
        report = info.get("summary_report") or "brief"
        entry.link(href=f"{base}{EDITIONS}/{info['as_of']}/{report}.html", rel="alternate")
        entry.summary(info.get("bottom_line") or "")
        if info.get("changed"):
            entry.content(info["changed"], type="text")
    fg.updated(newest)
    write_atomic(paths.reports / "feed.xml", fg.atom_str(pretty=True).decode("utf-8"))
