"""The edition loop as a user runs it (issue 29): build, publish, add rows, publish is
refused until built, publish again (what changed since the first edition), correct."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from reportlib.builds.runner import build
from reportlib.cli import main
from reportlib.paths import ProjectPaths

pytestmark = pytest.mark.slow

SOURCE = ["source_id=zz-later", "publisher=Test outlet", "title=A later report", "kind=news"]
CLAIM = ["id=zz-casualties", "quantity=casualties", "value=7000", "qualifier=about",
         "unit=persons", "claimant=National Intelligence Service", "period_start=2024-12",
         "source_id=zz-later", "locator=para 1", "kind=estimate", "reliability=B",
         "cohort=troops_total"]  # fmt: skip


def _day(text: str) -> str:
    d = date.fromisoformat(text)
    return f"{d.day} {d:%B %Y}"


def test_publish_refuses_until_built_then_compares_with_the_first_edition_and_corrects(
    project_copy: Path, capsys
):
    paths = ProjectPaths(project_copy)
    assert main(["build", "--scenario", "latest"]) == 0
    assert main(["publish"]) == 0
    (first,) = [p.name for p in paths.editions.iterdir() if p.is_dir()]
    # a new claim, a month on, published by a new source
    later = date.fromordinal(date.fromisoformat(first).toordinal() + 30).isoformat()
    assert main(["add", "sources", *SOURCE, f"date={later}"]) == 0
    assert main(["add", "claims", *CLAIM, f"claim_date={later}", f"period_end={later[:7]}"]) == 0
    capsys.readouterr()
    assert main(["publish"]) == 2
    err = capsys.readouterr().err
    assert "latest/brief (the ledger changed since it was built)" in err
    assert [p.name for p in paths.editions.iterdir() if p.is_dir()] == [first]  # no edition created
    assert main(["build", "--scenario", "latest"]) == 0
    assert main(["publish"]) == 0
    second = paths.editions / later
    info = json.loads((second / "edition.json").read_text())
    assert info["changed"].startswith(f"Since the last edition (as of {_day(first)}), 1 claim ")
    assert f"as of {_day(first)}" in (second / "brief.html").read_text()
    # a correction: the locator was wrong
    claims = paths.data / "claims.csv"
    claims.write_text(claims.read_text().replace(",zz-later,para 1,", ",zz-later,para 2,"))
    assert main(["build", "--scenario", "latest"]) == 0
    capsys.readouterr()
    assert main(["publish"]) == 2
    assert 'reportlib publish --correct "REASON"' in capsys.readouterr().err
    assert main(["publish", "--correct", "The count is in paragraph 2."]) == 0
    revision = json.loads((paths.editions / f"{later}-r2" / "edition.json").read_text())
    assert revision["reason"] == "The count is in paragraph 2." and revision["revision"] == 2
    assert "data/claims.csv" in revision["changed_files"]
    assert "Correction to the edition as of" in paths.index.read_text()


def test_a_row_dated_after_the_articles_date_re_runs_none_of_its_reports(project_copy: Path):
    paths = ProjectPaths(project_copy)
    for scenario in ("article", "cross-checked"):
        assert build(paths, scenario=scenario, only=["brief"]).ok
    assert main(["add", "sources", *SOURCE, "date=2026-06-01"]) == 0
    assert main(["add", "claims", *CLAIM, "claim_date=2026-06-01", "period_end=2026-05"]) == 0
    again = build(paths, only=["brief"], scenario=None)
    actions = {o.job.key: o.action for o in again.outcomes}
    assert actions["article/brief"] == actions["cross-checked/brief"] == "fresh"
    assert actions["latest/brief"] == "execute"
