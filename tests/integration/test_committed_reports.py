"""The committed reports/ are what the current sources produce (``reportlib build --check``)."""

from __future__ import annotations

import json

import pytest

from reportlib.builds.check import check
from reportlib.paths import project
from tests.helpers import project_scenarios

pytestmark = pytest.mark.slow


def test_committed_reports_match_a_fresh_build():
    paths = project()
    result, differences = check(paths)
    assert result.ok
    assert differences == {}, (
        "reports/ is stale; run 'make reports' and commit reports/: "
        + json.dumps(differences, indent=1)
    )


def test_manifest_lists_every_report_of_the_catalogue():
    paths = project()
    manifest = json.loads(paths.manifest.read_text())
    keys = {(e["scenario"], e["notebook"]) for e in manifest["reports"]}
    import tomllib

    catalogue = tomllib.loads((paths.notebooks / "catalogue.toml").read_text())
    notebooks = [r["notebook"] for r in catalogue["report"]]  # every one for all scenarios
    assert keys == {(s, f"notebooks/{n}.ipynb") for s in project_scenarios() for n in notebooks}
    for entry in manifest["reports"]:
        assert entry["status"] == "ok"
        assert (paths.root / entry["html"]).is_file() and (paths.root / entry["pdf"]).is_file()
