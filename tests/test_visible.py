"""assetdir.visible: the one escaping function, which shows control characters rather than passing them on."""

from __future__ import annotations

import json

from assetdir.visible import one_line, visible


def test_visible_writes_out_controls_and_keeps_line_breaks_and_tabs():
    assert visible("a\x1b[2Jb\x07c\x7fd\x9be\u202ef\u2066g\u200eh\u061ci\tj\nk") == (
        "a\\x1b[2Jb\\x07c\\u007fd\\u009be\\u202ef\\u2066g\\u200eh\\u061ci\tj\nk"
    )


def test_a_carriage_return_ending_a_line_stays_and_a_lone_one_is_shown():
    assert visible("a,b\r\nc\rd\r") == "a,b\r\nc\\rd\\r"


def test_escaping_twice_changes_nothing_and_backslashes_stay():
    once = visible("C:\\groups \x1b \u202e")
    assert visible(once) == once == "C:\\groups \\x1b \\u202e"


def test_one_line_writes_out_line_breaks_too():
    assert one_line("a\nb\r\nc\u2028d\u2029e\tf\x85") == "a\\nb\\r\\nc\\u2028d\\u2029e\tf\\u0085"


def test_json_escaped_so_stays_json_of_the_same_text():
    text = "x\x7f\x85\u202ey"
    assert json.loads(visible(json.dumps(text, ensure_ascii=False))) == text
