"""`assetdir import SOURCE`: spreadsheets and Open Referral feeds brought in through merge: the plan,
--write, the second run changing nothing, --report, --map, and bad files refused in one line."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from conftest import REPO, files, run, shared, write_group

FIXTURES = REPO / "tests" / "fixtures" / "import"
CSV = str(FIXTURES / "council-groups.csv")


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """A directory with the sample's settings and no groups."""
    root = tmp_path / "empty"
    (root / "groups").mkdir(parents=True)
    shutil.copy(REPO / "assetdir.yaml", root / "assetdir.yaml")
    return root


def groups(root: Path) -> dict[str, str]:
    return {k: v for k, v in files(root).items() if k.startswith("groups/")}


def ok(root: Path, *args: str):
    result = run(*args, root=root)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def test_the_plan_writes_nothing(empty):
    result = ok(empty, "import", CSV)
    assert groups(empty) == {}
    out = result.stdout
    assert "Add council-groups.csv row 4: " in out and "groups/northfield-friendship-lunch.yaml" in out
    assert "Problem: council-groups.csv row 11: no name (every group needs one) (so it is not imported)" in out
    assert "Problem: council-groups.csv row 12: no area ('Nowhere Ward' matched nothing here)" in out
    assert 'Guess: council-groups.csv row 4 ' in out and 'accessibility: "Yes" taken as step-free' in out
    assert "Kept aside: council-groups.csv row 8 " in out and "under x-spreadsheet: Ward number, phone" in out
    assert "+  phone: \"01632 960111\"" in out  # the diff of each new file
    assert "(a plan only: --write makes the changes)" in result.stderr


def test_write_then_the_second_run_changes_nothing(empty):
    result = ok(empty, "import", CSV, "--category", "social-group", "--write")
    assert "Wrote 5 files" in result.stderr
    written = groups(empty)
    assert set(written) == {
        f"groups/{id_}.yaml"
        for id_ in ("northfield-friendship-lunch", "eastgate-knit-and-natter", "riverside-walking-group",
                    "millbrook-memory-cafe", "town-centre-tea-dance")
    }  # fmt: skip
    assert "0 errors" in ok(empty, "validate").stdout
    again = ok(empty, "import", CSV, "--category", "social-group")
    assert "Already here, nothing new: 5 groups of council-groups.csv" in again.stdout
    assert "Nothing to change" in again.stderr
    assert "Guess:" not in again.stdout
    assert groups(empty) == written


def test_the_groups_written(empty):
    ok(empty, "import", CSV, "--write")
    text = (empty / "groups" / "riverside-walking-group.yaml").read_text()
    assert "every: fortnight" in text and "x-spreadsheet:\n  Ward number: \"3\"\n  phone: \"0163 BAD\"\n" in text
    tea = (empty / "groups" / "town-centre-tea-dance.yaml").read_text()
    assert "  - by_arrangement: true\n    note: Term time only - ring for dates\n" in tea


def test_the_three_csv_copies_make_the_same_groups(empty, tmp_path):
    ok(empty, "import", CSV, "--write")
    first = groups(empty)
    for name in ("council-groups-windows-1252.csv", "council-groups-semicolon.csv"):
        result = ok(empty, "import", str(FIXTURES / name))
        assert "Nothing to change" in result.stderr, name
    assert groups(empty) == first


def test_an_area_folder_is_used_as_new_does(empty):
    (empty / "groups" / "northfield").mkdir()
    ok(empty, "import", CSV, "--write")
    assert (empty / "groups" / "northfield" / "northfield-friendship-lunch.yaml").is_file()


def test_area_and_category_fall_back(empty):
    result = ok(empty, "import", CSV, "--area", "millbrook", "--category", "games", "--write")
    bingo = (empty / "groups" / "bingo-afternoon.yaml").read_text()
    assert "categories: [games]\narea: millbrook\n" in bingo
    assert "area: millbrook (--area)" in result.stdout


def test_an_unknown_area_or_category_option(empty):
    result = run("import", CSV, "--area", "nowhere", root=empty)
    assert result.exit_code == 1 and "--area nowhere: not an area of this directory" in result.stderr
    result = run("import", CSV, "--category", "lunch-clubs", root=empty)
    assert result.exit_code == 1 and 'did you mean "lunch-club"' in result.stderr


def test_report(empty, tmp_path):
    report = tmp_path / "report.csv"
    result = ok(empty, "import", CSV, "--report", str(report))
    assert f"Wrote the report {report} (7 records)" in result.stderr
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8-sig"), newline="")))
    assert [r["record"] for r in rows][:2] == ["council-groups.csv row 4", "council-groups.csv row 5"]
    lunch = rows[0]
    assert lunch["outcome"] == "new" and lunch["id"] == "northfield-friendship-lunch"
    assert lunch["file"].endswith("groups/northfield-friendship-lunch.yaml")
    assert 'accessibility: "Yes" taken as step-free' in lunch["guesses"]
    assert lunch["kept aside"] == "x-spreadsheet.Ward number: 12"
    walking = rows[2]
    assert walking["kept aside"] == "x-spreadsheet.Ward number: 3\nx-spreadsheet.phone: 0163 BAD"
    skipped = rows[5]
    assert skipped["outcome"] == "skipped" and skipped["why"] == "no name (every group needs one)"
    ok(empty, "import", CSV, "--write")
    ok(empty, "import", CSV, "--report", str(report))
    assert {r["outcome"] for r in csv.DictReader(io.StringIO(report.read_text(encoding="utf-8-sig"), newline=""))} == {
        "unchanged",
        "skipped",
    }


