"""Fixtures the query tests share."""

from .gap_directories import small  # noqa: F401  (fixtures)
