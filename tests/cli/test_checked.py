"""`assetdir checked ID`: the check recorded in two lines and nothing else, comments, line ends and a
byte order mark kept; refused for a bad date or by, a broken file, a file changed meanwhile, read-only
or linked outside; the file's mode kept and temporary files left by a killed write tidied."""

from __future__ import annotations

import csv
import fcntl
import io
import os
import stat

from assetdir.yamltext import parse
from conftest import VALID, WIDE, run, write_group
from query.networks import DUE_NOW, group_yaml

from .conftest import ok
from .writing import CHANGED, GROUP, THEIRS, aged, litter, meanwhile

# A change made meanwhile is never lost


def test_checked_refuses_when_the_file_changed_under_it(tiny, monkeypatch):
    path = tiny / "groups" / f"{GROUP}.yaml"
    modes = meanwhile(monkeypatch, path, THEIRS)
    result = run("checked", GROUP, "--by", "Phone call", "--dir", str(tiny))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{GROUP}.yaml{CHANGED}\n") and len(result.stderr.splitlines()) == 1
    assert path.read_text(encoding="utf-8") == THEIRS
    assert modes == [0o600]  # a temporary file holds private values: the owner's alone until renamed
    assert litter(tiny) == []


# Nothing is written outside the directory, nor over a read-only file


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


# No copies of a group left lying about


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


# --- checked -------------------------------------------------------------------------------------


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
