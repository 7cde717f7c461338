"""The command line: the app, the one error handler, shared options and output, and one module per command.

`from assetdir.cli import app` gives the app with every command added to it; `main` runs it."""

from assetdir.cli.main import app, main

__all__ = ["app", "main"]
