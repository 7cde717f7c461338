"""Fixtures the export tests share (the directory of control characters, the gap tables' directory)."""

from query.gap_directories import small  # noqa: F401  (fixtures)

from .controls import evil  # noqa: F401  (fixtures)
