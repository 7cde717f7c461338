"""Answers from the index: filters and search, what an export selects, the network (match, review,
stats, partners), gaps and duplicates."""
