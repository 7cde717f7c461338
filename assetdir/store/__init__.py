"""The directory on disk: finding and opening it, its settings, the walk over its files, reading one
file, checking them all, and the index (the SQLite cache)."""
