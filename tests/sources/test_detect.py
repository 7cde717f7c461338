"""Source files recognised by what they hold; anything else refused in one line naming the file."""

import json

import pytest

from assetdir.problems import AssetdirError
from assetdir.sources import detect

from .conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "kind"),
    [("council-groups.csv", "csv"), ("council-groups-windows-1252.csv", "csv"), ("oruk-v1-service.json", "json")],
)
def test_kinds(name, kind):
    path = FIXTURES / name
    assert detect.kind_of(path, path.read_bytes()) == kind


def test_a_workbook_whatever_its_name(workbook, tmp_path):
    renamed = tmp_path / "groups.csv"
    renamed.write_bytes(workbook.read_bytes())
    assert detect.kind_of(renamed, renamed.read_bytes()) == "xlsx"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
        (b"name,phone\nA\x00B,1\n", "binary data"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls file"),
        (b"PK\x03\x04rest", "a zip file, not an .xlsx"),
        (b"", "the file is empty"),
    ],
)
def test_what_is_refused(tmp_path, content, message):
    path = tmp_path / "thing.csv"
    path.write_bytes(content)
    with pytest.raises(AssetdirError, match=message) as err:
        detect.kind_of(path, detect.read_bytes(path))
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(detect.MAX_BYTES + 1)
    with pytest.raises(AssetdirError, match=r"huge.csv: 50,000,001 bytes, over the 50,000,000 byte limit"):
        detect.read_bytes(path)


def test_deeply_nested_json(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(AssetdirError, match=r"deep\.json: JSON nested too deeply"):
        detect.load_json(path, path.read_bytes())


@pytest.mark.parametrize("found", [{"type": "FeatureCollection"}, [], [1, 2], {"content": [{"title": "x"}]}])
def test_json_that_is_not_open_referral(tmp_path, found):
    path = tmp_path / "data.json"
    with pytest.raises(AssetdirError, match=r"data\.json: .*not an Open Referral feed"):
        detect.services_in(path, found)


def test_v1_and_3_told_apart():
    page = json.loads((FIXTURES / "oruk-v1-services-page.json").read_text())
    assert detect.services_in(FIXTURES, page)[0] == "oruk1"
    assert len(detect.services_in(FIXTURES, page)[1]) == 3
    three = {"contents": [{"id": "1", "name": "A", "status": "active", "schedules": []}], "total_items": 1}
    assert detect.services_in(FIXTURES, three) == ("hsds3", three["contents"])


def test_json_nested_deeper_than_a_feed_is_refused_before_it_is_read_as_one(tmp_path):
    path = tmp_path / "deep.json"
    nested = '{"a": ' * 300 + "1" + "}" * 300
    path.write_text('[{"id": "1", "name": "A", "extra": ' + nested + "}]")
    with pytest.raises(AssetdirError, match=r"deep\.json: JSON nested too deeply .*over 40 levels"):
        detect.load_json(path, path.read_bytes())


def test_a_service_without_a_name_does_not_refuse_the_feed(tmp_path):
    page = {"content": [{"id": "1", "name": "A"}, {"id": "2", "name": None}]}
    assert len(detect.services_in(tmp_path, page)[1]) == 2
