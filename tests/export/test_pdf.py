"""The PDF export through WeasyPrint (seconds each, marked slow): A4, a cover, contents and indexes with
page numbers, and control characters from a file shown escaped."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import run

from .controls import DANGER

pytestmark = pytest.mark.slow

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def booklets(tmp_path_factory):
    """The bundled directory as a PDF, in standard and large print (each takes seconds)."""
    import shutil

    from conftest import REPO

    root = tmp_path_factory.mktemp("pdf") / "sample"
    root.mkdir()
    shutil.copy(REPO / "assetdir.yaml", root)
    shutil.copytree(REPO / "groups", root / "groups")
    out = {}
    for name, args in (("standard", []), ("large", ["--large-print"])):
        path = root.parent / f"{name}.pdf"
        result = run("export", "--dir", str(root), "-o", str(path), *args)
        assert result.exit_code == 0, result.output
        out[name] = [page.extract_text() for page in PdfReader(path).pages], PdfReader(path)
    return out


BOTTOM = 20 * 72 / 25.4  # the bottom margin, in points: the date and page number are in it


def body_lines(page) -> list[str]:
    """A page's lines of text as laid out (by baseline, top to bottom), without the running head
    and the words in the bottom margin (nor the letters drawn inside symbols)."""
    lines: dict[int, list[str]] = {}

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and y > BOTTOM and not text.strip().endswith(", continued"):
            lines.setdefault(round(y), []).append(text)

    page.extract_text(visitor_text=visit)
    return [" ".join("".join(parts).split()) for _, parts in sorted(lines.items(), reverse=True)]


def head_of(page) -> str:
    """The running head of a page: "Thursday, continued" and the like, or nothing."""
    return next((line for line in page.extract_text().split("\n") if line.endswith(", continued")), "")


@pytest.mark.parametrize("kind", ["standard", "large"])
def test_pages_are_well_filled_and_the_last_is_not_near_empty(booklets, kind):
    """Lines of text per page against the fullest page's: at least 80% on average, the cover included."""
    _, reader = booklets[kind]
    counts = [len(body_lines(page)) for page in reader.pages]
    full = max(counts)
    assert sum(counts) / len(counts) / full >= 0.80, [round(c / full, 2) for c in counts]
    assert counts[-1] >= full / 3, f"the last page holds {counts[-1]} of {full} lines"


@pytest.mark.parametrize("kind", ["standard", "large"])
def test_no_page_ends_with_a_heading(booklets, kind, headings):
    """A heading (a section's, an index's, a day's, a group's name) stays with what follows it."""
    _, reader = booklets[kind]
    for number, page in enumerate(reader.pages[1:], start=2):  # the cover is all headings
        lines = body_lines(page)
        assert len(lines) > 3, f"page {number} holds only {lines}"
        assert lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"


@pytest.fixture(scope="module")
def headings():
    """Every heading the booklet has (sections, indexes, days, letters, groups' names), from its HTML."""
    import html as html_lib

    from conftest import REPO

    page_html = run("export", "--dir", str(REPO), "--format", "html").stdout
    found = {html_lib.unescape(" ".join(h.split())) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page_html)}
    assert len(found) > 50
    return found


@pytest.mark.parametrize("kind", ["standard", "large"])
def test_a_page_that_continues_a_section_or_group_says_so(booklets, kind, headings):
    """A page that does not start with a heading is headed with what it continues: "Thursday, continued"."""
    _, reader = booklets[kind]
    heads = [head_of(page) for page in reader.pages]
    days = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    continued = [h.removesuffix(", continued") for h in heads if h.endswith(", continued")]
    assert len(continued) >= len(heads) // 2
    assert continued[0] in headings
    if kind == "large":  # the day index runs over pages
        assert days & set(continued), continued
    for number, page in enumerate(reader.pages[2:], start=3):  # after the cover and contents
        first = body_lines(page)[0]
        if first not in headings:
            assert heads[number - 1].endswith(", continued"), f"page {number} starts {first!r} with no heading"
            assert heads[number - 1].removesuffix(", continued") in headings | {"Groups from A to Z"}


