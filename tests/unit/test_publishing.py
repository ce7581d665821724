"""``reportlib publish``: only what was built, an edition archived once and written whole,
refused when its bytes would change unless published as a correction; the feed; the
bundle and its data package, whose schema is the ledger's own."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from reportlib.builds.publishing import (
    EditionConflict,
    changed_text,
    publish,
    table_schema,
)
from reportlib.exporters.text import html_string_text
from reportlib.paths import ProjectPaths
from tests.helpers import record_as_built

ROOT = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProjectPaths:
    """A project copy with the built reports (no editions, feed or search index)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for folder in ("data", "notebooks", "reports"):
        shutil.copytree(
            ROOT / folder,
            root / folder,
            ignore=shutil.ignore_patterns(".*", "editions", "pagefind", "feed.xml"),
        )
    monkeypatch.setenv("REPORTLIB_ROOT", str(root))
    paths = ProjectPaths(root)
    record_as_built(paths)
    return paths


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_publishing_twice_with_the_same_ledger_gives_the_same_archive(project):
    first = publish(project, bundle=True)
    assert first.written and first.problems == []
    archive = _tree(project.reports / "editions")
    feed = (project.reports / "feed.xml").read_bytes()
    again = publish(project, bundle=True)
    assert not again.written
    assert _tree(project.reports / "editions") == archive
    assert (project.reports / "feed.xml").read_bytes() == feed


def _change_a_claim(paths: ProjectPaths) -> None:
    claims = paths.data / "claims.csv"
    claims.write_text(claims.read_text().replace(",6,around,", ",7,around,", 1))


