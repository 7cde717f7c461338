"""assetdir.export.text: the plain-text booklet shows a file's control characters escaped (\\x1b, \\u202e)."""

from __future__ import annotations

from assetdir.export.booklet import layout
from assetdir.export.text import to_text

from .controls import DANGER, SHOWN, selection


def test_text_shows_them_escaped(evil):
    out = to_text(layout(selection(evil), "category"))
    assert not DANGER.search(out), repr(DANGER.search(out))
    assert all(shown in out for shown in SHOWN), out
