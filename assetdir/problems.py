"""What can go wrong: problems found in files, and errors that stop a command."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


class AssetdirError(Exception):
    """A known failure the CLI reports as one line (`Error: ...`) with exit code 1."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place. `code` is a stable slug that tools may rely on."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class FileProblem(AssetdirError):
    """A file that cannot be read as a group at all (bad bytes, bad YAML, too big...)."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column

    def at(self, file: str) -> Problem:
        return Problem(file, self.line, self.column, "error", self.code, self.message)


class ProblemList:
    """Something holding `problems`, split by severity."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]
