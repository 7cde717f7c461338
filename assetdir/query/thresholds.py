"""How alike two groups must be to be taken as one: the score (0-100) at or above which a pair is a
likely duplicate, for `duplicates` and `merge` alike. Kept apart so that `--help` need not load the
scoring."""

LIKELY = 60  # a pair at or above this is worth a person's look
