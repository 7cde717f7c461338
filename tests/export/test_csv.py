"""assetdir.export.csv: the sheet shows a file's control characters escaped, private columns too."""

from __future__ import annotations

import csv
import io

from assetdir.export.csv import to_table

from .controls import DANGER, NAME, SHOWN, selection


def test_csv_shows_them_escaped(evil):
    out = to_table(selection(evil, include_private=True))
    assert not DANGER.search(out), repr(DANGER.search(out))
    row = list(csv.DictReader(io.StringIO(out)))[0]
    assert row["name"] == NAME and row["summary"] == SHOWN[1] and row["venue"] == SHOWN[2]
    assert row["private_notes"] == "private \\x1b[2J notes" and row["cost"] == f"Donation welcome ({SHOWN[4]})"
