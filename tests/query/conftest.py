"""Fixtures the query tests share."""

from .gap_directories import small  # noqa: F401  (fixtures)
from .networks import counted, due, linked, network  # noqa: F401  (fixtures)
from .search_inputs import ashbury  # noqa: F401  (fixtures)
