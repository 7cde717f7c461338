"""One group's record merged into another's, plans, merge-groups and merging another directory in."""
