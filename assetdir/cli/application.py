"""The app: the commands in the order --help lists them, and the one error handler that turns any failure into
one line on stderr and an exit code.

Exit codes: 0 fine, 1 problems found or a known error, 2 bad usage, 3 an unexpected internal error
(`--debug` shows the traceback), 130 interrupted."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from assetdir import __version__
from assetdir.visible import one_line

if TYPE_CHECKING:
    pass
from assetdir.cli.output import forget_warnings, shown_streams, stderr

_debug = bool(os.environ.get("ASSETDIR_DEBUG"))


# the order --help lists the commands in: a volunteer's first, a coordinator's after
_ORDER = [
    "validate",
    "search",
    "show",
    "export",
    "new",
    "init",
    "schema",
    "match",
    "gaps",
    "review",
    "checked",
    "stats",
    "partners",
    "duplicates",
    "merge-groups",
    "merge",
    "import",
    "fmt",
]


class _Commands(TyperGroup):
    """Turns errors from any command into one line on stderr and an exit code."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        known = [name for name in _ORDER if name in self.commands]
        return known + [name for name in self.commands if name not in known]

    def invoke(self, ctx: typer.Context) -> Any:
        database = sys.modules.get("assetdir.store.database")  # loaded only by a command that reads the index
        if database is not None:
            database.reset()
        forget_warnings()
        # the command and its arguments (click takes them off `ctx`), to run it again once
        # after its index is found damaged and thrown away
        protected = "_protected_args" if hasattr(ctx, "_protected_args") else "protected_args"  # click 8.2 renamed it
        again = {name: list(getattr(ctx, name)) for name in (protected, "args")}
        with shown_streams():
            try:
                return self._invoke(ctx, again)
            finally:
                _say_rebuilt()

    def _invoke(self, ctx: typer.Context, again: Optional[dict[str, list[str]]]) -> Any:
        from assetdir.problems import AssetdirError

        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):
            raise  # help, usage errors and exit codes: typer reports these itself
        except AssetdirError as err:
            stderr().print(f"Error: {one_line(str(err))}", markup=False)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            # the reader went away (`assetdir ... | head`): stop quietly, as other tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as err:  # a folder not writable, a path that is a file...
            where = f"{err.filename}: " if err.filename else ""
            stderr().print(f"Error: {where}{err.strerror or err}", markup=False)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            stderr().print("Interrupted.", markup=False)
            raise typer.Exit(130) from None
        except Exception as err:
            if again is not None and _index_repaired():  # its index was damaged: thrown away, built again
                for name, value in again.items():
                    setattr(ctx, name, value)
                return self._invoke(ctx, None)
            if _debug:
                raise
            stderr().print(
                f"assetdir: unexpected internal error ({type(err).__name__}: {err}); "
                "run again as `assetdir --debug ...` to see the traceback, and please report it",
                markup=False,
            )
            raise typer.Exit(3) from None


def _index_repaired() -> bool:
    if "assetdir.store.database" not in sys.modules:  # no index was read
        return False
    from assetdir.store.repair import repair

    return repair()


def _say_rebuilt() -> None:
    """One line when the index had to be built again (the library records it)."""
    database = sys.modules.get("assetdir.store.database")
    if database is not None and database.rebuilt:
        from assetdir.store.paths import display_path

        where = ", ".join(display_path(path) for path in sorted(database.rebuilt))
        note = f"Note: the index ({where}) could not be read and has been rebuilt (it is only a cache)"
        stderr().print(note, markup=False)


app = typer.Typer(
    cls=_Commands,
    name="assetdir",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"assetdir {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an unexpected error.")] = False,
) -> None:
    """A shared directory of community groups for older people, kept as YAML files.

    \b
    Start with:  assetdir validate      (check every group file)
                 assetdir show ID       (one group, readable)
    """
    global _debug
    _debug = _debug or debug
    if ctx.invoked_subcommand is None:  # plain `assetdir`: the help, which is not an error
        print(ctx.get_help())
        raise typer.Exit(0)
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show £ gets ? rather than a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
