"""The one escaping function, and the output streams that use it."""

from __future__ import annotations

import io
import sys

from assetdir.cli.output import Shown as _Shown
from assetdir.cli.output import shown_streams as _shown_streams


def test_the_stream_escapes_and_passes_the_rest_on():
    raw = io.StringIO()
    shown = _Shown(raw)
    assert shown.write("a\x1bb\n") == 4
    shown.writelines(["\u202e", "c"])
    assert raw.getvalue() == "a\\x1bb\n\\u202ec"
    assert shown.isatty() is False and shown.unescaped is raw
    assert shown.getvalue() == raw.getvalue()  # anything else is the stream's own


def test_the_streams_are_put_back_after_a_command():
    before = sys.stdout, sys.stderr
    with _shown_streams():
        assert isinstance(sys.stdout, _Shown) and sys.stdout.unescaped is before[0]
        with _shown_streams():  # never wrapped twice
            assert sys.stdout.unescaped is before[0]
    assert (sys.stdout, sys.stderr) == before
