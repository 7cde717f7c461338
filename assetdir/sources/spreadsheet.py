"""Rows of a spreadsheet: CSV (UTF-8 with or without a byte order mark, or Windows-1252 as
Excel saves it; commas, semicolons or tabs) or XLSX (read with openpyxl, only when one is
read). The header row is the first that names two known fields; blank rows and repeated
header rows are skipped."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assetdir.problems import AssetdirError
from assetdir.sources.headers import field_of, normal


@dataclass
class Row:
    """One row of a sheet: its number as the spreadsheet shows it, and its cells by header."""

    number: int
    cells: dict[str, Any]
    problems: list[str] = field(default_factory=list)  # cells that cannot be read (a formula never calculated)


def decode(path: Path, data: bytes) -> str:
    """The text of a CSV file: UTF-8 (a byte order mark is fine), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise AssetdirError(f"{path}: neither UTF-8 nor Windows-1252 text; save it as CSV (UTF-8)") from None


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return max(",;\t", key=sample.count)


def csv_rows(path: Path, data: bytes, mapped: dict[str, str] | None = None) -> list[Row]:
    text = decode(path, data)
    try:
        grid = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as err:
        raise AssetdirError(f"{path}: not a readable CSV file ({err})") from None
    return _rows(path, [(n, row, _formulas(row)) for n, row in enumerate(grid, 1)], mapped)


_FORMULA = re.compile(r"=\s*(?:[A-Za-z][A-Za-z0-9.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d+\b)")  # =SUM(, =HYPERLINK(, =B2


def _formulas(row: list[str]) -> list[str]:
    """Cells of a CSV row that hold a formula, not its value (a sheet saved with its formulas)."""
    return [
        f"column {i + 1} holds a formula ({cell.strip()[:30]}), not its value: save the sheet with its values "
        "(in a spreadsheet program: copy, paste as values) and import again"
        for i, cell in enumerate(row)
        if _FORMULA.match(cell.strip())
    ]


def xlsx_rows(path: Path, mapped: dict[str, str] | None = None) -> list[Row]:
    """The first sheet with a header row; a formula whose value was never saved is a problem at its cell."""
    import openpyxl  # only when a workbook is read: it is slow to load

    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as err:  # a damaged workbook fails in many ways inside the reader
        raise AssetdirError(
            f"{path}: not a readable .xlsx workbook ({type(err).__name__}); open and save it again"
        ) from None
    try:
        for name in values.sheetnames:
            grid = []
            for n, (row, raw) in enumerate(zip(values[name].iter_rows(), formulas[name].iter_rows()), 1):
                cells = [c.value for c in row]
                unsaved = [
                    f"cell {r.coordinate} holds a formula whose value was never saved (open the file in a spreadsheet "
                    "program, save it, and import again)"
                    for c, r in zip(row, raw)
                    if c.value is None and isinstance(r.value, str) and r.value.startswith("=")
                ]
                grid.append((n, cells, unsaved))
            try:
                return _rows(path, grid, mapped, f"sheet {name!r} ")
            except AssetdirError:
                continue
        raise AssetdirError(f"{path}: no sheet has a header row naming the groups (a column such as 'Group name')")
    finally:
        values.close()
        formulas.close()


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, str):
        return value.strip()
    return value


def _rows(path: Path, grid: list[tuple[int, list[Any], list[str]]], mapped: dict[str, str] | None, sheet: str = ""):
    start = next(
        (i for i, (_, row, _) in enumerate(grid[:30]) if sum(field_of(c, mapped) is not None for c in row) >= 2), None
    )
    if start is None:
        raise AssetdirError(
            f"{path}: not a spreadsheet of groups: no row of headers such as 'Group name', 'Phone', 'Postcode' in "
            "its first 30 rows (a --map file can name the columns)"
        )
    headers = [str(c).strip() if c is not None else "" for c in grid[start][1]]
    signature = [normal(h) for h in headers]
    out = []
    for number, row, unsaved in grid[start + 1 :]:
        cells = [_cell(c) for c in row]
        if all(c in (None, "") for c in cells):
            continue
        if [normal(c) for c in cells[: len(signature)]] == signature:
            continue  # the header row again (sheets pasted together)
        names = headers + [""] * (len(cells) - len(headers))  # a cell beyond the headers is kept too
        named = {h or f"column {i + 1}": c for i, (h, c) in enumerate(zip(names, cells)) if c not in (None, "")}
        out.append(Row(number, named, [f"{sheet}{u}" for u in unsaved]))
    return out
