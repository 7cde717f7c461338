"""Gap tables for people: as data (JSON), as CSV, and as one printable, colour-graded HTML page."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from assetdir.export.cells import to_csv as _csv_rows
from assetdir.query.gaps import THIN, GapTable, level

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def to_json(tables: list[GapTable], missing: list[tuple[str, str]]) -> dict[str, Any]:
    """The tables as plain data; "total" of a row is the sum of its counts."""
    out = []
    for table in tables:
        columns = []
        for i, ((id_, label), total) in enumerate(zip(table.columns, table.column_totals)):
            column: dict[str, Any] = {"id": id_, "label": label, "total": total}
            if table.sections:
                column["section"] = table.sections[i]
            columns.append(column)
        rows = [
            {"id": id_, "label": label, "counts": {c: n for (c, _), n in zip(table.columns, counts)}, "total": total}
            for (id_, label), counts, total in zip(table.rows, table.counts, table.row_totals)
        ]
        out.append({"by": table.by, "rows": rows, "columns": columns})
    return {
        "tables": out,
        "missing_categories": [{"id": id_, "label": label} for id_, label in missing],
        "thin": THIN,
    }


def to_csv(tables: list[GapTable]) -> str:
    """One CSV block per table (header `area,<columns>,total`), a blank line between blocks."""
    blocks = []
    for table in tables:
        rows: list[list[Any]] = [["area", *(label for _, label in table.columns), "total"]]
        rows += [
            [label, *counts, total] for (_, label), counts, total in zip(table.rows, table.counts, table.row_totals)
        ]
        blocks.append(_csv_rows(rows))
    return "\r\n".join(blocks)


# ColorBrewer "Blues": a single-hue scale, so it reads the same with any colour vision;
# the text colour of each is the one with contrast of 4.5:1 or more on it.
_SHADES = (("#deebf7", "#111"), ("#9ecae1", "#111"), ("#4292c6", "#000"), ("#2171b5", "#fff"), ("#08306b", "#fff"))

_CSS = (
    "".join(f".s{i} {{ background: {bg}; color: {fg}; }}\n" for i, (bg, fg) in enumerate(_SHADES))
    + """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #111; background: #fff;
  margin: 1.5rem; line-height: 1.4; }
