"""The network of groups: who can help whom (match), who is due a check (review,
checked), the counts (stats) and the partnerships (partners, show).

Every answer is checked on small directories built here, where the right answer
is known by construction, and the totals on the bundled sample directory too.
"Today" is fixed at 2026-11-27 so the review dates do not drift.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from conftest import SETTINGS, WIDE, run, write_group

NOTICE = "FOR COORDINATORS: CONTAINS PRIVATE DETAILS - not for publication"


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

PRIVATE_VALUES = ["Jean Hartigan", "07700 900203", "jean.hartigan@example.org", "Prefers calls after 10am."]


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

DUE_SOON = ["northfield-walking-group", "eastgate-tai-chi", "eastgate-book-club"]


def test_review_boundary_follows_the_day(due, clock):
    clock.set(dt.date(2026, 11, 28))
    ids = [r[1] for r in csv.reader(io.StringIO(ok(due, "review", "--format", "csv", "--no-private").stdout))][1:]
    assert ids == DUE_NOW + ["northfield-walking-group"]


def test_review_due_within(due):
    def ids(*args: str) -> list[str]:
        rows = list(csv.reader(io.StringIO(ok(due, "review", "--format", "csv", "--no-private", *args).stdout)))
        return [r[1] for r in rows[1:]]

    assert ids() == DUE_NOW
    assert ids("--due-within", "30d") == DUE_NOW + DUE_SOON  # 20 and 30 days, not 40
    assert ids("--due-within", "20d") == DUE_NOW + DUE_SOON[:2]
    assert ids("--due-within", "6w") == DUE_NOW + DUE_SOON + ["northfield-memory-cafe"]
    result = run("review", "--due-within", "soon", root=due, env=WIDE)
    assert result.exit_code == 1 and "30d" in result.stderr


def test_review_text_has_notice_at_top_and_private_details(due):
    result = ok(due, "review", "--format", "text")
    lines = result.stdout.splitlines()
    assert lines[0] == NOTICE
    assert lines[1] == ""
    assert lines[2] == "Eastgate Hearing Loss Group (eastgate-hearing-loss-group), Eastgate: never checked"
    assert "  private: Jean Hartigan, 07700 900203, jean.hartigan@example.org, Prefers calls after 10am." in lines
    assert "Eastgate Energy Advice (eastgate-energy-advice), Eastgate: due 2026-03-10" in lines
    assert "  last checked: 2025-03-10 (Email from Sam)" in lines
    assert "Northfield Chair Exercise (northfield-chair-exercise), Northfield: due 2026-11-27" in lines
    assert "  contact: Pat, 01632 960134, chairs@example.org" in lines
    assert "Northfield Walking Group" not in result.stdout
    assert "Polish" not in result.stdout and "Private Circle" not in result.stdout
    assert result.stderr == "4 groups due for checking\n"


def test_review_csv_call_list(due):
    result = ok(due, "review", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    # the first line is the header spreadsheets expect, and the header itself says what is private
    assert rows[0] == [
        "due",
        "id",
        "name",
        "area",
        "last_checked",
        "checked_by",
        "contact",
        "private_contact (NOT FOR PUBLICATION)",
        "private_notes (NOT FOR PUBLICATION)",
    ]
    assert NOTICE in result.stderr
    assert [r[1] for r in rows[1:]] == DUE_NOW
    assert rows[1] == [
        "never checked",
        "eastgate-hearing-loss-group",
        "Eastgate Hearing Loss Group",
        "Eastgate",
        "",
        "",
        "01632 960132",
        "Jean Hartigan, 07700 900203, jean.hartigan@example.org",
        "Prefers calls after 10am.",
    ]
    assert rows[3][:7] == [
        "2026-03-10",
        "eastgate-energy-advice",
        "Eastgate Energy Advice",
        "Eastgate",
        "2025-03-10",
        "Email from Sam",
        "01632 960133",
    ]


def test_review_json(due):
    text = ok(due, "review", "--format", "json").stdout
    data = json.loads(text)
    assert list(data)[:2] == ["private", "notice"]
    assert data["private"] is True and data["notice"] == NOTICE
    assert [d["id"] for d in data["due"]] == DUE_NOW
    assert data["due"][0]["private_contact"] == "Jean Hartigan, 07700 900203, jean.hartigan@example.org"
    assert data["due"][0]["private_notes"] == "Prefers calls after 10am."
    assert data["due"][3]["due"] == "2026-11-27"


@pytest.mark.parametrize("format", ["text", "csv", "json", "table"])
def test_review_no_private_leaves_every_private_value_out(due, format):
    result = ok(due, "review", "--no-private", "--format", format)
    assert "PRIVATE DETAILS" not in result.stdout
    assert "Eastgate Hearing Loss Group" in result.stdout
    for value in PRIVATE_VALUES:
        assert value not in result.stdout
    with_private = ok(due, "review", "--format", format).stdout
    assert ("NOT FOR PUBLICATION" if format == "csv" else "PRIVATE DETAILS") in with_private
    assert "07700 900203" in with_private
    assert "NOT FOR PUBLICATION" not in result.stdout


def test_review_csv_columns_without_private(due):
    rows = list(csv.reader(io.StringIO(ok(due, "review", "--format", "csv", "--no-private").stdout)))
    assert rows[0] == ["due", "id", "name", "area", "last_checked", "checked_by", "contact"]
    assert all(len(r) == 7 for r in rows)
    data = json.loads(ok(due, "review", "--format", "json", "--no-private").stdout)
    assert data["private"] is False and data["notice"] == ""
    assert set(data["due"][0]) == {"due", "id", "name", "area", "last_checked", "checked_by", "contact"}
