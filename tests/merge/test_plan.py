"""assetdir.merge.plan: what a plan says (filled in, added, conflicts, values not kept), private values hidden."""

from __future__ import annotations

from pathlib import Path

from assetdir.merge.conflicts import Choices
from assetdir.merge.plan import Plan, Step

from .pairs import OURS, THEIRS, merge


def test_private_values_are_hidden_in_every_hunk():
    from assetdir.edit.changes import Change
    from assetdir.merge.plan import hide_private

    old = (
        "name: A\n"
        + "".join(f"x-{i}: {i}\n" for i in range(8))
        + (
            "private:\n  contact:\n    name: Jean Smith\n    phone: 07700 900123\n    email: j@example.org\n  notes: Old note\n"
        )
    )
    new = old.replace("Old note", "New note").replace("x-0: 0", "x-0: 1")
    shown = hide_private(Change(Path("a.yaml"), old, new).diff("a.yaml"), old, new)
    assert "x-0: 1" in shown  # public lines shown as they are
    assert "note" not in shown.lower() and "Jean" not in shown and "07700" not in shown
    assert "-  (private, old value not shown)\n" in shown
    assert "+  (private, new value not shown: --show-private shows it)\n" in shown


def plan_of(choices: Choices | None = None) -> Plan:
    choices = choices or Choices()
    _, merged = merge(OURS, THEIRS, choices)
    return Plan([Step("Merge other into lunch", merged, ["remove groups/other.yaml"])], choices=choices)


def test_a_plan_says_what_is_filled_in_added_and_in_conflict():
    plan = plan_of()
    assert plan.lines() == [
        "Merge other into lunch",
        "  filled in: contact.email",
        "  added: categories: social-group",
        '  CONFLICT name: ours "Northfield Lunch Club", theirs "Northfield Luncheon Club"',
        '  CONFLICT cost: ours {type: "fee", amount: "4.50", note: "Two courses"}, '
        'theirs {type: "fee", amount: "5.00", note: "Three courses"}',
        '  CONFLICT sessions: ours ["Every Tuesday, 14:00-16:00. Bring a cup"], '
        'theirs ["Every Tuesday, 14:30-16:00. Bring a cup"]',
        '  CONFLICT contact.phone: ours "01632 960110", theirs "01632 960111"',
        '  CONFLICT last_checked: ours "2026-09-14", theirs "2026-10-01"',
        "  CONFLICT private.notes: the two differ (private: values not shown)",
        "  remove groups/other.yaml",
    ]
    assert [c.field for c in plan.unsettled] == [c.field for c in plan.conflicts]


def test_a_settled_plan_names_every_value_not_kept_but_never_a_private_one():
    plan = plan_of(Choices("theirs", keep=["contact"]))
    lines = plan.lines()
    assert '  conflict name: kept theirs; not kept: "Northfield Lunch Club"' in lines
    assert '  conflict contact.phone: kept ours; not kept: "01632 960111"' in lines
    assert "  conflict private.notes: kept theirs; not kept: the other value" in lines
    assert plan.unsettled == []
    text = "\n".join(lines)
    assert "Prefers calls" not in text and "Council contact" not in text
    shown = "\n".join(plan.lines(show_private=True))
    assert '  conflict private.notes: kept theirs; not kept: "Prefers calls after 10am."' in shown


def test_private_values_in_conflict_are_never_in_the_plan_text():
    plan = plan_of()
    text = "\n".join(plan.lines())
    assert "Prefers calls" not in text and "Council contact" not in text
    shown = "\n".join(plan.lines(show_private=True))
    assert 'CONFLICT private.notes: ours "Prefers calls after 10am.", theirs "Council contact is Sam."' in shown


def test_a_field_named_for_no_conflict_of_the_plan_is_said():
    plan = plan_of(Choices(None, keep=["organisation"], take=["contact"], join=["sessions"]))
    assert plan.unmatched() == [
        "--keep organisation: this plan has no conflict on that field",
        "--join sessions: this plan has no two texts in conflict on that field",  # a timetable is not a text
    ]


def test_a_hidden_blank_line_of_a_private_block_keeps_the_diff_whole():
    from assetdir.edit.changes import Change
    from assetdir.merge.plan import hide_private

    old = "name: A\nprivate:\n  notes: One\n"
    new = "name: A\nprivate:\n  notes: |\n    One\n\n    Two\n"
    shown = hide_private(Change(Path("a.yaml"), old, new).diff("a.yaml"), old, new)
    body = [line for line in shown.splitlines() if not line.startswith(("---", "+++", "@@"))]
    assert body and all(line[:1] in " +-" for line in body), shown
    assert "Two" not in shown and "One" not in shown
