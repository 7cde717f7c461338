"""`assetdir schema`: the JSON schema with the directory's vocabulary, which the sample meets."""

from __future__ import annotations

import json

import pytest

from conftest import VALID, run


def test_schema_lists_the_directory_vocabulary_and_accepts_the_sample(sample, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    out = tmp_path / "schema.json"
    result = run("schema", "-o", str(out), "--dir", str(sample))
    assert result.exit_code == 0
    schema = json.loads(out.read_text())
    categories = schema["properties"]["categories"]["anyOf"][0]["enum"]
    assert "tea-dance" in categories and "lunch-club" in categories
    assert schema["properties"]["area"]["enum"][:2] == sorted(schema["properties"]["area"]["enum"])[:2]
    from assetdir import yamltext

    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((sample / "groups").rglob("*.yaml")):
        data = yamltext.parse(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), path
    bad = yamltext.parse(VALID.replace("lunch-club", "lunch-clubb") + "sumary: x\n")
    assert len(list(validator.iter_errors(bad))) == 2
    printed = run("schema", "--dir", str(sample))
    assert json.loads(printed.stdout) == schema
