"""assetdir.yamltext: reading YAML into data and positions, and writing files safely."""

from __future__ import annotations

import json

from conftest import KNOWN_CODES, SHARED, run, shared

SUITE = SHARED / "yaml-test-suite"


def test_yaml_test_suite_all_at_once_through_the_cli(tmp_path, monkeypatch):
    """The whole suite as one directory: validate reports every file, and no file stops the others."""
    shared("yaml-test-suite")
    root = tmp_path / "suite"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text("areas:\n  northfield: Northfield\n", encoding="utf-8")
    names = []
    for source in sorted((SUITE / "cases").glob("*.yaml")):
        name = f"{source.stem.lower()}.yaml"
        (root / "groups" / name).write_bytes(source.read_bytes())
        names.append(f"groups/{name}")
    monkeypatch.chdir(root)
    result = run("validate", "--format", "json", "--dir", str(root))
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert result.exit_code == 1
    assert result.stdout.lstrip().startswith("["), result.output
    problems = json.loads(result.stdout)
    assert {p["file"] for p in problems if p["severity"] == "error"} == set(names)
    assert all(p["code"] in KNOWN_CODES and p["line"] >= 1 and p["column"] >= 1 for p in problems)
    assert result.stderr.strip().startswith(f"{len(names)} groups checked: ")
