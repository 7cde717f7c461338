"""The bundled sample directory shows the format at its best, and validates."""

import re

from assetdir.format.vocabulary import CATEGORIES, SECTIONS
from assetdir.store.directory import find_directory
from assetdir.store.validate import load
from conftest import REPO, TODAY

DIRECTORY = find_directory(REPO)
REPORT = load(DIRECTORY, TODAY)
GROUPS = REPORT.groups


def test_sample_validates_without_errors():
    assert REPORT.errors == []
    assert len(GROUPS) >= 40
    assert len(DIRECTORY.areas) in (5, 6)


def test_sample_covers_every_category_and_section():
    used = {c for g in GROUPS.values() for c in g.categories}
    assert set(CATEGORIES) <= used
    sections = {DIRECTORY.vocabulary.section(c) for c in used}
    assert set(SECTIONS) <= sections


def test_sample_covers_every_session_form_and_cost():
    sessions = [s for g in GROUPS.values() for s in g.sessions]
    assert {s.every for s in sessions} == {"week", "fortnight", "month"}
    assert any(s.by_arrangement for s in sessions)
    assert any(s.weeks and -1 in s.weeks for s in sessions)
    assert any(s.from_ or s.until for s in sessions)
    assert any(s.venue for s in sessions)
    assert any(len(s.days) > 1 for s in sessions)
    assert {g.cost.type for g in GROUPS.values() if g.cost} == {"free", "donation", "fee"}
    assert any(not g.sessions for g in GROUPS.values() if g.status == "active")


def test_sample_statuses_private_partners_and_matching_needs():
    statuses = [g.status for g in GROUPS.values()]
    assert statuses.count("paused") >= 1 and statuses.count("closed") >= 1
    assert sum(1 for g in GROUPS.values() if g.private) >= 3
    assert sum(1 for g in GROUPS.values() if g.partners) >= 5
    offered = {o.asset for g in GROUPS.values() for o in g.offers}
    needed = {n.asset for g in GROUPS.values() for n in g.needs}
    assert len(offered & needed) >= 5
    assert any(v.accessibility for g in GROUPS.values() for v in g.venues)
    assert any(g.last_checked and (TODAY - g.last_checked).days > 366 for g in GROUPS.values())


def test_sample_uses_only_fictional_contact_details():
    for path in (REPO / "groups").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for phone in re.findall(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", text):
            digits = phone.replace(" ", "")
            assert digits.startswith(("01632960", "07700900")), (path, phone)
        for domain in re.findall(r"[\w.+-]+@([\w.-]+)", text) + re.findall(r"https?://([\w.-]+)", text):
            assert re.search(r"(^|\.)example\.(org|com|net)$", domain), (path, domain)
