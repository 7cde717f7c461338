"""CSV that spreadsheets open safely: RFC 4180, and no cell run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A cell's text; one a spreadsheet would run as a formula gets a leading ' (as OWASP advises)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue()
