"""The PDF export through WeasyPrint: A4, a cover, contents and indexes with page numbers."""

from __future__ import annotations

import sys

from conftest import run


def test_without_weasyprint_one_line_says_how_to_install(sample, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    result = run("export", "--dir", str(sample), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: PDF export needs WeasyPrint: pip install 'assetdir[pdf]' (or export --format html and print that from a browser)"
    ]
    assert not (tmp_path / "x.pdf").exists()