def test_the_a_to_z_lists_every_group_once_with_its_page(booklets):
    import json

    from conftest import REPO

    listed_groups = json.loads(run("export", "--dir", str(REPO), "--format", "json").stdout)["groups"]
    names = [g["name"] for g in listed_groups]
    for kind in ("standard", "large"):
        texts, reader = booklets[kind]
        start = next(i for i, t in enumerate(texts) if "Groups from A to Z" in t.split("\n")[2:])
        end = next(i for i, t in enumerate(texts) if "How to read this directory" in t.split("\n"))
        listed = " ".join(" ".join(body_lines(reader.pages[i])) for i in range(start, end + 1))
        listed = listed.split("Groups from A to Z", 1)[1].split("How to read this directory")[0]
        parts = re.split(r", page (\d+)", listed)
        found = []
        for chunk, page in zip(parts[::2], parts[1::2]):
            chunk = chunk.strip()
            if chunk[1:2] == " " and chunk[0] == chunk[2:3]:  # a letter's heading before its first group
                chunk = chunk[2:]
            found.append((chunk.rsplit(" (", 1)[0], page))
        assert sorted(name for name, _ in found) == sorted(names), kind
        for name, page in found:
            assert name in " ".join(body_lines(reader.pages[int(page) - 1])), f"{name} is not on page {page}"


@pytest.mark.parametrize("kind", ["standard", "large"])
def test_the_publisher_is_on_the_cover_and_the_last_page(booklets, kind):
    texts, _ = booklets[kind]
    cover, last = (" ".join(texts[i].split()) for i in (0, -1))
    for page in (cover, last):
        assert "Ashbury Community Network" in page and "01632 960100" in page
    assert "Covering Town Centre, Northfield, Eastgate, Riverside, Millbrook and South Ashbury" in cover
    assert "Correct as of 27 November 2026" in cover
    assert "To add a group or correct an entry, ring Jean" in last


def test_times_in_print_are_said_in_twelve_hours_with_next_dates(booklets):
    texts, _ = booklets["standard"]
    text = " ".join(" ".join(texts).split())
    # from the booklet's date (27 November); not on Christmas Day, a bank holiday
    assert (
        "Every other Friday, 12.30pm to 2.30pm. Next: 27 November, 11 December, 8 January. Not on bank holidays" in text
    )
    assert "Closed 21 December to 4 January (Closed over Christmas)" in text
    assert not re.search(r"\b\d\d:\d\d\b", text)


@pytest.mark.parametrize("kind", ["standard", "large"])
def test_every_page_is_a4_with_its_number_and_date(booklets, kind):
    texts, reader = booklets[kind]
    assert len(texts) > 5
    for number, (text, page) in enumerate(zip(texts, reader.pages), start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1
        assert f"Page {number} of {len(texts)}" in text
        assert "Correct as of 27 November 2026" in text


@pytest.mark.parametrize("kind", ["standard", "large"])
def test_cover_then_contents_with_page_numbers(booklets, kind):
    texts, _ = booklets[kind]
    assert " ".join(texts[0].split()).startswith("Ashbury & District - Groups and Activities for Older People")
    assert "Contents" not in texts[0]
    contents = texts[1]
    assert contents.startswith("Contents")
    entries = dict(
        re.findall(r"^(Social|Wellbeing|What's on each day|Groups by area)[ .]*?(\d+)$", contents, re.MULTILINE)
    )
    assert set(entries) == {"Social", "Wellbeing", "What's on each day", "Groups by area"}
    for heading, page in entries.items():  # sections follow on, so a page is full: the heading is a line of it
        assert heading in texts[int(page) - 1].split("\n"), f"{heading} is not on page {page}"


def test_indexes_give_the_page_of_each_group(booklets):
    texts, _ = booklets["standard"]
    days = next(i for i, t in enumerate(texts) if "What's on each day" in t.split("\n")[1:])
    found = [
        (name, page)
        for name, page in re.findall(r"([A-Z][^\n,]*?), page (\d+)", texts[days] + "\n" + texts[days + 1])
        if " (" in name  # a listing's whole line: "Name (area; how often)"
    ]
    assert len(found) > 10
    for name, page in found[:10]:
        name = name.split(" (")[0].strip()  # the index line is "Name (area; how often), page N"
        assert name[:20] in " ".join(texts[int(page) - 1].split()), f"{name} not on page {page}"


def test_every_group_is_named_on_each_page_it_is_on(booklets):
    """In large print a long group runs over a page; the next page is headed with its name."""
    texts, _ = booklets["large"]
    flat = [" ".join(t.split()) for t in texts]
    pages = [
        i
        for i, t in enumerate(flat)
        if "Bridge and games group" in t or "Members (ask about joining). For older people. Aged 50" in t
    ]
    assert pages, "the U3A entry is in the booklet"
    for i in pages:
        assert "Ashbury & District U3A" in flat[i], f"page {i + 1} holds part of the U3A entry without its name"


def test_pdf_shows_them_escaped(evil, tmp_path):
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    out = tmp_path / "out.pdf"
    result = run("export", "--dir", str(evil), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert not DANGER.search(text)
    assert "\\x1b]0;pwned\\x07" in text