main { max-width: 90rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
.as-of { margin: 0 0 1rem; font-weight: bold; }
.gap { margin: 2rem 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; font-size: 1.1rem; padding: 0 0 .5rem; }
th, td { border: 1px solid #767676; padding: .3rem .5rem; }
thead th { background: #f2f2f2; vertical-align: bottom; }
th[scope="row"] { text-align: left; background: #f2f2f2; position: sticky; left: 0; }
td { text-align: center; min-width: 2.2rem; }
td.total, tfoot td { font-weight: bold; background: #fff; }
.by-category thead tr + tr th span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
.empty { background: repeating-linear-gradient(135deg, #fff 0 4px, #f4c9a8 4px 8px); color: #111;
  font-weight: bold; outline: 2px dashed #b34700; outline-offset: -4px; }
.thin { background: #fdd0a2; color: #111; outline: 2px dotted #b34700; outline-offset: -4px; }
.key { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.key li { display: flex; align-items: center; gap: .4rem; }
.swatch {
  display: inline-block; min-width: 2.2rem; padding: .15rem .3rem; text-align: center; border: 1px solid #767676;
}
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  main { max-width: none; }
  .scroll { overflow: visible; }
  .gap { break-inside: avoid; page-break-inside: avoid; margin: 0 0 6mm; }
  th[scope="row"] { position: static; }
  th, td { padding: .15rem .3rem; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  /* 30-odd categories must fit across one landscape page */
  .by-category table { font-size: 6.5pt; }
  .by-category th, .by-category td { padding: .1rem .1rem; min-width: 0; }
}
"""
)


def _bins(top: int) -> list[tuple[int, int]]:
    """The count range of each shade above THIN, for a table whose largest count is `top`."""
    span = top - THIN
    steps = min(len(_SHADES), span)
    return [(THIN + 1 + i * span // steps, THIN + (i + 1) * span // steps) for i in range(max(steps, 0))]


def _shade(i: int, steps: int) -> int:
    return round(i * (len(_SHADES) - 1) / (steps - 1)) if steps > 1 else len(_SHADES) // 2


def _cell(count: int, bins: list[tuple[int, int]]) -> str:
    kind = level(count)
    if kind == "empty":
        return f'<td class="empty">{count}<span class="sr"> (none)</span></td>'
    if kind == "thin":
        return f'<td class="thin">{count}<span class="sr"> (thin)</span></td>'
    i = next(i for i, (low, high) in enumerate(bins) if low <= count <= high)
    return f'<td class="s{_shade(i, len(bins))}">{count}</td>'


def _range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}\u2013{high}"


def _key(bins: list[tuple[int, int]]) -> str:
    items = [
        '<li><span class="swatch empty">0</span> none (hatched, dashed outline)</li>',
        f'<li><span class="swatch thin">{_range(1, THIN)}</span> thin (dotted outline)</li>',
    ]
    items += [
        f'<li><span class="swatch s{_shade(i, len(bins))}">{_range(low, high)}</span></li>'
        for i, (low, high) in enumerate(bins)
    ]
    if bins:
        items.append("<li>darker: more groups</li>")
    return f'<ul class="key" aria-label="Key">{"".join(items)}</ul>'


def _html_table(table: GapTable, number: int) -> str:
    e = escape
    bins = _bins(max((n for row in table.counts for n in row), default=0))
    out = [
        f'<section class="gap by-{e(table.by)}">',
        f'<div class="scroll" role="region" aria-labelledby="t{number}" tabindex="0">',
    ]
    out.append(f'<table><caption id="t{number}">{e(table.title)}</caption>')
    if table.sections:
        spans: list[tuple[str, int]] = []
        for section in table.sections:
            if spans and spans[-1][0] == section:
                spans[-1] = (section, spans[-1][1] + 1)
            else:
                spans.append((section, 1))
        out.append('<colgroup span="1"></colgroup>')
        out += [f'<colgroup span="{n}"></colgroup>' for _, n in spans]
        out.append('<colgroup span="1"></colgroup>')
        out.append('<thead><tr><th scope="col" rowspan="2">Area</th>')
        out += [f'<th scope="colgroup" colspan="{n}">{e(s)}</th>' for s, n in spans]
        out.append('<th scope="col" rowspan="2">Total</th></tr><tr>')
        out += [f'<th scope="col"><span>{e(label)}</span></th>' for _, label in table.columns]
        out.append("</tr></thead>")
    else:
        out.append('<thead><tr><th scope="col">Area</th>')
        out += [f'<th scope="col">{e(label)}</th>' for _, label in table.columns]
        out.append('<th scope="col">Total</th></tr></thead>')
    out.append("<tbody>")
    for (_, label), counts, total in zip(table.rows, table.counts, table.row_totals):
        cells = "".join(_cell(n, bins) for n in counts)
        out.append(f'<tr><th scope="row">{e(label)}</th>{cells}<td class="total">{total}</td></tr>')
    out.append('</tbody><tfoot><tr><th scope="row">Total</th>')
    out += [f"<td>{n}</td>" for n in table.column_totals]
    out.append(f"<td>{sum(table.row_totals)}</td></tr></tfoot></table></div>")
    out.append(_key(bins))
    out.append("</section>")
    return "\n".join(out)


def _date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"  # not %B: that follows the locale


def to_html(tables: list[GapTable], missing: list[tuple[str, str]], title: str, as_of: dt.date) -> str:
    """One self-contained, printable HTML page of the tables and the missing categories."""
    e = escape
    body = [
        f"<h1>{e(title)}</h1>",
        "<p>Where older people have little on offer: active groups by area.</p>",
        f'<p class="as-of">Correct as of {_date(as_of)}</p>',
        "<p>Each number is how many active groups in that area meet on that day, or have a category "
        "in that column. A group counts once in a cell, but in every day it meets and every section "
        "it belongs to, so a row's total can be more than its number of groups. A cell with no group "
        f"is hatched with a dashed outline; one with {_range(1, THIN)} is thin, with a dotted outline.</p>",
    ]
    body += [_html_table(table, number) for number, table in enumerate(tables, 1)]
    body.append('<section class="missing"><h2>Categories no area has</h2>')
    if missing:
        body.append("<ul>" + "".join(f"<li>{e(label)}</li>" for _, label in missing) + "</ul>")
    else:
        body.append("<p>Every category has at least one active group.</p>")
    body.append("</section>")
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}: where there is little on offer</title>\n<style>{_CSS}</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def to_columns(tables: list[GapTable], missing: list[tuple[str, str]]) -> str:
    """The tables as plain columns (for a pipe), `!` after an empty cell and `?` after a thin one."""
    widths = max((len(label) for t in tables for _, label in t.rows), default=4)
    lines = []
    for table in tables:
        labels = [label for _, label in table.columns]
        lines += [table.title, "  ".join(["Area".ljust(widths), *labels, "Total"])]
        for (_, label), counts, total in zip(table.rows, table.counts, table.row_totals):
            marks = {"empty": "!", "thin": "?"}
            cells = [f"{n}{marks.get(level(n), '')}".rjust(len(h)) for n, h in zip(counts, labels)]
            lines.append("  ".join([label.ljust(widths), *cells, str(total).rjust(5)]))
        lines.append("")
    lines.append(f"! no active group; ? {THIN} only.")
    if missing:
        lines.append("No area has: " + ", ".join(label for _, label in missing))
    return "\n".join(lines) + "\n"
