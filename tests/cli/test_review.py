"""`assetdir review`: who is due a check, the boundary following the day; the call list as text, CSV and
JSON with its private-details notice, or with every private value left out."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from conftest import WIDE, run
from query.networks import DUE_NOW, DUE_SOON

from .conftest import ok

NOTICE = "FOR COORDINATORS: CONTAINS PRIVATE DETAILS - not for publication"


PRIVATE_VALUES = ["Jean Hartigan", "07700 900203", "jean.hartigan@example.org", "Prefers calls after 10am."]


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


# --- letters and emails: one each to the groups due, with their entry ---------------------------


def due_of(root, *args: str) -> list[dict]:
    return json.loads(ok(root, "review", "--format", "json", *args).stdout)["due"]


def due_ids(root, *args: str) -> list[str]:
    return [d["id"] for d in due_of(root, *args)]


@pytest.mark.slow
def test_letters_one_page_per_group_due_with_its_entry_and_the_publisher(sample, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "letters.pdf"
    result = ok(sample, "review", "--letters", "-o", str(out), "--due-within", "300d")
    due = due_ids(sample, "--due-within", "300d")
    assert f"Wrote {out} ({len(due)} letters)" in " ".join(result.stderr.split())
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    assert len(pages) == len(due) >= 8
    html = run("export", "--format", "html", root=sample).stdout
    names = [d["name"] for d in due_of(sample, "--due-within", "300d")]
    for id_, name, page in zip(due, names, pages):
        assert name in page and "Is this still right?" in page
        assert "Checked" in page and "When" in page  # the entry, as the booklet prints it
        assert "Ashbury Community Network" in page and "01632 960100" in page
        assert f'id="g-{id_}"' in html
    lunch = pages[due.index("northfield-lunch-club")]
    assert "Dear Jean Hartigan," in lunch  # the private contact: the letter goes to the group
    assert "Tuesday and Thursday, 12 noon to 2pm" in lunch and "Closed 21 December to 4 January" in lunch
    assert "Jean Hartigan" not in html  # and never into the public booklet


@pytest.mark.slow
def test_letters_without_private_details_go_to_the_public_contact(sample, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "letters.pdf"
    ok(sample, "review", "--letters", "-o", str(out), "--due-within", "300d", "--no-private")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Jean Hartigan" not in text and "Dear Jean," in text


def test_emails_one_message_per_group_due_with_an_email(sample, tmp_path):
    import mailbox

    out = tmp_path / "review.mbox"
    result = ok(sample, "review", "--emails", "-o", str(out), "--due-within", "300d")
    due = due_of(sample, "--due-within", "300d")
    with_email = [d["id"] for d in due if "@" in d["contact"] + d["private_contact"]]
    assert 0 < len(with_email) < len(due)  # some groups have no email: they get a letter only
    messages = list(mailbox.mbox(out))
    assert len(messages) == len(with_email)
    assert f"{len(messages)} emails" in result.stderr
    assert [re.match(r"<review-(.+)-20261127@", m["Message-ID"])[1] for m in messages] == with_email
    lunch = messages[with_email.index("northfield-lunch-club")]
    assert lunch["To"] == "Jean Hartigan <jean.hartigan@example.org>"
    assert lunch["From"] == "Ashbury Community Network <directory@ashbury-network.example.org>"
    assert lunch["Subject"].startswith("Is this still right? Northfield Lunch Club")
    body = lunch.get_payload(decode=True).decode("utf-8")
    assert "Dear Jean Hartigan," in body and "When:     Every Tuesday and Thursday, 12 noon to 2pm" in body
    assert "01632 960100" in body
    assert not list(tmp_path.glob(".*.tmp"))  # written whole through a temporary file, nothing left behind


def test_letters_and_emails_need_a_file_and_a_publisher(sample, tmp_path):
    result = run("review", "--letters", root=sample)
    assert result.exit_code == 2 and "-o letters.pdf" in result.stderr
    result = run("review", "-o", str(tmp_path / "x.pdf"), root=sample)
    assert result.exit_code == 2
    settings = sample / "assetdir.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("  email: directory@ashbury-network.example.org\n", ""), encoding="utf-8")
    result = run("review", "--emails", "-o", str(tmp_path / "r.mbox"), root=sample)
    assert result.exit_code == 1 and "publisher: email:" in result.stderr
    assert not (tmp_path / "r.mbox").exists()
    start, end = text.index("publisher:"), text.index("introduction:")
    settings.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run("review", "--letters", "-o", str(tmp_path / "l.pdf"), root=sample)
    assert result.exit_code == 1 and "add publisher:" in result.stderr and "Traceback" not in result.output
