"""The exports: one module per format, over the groups an export selects."""
