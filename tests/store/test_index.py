"""assetdir.store.index: the index opened on a directory, kept in .assetdir/ or only in memory."""

from __future__ import annotations

import datetime as dt

from assetdir.query.filters import Query
from assetdir.query.search import search
from assetdir.store.directory import find_directory
from assetdir.store.index import Index
from conftest import index_file


def test_index_class_directly(sample):
    directory = find_directory(sample)
    index = Index.open(directory)
    try:
        assert index.cached
        assert len(index.summaries()) == 48
        found = search(index, Query("tai chi"), None, dt.date(2026, 10, 29))
        assert [c["id"] for c in found.cards] == ["eastgate-tai-chi"]
    finally:
        index.close()
    assert index_file(sample).is_file()

    (sample / "groups" / "eastgate" / "eastgate-tai-chi.yaml").unlink()
    index = Index.open(find_directory(sample))
    try:
        assert len(index.summaries()) == 47
        found = search(index, Query("tai chi"), None, dt.date(2026, 10, 29))
        assert found.total == 0
    finally:
        index.close()

    memory = Index.open(find_directory(sample, cache=False), use_cache=False)
    try:
        assert not memory.cached
        assert len(memory.summaries()) == 47
    finally:
        memory.close()
