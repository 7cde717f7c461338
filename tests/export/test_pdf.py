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
    for heading, page in entries.items():
        assert texts[int(page) - 1].startswith(heading), f"{heading} is not on page {page}"


def test_indexes_give_the_page_of_each_group(booklets):
    texts, _ = booklets["standard"]
    days = next(i for i, t in enumerate(texts) if t.startswith("What's on each day"))
    found = re.findall(r"([A-Z][^\n,]*?), page (\d+)", texts[days])
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
