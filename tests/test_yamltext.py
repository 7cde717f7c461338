"""assetdir.yamltext, the YAML reader: plain data in the core schema, positions, problems with their place, and reading a file's text."""

from __future__ import annotations

import math
import os
import signal

import pytest

from assetdir import yamltext
from assetdir.problems import FileProblem
from assetdir.yamltext import read_text


def problem(call, *args) -> FileProblem:
    with pytest.raises(FileProblem) as info:
        call(*args)
    return info.value


# ---------------------------------------------------------------- parse


def test_parse_gives_plain_data_in_the_core_schema():
    text = (
        "name: Lunch\n"
        "numbers: [12, -3, +3, 0x1F, 0o17, 1.5, 1.5e3, .inf, -.Inf]\n"
        "nulls: [~, null, Null, NULL]\n"
        "bools: [true, True, FALSE]\n"
        "words: [yes, no, on, off, 1_000]\n"
        "time: 12:30\n"
        'quoted: ["12", \'true\', "~"]\n'
        "date: 2026-01-06\n"
        "empty:\n"
    )
    data = yamltext.parse(text)
    assert data == {
        "name": "Lunch",
        "numbers": [12, -3, 3, 31, 15, 1.5, 1500.0, math.inf, -math.inf],
        "nulls": [None, None, None, None],
        "bools": [True, True, False],
        "words": ["yes", "no", "on", "off", "1_000"],  # YAML 1.1 booleans are text
        "time": "12:30",  # and so are YAML 1.1 sexagesimal numbers
        "quoted": ["12", "true", "~"],
        "date": "2026-01-06",  # dates stay text, so the models can say what is wrong with them
        "empty": None,
    }
    assert type(data["numbers"][0]) is int and type(data["bools"][0]) is bool


def test_parse_keeps_the_leading_zero_problem_visible():
    # the models turn these into time-as-number and phone-as-number
    assert yamltext.parse("start: 9.30\nphone: 01632960123\n") == {"start": 9.3, "phone": 1632960123}


def test_parse_explicit_core_tags():
    data = yamltext.parse('a: !!str 12\nb: !!int "12"\nc: !!float 1\nd: !!null ""\ne: !!bool true\nf: !!str\n')
    assert data == {"a": "12", "b": 12, "c": 1.0, "d": None, "e": True, "f": ""}


@pytest.mark.parametrize(
    "text",
    ["", "# only a comment\n", "---\n", "---\n...\n", "\n\n"],
    ids=["nothing", "comment", "document-start", "empty-document", "blank-lines"],
)
def test_parse_empty_is_none(text):
    assert yamltext.parse(text) is None


def test_parse_anchors_and_aliases():
    assert yamltext.parse("a: &hall Chapel Hall\nb: *hall\nc: &list [1, 2]\nd: *list\n") == {
        "a": "Chapel Hall",
        "b": "Chapel Hall",
        "c": [1, 2],
        "d": [1, 2],
    }


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "phrase"),
    [
        (
            "name: Lunch\nname: Cafe\n",
            "duplicate-key",
            2,
            1,
            'key "name" appears twice in the same block (first on line 1)',
        ),
        ("contact:\n  phone: 1\n  email: x\n  phone: 2\n", "duplicate-key", 4, 3, "first on line 2"),
        ("age: {min: 60, min: 65}\n", "duplicate-key", 1, 16, 'key "min"'),
        ("name: Lunch\n---\nname: Cafe\n", "yaml-syntax", 2, 1, "a group file holds one group"),
        ("name: Lunch\nvenue: *hall\n", "yaml-syntax", 2, 8, "*hall refers to no &hall"),
        ("name: !!python/object:os.system ls\n", "yaml-syntax", 1, 7, "not supported"),
        ("logo: !!binary aGVsbG8=\n", "yaml-syntax", 1, 7, "not supported"),
        ("days: !!set {tuesday}\n", "yaml-syntax", 1, 7, "not supported"),
        ("? [a, b]\n: 1\n", "yaml-syntax", 1, 3, "a key must be a plain word"),
        ("summary: Lunch: two courses\n", "yaml-syntax", 1, 15, "needs quotes"),
        ("categories: [lunch-club\n", "yaml-syntax", 1, 13, "not closed with ]"),
        ("name: Lunch\nvenues:\n\t- name: Hall\n", "tab-indent", 3, 1, "tab"),
        ("name: Lunch\nvenues:\n  - name: Hall\n  \t  postcode: NF1 2AB\n", "tab-indent", 4, 3, "tab"),
        ("name: Lu\x07nch\n", "yaml-syntax", 1, 9, "U+0007"),
    ],
    ids=[
        "duplicate-top",
        "duplicate-nested",
        "duplicate-flow",
        "second-document",
        "undefined-alias",
        "python-tag",
        "binary-tag",
        "set-tag",
        "complex-key",
        "colon-in-value",
        "unclosed-flow",
        "tab-indent",
        "tab-after-spaces",
        "control-character",
    ],
)
def test_parse_problems_have_code_line_and_column(text, code, line, column, phrase):
    err = problem(yamltext.parse, text)
    assert (err.code, err.line, err.column) == (code, line, column), err.message
    assert phrase in err.message


