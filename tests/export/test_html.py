"""assetdir.export.html: the HTML booklet carries no control character (they are invalid in HTML) and shows them escaped."""

from __future__ import annotations

from assetdir.export.booklet import layout
from assetdir.export.html import to_html

from .controls import DANGER, SHOWN, selection


def test_html_carries_none_and_shows_them_escaped(evil):
    out = to_html(layout(selection(evil), "category"))
    assert not DANGER.search(out), repr(DANGER.search(out))
    assert all(shown in out for shown in SHOWN), out
