"""The program: the app with every command added to it."""

from assetdir.cli.application import app
from assetdir.cli.commands import (  # noqa: F401  (importing a command adds it to the app)
    checked,
    duplicates,
    export,
    fmt,
    gaps,
    import_,
    init,
    match,
    merge,
    merge_groups,
    new,
    partners,
    review,
    schema,
    search,
    show,
    stats,
    validate,
)


def main() -> None:
    import gc

    # A command is a short run that reads thousands of groups into objects that live
    # until it ends; collecting cycles after every 700 new objects made 10,000-group
    # commands a third slower, walking the same survivors again and again.
    gc.set_threshold(100_000, 50, 100)
    app(prog_name="assetdir")
