"""The HTML export in a real browser: headless Chromium, driven by Playwright, checked by axe-core.

What a reader gets: no errors, no requests beyond the page itself, no serious accessibility
faults, clear large print, and an A4 print with the date and page numbers on every page,
sections on a new page and no group split across two pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from conftest import run, write_group

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
# without the networking flags Chromium's background connections fail on a closed network
ARGS = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
VARIANTS = {
    "normal": [],
    "large": ["--large-print"],
    "by-day": ["--group-by", "day"],
    "eastgate-large": ["--area", "eastgate", "--large-print"],
}
A4 = (595.28, 841.89)  # points
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not found: apt-get install chromium"),
]


@pytest.fixture(scope="session")
def browser():
    """One Chromium for all tests: it takes seconds to start."""
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS.split())
        yield chromium
        chromium.close()


def export(root: Path, *options: str) -> Path:
    out = root / "directory.html"
    result = run("export", "-o", str(out), "--dir", str(root), *options)
    assert result.exit_code == 0, result.output
    return out


def written(root: Path, *options: str) -> int:
    """How many groups the export says it wrote."""
    result = run("export", "-o", str(root / "count.html"), "--dir", str(root), *options)
    return int(re.search(r"\((\d+) groups?, html\)", result.output)[1])


class Opened:
    """A page with everything it did recorded: requests, console errors, page errors, dialogs."""

    def __init__(self, browser, path: Path, js: bool = False):
        self.context = browser.new_context(java_script_enabled=js)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url, wait_until="load")


@pytest.fixture
def opened(browser):
    """Open exported files; contexts are closed after the test."""
    pages: list[Opened] = []

    def open_(path: Path, js: bool = False) -> Opened:
        pages.append(Opened(browser, path, js))
        return pages[-1]

    yield open_
    for o in pages:
        o.context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_no_errors_and_no_requests_but_the_page(sample, opened, variant, js):
    o = opened(export(sample, *VARIANTS[variant]), js=js)
    o.page.wait_for_timeout(200)  # anything lazy would have started by now
    assert o.errors == []
    assert o.requests == [o.url]
    count = written(sample, *VARIANTS[variant])
    assert count >= 6
    # every group shows, with or without scripts (by day, a group is under each of its days)
    assert o.page.locator("article.group").count() >= count
    assert o.page.locator("article.group h3").count() == o.page.locator("article.group").count()
    assert "Correct as of 27 November 2026" in o.page.inner_text("body")


@pytest.mark.parametrize("variant", VARIANTS)
def test_axe_finds_nothing_serious(sample, opened, variant):
    o = opened(export(sample, *VARIANTS[variant]), js=True)  # axe-core is a script: without them it never finishes
    results = Axe().run(o.page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(n["target"][0] + " " + n["failureSummary"] for n in v["nodes"][:5])
        for v in bad
    )


@pytest.mark.parametrize("variant", VARIANTS)
def test_structure(sample, opened, variant):
    page = opened(export(sample, *VARIANTS[variant])).page
    assert page.get_attribute("html", "lang") == "en-GB"
    assert page.locator("h1").count() == 1
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "hs => hs.map(h => +h.tagName[1])")
    assert levels[0] == 1
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert skips == [], f"heading levels skip: {skips}"
    assert page.locator("main").count() == 1 and page.locator("nav").count() == 1
    hrefs = page.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(re.match(r"#.|https?://|mailto:|tel:", h or "") for h in hrefs), hrefs
    # every link inside the page goes somewhere, and says where in words
    ids = set(page.eval_on_selector_all("[id]", "es => es.map(e => e.id)"))
    assert {h[1:] for h in hrefs if h.startswith("#")} <= ids
    assert all(t.strip() for t in page.eval_on_selector_all("a", "as => as.map(a => a.innerText)"))


TEXT_STYLES = """() => {
  const out = [];
  for (const e of document.body.querySelectorAll('*')) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const s = getComputedStyle(e);
    out.push({tag: e.tagName.toLowerCase(), cls: e.className, text: e.textContent.trim().slice(0, 40),
              size: parseFloat(s.fontSize), line: s.lineHeight, align: s.textAlign,
              style: s.fontStyle, transform: s.textTransform, family: s.fontFamily});
  }
  return out;
}"""


@pytest.mark.parametrize("variant", ["large", "eastgate-large"])
@pytest.mark.parametrize("media", ["screen", "print"])
def test_large_print_is_clear_print(sample, opened, variant, media):
    page = opened(export(sample, *VARIANTS[variant])).page
    page.emulate_media(media=media)
    body = page.evaluate("getComputedStyle(document.body).fontSize")
    assert float(body.removesuffix("px")) >= 16 * 96 / 72 - 0.01  # 16pt
    texts = page.evaluate(TEXT_STYLES)
    assert len(texts) > 100
    small = [t for t in texts if t["size"] < 16 * 96 / 72 - 0.01]
    assert small == [], small[:5]
    cramped = [
        t
        for t in texts
        if t["tag"] not in ("h1", "h2", "h3") and float(t["line"].removesuffix("px")) < 1.5 * t["size"] - 0.01
    ]
    assert cramped == [], cramped[:5]
    assert [t for t in texts if t["align"] == "justify"] == []
    assert [t for t in texts if t["style"] != "normal" or t["transform"] != "none"] == []
    assert all(t["family"].split(",")[-1].strip() == "sans-serif" for t in texts)


def pdf_pages(page) -> list[str]:
    """Print to A4 and return each page's text; check the paper size on the way."""
    import io

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    for p in reader.pages:
        assert abs(float(p.mediabox.width) - A4[0]) < 1 and abs(float(p.mediabox.height) - A4[1]) < 1
    return [p.extract_text() for p in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("variant", VARIANTS)
def test_prints_on_a4_with_date_and_page_numbers(sample, opened, variant):
    page = opened(export(sample, *VARIANTS[variant])).page
    texts = pdf_pages(page)
    assert len(texts) > 1
    for number, text in enumerate(texts, 1):
        assert "Correct as of 27 November 2026" in text, f"page {number}"
        assert re.search(rf"\bPage {number} of {len(texts)}(?!\d)", text), f"page {number}"


def body_text(text: str) -> str:
    """A page's text without the words in its margins (Chromium puts them first)."""
    return flat(
        re.sub(r"Page \d+ of \d+|Correct as of \d+ \w+ \d{4}", "", text.split("\n", 1)[0])
        + " "
        + text.split("\n", 1)[-1]
    )


PAGE_AREA = (680, 986)  # CSS px inside the A4 page's margins (180 x 261 mm)


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_group_split_and_sections_start_a_page(sample, opened, variant):
    """A group that fits on a page is never split; one taller than a page (a long group
    in large print) breaks only between its fields, never inside one."""
    page = opened(export(sample, *VARIANTS[variant])).page
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PAGE_AREA[0], "height": PAGE_AREA[1]})
    # each group's name, last line, printed height (with a section heading it must stay with), fields
    groups = page.eval_on_selector_all(
        "article.group",
        """as => as.map(a => {
            const before = a.previousElementSibling;
            const heading = before && before.tagName === 'H2' ? before.getBoundingClientRect().height : 0;
            return [a.querySelector('h3').innerText, a.querySelector('dl > div:last-of-type > dd').innerText,
                    a.getBoundingClientRect().height + heading, [...a.querySelectorAll('dl > div > dd')].map(d => d.innerText)];
        })""",
    )
    headings = page.eval_on_selector_all("main > section > h2", "hs => hs.map(h => h.innerText)")
    texts = [body_text(t) for t in pdf_pages(page)]
    # walk the pages in order, so a name in an index or in another group's text is not taken for its heading
    at_page, at, tall = 0, 0, 0
    for name, last, height, fields in groups:
        name, last = flat(name), flat(last)
        while at_page < len(texts) and texts[at_page].find(name, at) < 0:
            at_page, at = at_page + 1, 0
        assert at_page < len(texts), f"{name!r} not found in the print"
        start = texts[at_page].find(name, at)
        end = texts[at_page].find(last, start + len(name))
        if end >= 0:
            at = end + len(last)
            continue
        assert height > PAGE_AREA[1] * 0.9, (
            f"{name!r} ({height:.0f}px) is split across pages {at_page + 1} and {at_page + 2}"
        )
        tall += 1
        both = texts[at_page][start:] + " " + texts[at_page + 1]
        for field in fields:
            assert flat(field) in both, f"{name!r} is taller than a page, but split inside {flat(field)[:40]!r}"
        at_page, at = at_page + 1, texts[at_page + 1].find(last) + len(last)
    assert tall <= 2, f"{tall} groups taller than a page"
    starts = [t[:80] for t in texts]
    for heading in headings:
        assert any(s.startswith(flat(heading)) for s in starts), f"section {heading!r} does not start a page"


