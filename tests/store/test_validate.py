"""assetdir.store.validate: validating whatever is in a group file never raises, and every problem has a place.

Arbitrary bytes, YAML-looking text and arbitrary data dumped as YAML are saved as a
group file and checked with `load`, as `assetdir validate` does; so is the public YAML test suite.
"""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from assetdir.store.directory import open_directory
from assetdir.store.validate import load
from conftest import KNOWN_CODES, SHARED, TODAY, shared

from .conftest import check_problems

SETTINGS = "areas:\n  northfield: Northfield\n  eastgate: Eastgate\n"

CODE_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

FUZZ = settings(
    max_examples=200,
    deadline=None,
    database=None,  # write nothing into the checkout
    derandomize=True,  # the same examples on every run: a failure here is never a fluke
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

VALID = """\
name: Northfield Lunch Club
summary: Hot two-course lunch with a chat and a raffle, every Tuesday.
categories: [lunch-club, social-group]
area: northfield
cost:
  type: fee
  amount: 4.50
venues:
  - id: chapel-hall
    name: Northfield Methodist Church Hall
    postcode: NF1 2AB
sessions:
  - days: [tuesday]
    start: "12:00"
    end: "14:00"
    venue: chapel-hall
contact:
  phone: 01632 960110
  email: lunch@example.org
last_checked: 2026-10-01
"""


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "groups").mkdir()
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    return open_directory(root)


def check(directory, data: bytes) -> None:
    """Save `data` as the only group file, validate the directory, and check every problem."""
    path = directory.groups_dir / "fuzz-group.yaml"
    path.write_bytes(data)
    report = load(directory, TODAY)  # must not raise
    (record,) = report.files
    lines = max(data.count(b"\n"), data.count(b"\r")) + 1
    if not data.startswith(b"\xef\xbb\xbf"):
        try:
            lines = max(lines, len(data.decode("utf-8").splitlines()) + 1)
        except UnicodeDecodeError:
            pass
    for p in report.problems:
        assert p.file.endswith("fuzz-group.yaml"), p
        assert isinstance(p.line, int) and p.line >= 1, p
        assert isinstance(p.column, int) and p.column >= 1, p
        assert p.line <= lines + 1, p
        assert p.severity in ("error", "warning"), p
        assert CODE_RE.match(p.code) and p.code in KNOWN_CODES, p
        assert isinstance(p.message, str) and p.message.strip(), p
        assert "Traceback" not in p.message, p
    if record.group is None:
        assert any(p.severity == "error" for p in report.problems), "not loaded, yet no error says why"


# ---------------------------------------------------------------- arbitrary bytes


@FUZZ
@given(data=st.binary(max_size=3000))
@example(data=b"")
@example(data=b"\xef\xbb\xbf")
@example(data=b"\xef\xbb\xbfname: Caf\xe9\r\n")
@example(data=b"\xff\xfe" + "name: x\n".encode("utf-16-le"))
@example(data=b"\x00" * 10)
@example(data=VALID.replace("\n", "\r").encode())
@example(data=VALID.encode().replace(b"Hot", b"H\xf6t"))
def test_arbitrary_bytes(directory, data):
    check(directory, data)


@FUZZ
@given(prefix=st.binary(max_size=50), cut=st.integers(0, len(VALID)), suffix=st.binary(max_size=50))
def test_valid_group_with_bytes_spliced_in(directory, prefix, cut, suffix):
    raw = VALID.encode()
    check(directory, raw[:cut] + prefix + suffix + raw[cut:])


# ---------------------------------------------------------------- YAML-looking text


TOKENS = [
    "name",
    "summary",
    "categories",
    "area",
    "venues",
    "sessions",
    "contact",
    "days",
    "start",
    "end",
    "every",
    "weeks",
    "starting",
    "venue",
    "cost",
    "type",
    "amount",
    "phone",
    "email",
    "website",
    "partners",
    "last_checked",
    "status",
    "x-ref",
    "id",
    "lat",
    "lon",
    "postcode",
    "age",
    "min",
    ": ",
    ":",
    " ",
    "  ",
    "    ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ",",
    "? ",
    "#",
    "# note",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!int ",
    "!!binary ",
    "!x ",
    "!",
    "|",
    "|-",
    ">",
    "'",
    '"',
    "'it''s'",
    '"\\u00e9"',
    '"\\x"',
    "---",
    "...",
    "%YAML 1.2\n",
    "%TAG ! x\n",
    "@",
    "`",
    "%",
    "~",
    "null",
    "true",
    "yes",
    "12:00",
    "9.30",
    "930",
    "2pm",
    "25:00",
    "2026-02-30",
    "2026-10-01",
    "2099-01-01",
    "01632 960110",
    "01632960110",
    "4.50",
    "1e400",
    ".nan",
    "-1",
    "0x1F",
    "lunch-club",
    "lunch-clubb",
    "northfield",
    "eastgate",
    "tuesday",
    "fortnight",
    "month",
    "fee",
    "https://example.org",
    "javascript:alert(1)",
    "a@example.org",
    "NF1 2AB",
    "café",
    "\ufeff",
    "\u2028",
    "\x85",
    "\x00",
    "\x07",
    "\ud7ff",
    "😀",
    "<script>",
    "\\",
]