@pytest.mark.parametrize("where", ["group", "settings", "source"])
def test_the_report_never_replaces_a_group_file_or_a_source(empty, tmp_path, where):
    source = tmp_path / "groups.csv"
    shutil.copy(CSV, source)
    group = write_group(empty, "old-group", "name: Old\n")
    report = {"group": group, "settings": empty / "assetdir.yaml", "source": source}[where]
    before = report.read_bytes()
    result = run("import", str(source), "--report", str(report), root=empty)
    assert result.exit_code == 1, result.output
    assert "--report" in result.stderr and "\n" not in result.stderr.strip()
    assert report.read_bytes() == before


def test_the_report_refuses_a_group_file_name(empty):
    group = empty / "groups" / "x.yaml"
    result = run("import", CSV, "--report", str(group), root=empty)
    assert result.exit_code == 1 and not group.exists()


def test_map_file(empty, tmp_path):
    sheet = tmp_path / "club-list.csv"
    sheet.write_text(
        "Club,What happens,Ward no,Meets,Tel\n"
        "Northfield Cuppa,Cuppa and chat,North ward,Thursdays 10-11:30am,01632 960123\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns:\n  Club: name\n  What happens: category\n  Ward no: area\n  Meets: time\n"
        "values:\n  areas: {North ward: northfield}\n  categories: {Cuppa and chat: coffee-morning}\n",
        encoding="utf-8",
    )
    ok(empty, "import", str(sheet), "--map", str(mapping), "--write")
    text = (empty / "groups" / "northfield-cuppa.yaml").read_text()
    assert "categories: [coffee-morning]\narea: northfield\n" in text
    assert '  - days: [thursday]\n    start: "10:00"\n    end: "11:30"\n' in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("columns:\n  Club: nmae\n", "columns: Club: 'nmae' is not a field"),
        ("values:\n  areas: {North: nowhere}\n", "values: areas: North: 'nowhere' is not one of this directory's"),
        ("- a list\n", "a map file holds columns: and values:"),
    ],
)
def test_a_bad_map_file(empty, tmp_path, text, message):
    mapping = tmp_path / "map.yaml"
    mapping.write_text(text, encoding="utf-8")
    result = run("import", CSV, "--map", str(mapping), root=empty)
    assert result.exit_code == 1 and message in result.stderr and str(mapping) in result.stderr


