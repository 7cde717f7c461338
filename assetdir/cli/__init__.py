"""The command line: the app, the one error handler, shared options and output, and one module per command."""
