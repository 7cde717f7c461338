"""The one reading of the clock: every command works to `today()`; the library is given the date."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


def today() -> dt.date:
    """The date every command works to: the one place that reads the clock (the library is
    given the date), and the one place tests set it."""
    return dt.date.today()