def test_parse_refuses_a_billion_laughs():
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    err = problem(yamltext.parse, "\n".join(levels) + "\n")
    assert err.code == "alias-bomb"
    assert (err.line, err.column) == (5, 5)  # a4: the first anchor past 50,000 values
    assert "50,000" in err.message


def test_parse_allows_a_modest_number_of_aliases():
    text = "a: &a [x, y, z]\n" + "".join(f"b{i}: *a\n" for i in range(1000))
    assert len(yamltext.parse(text)) == 1001


# ---------------------------------------------------------------- compose and position


TEXT = """\
name: Lunch
venues:
  - name: Hall
    postcode: NF1 2AB
sessions:
  - days: [tuesday, friday]
    start: "12:00"
"0": zero
"""


def test_compose_gives_nodes_with_positions():
    root = yamltext.compose(TEXT)
    assert root is not None and (root.line, root.column) == (1, 1)
    assert yamltext.compose("") is None
    assert yamltext.compose("# nothing\n") is None


@pytest.mark.parametrize(
    ("loc", "key", "expected"),
    [
        (("name",), False, (1, 7)),
        (("name",), True, (1, 1)),
        (("venues", 0, "postcode"), False, (4, 15)),
        (("venues", 0, "postcode"), True, (4, 5)),
        (("sessions", 0, "days", 1), False, (6, 21)),
        (("sessions", 0, "start"), False, (7, 12)),
        (("venues", 0, "lat"), False, (3, 5)),  # missing: the block that should hold it
        (("venues", 5), False, (3, 3)),  # no such item: the list
        (("nope",), False, (1, 1)),
        ((), False, (1, 1)),
        ((0,), True, (8, 1)),  # a key "0" reached by an int step
    ],
)
def test_position(loc, key, expected):
    assert yamltext.position(yamltext.compose(TEXT), loc, key=key) == expected


def test_position_of_nothing_is_the_start():
    assert yamltext.position(None, ("name",)) == (1, 1)


def test_compose_problems():
    err = problem(yamltext.compose, "name: Lunch\ncategories: [lunch-club\n")
    assert (err.code, err.line) == ("yaml-syntax", 2)  # where the [ opened
    err = problem(yamltext.compose, "name: Lunch\nvenues:\n\t- name: Hall\n")
    assert (err.code, err.line, err.column) == ("tab-indent", 3, 1)
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    assert problem(yamltext.parse, "\n".join(levels)).code == "alias-bomb"
    assert yamltext.compose("\n".join(levels)) is not None  # positions only: aliases are not expanded


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "a: &x 1\nb: *x\n",
        "a: &x Chapel Hall\nb: &x Church Hall\nc: *x\n",  # an anchor name used again: allowed in YAML 1.2
        "%YAML 1.2\n---\na: 1\n",
        "{name: Lunch, days: [tuesday]}\n",
    ],
    ids=["group", "alias", "reused-anchor", "directive", "flow"],
)
def test_compose_accepts_what_parse_accepts(text):
    """validate composes a file only after parse accepted it; compose must not then fail."""
    assert yamltext.parse(text) is not None
    assert yamltext.compose(text) is not None