HOSTILE = """\
name: <script>alert(1)</script> Lunch Club
summary: <img src=x onerror=alert(2)> and </dd></dl></article><h1>Not a heading</h1>
description: '<iframe src="javascript:alert(3)"></iframe>'
categories: [lunch-club]
area: eastgate
venues:
  - name: <svg onload=alert(4)> Hall
    postcode: as1 2ab
    transport: "Bus 5 \\" onmouseover=alert(5) x=\\""
sessions:
  - days: tuesday
    start: "12:00"
    end: "14:00"
    note: <b>bold</b> &amp; <style>body{display:none}</style>
contact:
  name: "' onfocus=alert(6) '"
  phone: "01632 960123"
  email: lunch@example.org
  website: https://example.org/lunch?a=1&b=2#top
last_checked: 2026-10-01
"""


def test_hostile_text_shows_as_text(sample, opened):
    write_group(sample, "hostile", HOSTILE, "eastgate")
    o = opened(export(sample, "--area", "eastgate", "--title", "<script>alert(7)</script> Directory"), js=True)
    page = o.page
    page.wait_for_timeout(200)
    assert o.dialogs == [] and o.errors == []
    assert o.requests == [o.url]  # the <img src=x> would have asked for x
    assert page.locator("script, img, iframe, b, style:not(head > style)").count() == 0
    # the only SVG is the directory's own symbols, hidden from screen readers beside their words
    symbols = page.locator("svg")
    assert symbols.count() == page.locator("svg.symbol[aria-hidden=true]").count() > 0
    assert page.locator("svg text, svg script, svg foreignObject").count() == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))"
    )
    assert handlers == []
    assert page.locator("h1").count() == 1 and page.title() == "<script>alert(7)</script> Directory"
    text = page.inner_text("body")
    for literal in [
        "<script>alert(1)</script> Lunch Club",
        "<img src=x onerror=alert(2)> and </dd></dl></article><h1>Not a heading</h1>",
        "<svg onload=alert(4)> Hall",
        'Bus 5 " onmouseover=alert(5) x="',
        "<b>bold</b> &amp; <style>body{display:none}</style>",
        "' onfocus=alert(6) '",
        "<script>alert(7)</script> Directory",
    ]:
        assert literal in text
    assert page.locator("#g-hostile a[href^='https:']").evaluate_all("as => as.map(a => a.getAttribute('href'))") == [
        "https://example.org/lunch?a=1&b=2#top"
    ]
