"""assetdir.edit.roundtrip: reading and writing a file gives it back exactly, its style, line ends and comments kept."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from assetdir.edit import roundtrip
from assetdir.yamltext import parse
from conftest import REPO
from merge.strategies import SETTINGS, as_file, groups


def test_every_sample_file_round_trips_exactly():
    for path in sorted((REPO / "groups").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert roundtrip.dump(roundtrip.load(text), text) == text, path


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("venues:\n  - name: A\n    postcode: X\ncost:\n  type: free\n", roundtrip.Style(2, 4, 2)),
        ("venues:\n- name: A\n  postcode: X\ncost:\n    type: free\n", roundtrip.Style(4, 2, 0)),
        ("venues:\n    -   name: A\n", roundtrip.Style(2, 8, 4)),
    ],
)
def test_detect_style(text, style):
    assert roundtrip.detect_style(text) == style


def test_a_file_indented_without_offset_keeps_its_indentation():
    text = "name: A\nvenues:\n- name: Hall   # main\n  postcode: AS1 2AB\n"
    data = roundtrip.load(text)
    data["venues"].append({"name": "Annexe"})
    assert roundtrip.dump(data, text) == text + "- name: Annexe\n"


def test_line_ends_and_byte_order_mark_are_kept():
    text = "\ufeffname: A   # note\r\nvenues:\r\n- name: Hall\r\n"
    data = roundtrip.load(text)
    data["venues"][0]["postcode"] = "AS1 2AB"
    assert roundtrip.dump(data, text) == "\ufeffname: A   # note\r\nvenues:\r\n- name: Hall\r\n  postcode: AS1 2AB\r\n"


def test_a_comment_keeps_its_gap_when_the_value_before_it_changes():
    text = "partners: [a-group, b-group]  # both\nname: A\n"
    data = roundtrip.load(text)
    data["partners"].pop(0)
    assert roundtrip.dump(data, text) == "partners: [b-group]  # both\nname: A\n"


COMMENTS = ["# checked by phone", "# the church office", "# see the newsletter"]


@SETTINGS
@given(groups, st.lists(st.tuples(st.integers(0, 40), st.sampled_from(COMMENTS), st.booleans()), max_size=4))
def test_load_write_load_keeps_data_and_comments(data, comments):
    text, _ = as_file(data)
    lines = text.splitlines()
    for at, comment, own_line in comments:  # comments at the end of a line, or on a line of their own
        at = min(at, len(lines) - 1)
        if own_line and not lines[at].lstrip().startswith("- "):
            lines.insert(at, " " * (len(lines[at]) - len(lines[at].lstrip())) + comment)
        elif not lines[at].rstrip().endswith(("|", "|-", ">")) and "#" not in lines[at] and lines[at].strip():
            lines[at] += "   " + comment
    commented = "\n".join(lines) + "\n"
    assume(parse(commented) == parse(text))  # a comment inside a block of text is text
    written = roundtrip.dump(roundtrip.load(commented), commented)
    assert written == commented
    assert parse(written) == parse(text)