# ---------------------------------------------------------------- top-level keys


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("name: Lunch\r\nlast_checked: 2026-10-01\r\n", 2),
        ("# comment\nlast_checked: 2026-10-01\n", 2),
        ("name: Lunch\ndescription: |\n  Meets weekly.\n  last_checked: in spring\nlast_checked: 2020-01-01\n", 5),
        ('name: Lunch\ndescription: "Meets weekly.\nlast_checked: in spring"\nlast_checked: 2020-01-01\n', 4),
    ],
    ids=["crlf", "comment", "block-text", "quoted-text-over-lines"],
)
def test_position_of_a_top_level_key_is_exact(text, line):
    assert yamltext.position(yamltext.compose(text), ("last_checked",), key=True) == (line, 1)


# ---------------------------------------------------------------- read_text


def test_read_text_utf8_bom_and_crlf(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_bytes("name: Café\n".encode())
    assert yamltext.read_text(path) == "name: Café\n"
    path.write_bytes(b"\xef\xbb\xbfname: Caf\xc3\xa9\r\nsummary: x\r\n")
    assert yamltext.read_text(path) == "name: Café\r\nsummary: x\r\n"  # BOM dropped, text as it is


def test_read_text_size_limit(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_bytes(b"#" * yamltext.MAX_BYTES)
    assert len(yamltext.read_text(path)) == yamltext.MAX_BYTES
    path.write_bytes(b"#" * (yamltext.MAX_BYTES + 1))
    err = problem(yamltext.read_text, path)
    assert (err.code, err.line, err.column) == ("file-too-large", 1, 1)
    assert "1,000,001 bytes" in err.message and "1,000,000 byte limit" in err.message


@pytest.mark.parametrize(
    ("data", "line", "column", "byte"),
    [
        (b"name: Caf\xe9\n", 1, 10, 0xE9),
        (b"name: Lunch\nsummary: Caf\xe9 and cake\n", 2, 13, 0xE9),
        (b"name: Lunch\r\nsummary: Caf\xe9\r\n", 2, 13, 0xE9),
        (b"name: Lunch\n\xe9t\xe9 club\n", 2, 1, 0xE9),
        (b"\xef\xbb\xbfname: Caf\xe9\n", 1, 10, 0xE9),  # BUG: after a BOM, the wrong byte and column
        (b"\xef\xbb\xbfname: Lunch\n\xe9t\xe9 club\n", 2, 1, 0xE9),  # BUG: ... and even the wrong line
        ("summary: £2 café\n".encode().replace(b"\xc3\xa9", b"\xe9"), 1, 16, 0xE9),  # BUG: columns count characters
    ],
    ids=["latin1", "second-line", "crlf", "line-start", "bom", "bom-line-start", "after-utf8-pound"],
)
def test_read_text_not_utf8_points_at_the_byte(tmp_path, data, line, column, byte):
    path = tmp_path / "g.yaml"
    path.write_bytes(data)
    err = problem(yamltext.read_text, path)
    assert (err.code, err.line, err.column) == ("not-utf8", line, column), err.message
    assert f"byte 0x{byte:02x} is not UTF-8" in err.message


def test_read_text_never_opens_a_pipe(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")

    def waited(*_):
        raise TimeoutError("read_text opened the pipe and waited for a writer")

    previous = signal.signal(signal.SIGALRM, waited)
    signal.alarm(10)
    try:
        with pytest.raises(FileProblem) as caught:
            read_text(tmp_path / "pipe.yaml")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert caught.value.code == "not-a-file"
