"""Names of the files a Typst export writes: URLs in Markdown, safe paths on disk."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from hypothesis import given
from hypothesis import strategies as st

from reportlib.exporters.files import NAME_MAX, typst_names, typst_path, typst_string, url
from reportlib.exporters.sanitise import _replace_attachments

# a file name part: any Unicode the file system takes (no "/" or NUL, no surrogates)
PART = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00"),
    min_size=1,
    max_size=300,
)


def test_url_encodes_each_part_as_nbconvert_does():
    assert url("My analysis (v2)_files/My analysis (v2)_1_0.png") == (
        "My%20analysis%20%28v2%29_files/My%20analysis%20%28v2%29_1_0.png"
    )
    assert url("a/%41#?.png") == "a/%2541%23%3F.png"


@given(st.lists(PART, min_size=1, max_size=3))
def test_url_decodes_back_to_the_path(parts):
    path = "/".join(parts)
    assert unquote(url(path)) == path


def test_safe_names_stay_as_they_are():
    for name in ["My analysis (v2)_files/My analysis (v2)_1_0.png", "한글 #1 %41 & +.png", ".x"]:
        assert typst_path(name) == name


def test_what_typst_or_the_file_system_refuses_is_replaced():
    assert typst_path("a\\b/c\td.png") == "a_b/c_d.png"  # Typst: no backslash
    assert typst_path("/abs/../x/./y.png") == "abs/_/x/y.png"  # stays inside its folder
    long = "é" * 200 + "_12_0.png"  # 409 bytes
    cut = typst_path(f"dir/{long}")
    assert cut.startswith("dir/é") and cut.endswith(".png")
    assert len(cut.split("/")[1].encode()) <= NAME_MAX


@given(st.lists(PART, min_size=1, max_size=3))
def test_every_path_is_relative_short_and_free_of_backslashes(parts):
    safe = typst_path("/".join(parts))
    assert not safe.startswith("/") and "\\" not in safe
    for part in safe.split("/"):
        assert part not in ("", ".", "..") and len(part.encode()) <= NAME_MAX
    assert posixpath.normpath(safe) == safe


@given(st.lists(PART, min_size=1, max_size=8, unique=True))
def test_distinct_names_stay_distinct(names):
    mapped = typst_names(names)
    assert sorted(mapped) == sorted(names)
    assert len(set(mapped.values())) == len(names)


def test_a_safe_name_keeps_itself_when_an_unsafe_one_would_take_it():
    assert typst_names(["a\\b.png", "a_b.png"]) == {"a_b.png": "a_b.png", "a\\b.png": "a_b-2.png"}


def test_typst_string_escapes_quotes_and_backslashes():
    assert typst_string('a "b" \\ c\n') == '"a \\"b\\" \\\\ c\\n"'


def test_attachments_are_found_whatever_encoding_the_editor_used():
    targets = {"my pic (1).png": "f/x.png", "a.png": "f/a.png", "a.png.png": "f/b.png"}
    source = (
        "![](attachment:my%20pic%20(1).png) ![](attachment:my%20pic%20%281%29.png) "
        "<img src='attachment:my pic (1).png'> ![](attachment:a.png.png) ![](attachment:a.png)"
    )
    assert _replace_attachments(source, targets) == (
        "![](f/x.png) ![](f/x.png) <img src='f/x.png'> ![](f/b.png) ![](f/a.png)"
    )
