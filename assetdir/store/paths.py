"""Paths: a group file's name, and a path as the user would type it."""

from __future__ import annotations

from pathlib import Path

SUFFIXES = (".yaml", ".yml")


def is_group_file(name: str) -> bool:
    return name.lower().endswith(SUFFIXES) and not name.startswith(".")


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to where they are, when it can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