@st.composite
def yamlish(draw) -> str:
    tokens = draw(st.lists(st.sampled_from(TOKENS), max_size=80))
    return "".join(tokens)


@st.composite
def yamlish_lines(draw) -> str:
    """Lines shaped like a group file: indent, key, colon, value."""
    keys = st.sampled_from([t for t in TOKENS if t.replace("_", "").replace("-", "").isalnum()])
    values = st.lists(st.sampled_from(TOKENS), max_size=6).map("".join)
    lines = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["", "  ", "    ", "  - ", "    - ", "\t", " "]),
                keys,
                st.sampled_from([": ", ":", " : ", ""]),
                values,
            ),
            max_size=30,
        )
    )
    return "".join(f"{indent}{key}{colon}{value}\n" for indent, key, colon, value in lines)


@FUZZ
@given(text=yamlish())
@example(text="name: Lunch\ndescription: \"x\nlast_checked: y\"\nlast_checked: 2020-01-01\n")
@example(text="1: x\nnull: y\ntrue: z\n")
def test_yamlish_text(directory, text):
    check(directory, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(text=yamlish_lines())
def test_yamlish_lines(directory, text):
    check(directory, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(text=st.text(max_size=500))
def test_arbitrary_text(directory, text):
    check(directory, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(cut=st.integers(0, len(VALID)), insert=yamlish())
def test_valid_group_with_text_spliced_in(directory, cut, insert):
    check(directory, (VALID[:cut] + insert + VALID[cut:]).encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------- arbitrary data dumped as YAML


GROUP_KEYS = [
    "name",
    "summary",
    "description",
    "status",
    "organisation",
    "categories",
    "audience",
    "area",
    "attending",
    "access",
    "age",
    "cost",
    "venues",
    "sessions",
    "contact",
    "offers",
    "needs",
    "partners",
    "languages",
    "last_checked",
    "checked_by",
    "private",
    "x-grant-ref",
]

INNER_KEYS = [
    "id",
    "name",
    "address",
    "postcode",
    "accessibility",
    "transport",
    "lat",
    "lon",
    "days",
    "start",
    "end",
    "every",
    "weeks",
    "starting",
    "venue",
    "note",
    "from",
    "until",
    "by_arrangement",
    "type",
    "amount",
    "min",
    "max",
    "phone",
    "email",
    "website",
    "asset",
    "contact",
    "notes",
    "x-note",
]

text_values = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    text_values,
    st.sampled_from(TOKENS),
    st.dates(),
)

keys = st.one_of(st.sampled_from(GROUP_KEYS + INNER_KEYS), text_values, st.integers(-5, 5), st.none(), st.booleans())

nested = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(keys, children, max_size=6),
    max_leaves=12,
)


def dump(data) -> bytes:
    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(data, out)
    return out.getvalue().encode("utf-8")


@FUZZ
@given(data=nested)
def test_arbitrary_data_as_yaml(directory, data):
    check(directory, dump(data))


@FUZZ
@given(data=st.dictionaries(st.sampled_from(GROUP_KEYS), nested, max_size=8))
def test_arbitrary_group_shaped_data_as_yaml(directory, data):
    check(directory, dump(data))


@FUZZ
@given(
    changes=st.dictionaries(st.sampled_from(GROUP_KEYS), nested, min_size=1, max_size=3),
    inner=st.tuples(st.sampled_from(["venues", "sessions", "cost", "contact"]), st.sampled_from(INNER_KEYS), nested),
    flow=st.booleans(),
)
def test_valid_group_with_fields_replaced(directory, changes, inner, flow):
    """A valid group with a few fields (top-level and inside a block) set to anything."""
    base = YAML(typ="safe", pure=True).load(VALID)
    base.update(changes)
    block, key, value = inner
    target = base.get(block)
    if isinstance(target, list) and target and isinstance(target[0], dict):
        target[0][key] = value
    elif isinstance(target, dict):
        target[key] = value
    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = None if flow else False
    yaml.dump(base, out)
    check(directory, out.getvalue().encode("utf-8"))


SUITE = SHARED / "yaml-test-suite"


# ---------------------------------------------------------------- the public YAML test suite


def test_yaml_test_suite_with_load(suite_directory, tmp_path):
    """The same through `directory.load` on a copy: every file gets a record, none raises."""
    shared("yaml-test-suite")
    root = tmp_path / "suite"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text("areas:\n  northfield: Northfield\n", encoding="utf-8")
    sources = sorted((SUITE / "cases").glob("*.yaml"))
    for source in sources:
        (root / "groups" / f"{source.stem.lower()}.yaml").write_bytes(source.read_bytes())
    report = load(open_directory(root), TODAY)
    assert len(report.files) == len(sources)
    assert all(r.group is None for r in report.files)
    check_problems(report.problems, 10_000)
