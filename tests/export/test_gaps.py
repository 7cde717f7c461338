"""assetdir.export.gaps: the gap tables as JSON, as CSV (formulas neutralised) and as one strict, self-contained HTML page."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from html.parser import HTMLParser

from assetdir.export import gaps as gap_pages
from assetdir.export.gaps import to_csv, to_html, to_json
from assetdir.format.vocabulary import SECTIONS
from assetdir.query import gaps
from assetdir.query.gaps import GapTable, gap_tables, missing_categories
from query.gap_directories import SETTINGS, build, group, open_index, tables_of


def test_json(small):
    tables, missing = tables_of(small, ["day", "category"])
    data = to_json(tables, missing)
    assert set(data) == {"tables", "missing_categories", "thin"}
    assert data["thin"] == 1
    day = data["tables"][0]
    assert day["by"] == "day"
    assert day["rows"][0] == {
        "id": "northfield",
        "label": "Northfield",
        "counts": {"monday": 1, "tuesday": 2, "wednesday": 0, "thursday": 1, "friday": 0, "saturday": 0, "sunday": 0},
        "total": 4,
    }
    assert list(day["rows"][0]["counts"]) == [c for c, _ in tables[0].columns]  # column order kept
    assert [r["id"] for r in day["rows"]] == ["northfield", "eastgate", "west-end"]
    assert day["columns"][1] == {"id": "tuesday", "label": "Tuesday", "total": 3}
    category = data["tables"][1]
    assert category["columns"][0] == {"id": "lunch-club", "label": "Lunch clubs", "total": 1, "section": "Social"}
    assert data["missing_categories"][0] == {"id": "social-group", "label": "Social groups"}
    assert len(data["missing_categories"]) == len(missing)


def test_csv(small):
    tables, _ = tables_of(small, ["day", "section"])
    assert to_csv(tables) == (
        "area,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday,total\r\n"
        "Northfield,1,2,0,1,0,0,0,4\r\n"
        "Eastgate,0,1,0,0,0,0,0,1\r\n"
        "West End,0,0,0,0,0,0,0,0\r\n"
        "\r\n"
        "area,Social,Activities,Practical help,Wellbeing,Advice,Volunteering,total\r\n"
        "Northfield,2,2,0,1,0,0,5\r\n"
        "Eastgate,0,1,0,1,0,0,2\r\n"
        "West End,0,0,0,0,0,0,0\r\n"
    )


def test_csv_quotes_and_formulas():
    table = GapTable("section", [("x", "=HYPERLINK(1)"), ("y", 'Up, "North"')], [("s", "-Minus")], [[1], [2]])
    assert to_csv([table]) == "area,'-Minus,total\r\n'=HYPERLINK(1),1,1\r\n\"Up, \"\"North\"\"\",2,2\r\n"


VOID = {"meta", "link", "br", "hr", "img", "input", "col", "wbr", "source", "area", "base", "embed", "track"}


class Strict(HTMLParser):
    """Records the page's elements and fails on an end tag that closes the wrong one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Strict:
    parser = Strict()
    parser.feed(page)
    parser.close()
    assert not parser.errors, parser.errors
    assert not parser.stack, parser.stack
    return parser


def test_html(small):
    tables, missing = tables_of(small, ["day", "section", "category"])
    page = to_html(tables, missing, "Test", dt.date(2026, 11, 27))
    assert page.startswith("<!DOCTYPE html>")
    parsed = parse(page)
    tags = Counter(tag for tag, _ in parsed.tags)
    assert ("html", {"lang": "en-GB"}) in parsed.tags
    assert any(tag == "meta" and "charset" in attrs for tag, attrs in parsed.tags)
    assert tags["main"] == 1 and tags["h1"] == 1 and tags["style"] == 1
    assert tags["table"] == tags["caption"] == 3
    assert "script" not in tags and "link" not in tags and "img" not in tags
    for tag, attrs in parsed.tags:
        if tag == "th":
            assert attrs.get("scope") in ("col", "row", "colgroup")
        for name in ("src", "href"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(name) or "")
    assert not re.search(r"https?://", page)  # nothing fetched from anywhere, not even in the CSS
    text = " ".join(" ".join(parsed.text).split())
    assert "Correct as of 27 November 2026" in text
    assert "Active groups meeting on each day of the week, by area" in text
    # every empty cell is marked in its class (hatched, outlined) and shows its 0
    empty = len(re.findall(r'<td class="empty">0<', page))
    assert empty == sum(n == 0 for t in tables for row in t.counts for n in row)
    assert len(re.findall(r'<td class="thin">1<', page)) == sum(n == 1 for t in tables for row in t.counts for n in row)
    assert 'class="key"' in page and "none (hatched, dashed outline)" in text and "thin (dotted outline)" in text
    assert "print-color-adjust: exact" in page and "@page { size: A4 landscape" in page
    assert "Categories no area has" in text and "Housing" in text
    # section headings over the category columns
    assert page.count('scope="colgroup"') == len(SECTIONS)


def test_html_escapes_the_directorys_words(tmp_path):
    settings = SETTINGS.replace("West End", "\"<script>alert('x')</script> & Co\"")
    root = build(tmp_path / "nasty", settings, {"a": group("west-end", ["walking"], ["monday"])})
    index = open_index(root)
    try:
        tables = gap_tables(index, ["day", "category"])
        page = to_html(tables, missing_categories(index), 'Groups <b>"here"</b>', dt.date(2026, 3, 5))
    finally:
        index.close()
    assert "<script" not in page.lower() and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co" in page
    assert "Groups &lt;b&gt;&quot;here&quot;&lt;/b&gt;" in page
    parsed = parse(page)
    assert "Correct as of 5 March 2026" in " ".join(" ".join(parsed.text).split())
    assert "<script>alert('x')</script> & Co" in parsed.text


def test_html_without_missing_categories():
    table = GapTable("day", [("a", "A")], [(d, d.title()) for d in gaps.DAYS], [[0, 1, 2, 3, 4, 5, 6]])
    page = to_html([table], [], "T", dt.date(2026, 1, 1))
    parse(page)
    assert "Every category has at least one active group." in page
    # the shades rise with the count
    shades = re.findall(r'<td class="s(\d)">', page)
    assert shades == sorted(shades) and shades[0] == "0" and shades[-1] == str(len(gap_pages._SHADES) - 1)
