"""assetdir.merge.plan: a plan's diffs hide private values."""

from __future__ import annotations

from pathlib import Path


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
