"""What can go wrong: problems found in files, and errors that stop a command."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from assetdir.visible import one_line

Severity = Literal["error", "warning"]

# Every problem code, its usual severity and what it means in plain words: the one list
# of codes (the README's table says the same; scripts and CI may rely on the codes).
CODES: dict[str, tuple[Severity, str]] = {
    "yaml-syntax": (
        "error",
        'the file is not valid YAML (a missing colon, an unclosed bracket, a second document, an unsupported tag, a '
        'control character)',
    ),
    "tab-indent": ("error", 'a tab is used for indentation; YAML needs spaces'),
    "duplicate-key": ("error", 'the same key twice in one block'),
    "empty-file": ("error", 'the file has no content'),
    "not-a-mapping": ("error", 'the file holds a list or a single value instead of key: value lines'),
    "not-utf8": ("error", 'the file is not saved as UTF-8 text'),
    "file-too-large": ("error", 'the file is over 1 MB'),
    "alias-bomb": ("error", 'YAML aliases (*name) expand to an enormous document'),
    "unreadable": ("error", 'the file cannot be read (permissions)'),
    # what the walk over the groups folder finds that cannot be read as a group file
    "not-utf8-name": ("error", 'a file or folder name is not UTF-8 text (shown escaped: caf\\xe9.yaml); rename it'),
    "not-a-file": ("error", 'a named pipe, socket or device named like a group file; a group file is a plain file'),
    "broken-link": ("error", 'a link named like a group file that leads nowhere'),
    "outside-link": ("error", 'a link that leaves the directory or leads into a hidden folder; it is not followed'),
    "bad-id": ("error", 'a file name, venue id or other id is not lowercase letters, digits and hyphens'),
    "duplicate-id": ("error", 'two files have the same id (file name), in any folders'),
    "unknown-key": ("error", 'a key the format does not know (with "did you mean")'),
    "missing-field": ("error", 'a required field is missing or empty'),
    "missing-venue": ("error", 'people attend at a venue but no venues are given'),
    "wrong-type": ("error", 'a value of the wrong kind (a list where text belongs, say)'),
    "bad-value": ("error", 'a value that is not one of the allowed ones, or out of range'),
    "time-as-number": ("error", 'a time written without quotes was read as a number'),
    "bad-time": ("error", 'not a time of day'),
    "bad-date": ("error", 'not a real date in YYYY-MM-DD form'),
    "future-date": ("error", 'last_checked is in the future'),
    "bad-day": ("error", 'not a day of the week'),
    "bad-week": ("error", 'a week of the month other than 1 to 5 or -1'),
    "end-before-start": ("error", 'a session ends before (or when) it starts'),
    "weeks-without-month": ("error", 'weeks given without every: month'),
    "month-without-weeks": ("error", 'every: month without weeks'),
    "fortnight-without-starting": ("error", 'every: fortnight without a starting date'),
    "starting-wrong-day": ("error", "the starting date is not one of the session's days"),
    "until-before-from": ("error", "a session's until is before its from"),
    "fee-without-amount": ("error", 'cost: {type: fee} without an amount'),
    "bad-age": ("error", 'age max below min'),
    "bad-postcode": ("error", 'not a UK postcode'),
    "bad-phone": ("error", 'not a valid phone number for the region'),
    "phone-as-number": ("error", 'a phone number written without quotes lost its leading 0'),
    "bad-email": ("error", 'not an email address'),
    "bad-website": ("error", 'not an http:// or https:// web address'),
    "bad-language": ("error", 'not a two-letter ISO 639-1 language code'),
    "not-one-line": ("error", 'text that must be one line has line breaks'),
    "summary-too-long": ("error", 'summary over 160 characters'),
    "lat-without-lon": ("error", 'a venue has one coordinate without the other'),
    "lon-without-lat": ("error", 'a venue has one coordinate without the other'),
    "duplicate-venue": ("error", 'two venues of a group share an id'),
    "unknown-venue": ("error", 'a session names a venue id the group does not have'),
    "unknown-category": ("error", 'an id that is not in the vocabulary'),
    "unknown-audience": ("error", 'an id that is not in the vocabulary'),
    "unknown-accessibility": ("error", 'an id that is not in the vocabulary'),
    "unknown-asset": ("error", 'an id that is not in the vocabulary'),
    "unknown-area": ("error", 'an area not listed in assetdir.yaml (a warning when there is no assetdir.yaml)'),
    "unknown-partner": ("error", 'partners names a group that is not in the directory'),
    "self-partner": ("error", 'a group names itself as a partner'),
    "due-for-review": ("warning", 'never checked, or last_checked is review_after_months old or more'),
    "no-sessions-or-contact": ("warning", 'neither sessions nor a contact, so people cannot find out when it meets'),
    "control-character": ("warning", 'text holds a control character (an escape sequence, a bidi control)'),
}


class AssetdirError(Exception):
    """A known failure the CLI reports as one line (`Error: ...`) with exit code 1."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place. `code` is a stable slug that tools may rely on.

    Its file and message are one line of visible text whatever a file held: every
    format of every report shows them safely."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a code of the program's own making: one table holds them all
            raise ValueError(f"{self.code!r} is not a problem code: add it to problems.CODES and the README")
        object.__setattr__(self, "file", one_line(self.file))
        object.__setattr__(self, "message", one_line(self.message))

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
