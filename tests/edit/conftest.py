"""Fixtures the edit tests share."""

from .tabs import folder  # noqa: F401  (fixtures)
