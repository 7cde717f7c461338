"""assetdir.query.search: any text at all is a query, never an exception."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings

from assetdir.query.filters import Query
from assetdir.query.search import search, suggestions
from assetdir.store.directory import find_directory
from assetdir.store.index import Index

from .search_inputs import words


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words)
def test_any_text_never_raises_in_search(ashbury, parts):
    index = Index.open(find_directory(ashbury))
    try:
        found = search(index, Query(" ".join(parts)), 20, dt.date(2026, 10, 29))
        suggestions(index, found.ignored_words)
    finally:
        index.close()
    assert found.total == len(found.rowids)
