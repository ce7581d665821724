"""``reportlib publish``: the editions archive, its Atom feed and distribution bundles.

An edition is the published scenario's reports (the catalogue's ``published``, the
scenario ``latest``) as they were built, with the ledger they were built from, copied
into ``reports/editions/<as-of>/``:

- ``<notebook>.html``, ``.pdf``, ``.facts.json``: the reports, byte for byte as built (a
  plain copy: the archive's own pages and banners come from its templates and
  ``edition.json``, never from rewriting the HTML);
- ``data/``: the ledger (``*.csv``, ``*.toml``) and ``datapackage.json``, the ledger as a
  Frictionless data package whose Table Schemas are the ledger's own schema
  (``ledger/schema.py``: types, required, enum, unique, primary and foreign keys);
- ``edition.json``: the as-of date, the bottom line, the "what changed" summary, the
  reports' titles; for a correction, its revision, reason and the files it changed;
- ``SHA256SUMS``: every other file's SHA-256, as ``sha256sum`` prints them.

Publishing holds the build lock and refuses (``EditionConflict``, exit 2) unless every
report of the published scenario was built from the ledger, notebooks and code now in the
project (the digests the manifest records: ``reportlib build`` first), and the ledger
checks. The edition is written into a temporary folder and moved into place whole.

An edition is never rewritten. Publishing the same as-of date again with the same bytes
does nothing; with other bytes it is refused, naming the files that differ, unless given
a reason (``--correct REASON``): then the correction is published beside it as a numbered
revision, ``reports/editions/<as-of>-r2/`` (then ``-r3``...), whose ``edition.json`` says
why and which files changed; the landing page and the feed show it as a correction.
``reports/feed.xml`` has one Atom entry per edition and correction. ``--bundle`` also
writes ``reports/editions/<folder>.zip``, the edition's files in a reproducible zip
(sorted, fixed dates), refused likewise if one with other bytes exists.
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
_CITATION = re.compile(r"\s*\[\d+\](?:\s*\[\d+\])*")


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
        what = "a correction to the edition" if "-r" in self.folder.name else "the edition"
        line = (
            f"published {what} as of {self.as_of} into {where}/"
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


#: A ledger column's kind (``ledger.schema.Column.kind``) as a Table Schema type.
FIELD_TYPES = {"number": "number"}  # every other kind is text (a partial date too)


def padded(raw: bytes) -> bytes:
    """A ledger CSV with every row as long as its header: a row may stop before columns
    added after the ledger's first version (they are empty), but a Frictionless table
    needs every cell. Unchanged bytes when no row is short."""
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or all(len(r) >= len(rows[0]) or not any(r) for r in rows[1:]):
        return raw
    width = len(rows[0])
    whole = [r + [""] * (width - len(r)) if any(r) else r for r in rows]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(whole)
    return out.getvalue().encode("utf-8")


def table_schema(table: Any, header: list[str]) -> dict[str, Any]:
    """The Table Schema of one ledger file, from the ledger's own schema
    (``ledger.schema.Table``), for the columns its ``header`` has, in that order: each
    column's type, description and constraints (required, enum, pattern; the key unique),
    the primary key (where it is required) and the foreign keys (``ref``)."""
    from ..ledger.dates import FORMATS_HELP, PARTIAL_DATE_PATTERN
    from ..ledger.validate import ID_RE, NAME_RE

    columns = {c.name: c for c in table.columns}
    fields, foreign = [], []
    for name in header:
        col = columns.get(name)
        if col is None:  # not in the schema (``reportlib check`` refuses it): plain text
            fields.append({"name": name, "type": "string"})
            continue
        constraints: dict[str, Any] = {}
        if col.required:
            constraints["required"] = True
        if col.choices:
            constraints["enum"] = list(col.choices)
        elif col.kind == "id":
            constraints["pattern"] = ID_RE.pattern.removeprefix("^").removesuffix("$")
        elif col.kind == "name":
            constraints["pattern"] = NAME_RE.pattern.removeprefix("^").removesuffix("$")
        elif col.kind == "date":
            constraints["pattern"] = PARTIAL_DATE_PATTERN
        if name == table.key:
            constraints["unique"] = True
        field: dict[str, Any] = {"name": name, "type": FIELD_TYPES.get(col.kind, "string")}
        if col.description:
            field["description"] = col.description
        elif col.kind == "date":
            field["description"] = FORMATS_HELP
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
        if col.ref:
            ref_table, ref_column = col.ref.split(".", 1)
            foreign.append(
                {
                    "fields": name,
                    "reference": {"resource": _resource(ref_table), "fields": ref_column},
                }
            )
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    key = columns.get(table.key)
    if key is not None and key.required and table.key in header:
        schema["primaryKey"] = [table.key]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def _resource(table_name: str) -> str:
    return table_name.replace("_", "-")


def data_package(files: dict[str, bytes], as_of: str) -> bytes:
    """``datapackage.json`` for the ledger's CSV files (keys: paths inside ``data/``)."""
    from ..ledger.schema import TABLES

    tables = {t.filename: t for t in TABLES}
    resources = []
    for name in sorted(files):
        if not name.endswith(".csv"):
            continue
        text = files[name].decode("utf-8")
        header = next(csv.reader(io.StringIO(text)), [])
        table = tables.get(name)
        schema = (
            table_schema(table, header)
            if table is not None
            else {"fields": [{"name": h, "type": "string"} for h in header]}
        )
        resources.append(
            {
                "name": _resource(Path(name).stem),
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "hash": "sha256:" + hashlib.sha256(files[name]).hexdigest(),
                "schema": schema,
            }
        )
    package = {
        "name": f"reportlib-ledger-{as_of}",
        "title": f"The figures ledger behind the edition as of {as_of}",
        "description": "Every sourced claim, source, event and assumption the reports are "
        "built from (see data/README.md in the project); each table's schema is the "
        "ledger's own, as reportlib check enforces it.",
        "profile": "tabular-data-package",
        "resources": resources,
    }
    return (json.dumps(package, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def published_entries(paths: ProjectPaths) -> tuple[str, list[dict[str, Any]]]:
    """The published scenario's name and its manifest entries, every one ok."""
    from .manifest import read_manifest

    scenario = catalogue_setting(paths, "published", "latest")
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
    return scenario, entries


def unbuilt(paths: ProjectPaths, scenario: str, entries: list[dict[str, Any]]) -> list[str]:
    """The reports of ``scenario`` not built from the ledger, notebooks and code now in
    the project, each with what changed since: what the build's plan computes for each
    report (its render key, and the ledger as its scenario sees it) against what the
    manifest recorded when it was built."""
    from .planning import plan, resolve
    from .tasks import BuildRequest

    request = BuildRequest(scenario=scenario)
    planned = plan(paths, request, resolve(paths, request))
    recorded = {f"{e['scenario']}/{Path(e['notebook']).stem}": e for e in entries}
    out = []
    for task in planned.tasks:
        built = (recorded.get(task.job.key) or {}).get("built_from")
        if task.job.key not in recorded:
            out.append(f"{task.job.key} (never built)")
        elif not isinstance(built, dict) or built.get("data") != task.data:
            out.append(f"{task.job.key} (the ledger changed since it was built)")
        elif built.get("render_key") != task.render_key:
            out.append(f"{task.job.key} (its notebook, reportlib or the environment changed)")
    return out


def edition_files(
    paths: ProjectPaths, scenario: str, entries: list[dict[str, Any]]
) -> tuple[str, dict[str, bytes]]:
    """The published scenario's as-of date and the files its edition holds, by name."""
    from ..analysis.scenarios import load_scenarios
    from ..ledger import check_ledger
    from .editions_pages import archive_page
    from .site import output, report_title

    summary = catalogue_setting(paths, "summary", "brief")
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
        # as built, with the archive's banner under the site header and the links that
        # leave the edition pointed at the live site (``editions_pages.archive_page``)
        page = html_path.read_text(encoding="utf-8")
        files[f"{stem}.html"] = archive_page(page, as_of).encode("utf-8")
        files[f"{stem}.pdf"] = output(paths, e["pdf"]).read_bytes()
        files[f"{stem}.facts.json"] = html_path.with_suffix(".facts.json").read_bytes()
        reports.append({"notebook": stem, "title": report_title(paths, e["notebook"])})
    ledger = {
        f"data/{p.name}": padded(p.read_bytes()) if p.suffix == ".csv" else p.read_bytes()
        for p in paths.data_files()
    }  # CSV and TOML, as validated; a row stopping before added columns written whole
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
    files["edition.json"] = _info_bytes(info)
    return as_of, files


def _info_bytes(info: dict[str, Any]) -> bytes:
    return (json.dumps(info, indent=1, ensure_ascii=False) + "\n").encode()


def _with_sums(files: dict[str, bytes]) -> dict[str, bytes]:
    files = {k: v for k, v in files.items() if k != SUMS}
    sums = "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files))
    return {**files, SUMS: sums.encode()}


def _as_revision(files: dict[str, bytes], revision: dict[str, Any]) -> dict[str, bytes]:
    """The edition's files with ``revision`` (number, reason, date, files changed) in its
    ``edition.json`` ({}: the first publication), and their sums."""
    info = json.loads(files["edition.json"])
    return _with_sums({**files, "edition.json": _info_bytes({**info, **revision})})


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


def revisions(archive: Path, as_of: str) -> list[tuple[int, Path]]:
    """The published revisions of the edition as of ``as_of``: (1, ``<as-of>/``), then
    each correction (2, ``<as-of>-r2/``)..., oldest first."""
    found = [(1, archive / as_of)] if (archive / as_of / "edition.json").is_file() else []
    for folder in archive.glob(f"{as_of}-r*"):
        number = folder.name.removeprefix(f"{as_of}-r")
        if number.isdigit() and (folder / "edition.json").is_file():
            found.append((int(number), folder))
    return sorted(found)


def _correction_day() -> str:
    """The day a correction is published: ``SOURCE_DATE_EPOCH``'s, if set, else today."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return when.date().isoformat()


def _write_whole(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into a fresh temporary folder beside ``folder`` and move it into
    place in one rename: an interrupted publish leaves no partial edition (and its
    scratch folder, named with a dot, is removed by the next publish)."""
    import shutil
    import tempfile

    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for name, data in files.items():
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            (scratch / name).write_bytes(data)
        scratch.rename(folder)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _clear_leftovers(archive: Path) -> None:
    """Scratch folders of an interrupted publish (never part of the archive)."""
    import shutil

    if archive.is_dir():
        for leftover in archive.glob(".*"):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)


def _ledger_checks(paths: ProjectPaths) -> None:
    from ..ledger import check_ledger

    problems = check_ledger(paths.data)[0]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise EditionConflict(
            f"{problems[0]}{more}; an edition is published only from a ledger that checks: "
            "run 'reportlib check', fix it, then 'reportlib build'"
        )


def publish(
    paths: ProjectPaths,
    bundle: bool = False,
    correction: str | None = None,
    base_url: str | None = None,
) -> Published:
    """Archive the published scenario's reports as the edition of their as-of date (once;
    with ``correction``, a reason, changed files are published as the next revision),
    rewrite the feed and the landing page; with ``bundle``, the edition's zip too.
    Holds the build lock throughout."""
    from .locking import build_lock

    if correction is not None and not correction.strip():
        raise EditionConflict("--correct: expected the reason for the correction, given ''")
    _ledger_checks(paths)
    with build_lock(paths.reports, paths):
        scenario, entries = published_entries(paths)
        stale = unbuilt(paths, scenario, entries)
        if stale:
            raise EditionConflict(
                f"expected the reports of {scenario!r} built from the ledger and code now in "
                f"the project, found {', '.join(stale)}; run 'reportlib build', then publish"
            )
        as_of, files = edition_files(paths, scenario, entries)
        archive = paths.editions
        _clear_leftovers(archive)
        folder, written, files = _place(paths, archive, as_of, files, correction)
        zip_path = None
        if bundle:
            zip_path = folder.with_suffix(".zip")
            data = bundle_bytes(files, as_of)
            if zip_path.exists():
                if zip_path.read_bytes() != data:
                    raise EditionConflict(
                        f"{paths.relative(zip_path)} exists with other bytes; a bundle is "
                        "never rewritten"
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


def _place(
    paths: ProjectPaths,
    archive: Path,
    as_of: str,
    files: dict[str, bytes],
    correction: str | None,
) -> tuple[Path, bool, dict[str, bytes]]:
    """Where the edition goes and whether it was written now: a new edition, the same
    bytes again (nothing written), or a correction as the next revision."""
    published = revisions(archive, as_of)
    if not published:
        if correction is not None:
            raise EditionConflict(
                f"--correct: expected an edition as of {as_of} to correct, found none; "
                "run 'reportlib publish' without --correct to publish it"
            )
        files = _as_revision(files, {})
        _write_whole(archive / as_of, files)
        return archive / as_of, True, files
    number, newest = published[-1]
    info = json.loads((newest / "edition.json").read_text(encoding="utf-8"))
    kept = {k: info[k] for k in REVISION_KEYS if k in info}
    same = _as_revision(files, kept)
    differ = _differing(newest, same)
    if not differ:
        if correction is not None:
            raise EditionConflict(
                f"--correct: nothing to correct; {paths.relative(newest)}/ already holds "
                "these reports and this ledger"
            )
        return newest, False, same
    changed = [name for name in differ if name not in (SUMS, "edition.json")]
    if correction is None:
        raise EditionConflict(
            f"{paths.relative(newest)}/ is already published with other bytes; an edition "
            f"is never rewritten. Files that differ: {', '.join(changed or differ)}. To "
            'publish them as a correction beside it: reportlib publish --correct "REASON"'
        )
    revision = {
        "revision": number + 1,
        "corrects": newest.name,
        "reason": correction.strip(),
        "corrected_on": _correction_day(),
        "changed_files": changed,
    }
    files = _as_revision(files, revision)
    folder = archive / f"{as_of}-r{number + 1}"
    _write_whole(folder, files)
    return folder, True, files


#: What ``edition.json`` says of a correction (absent from a first publication).
REVISION_KEYS = ("revision", "corrects", "reason", "corrected_on", "changed_files")


def site_base_url(paths: ProjectPaths, given: str | None = None) -> str | None:
    """Where the site is published (``--base-url``, else ``base_url`` in
    ``[tool.reportlib]``), ending in ``/``; None: not configured (links stay relative)."""
    from .planning import publication_settings

    base = given or publication_settings(paths).get("base_url")
    if not isinstance(base, str) or not base.strip():
        return None
    return base.strip().rstrip("/") + "/"


def write_feed(paths: ProjectPaths, base_url: str | None = None) -> None:
    """``reports/feed.xml``: one Atom entry per edition and per correction, newest first,
    with its bottom line (a correction: its reason and the files it changed); every date
    from the archive (the as-of dates, a correction's day), so the same archive gives the
    same feed. Its links are absolute where a base URL is configured (``site_base_url``);
    it names itself (``rel="self"``)."""
    from feedgen.feed import FeedGenerator

    base = site_base_url(paths, base_url) or ""

    from ..analysis.scenarios import archived_editions

    fg = FeedGenerator()
    fg.id("urn:reportlib:editions")
    fg.title("North Korea's troop deployment to Russia: editions")
    fg.author({"name": "reportlib analysts"})
    fg.link(href=f"{base}index.html", rel="alternate")
    fg.link(href=f"{base}feed.xml", rel="self")
    fg.language("en")
    fg.generator("reportlib")
    newest = datetime(1970, 1, 1, tzinfo=UTC)
    for info in archived_editions(paths.editions):
        day = info.get("corrected_on") or info["as_of"]
        when = datetime.fromisoformat(day).replace(tzinfo=UTC)
        newest = max(newest, when)
        entry = fg.add_entry(order="append")
        report = info.get("summary_report") or "brief"
        entry.link(href=f"{base}{EDITIONS}/{info['folder']}/{report}.html", rel="alternate")
        entry.updated(when)
        entry.published(when)
        if info.get("revision"):
            entry.id(f"urn:reportlib:edition:{info['as_of']}:r{info['revision']}")
            entry.title(
                f"Correction to the edition as of {info['as_of']} (revision {info['revision']})"
            )
            entry.category(term="correction")
            entry.summary(f"Correction: {info.get('reason', '')}")
            files = ", ".join(info.get("changed_files") or []) or "none"
            entry.content(f"{info.get('reason', '')} Files changed: {files}.", type="text")
            continue
        entry.id(f"urn:reportlib:edition:{info['as_of']}")
        entry.title(f"Edition as of {info['as_of']}")
        entry.summary(info.get("bottom_line") or "")
        if info.get("changed"):
            entry.content(info["changed"], type="text")
    fg.updated(newest)
    write_atomic(paths.reports / "feed.xml", fg.atom_str(pretty=True).decode("utf-8"))
