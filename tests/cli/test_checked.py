"""Every command that writes a file (fmt, checked, merge-groups, merge, new, init) writes it
the same careful way: inside the directory only, never over a change it did not see, never
over a read-only file, and without leaving copies of a group lying about."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import stat
from pathlib import Path

import pytest

from assetdir.edit import writes
from assetdir.yamltext import parse
from conftest import SETTINGS, VALID, WIDE, run, write_group

GROUP = "northfield-lunch-club"

THEIRS = VALID.replace("Hot two-course lunch", "Hot three-course lunch")  # what another writer saved

CHANGED = ": changed while this ran; nothing written, run it again"


def litter(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob(".*.tmp"))


def meanwhile(monkeypatch, path: Path, text: str) -> list[int]:
    """Another writer saves `path` after this one has read it, just before this one writes;
    the modes of this writer's temporary files are noted."""
    real, modes = writes._written_beside, []

    def write_first(target: Path, *args, **kwargs):
        if path.exists():
            path.write_text(text, encoding="utf-8")
        tmp = real(target, *args, **kwargs)
        modes.append(stat.S_IMODE(os.stat(tmp if isinstance(tmp, Path) else tmp[0]).st_mode))
        return tmp

    monkeypatch.setattr(writes, "_written_beside", write_first)
    return modes


def test_checked_refuses_when_the_file_changed_under_it(tiny, monkeypatch):
    path = tiny / "groups" / f"{GROUP}.yaml"
    modes = meanwhile(monkeypatch, path, THEIRS)
    result = run("checked", GROUP, "--by", "Phone call", "--dir", str(tiny))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{GROUP}.yaml{CHANGED}\n") and len(result.stderr.splitlines()) == 1
    assert path.read_text(encoding="utf-8") == THEIRS
    assert modes == [0o600]  # a temporary file holds private values: the owner's alone until renamed
    assert litter(tiny) == []


def test_checked_does_not_write_through_a_link_to_outside(tiny, tmp_path):
    target = tmp_path / "elsewhere.yaml"
    target.write_text(VALID.replace("Northfield Lunch Club", "Northfield Lunch Club Elsewhere"), encoding="utf-8")
    link = tiny / "groups" / "northfield-elsewhere.yaml"
    link.symlink_to(target)
    before = target.read_bytes()
    result = run("checked", "northfield-elsewhere", "--dir", str(tiny))
    assert result.exit_code == 1
    assert "outside the directory" in result.stderr and len(result.stderr.splitlines()) == 1
    assert target.read_bytes() == before and link.is_symlink()


def test_checked_refuses_a_read_only_file(tiny):
    path = tiny / "groups" / f"{GROUP}.yaml"
    path.chmod(0o444)
    result = run("checked", GROUP, "--dir", str(tiny))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{GROUP}.yaml: cannot be changed (not writable, or locked); nothing written\n")
    assert len(result.stderr.splitlines()) == 1
    assert path.read_text(encoding="utf-8") == VALID
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_checked_keeps_the_mode_of_a_file(tiny):
    path = tiny / "groups" / f"{GROUP}.yaml"
    path.chmod(0o640)
    assert run("checked", GROUP, "--dir", str(tiny)).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and "last_checked: 2026-11-27" in path.read_text(encoding="utf-8")


def aged(path: Path, text: str = VALID, seconds: int = 3600) -> Path:
    path.write_text(text, encoding="utf-8")
    then = path.stat().st_mtime - seconds
    os.utime(path, (then, then))
    return path


