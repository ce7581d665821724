"""Every report PDF is a valid PDF to the tools readers and archives use: qpdf's check
(through pikepdf) finds no problem and gives no warning, and poppler (``pdfinfo``, what
most Linux viewers are built on) reads it without an error."""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest

from reportlib.paths import project

PDFS = sorted(project().reports.glob("*/*.pdf"))


def test_there_are_report_pdfs():
    assert len(PDFS) >= 15


@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_qpdf_finds_no_problem(path):
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert pdf.get_warnings() == []


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler's pdfinfo")
@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_poppler_reads_it_without_error(path):
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stderr == "", done.stderr
