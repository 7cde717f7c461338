"""Conflicts: a field both sides give differently, and how they are settled (ours, theirs, both
texts kept together), for all at once or field by field."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assetdir.format.order import TOP


@dataclass
class Conflict:
    """One field both sides give, differently."""

    field: str
    ours: Any
    theirs: Any
    take_theirs: Callable[[], None] = field(repr=False)
    kept: str = ""  # "ours", "theirs" or "both", once settled
    shown: Callable[[Any], str] | None = field(default=None, repr=False)  # values in words
    keep_both: Callable[[], None] | None = field(default=None, repr=False)  # for two texts

    @property
    def private(self) -> bool:
        return self.field.startswith("private")

    @property
    def not_kept(self) -> Any:
        return self.theirs if self.kept == "ours" else self.ours

    def matches(self, fields: list[str]) -> bool:
        """Whether a field named on the command line (`contact`, `contact.phone`, `note`) means this one.
        A top-level field (`name`) is that field only; another word (`note`, `phone`) is any field so called."""
        last = re.split(r"[.\]]", self.field)[-1].lstrip("[")
        return any(
            self.field == f or self.field.startswith((f + ".", f + "[")) or (f not in TOP and _same_word(last, f))
            for f in fields
        )


def _same_word(a: str, b: str) -> bool:
    return a.rstrip("s") == b.rstrip("s")


@dataclass
class Merged:
    """What merging their record into ours did, and what is left to settle."""

    data: Any  # our file's round-trip data, changed in place
    filled: list[str] = field(default_factory=list)  # fields only they had
    added: list[str] = field(default_factory=list)  # list items only they had
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.filled or self.added or any(c.kept in ("theirs", "both") for c in self.conflicts))


@dataclass
class Choices:
    """How conflicts are settled: a side for all (`prefer`), and fields named one by one,
    which come first: keep ours, take theirs, or keep both texts (`join`)."""

    prefer: str | None = None
    keep: list[str] = field(default_factory=list)
    take: list[str] = field(default_factory=list)
    join: list[str] = field(default_factory=list)


def settle(merged: Merged, choices: Choices, ours_checked: Any, theirs_checked: Any) -> None:
    """Settle the conflicts: fields named one by one first (both texts, theirs, ours), then the
    side `prefer` says: ours, theirs, or the side checked later (ours on a tie)."""
    side = choices.prefer
    if side == "newer":
        side = "theirs" if (theirs_checked or "") > (ours_checked or "") else "ours"
    for conflict in merged.conflicts:
        if conflict.keep_both is not None and conflict.matches(choices.join):
            conflict.kept = "both"
            conflict.keep_both()
        elif conflict.matches(choices.take):
            conflict.kept = "theirs"
        elif conflict.matches(choices.keep):
            conflict.kept = "ours"
        elif side is not None:
            conflict.kept = side
        if conflict.kept == "theirs":
            conflict.take_theirs()