def test_temporary_files_left_by_a_killed_write_are_removed_by_the_next_write(tiny):
    groups = tiny / "groups"
    stale = [aged(groups / f".{GROUP}.yaml.k3j4h5g6.tmp"), aged(groups / ".eastgate-walks.yaml.a_b1c2d3.tmp")]
    fresh = groups / f".{GROUP}.yaml.zzzzzzzz.tmp"
    fresh.write_text(VALID, encoding="utf-8")  # another writer's, still being written
    held = aged(groups / f".{GROUP}.yaml.hhhhhhhh.tmp")
    others = (".notes.tmp", f"{GROUP}.yaml.abcdefgh.tmp", ".x.yaml.abc.tmp", ".notes.txt.abcdefgh.tmp")
    not_ours = [aged(groups / name) for name in others]
    with held.open("rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a live writer holds it
        result = run("checked", GROUP, "--dir", str(tiny))
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and held.exists() and all(p.exists() for p in not_ours)


def test_the_folder_is_synced_after_the_rename(tiny, monkeypatch):
    synced = []
    real = os.fsync

    def noting(fd: int) -> None:
        info = os.fstat(fd)
        synced.append((stat.S_ISDIR(info.st_mode), info.st_ino))
        real(fd)

    monkeypatch.setattr(os, "fsync", noting)
    assert run("checked", GROUP, "--dir", str(tiny)).exit_code == 0
    assert synced[-1] == (True, (tiny / "groups").stat().st_ino)


def ok(root: Path, *args: str):
    result = run(*args, root=root, env=WIDE)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def new_directory(tmp_path: Path, settings: str = SETTINGS) -> Path:
    root = tmp_path / "dir"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(settings, encoding="utf-8")
    return root


def group_yaml(
    name: str,
    area: str,
    *,
    summary: str = "Friendly weekly get-together with tea and a chat.",
    categories: str = "[social-group]",
    status: str = "active",
    venues: list[tuple[str, float | None, float | None]] | None = None,
    phone: str = "01632 960100",
    contact_name: str | None = None,
    email: str | None = None,
    offers: list[str | tuple[str, str]] = (),
    needs: list[str | tuple[str, str]] = (),
    partners: list[str] = (),
    last_checked: str | None = "2026-10-01",
    checked_by: str | None = None,
    private: str | None = None,
) -> str:
    """A realistic group file (venues as (name, lat, lon); lat None for no coordinates)."""
    lines = [
        f"name: {json.dumps(name)}",
        f"summary: {summary}",
        f"categories: {categories}",
        f"area: {area}",
        f"status: {status}",
        "venues:",
    ]
    for venue, lat, lon in venues or [(f"{name} Hall", None, None)]:
        lines.append(f"  - name: {json.dumps(venue)}")
        if lat is not None:
            lines += [f"    lat: {lat}", f"    lon: {lon}"]
    lines += ["sessions:", "  - days: [wednesday]", '    start: "10:00"', '    end: "12:00"', "contact:"]
    if contact_name:
        lines.append(f"  name: {contact_name}")
    lines.append(f'  phone: "{phone}"')
    if email:
        lines.append(f"  email: {email}")
    for key, items in (("offers", offers), ("needs", needs)):
        if items:
            lines.append(f"{key}:")
            for item in items:
                if isinstance(item, tuple):
                    lines += [f"  - asset: {item[0]}", f"    note: {item[1]}"]
                else:
                    lines.append(f"  - {item}")
    if partners:
        lines.append(f"partners: [{', '.join(partners)}]")
    if last_checked:
        lines.append(f"last_checked: {last_checked}")
    if checked_by:
        lines.append(f"checked_by: {checked_by}")
    if private:
        lines.append(private)
    return "\n".join(lines) + "\n"


PRIVATE = """\
private:
  contact: {name: Jean Hartigan, phone: 07700 900203, email: jean.hartigan@example.org}
  notes: Prefers calls after 10am."""


@pytest.fixture
def due(tmp_path: Path) -> Path:
    """Groups around the review boundary, with today 2026-11-27 and review_after_months 12."""
    root = new_directory(tmp_path)
    groups = {
        # never checked: first, by name
        "northfield-knit-and-natter": group_yaml(
            "Northfield Knit and Natter", "northfield", last_checked=None, phone="01632 960131"
        ),
        "eastgate-hearing-loss-group": group_yaml(
            "Eastgate Hearing Loss Group",
            "eastgate",
            last_checked=None,
            phone="01632 960132",
            private=PRIVATE,
        ),
        # due 2026-03-10
        "eastgate-energy-advice": group_yaml(
            "Eastgate Energy Advice",
            "eastgate",
            last_checked="2025-03-10",
            checked_by="Email from Sam",
            phone="01632 960133",
        ),
        # exactly 12 months ago: due today
        "northfield-chair-exercise": group_yaml(
            "Northfield Chair Exercise",
            "northfield",
            last_checked="2025-11-27",
            phone="01632 960134",
            contact_name="Pat",
            email="chairs@example.org",
        ),
        # 12 months less a day: due tomorrow
        "northfield-walking-group": group_yaml(
            "Northfield Walking Group", "northfield", last_checked="2025-11-28", phone="01632 960135"
        ),
        # paused, due in 20 days
        "eastgate-tai-chi": group_yaml(
            "Eastgate Tai Chi", "eastgate", status="paused", last_checked="2025-12-17", phone="01632 960136"
        ),
        # due in exactly 30 days
        "eastgate-book-club": group_yaml(
            "Eastgate Book Club", "eastgate", last_checked="2025-12-27", phone="01632 960137"
        ),
        # due in 40 days
        "northfield-memory-cafe": group_yaml(
            "Northfield Memory Cafe", "northfield", last_checked="2026-01-06", phone="01632 960138"
        ),
        # checked lately
        "northfield-lunch-club": group_yaml(
            "Northfield Lunch Club", "northfield", last_checked="2026-10-01", phone="01632 960139"
        ),
        # not listed: never reviewed
        "eastgate-polish-seniors": group_yaml(
            "Eastgate Polish Seniors Club", "eastgate", status="closed", last_checked=None
        ),
        "eastgate-private-circle": group_yaml(
            "Eastgate Private Circle", "eastgate", status="do-not-list", last_checked="2024-01-05"
        ),
    }
    for id_, text in groups.items():
        write_group(root, id_, text)
    return root


DUE_NOW = [
    "eastgate-hearing-loss-group",
    "northfield-knit-and-natter",
    "eastgate-energy-advice",
    "northfield-chair-exercise",
]

COMMENTED = """\
# Northfield Lunch Club - checked by phone, Jean still running it
name: Northfield Lunch Club
summary: Hot two-course lunch and a chat.   # keep it short

categories: [lunch-club, social-group]
area: northfield
venues:
  - name: Northfield Methodist Church Hall
    postcode: AS2 4DL    # use the side door
    lat: 52.4418
    lon: -1.9786

sessions:
  - days: [tuesday, thursday]
    start: "12:00"
    end: "14:00"
contact:
  name: Jean
  phone: "01632 960110"
  email: lunch@example.org
needs: [volunteer-drivers]

# when someone last rang them
last_checked: 2025-09-14   # phoned
checked_by: Phone call with Jean
private:
  contact: {name: Jean Hartigan, phone: 07700 900203}
  notes: Prefers calls after 10am.
"""


def lines_apart(before: list[str], after: list[str]) -> list[int]:
    assert len(before) == len(after), (before, after)
    return [i for i, (a, b) in enumerate(zip(before, after)) if a != b]


def test_checked_changes_only_the_two_lines(tiny):
    path = write_group(tiny, "northfield-lunch-club", COMMENTED)
    result = ok(tiny, "checked", "northfield-lunch-club", "--by", "Visit to the hall", "--date", "2026-11-20")
    assert "last_checked 2026-11-20" in result.stderr
    before, after = COMMENTED.splitlines(), path.read_text(encoding="utf-8").splitlines()
    at = before.index("last_checked: 2025-09-14   # phoned")
    assert lines_apart(before, after) == [at, at + 1]
    assert after[at].startswith("last_checked: 2026-11-20 ") and after[at].endswith("# phoned")
    assert after[at + 1] == "checked_by: Visit to the hall"
    assert path.read_text(encoding="utf-8").endswith("notes: Prefers calls after 10am.\n")


def test_checked_default_date_is_today_and_by_is_optional(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    ok(tiny, "checked", "northfield-lunch-club")
    before, after = VALID.splitlines(), path.read_text(encoding="utf-8").splitlines()
    assert lines_apart(before, after) == [len(before) - 1]
    assert after[-1] == "last_checked: 2026-11-27"


def test_checked_keeps_crlf_line_endings(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    original = COMMENTED.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    ok(tiny, "checked", "northfield-lunch-club", "--by", "Visit to the hall", "--date", "2026-11-20")
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") == original.count(b"\r\n")
    before, after = original.split(b"\r\n"), data.split(b"\r\n")
    at = before.index(b"last_checked: 2025-09-14   # phoned")
    assert lines_apart(before, after) == [at, at + 1]
    assert after[at + 1] == b"checked_by: Visit to the hall"


def test_checked_inserts_missing_keys_before_private(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    text = COMMENTED.replace("last_checked: 2025-09-14   # phoned\nchecked_by: Phone call with Jean\n", "")
    path.write_text(text, encoding="utf-8")
    ok(tiny, "checked", "northfield-lunch-club", "--by", "Phone call: Jean")
    before, after = text.splitlines(), path.read_text(encoding="utf-8").splitlines()
    at = before.index("private:")
    assert after == before[:at] + ["last_checked: 2026-11-27", 'checked_by: "Phone call: Jean"'] + before[at:]
    data = parse(path.read_text(encoding="utf-8"))
    assert data["checked_by"] == "Phone call: Jean" and data["last_checked"] == "2026-11-27"
    assert "Last checked: 2026-11-27 (Phone call: Jean)" in ok(tiny, "show", "northfield-lunch-club").stdout


def test_checked_quotes_a_by_that_would_not_read_back(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    for by in ("Phone call: Jean", "Email # to Jean", "- left a message", "Jean's 'yes'"):
        ok(tiny, "checked", "northfield-lunch-club", "--by", by)
        assert parse(path.read_text(encoding="utf-8"))["checked_by"] == by
    assert path.read_text(encoding="utf-8").splitlines()[:-2] == VALID.splitlines()[:-1]


def test_checked_refuses_a_future_or_bad_date(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    original = path.read_bytes()
    result = run("checked", "northfield-lunch-club", "--date", "2026-11-28", root=tiny, env=WIDE)
    assert result.exit_code == 1
    assert "future" in result.stderr
    for bad in ("2026-02-30", "27/11/2026", "yesterday", "2026-13-01"):
        result = run("checked", "northfield-lunch-club", "--date", bad, root=tiny, env=WIDE)
        assert result.exit_code == 1, bad
        assert "YYYY-MM-DD" in result.stderr
    assert path.read_bytes() == original
    ok(tiny, "checked", "northfield-lunch-club", "--date", "2026-11-27")  # today is fine
    assert path.read_text(encoding="utf-8").splitlines()[-1] == "last_checked: 2026-11-27"


def test_checked_refuses_a_bad_by(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    original = path.read_bytes()
    for by in ("", "   ", "line one\nline two"):
        result = run("checked", "northfield-lunch-club", "--by", by, root=tiny, env=WIDE)
        assert result.exit_code == 1, by
    assert path.read_bytes() == original


def test_checked_unknown_id(tiny):
    result = run("checked", "northfield-lunch-clb", root=tiny, env=WIDE)
    assert result.exit_code == 1
    assert 'no group "northfield-lunch-clb"' in result.stderr
    assert 'did you mean "northfield-lunch-club"?' in result.stderr


def test_checked_refuses_a_file_with_an_error_and_leaves_it(tiny):
    broken = write_group(tiny, "eastgate-tai-chi", group_yaml("Eastgate Tai Chi", "eastgate", categories="[tai-chii]"))
    original = broken.read_bytes()
    result = run("checked", "eastgate-tai-chi", root=tiny, env=WIDE)
    assert result.exit_code == 1
    assert "unknown-category" in result.stderr and "not changed" in result.stderr
    assert broken.read_bytes() == original
    # not YAML at all
    broken.write_text(VALID.replace("area: northfield", "area: [northfield"), encoding="utf-8")
    original = broken.read_bytes()
    result = run("checked", "eastgate-tai-chi", root=tiny, env=WIDE)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert broken.read_bytes() == original


def test_checked_group_leaves_review(due):
    def listed() -> list[str]:
        return [r[1] for r in csv.reader(io.StringIO(ok(due, "review", "--format", "csv", "--no-private").stdout))][1:]

    assert "northfield-chair-exercise" in listed()
    ok(due, "checked", "northfield-chair-exercise")  # same length of file: only the date changes
    assert listed() == [i for i in DUE_NOW if i != "northfield-chair-exercise"]
    ok(due, "checked", "northfield-knit-and-natter", "--by", "Phone call with Maureen")
    assert listed() == ["eastgate-hearing-loss-group", "eastgate-energy-advice"]


def test_checked_on_a_sample_file(sample):
    path = sample / "groups" / "northfield" / "northfield-lunch-club.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    ok(sample, "checked", "northfield-lunch-club", "--by", "Phone call with Jean", "--date", "2026-11-03")
    after = path.read_text(encoding="utf-8").splitlines()
    at = before.index("last_checked: 2026-09-14")
    assert lines_apart(before, after) == [at]
    assert after[at] == "last_checked: 2026-11-03"
    assert after[0].startswith("# Northfield Lunch Club")


def test_checked_keeps_indented_comment_lines_after_last_checked(tiny):
    """A comment line under last_checked (indented, or after a blank line) is not part
    of its value: it stays, as does the blank line."""
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    text = (
        VALID
        + "  # ask for Jean, not the church office\n\n  # private details below\nprivate:\n  notes: Prefers calls after 10am.\n"
    )
    path.write_text(text, encoding="utf-8")
    ok(tiny, "checked", "northfield-lunch-club")
    before, after = text.splitlines(), path.read_text(encoding="utf-8").splitlines()
    at = before.index("last_checked: 2026-10-01")
    assert after[at] == "last_checked: 2026-11-27"
    assert after == before[:at] + ["last_checked: 2026-11-27"] + before[at + 1 :]


def test_checked_keeps_a_byte_order_mark(tiny):
    """Some Windows editors save UTF-8 with a BOM; the file reads with it, and keeps it."""
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    ok(tiny, "checked", "northfield-lunch-club")
    assert path.read_bytes() == b"\xef\xbb\xbf" + VALID.replace("2026-10-01", "2026-11-27").encode("utf-8")
