"""`export --format hsds`: HSDS 3.0 JSON that the standard's schemas accept (HSDS 3.0 and the ORUK 3.0
profile, with 0 errors), stable ids, no empty strings, nothing private, and a round trip through import."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest

from conftest import REPO, run, shared, write_group

SHARED_FIELDS = ["name", "summary", "description", "status", "organisation", "categories", "area", "age", "cost",
                 "venues", "sessions", "contact", "languages", "last_checked"]  # fmt: skip


def export(root: Path, *args: str) -> list[dict]:
    result = run("export", "--format", "hsds", *args, root=root)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def validators():
    from jsonschema import Draft202012Validator, FormatChecker

    folder = shared("openreferral")
    out = {}
    for name, path in (
        ("HSDS 3.0", "hsds-3.0/schema/compiled_service_with_definitions.json"),
        ("ORUK 3.0", "oruk-3.0-profile/schema/compiled/service.json"),
    ):
        schema = json.loads((folder / path).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        out[name] = Draft202012Validator(schema, format_checker=FormatChecker())
    return out


def test_the_sample_validates_against_both_schemas(sample):
    services = export(sample, "--include-paused", "--include-closed")
    assert len(services) == 47  # every group but the one not to be listed
    for name, validator in validators().items():
        errors = [f"{s['name']}: {e.json_path}: {e.message}" for s in services for e in validator.iter_errors(s)]
        assert errors == [], name


def test_the_schemas_do_reject_a_broken_service():
    for validator in validators().values():
        assert list(validator.iter_errors({"id": "not-a-uuid", "name": "A", "status": ""}))


def test_what_a_service_holds(sample):
    lunch = next(s for s in export(sample) if s["name"] == "Northfield Lunch Club")
    assert lunch["id"] == str(uuid.uuid5(uuid.UUID("2f1c7d8e-4b0a-5c3e-9a6f-0d3b8e1f6a42"), "northfield-lunch-club"))
    assert lunch["status"] == "active"
    assert lunch["service_areas"][0]["name"] == "Northfield"
    assert lunch["attributes"][0]["taxonomy_term"]["code"] == "lunch-club"
    assert lunch["attributes"][0]["taxonomy_term"]["name"] == "Lunch clubs"
    schedule = lunch["schedules"][0]
    assert {k: schedule[k] for k in ("freq", "interval", "byday", "opens_at")} == {
        "freq": "WEEKLY", "interval": 1, "byday": "TU,TH", "opens_at": "12:00"}  # fmt: skip
    assert schedule["description"].startswith("Every Tuesday and Thursday")
    location = lunch["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] and location["addresses"][0]["country"] == "GB"
    assert lunch["cost_options"][0]["currency"] == "GBP"


def test_ids_are_stable_and_unique(sample):
    first, again = export(sample), export(sample)
    assert first == again
    ids = []

    def collect(value, key=""):
        if isinstance(value, dict):
            if "id" in value and key not in ("taxonomy_term", "taxonomy_detail", "organization", "phones"):
                ids.append(value["id"])
            for k, v in value.items():
                collect(v, k)
        elif isinstance(value, list):
            for v in value:
                collect(v, key)

    collect(first)
    assert all(uuid.UUID(i).version == 5 for i in ids)
    assert len(ids) == len(set(ids)) > 500


def test_no_empty_strings_and_nothing_private(tiny):
    write_group(tiny, "secret-club", "name: Secret Club\nsummary: S.\ncategories: [games]\narea: eastgate\n"
                "attending: [phone]\ncontact: {phone: 01632 960123}\n"
                "private: {contact: {name: Jean Smith, phone: 07700 900999}, notes: Keys under the mat}\n")  # fmt: skip
    text = run("export", "--format", "hsds", root=tiny).stdout
    assert "Secret Club" in text
    assert '""' not in text and "[]" not in text and "{}" not in text
    for secret in ("Jean Smith", "07700 900999", "Keys under the mat"):
        assert secret not in text


def test_do_not_list_and_closed_groups(sample):
    names = {s["name"] for s in export(sample)}
    assert "Riverside Widowers' Group" not in names and "Eastgate Friday Luncheon Club" not in names
    closed = {s["name"]: s["status"] for s in export(sample, "--include-closed")}
    assert closed["Eastgate Friday Luncheon Club"] == "inactive"
    assert "Riverside Widowers' Group" not in closed


def test_to_a_file(sample, tmp_path):
    out = tmp_path / "services.json"
    result = run("export", "--format", "hsds", "-o", str(out), root=sample)
    assert result.exit_code == 0 and "(45 groups, hsds)" in result.stderr
    assert json.loads(out.read_text())[0]["id"]


def test_private_is_refused(sample):
    result = run("export", "--format", "hsds", "--include-private", root=sample)
    assert result.exit_code == 2


def _models(root: Path) -> dict[str, dict]:
    from assetdir.format.document import group_or_none
    from assetdir.store.directory import open_directory
    from assetdir.words import paragraphs

    directory = open_directory(root, cache=False)
    out = {}
    for path in directory.files():
        from assetdir import yamltext

        group = group_or_none(yamltext.parse(path.read_text()), directory.context(path.stem))
        data = group.model_dump(by_alias=True)
        data["description"] = paragraphs(data["description"]) if data["description"] else None
        for session in data["sessions"]:  # closures have no field in the standard: said in words instead
            session.pop("closed"), session.pop("bank_holidays")
        out[group.name] = {k: data[k] for k in SHARED_FIELDS}
    return out


def test_round_trip_through_import(sample, tmp_path):
    feed = tmp_path / "services.json"
    assert run("export", "--format", "hsds", "--include-paused", "-o", str(feed), root=sample).exit_code == 0
    empty = tmp_path / "empty"
    (empty / "groups").mkdir(parents=True)
    shutil.copy(REPO / "assetdir.yaml", empty / "assetdir.yaml")
    result = run("import", str(feed), "--write", root=empty)
    assert result.exit_code == 0, result.output
    before, after = _models(sample), _models(empty)
    listed = {n: g for n, g in before.items() if g["status"] in ("active", "paused")}
    assert after == listed
    again = run("import", str(feed), root=empty)
    assert "Nothing to change" in again.stderr


def test_an_organisation_shared_by_two_groups_has_one_id(tiny):
    for id_ in ("a-club", "b-club"):
        write_group(tiny, id_, f"name: {id_}\nsummary: S.\ncategories: [games]\narea: eastgate\n"
                    "organisation: Eastgate Trust\nattending: [phone]\ncontact: {phone: 01632 960123}\n")  # fmt: skip
    found = {s["name"]: s for s in export(tiny)}
    assert found["a-club"]["organization"]["id"] == found["b-club"]["organization"]["id"]
    assert found["a-club"]["organization_id"] == found["a-club"]["organization"]["id"]


@pytest.mark.parametrize(
    "example", ["hsds-3.0/examples/json/service_full.json", "oruk-3.0-profile/examples/service_full.json"]
)
def test_the_examples_validate_so_the_check_is_fair(example):
    service = json.loads((shared("openreferral") / example).read_text())
    name = "HSDS 3.0" if example.startswith("hsds") else "ORUK 3.0"
    assert list(validators()[name].iter_errors(service)) == []


def test_closures_and_bank_holidays_are_said_in_the_schedules_words(sample):
    lunch = next(s for s in export(sample) if s["name"] == "Northfield Lunch Club")
    (place,) = lunch["service_at_locations"]
    said = [x["description"] for x in lunch.get("schedules", []) + place.get("schedules", [])]
    assert any("Not on bank holidays" in d and "Closed 21 December" in d for d in said), said
