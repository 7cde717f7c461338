"""What the library tests of merge share: a group of ours and their copy of it, written
differently, and one record merged into another as `merge-groups` does it."""

from __future__ import annotations

from assetdir.edit import roundtrip
from assetdir.format.models import Group
from assetdir.merge import conflicts, record, values
from assetdir.yamltext import parse

from .strategies import CONTEXT

OURS = """\
# Northfield Lunch Club: Jean runs it
name: Northfield Lunch Club   # as on the noticeboard
summary: Hot two-course lunch and a chat.
categories: [lunch-club]
area: northfield
cost:                 # per visit
  type: fee
  amount: 4.50        # since April
  note: Two courses

venues:
  - name: Chapel Hall
    postcode: AS1 2AB
sessions:
  - days: [tuesday]
    start: "14:00"     # doors open 1.45
    end: "16:00"
    note: Bring a cup

contact:
  name: Jean
  phone: 01632 960110   # the church office
partners: [memory-cafe]
last_checked: 2026-09-14
private:
  notes: Prefers calls after 10am.
"""


THEIRS = """\
name: Northfield Luncheon Club
summary: Hot two-course lunch and a chat.
categories: [lunch-club, social-group]
area: northfield
cost: {type: fee, amount: 5, note: Three courses}
venues:
  - name: Chapel Hall
    postcode: as1 2ab
sessions:
  - days: tuesday
    start: 2.30pm
    end: "16:00"
    note: Bring a cup
contact:
  phone: "01632960111"
  email: lunch@example.org
last_checked: 2026-10-01
private:
  notes: Council contact is Sam.
"""


def model(text: str, id_: str = "lunch") -> Group:
    """A group file's model, checked as the directory of CONTEXT would check it."""
    return Group.model_validate(parse(text), context={**CONTEXT, "id": id_})


def merge(
    ours: str,
    theirs: str,
    choices: conflicts.Choices | None = None,
    rename: dict[str, str | None] | None = None,
    our_id: str = "lunch",
) -> tuple[str, conflicts.Merged]:
    """Their text merged into ours (settled by `choices`, when given): our new text, and what was done."""
    a, b = model(ours, our_id), model(theirs, "other")
    data = roundtrip.load(ours)
    merged = record.merge(data, roundtrip.load(theirs), a, b, rename or {}, our_id)
    if choices is not None:
        conflicts.settle(merged, choices, values.normal(a)["last_checked"], values.normal(b)["last_checked"])
    return roundtrip.dump(data, ours), merged


def fields(merged: conflicts.Merged) -> dict[str, str]:
    """Each conflict's field, with the side kept ("" while unsettled)."""
    return {c.field: c.kept for c in merged.conflicts}