def test_a_workbook(empty, tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_xlsx", FIXTURES / "make_xlsx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    book = tmp_path / "council-groups.xlsx"
    module.make(str(book))
    result = ok(empty, "import", str(book), "--write")
    assert (
        "Problem: council-groups.xlsx row 7: sheet 'Groups 2026' cell I7 holds a formula whose value was never saved"
        in result.stdout
    )
    assert sorted(groups(empty)) == ["groups/eastgate-knit-and-natter.yaml", "groups/northfield-friendship-lunch.yaml"]


def test_oruk_v1_page_and_record(empty):
    result = ok(empty, "import", str(FIXTURES / "oruk-v1-services-page.json"), str(FIXTURES / "oruk-v1-service.json"))
    assert "Add oruk-v1-services-page.json record 1: " in result.stdout
    assert "Add oruk-v1-service.json record 1: " in result.stdout
    assert "Problem: oruk-v1-services-page.json record 3: no name" in result.stdout
    ok(empty, "import", str(FIXTURES / "oruk-v1-services-page.json"), str(FIXTURES / "oruk-v1-service.json"), "--write")
    text = (empty / "groups" / "millbrook-gentle-exercise.yaml").read_text()
    assert "summary: Chair-based exercise\ndescription: |-\n  Gentle exercise to music for older people.\n" in text
    assert "  No experience needed.\n\n  - Bring water\n  - Wear loose clothes\n" in text
    assert "alert(1)" not in text
    assert "0 errors" in ok(empty, "validate").stdout
    again = ok(empty, "import", str(FIXTURES / "oruk-v1-services-page.json"), str(FIXTURES / "oruk-v1-service.json"))
    assert "Nothing to change" in again.stderr


def test_the_open_referral_examples(empty):
    folder = shared("openreferral")
    for example in ("hsds-3.0/examples/json/service_full.json", "oruk-3.0-profile/examples/service_full.json"):
        result = ok(empty, "import", str(folder / example), "--area", "eastgate", "--category", "mental-wellbeing")
        assert "Add service_full.json record 1: " in result.stdout, example
    ok(empty, "import", str(folder / "hsds-3.0/examples/json/service_full.json"), "--area", "eastgate",
       "--category", "mental-wellbeing", "--write")  # fmt: skip
    assert "x-hsds:" in (empty / "groups" / "community-counselling.yaml").read_text()


def test_a_record_matching_a_group_here_is_merged(sample, tmp_path):
    sheet = tmp_path / "update.csv"
    sheet.write_text(
        "Group name,Category,Ward,Tel,Email\n"
        "Northfield Lunch Club,Lunch club,Northfield,01632 960001,new-address@northfield.example.org\n",
        encoding="utf-8",
    )
    result = run("import", str(sheet), root=sample)
    assert result.exit_code == 0, result.output
    assert "Merge northfield-lunch-club into northfield-lunch-club" in result.stdout
    assert "CONFLICT" in result.stdout
    result = run("import", str(sheet), "--write", root=sample)
    assert result.exit_code == 1 and "--prefer" in result.stderr
    result = run("import", str(sheet), "--prefer", "ours", "--write", root=sample)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"Just some notes\nabout groups\n", "not a spreadsheet of groups"),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("nul.csv", b"Group name,Phone\nLunch\x00,01632 960123\n", "binary data"),
        ("geo.json", b'{"type": "FeatureCollection", "features": []}', "not an Open Referral feed"),
        ("deep.json", b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
        ("broken.json", b'{"content": [', "not valid JSON"),
    ],
)
def test_hostile_files(empty, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("import", str(path), root=empty)
    assert result.exit_code == 1, result.output
    line = result.stderr.strip()
    assert "\n" not in line and message in line and name in line
    assert groups(empty) == {}


def test_a_huge_file(empty, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(60_000_000)
    result = run("import", str(path), root=empty)
    assert result.exit_code == 1 and "huge.csv: 60,000,000 bytes, over the 50,000,000 byte limit" in result.stderr


def test_no_such_file(empty):
    result = run("import", "missing.csv", root=empty)
    assert result.exit_code == 1 and "missing.csv: no such file" in result.stderr


def test_control_characters_from_a_file_never_reach_the_screen_or_the_report_raw(empty, tmp_path):
    sheet = tmp_path / "evil.csv"
    sheet.write_text(
        "Group name,Ward,Category,Tel,Notes\n"
        "Evil\x1b[2J Club,Nowhere\u202e,Lunch club,01632 960123,+HYPERLINK(\"x\")\x07\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.csv"
    result = run("import", str(sheet), "--area", "northfield", "--report", str(report), root=empty)
    assert result.exit_code == 0, result.output
    for text in (result.stdout, result.stderr, report.read_text(encoding="utf-8-sig")):
        assert "\x1b[" not in text and "\u202e" not in text and "\x07" not in text
    assert "Evil\\u001b[2J Club" in result.stdout  # written as YAML escapes it, and shown so


def test_a_feed_of_odd_values_is_never_an_internal_error(empty, tmp_path):
    import json

    odd = [
        {"id": 1, "name": "Odd One", "description": ["not", "text"], "status": 5, "url": 7, "email": {"a": 1},
         "organization": "a string", "service_at_locations": "nowhere", "regular_schedules": [1, {"byday": 5}],
         "contacts": [{"phones": [{"number": 1632960123}]}], "service_areas": [{"service_area": None}],
         "cost_options": [{"amount": "£3 a go"}], "languages": [{"language": 3}], "assured_date": "yesterday",
         "eligibilitys": [{"minimum_age": "sixty"}], "service_taxonomys": [{"taxonomy": "Lunch clubs"}],
         "extra": {"nan": float("nan"), "list": [[[]]], "text": "\u202e"}},
        {"id": "2", "name": None},
        {"id": "3", "name": "Odd Two", "schedules": [{"opens_at": "25:99", "byday": "XX"}], "attributes": [5]},
    ]  # fmt: skip
    feed = tmp_path / "odd.json"
    feed.write_text(json.dumps(odd), encoding="utf-8")
    result = run("import", str(feed), "--area", "eastgate", "--category", "lunch-club", "--write", root=empty)
    assert result.exit_code in (0, 1), result.output
    assert "Problem: odd.json record 2: no name" in result.stdout
    assert "0 errors" in run("validate", root=empty).stdout


def test_a_record_merge_leaves_out_is_listed_once(tiny, tmp_path):
    write_group(tiny, "northfield-lunch-club", "name: Northfield Lunch Club\nsummary: S.\ncategories: [nope]\n")
    sheet = tmp_path / "list.csv"
    sheet.write_text("Group name,Ward,Category\nNorthfield Lunch Club,Northfield,Lunch club\n", encoding="utf-8")
    report = tmp_path / "report.csv"
    result = run("import", str(sheet), "--report", str(report), root=tiny)
    assert result.exit_code == 0, result.output
    problems = [line for line in result.stdout.splitlines() if line.startswith("Problem:")]
    assert len(problems) == 1 and "does not validate, so northfield-lunch-club is not merged" in problems[0]
    row = next(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8-sig"), newline="")))
    assert row["outcome"] == "skipped" and row["why"] == "northfield-lunch-club does not validate"
