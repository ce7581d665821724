"""``reportlib publish``: an edition archived once, refused when its bytes would change;
the feed; the bundle and its data package."""

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
    archived_html,
    changed_text,
    publish,
    table_schema,
)
from reportlib.exporters.text import html_string_text
from reportlib.paths import ProjectPaths

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
    return ProjectPaths(root)


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


def test_a_changed_ledger_with_the_same_as_of_is_refused_naming_the_files(project, capsys):
    from reportlib.cli import main

    publish(project)
    before = _tree(project.reports / "editions")
    claims = project.data / "claims.csv"
    claims.write_text(claims.read_text().replace(",6,around,", ",7,around,", 1))
    with pytest.raises(EditionConflict) as refused:
        publish(project)
    assert "data/claims.csv" in str(refused.value)
    assert "data/datapackage.json" in str(refused.value)
    assert main(["publish"]) == 2
    err = capsys.readouterr().err
    assert "is already published with other bytes" in err and "data/claims.csv" in err
    assert _tree(project.reports / "editions") == before  # nothing rewritten


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


def test_table_schema_types():
    schema = table_schema("a,b,c,d,e\n1,1.5,2025-04-09,2025-04,\n-2,3,2025-05-01,x,\n")
    assert [f["type"] for f in schema["fields"]] == [
        "integer",
        "number",
        "date",
        "string",
        "string",
    ]


def test_archived_html_keeps_only_links_valid_in_the_archive():
    page = (ROOT / "reports" / "latest" / "02_casualties.html").read_text()
    kept = archived_html(page)
    assert 'href="../../index.html"' in kept and 'href="../index.html"' not in kept
    assert "../article/" not in kept and '<form class="site-search"' not in kept
    assert 'rel="next"' in kept


def test_changed_text_drops_the_briefs_citation_numbers():
    page = '<h2 id="x">What changed since the last edition</h2><p>Rose to 5 [1] [2].</p><h2>'
    assert changed_text(page) == "Rose to 5."