def test_publishing_after_a_ledger_change_without_a_build_is_refused(project, capsys):
    from reportlib.cli import main

    publish(project)
    before = _tree(project.reports / "editions")
    _change_a_claim(project)
    with pytest.raises(EditionConflict) as refused:
        publish(project)
    message = str(refused.value)
    assert "latest/brief (the ledger changed since it was built)" in message
    assert "run 'reportlib build', then publish" in message
    assert main(["publish"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "run 'reportlib build'" in err
    assert _tree(project.reports / "editions") == before  # no edition, nothing rewritten


def test_a_first_publication_after_a_ledger_change_without_a_build_creates_no_edition(project):
    _change_a_claim(project)
    with pytest.raises(EditionConflict, match="the ledger changed since it was built"):
        publish(project)
    assert not (project.reports / "editions").exists()


def test_publishing_after_a_code_change_is_refused(project, monkeypatch):
    from reportlib.builds import cache

    monkeypatch.setattr(cache, "render_digest", lambda: "another exporter")
    with pytest.raises(EditionConflict, match=r"latest/brief \(its notebook, reportlib or"):
        publish(project)


def test_a_changed_ledger_with_the_same_as_of_is_refused_naming_the_files(project, capsys):
    from reportlib.cli import main

    publish(project)
    before = _tree(project.reports / "editions")
    _change_a_claim(project)
    record_as_built(project)  # as if rebuilt: same as-of, other bytes
    with pytest.raises(EditionConflict) as refused:
        publish(project)
    assert "data/claims.csv" in str(refused.value)
    assert "data/datapackage.json" in str(refused.value)
    assert "reportlib publish --correct" in str(refused.value)
    assert main(["publish"]) == 2
    err = capsys.readouterr().err
    assert "is already published with other bytes" in err and "data/claims.csv" in err
    assert _tree(project.reports / "editions") == before  # nothing rewritten


def test_a_correction_is_published_as_a_numbered_revision_beside_the_edition(
    project, capsys, monkeypatch
):
    from reportlib.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28
    first = publish(project)
    before = _tree(first.folder)
    _change_a_claim(project)
    record_as_built(project)
    reason = "Claim 6's count was mistyped; the source says 7."
    assert main(["publish", "--correct", reason]) == 0
    assert "published a correction to the edition" in capsys.readouterr().out
    assert _tree(first.folder) == before  # the edition itself is never rewritten
    revision = first.folder.with_name(f"{first.as_of}-r2")
    info = json.loads((revision / "edition.json").read_text())
    assert info["revision"] == 2 and info["corrects"] == first.as_of
    assert info["reason"] == reason and info["corrected_on"] == "2026-05-28"
    assert info["changed_files"] == ["data/claims.csv", "data/datapackage.json"]
    sums = (revision / "SHA256SUMS").read_text()
    assert hashlib.sha256((revision / "edition.json").read_bytes()).hexdigest() in sums
    # shown as a correction on the landing page and in the feed
    index = project.index.read_text()
    assert f"Correction to the edition as of {first.as_of} (revision 2)" in index
    assert "mistyped; the source says 7." in index
    feed = ElementTree.fromstring((project.reports / "feed.xml").read_bytes())
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert f"Correction to the edition as of {first.as_of} (revision 2)" in titles
    # the same again: nothing to do; again with --correct: nothing to correct
    assert not publish(project).written
    with pytest.raises(EditionConflict, match="nothing to correct"):
        publish(project, correction="again")
    # a second correction is revision 3
    claims = project.data / "claims.csv"
    claims.write_text(claims.read_text().replace(",7,around,", ",8,around,", 1))
    record_as_built(project)
    third = publish(project, correction="And again.")
    assert third.folder.name == f"{first.as_of}-r3"
    assert json.loads((third.folder / "edition.json").read_text())["corrects"] == revision.name


def test_a_correction_needs_a_reason_and_an_edition_to_correct(project):
    with pytest.raises(EditionConflict, match="expected an edition as of .* to correct"):
        publish(project, correction="Why")
    with pytest.raises(EditionConflict, match="expected the reason"):
        publish(project, correction="  ")


def test_an_invalid_ledger_is_one_line_exit_2(project, capsys):
    from reportlib.cli import main

    claims = project.data / "claims.csv"
    claims.write_text(claims.read_text().replace(",6,around,", ",six,around,", 1))
    assert main(["publish"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "claims.csv" in err and "expected a number" in err and "reportlib check" in err
    assert not (project.reports / "editions").exists()


def test_publish_holds_the_build_lock(project):
    from reportlib.builds.locking import BuildLocked, build_lock

    with build_lock(project.reports, project), pytest.raises(BuildLocked):
        publish(project)
    assert not (project.reports / "editions").exists()


def test_an_interrupted_publish_leaves_nothing_in_the_next_edition(project, monkeypatch):
    from reportlib.builds import publishing

    def broken(*args, **kwargs):
        raise OSError("disk full")

    with monkeypatch.context() as patched, pytest.raises(OSError):
        patched.setattr(publishing, "data_package", broken)
        publish(project)
    # a scratch folder an interrupted publish (killed) left, with a stray file
    from reportlib.ledger import check_ledger

    as_of = check_ledger(project.data)[1].isoformat()
    leftover = project.editions / f".{as_of}-new"  # where an older publish wrote first
    leftover.mkdir(parents=True)
    (leftover / "stray.html").write_text("from an interrupted publish")
    (leftover / "edition.json").write_text(json.dumps({"as_of": as_of, "scenario": "latest"}))
    done = publish(project)
    # the edition, and the editions page beside it: no scratch folder is left
    assert sorted(p.name for p in project.editions.iterdir()) == [done.folder.name, "index.html"]
    assert "stray.html" not in _tree(done.folder)


def test_the_archive_keeps_the_reports_as_built(project):
    """PDFs and facts byte for byte; a page as built, with the archive's banner and its
    links to the rest of the site pointed at the live site (``archive_page``)."""
    from reportlib.builds.editions_pages import archive_page

    done = publish(project)
    for name in ("brief.pdf", "brief.facts.json", "02_casualties.facts.json"):
        assert (done.folder / name).read_bytes() == (project.reports / "latest" / name).read_bytes()
    for name in ("brief.html", "02_casualties.html"):
        built = (project.reports / "latest" / name).read_text(encoding="utf-8")
        archived = (done.folder / name).read_text(encoding="utf-8")
        assert archived == archive_page(built, done.as_of)
        assert "archived edition" in archived.lower()


def test_the_bundle_unzips_to_files_matching_its_sums(project):
    done = publish(project, bundle=True)
    with zipfile.ZipFile(io.BytesIO(done.bundle.read_bytes())) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    prefix = f"{done.as_of}/"
    sums = files[prefix + "SHA256SUMS"].decode().splitlines()
    listed = {}
    for line in sums:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == {n.removeprefix(prefix) for n in files} - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256(files[prefix + name]).hexdigest() == digest, name
    names = set(listed)
    assert {"brief.pdf", "brief.html", "brief.facts.json", "data/claims.csv"} <= names
    assert "data/datapackage.json" in names


def test_the_ledger_data_package_validates(project, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    done = publish(project)
    report = frictionless.validate(str(done.folder / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    package = json.loads((done.folder / "data" / "datapackage.json").read_text())
    csvs = sorted(p.name for p in project.data.glob("*.csv"))
    assert sorted(r["path"] for r in package["resources"]) == csvs


def test_the_feed_has_one_entry_per_edition_with_its_bottom_line(project):
    done = publish(project)
    feed = ElementTree.fromstring((project.reports / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].find(f"{ATOM}title").text == f"Edition as of {done.as_of}"
    assert entries[0].find(f"{ATOM}summary").text.startswith("Bottom line.")
    index = project.index.read_text()
    assert f"Edition as of {done.as_of}" in html_string_text(index)
    assert 'href="feed.xml"' in index
    # it names itself; its links are relative without a base URL
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"alternate": "index.html", "self": "feed.xml"}
    assert entries[0].find(f"{ATOM}link").get("href") == f"editions/{done.as_of}/brief.html"


def test_the_feed_links_are_absolute_with_a_base_url(project):
    done = publish(project, base_url="https://example.org/nk")
    feed = ElementTree.fromstring((project.reports / "feed.xml").read_bytes())
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "https://example.org/nk/index.html",
        "self": "https://example.org/nk/feed.xml",
    }
    entry = feed.find(f"{ATOM}entry").find(f"{ATOM}link").get("href")
    assert entry == f"https://example.org/nk/editions/{done.as_of}/brief.html"


def test_the_base_url_comes_from_pyproject(project):
    from reportlib.builds.publishing import site_base_url

    assert site_base_url(project) is None
    text = (project.root / "pyproject.toml").read_text()
    text = text.replace("[tool.reportlib]\n", '[tool.reportlib]\nbase_url = "https://x.test"\n')
    (project.root / "pyproject.toml").write_text(text)
    assert site_base_url(project) == "https://x.test/"
    assert site_base_url(project, "https://y.test/a/") == "https://y.test/a/"


def test_every_archived_page_says_it_is_archived_and_links_the_latest(project):
    done = publish(project)
    for page in done.folder.glob("*.html"):
        text = html_string_text(page.read_text())
        assert "An archived edition" in text, page
        assert f"as published with data as of {done.as_of}" in text, page
        assert "See the latest reports" in text and 'href="../../index.html"' in page.read_text()
        assert 'action="../search.html"' not in page.read_text()  # editions/ has no search
    info = json.loads((done.folder / "edition.json").read_text())
    assert info["bottom_line"].startswith("Bottom line.") and "[1]" not in info["bottom_line"]
    # the editions page lists it with its PDFs, the checksums and the data package
    editions = (project.reports / "editions" / "index.html").read_text()
    for href in (
        f"{done.as_of}/brief.pdf",
        f"{done.as_of}/SHA256SUMS",
        f"{done.as_of}/data/datapackage.json",
    ):
        assert f'href="{href}"' in editions, href


def test_the_table_schema_is_the_ledgers_own():
    from reportlib.ledger.schema import CLAIMS, QUALIFIERS

    header = list(CLAIMS.column_names)
    schema = table_schema(CLAIMS, header)
    fields = {f["name"]: f for f in schema["fields"]}
    assert [f["name"] for f in schema["fields"]] == header
    assert schema["primaryKey"] == ["id"]
    assert fields["id"]["constraints"] == {
        "required": True,
        "pattern": "[a-z0-9][a-z0-9-]*",
        "unique": True,
    }
    assert fields["value"]["type"] == "number"
    assert fields["kind"]["constraints"]["enum"] == ["reported", "estimate", "projection"]
    assert "required" not in fields.get("note", {}).get("constraints", {})
    assert {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}} in (
        schema["foreignKeys"]
    )
    # a key that may be empty is unique, not a primary key
    assert "primaryKey" not in table_schema(QUALIFIERS, list(QUALIFIERS.column_names))
    # a file written before a column was added: only the columns it has, in its order
    assert [f["name"] for f in table_schema(CLAIMS, header[:-2])["fields"]] == header[:-2]


def test_the_data_package_refuses_what_the_ledger_refuses(project, tmp_path):
    """The package's constraints catch a broken reference, a duplicate key and a bad enum
    (a schema re-inferred from the values would accept them all)."""
    frictionless = pytest.importorskip("frictionless")
    done = publish(project)
    copy = tmp_path / "package"
    shutil.copytree(done.folder / "data", copy)
    claims = copy / "claims.csv"
    lines = claims.read_text().splitlines(keepends=True)
    first = lines[1].split(",")
    dup = ",".join([first[0], "no_such_quantity", *first[2:13], "rumour", *first[14:]])
    claims.write_text("".join([*lines, dup]))
    package = json.loads((copy / "datapackage.json").read_text())
    for resource in package["resources"]:
        resource.pop("hash", None)  # the file was changed on purpose
    (copy / "datapackage.json").write_text(json.dumps(package))
    report = frictionless.validate(str(copy / "datapackage.json"))
    notes = {tuple(t) for t in report.flatten(["type"])}
    assert not report.valid
    assert {("primary-key",), ("foreign-key",), ("constraint-error",)} <= notes, notes


def test_changed_text_drops_the_briefs_citation_numbers():
    page = '<h2 id="x">What changed since the last edition</h2><p>Rose to 5 [1] [2].</p><h2>'
    assert changed_text(page) == "Rose to 5."


def test_a_row_stopping_before_added_columns_is_published_whole():
    from reportlib.builds.publishing import padded

    full = b"id,a,added\nx,1,\ny,2,z\n"
    assert padded(full) is full  # nothing to pad: the same bytes
    assert padded(b"id,a,added\nx,1\ny,2,z\n") == full
