"""Tabs that our reader takes and ruamel's round-trip loader refuses (before a comment, after
`key:`, in a flow list): a copy of the text with those tabs as spaces for the loader, and the
file's own lines given back where nothing changed them."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter

from assetdir import yamltext
from assetdir.problems import FileProblem


def readable(text: str) -> str:
    """`text` as ruamel's loader can read it, line for line: the same data, read alike by both.

    Our reader takes a tab wherever YAML takes a space between values (after `key:`,
    before a comment, in a flow list); ruamel's refuses most of those, and ends a plain
    value at a tab. The copy has spaces for tabs between values, and a value holding a
    tab in double quotes ("a\\tb"); `dump` gives the lines nobody changed back as they were.
    """
    if "\t" not in text:
        return text
    pieces, at = [], 0
    for start, end, value in _scalars(text):
        pieces += [_spaced(text[at:start]), value]
        at = end
    copy = "".join(pieces) + _spaced(text[at:])
    if copy.count("\n") != text.count("\n") or yamltext.parse(copy) != yamltext.parse(text):
        raise FileProblem(
            "yaml-syntax",
            "a tab in a value here cannot be rewritten safely; "
            "write a space instead of the tab (or the value in double quotes, with \\t)",
        )
    return copy


def _scalars(text: str) -> list[tuple[int, int, str]]:
    """Where each value holding a tab starts and ends, and what the copy has there."""
    from ruamel.yaml.events import ScalarEvent, StreamEndEvent

    found, parser = [], yamltext._event_parser(text)
    try:
        while not isinstance(event := parser.get_event(), StreamEndEvent):
            if type(event) is not ScalarEvent:
                continue
            start, end = event.start_mark.index, event.end_mark.index
            source = text[start:end]
            if "\t" not in source:
                continue
            if event.style in ("|", ">"):  # the text is the value itself, tabs and all; the header line is not
                header = text.index("\n", start) + 1 if "\n" in text[start:end] else end
                found.append((start, end, _spaced(text[start:header]) + text[header:end]))
            elif "\t" not in event.value:  # tabs between the parts of a value are spaces to YAML
                found.append((start, end, source.replace("\t", " ")))
            else:  # written in double quotes, on one line: the lines it took stay, blank
                props = _PROPERTIES.match(source)[0]  # type: ignore[index]
                quoted = json.dumps(event.value, ensure_ascii=False)
                found.append((start, end, _spaced(props) + quoted + "\n" * source.count("\n")))
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()
    return found


_PROPERTIES = re.compile(r"(?:[&!][^ \t\n]*[ \t\n]+)*")  # an &anchor or !tag before a value


_TAB_OR_COMMENT = re.compile(r"#[^\n]*|\t")


def _spaced(text: str) -> str:
    """Text between values with its tabs as spaces (comments kept as they are)."""
    return _TAB_OR_COMMENT.sub(lambda found: " " if found[0] == "\t" else found[0], text)


def own_lines(out: str, copy: str, own: str) -> str:
    """`out` with the lines that are as in `copy` given back as the file had them (tabs and all):
    runs of lines left in place, then single lines moved (a key put in order, perhaps now
    the first of a list item)."""
    mine, theirs, lines = own.split("\n"), copy.split("\n"), out.split("\n")
    rests = [_gaps(_rest(line)) for line in theirs]
    counts = Counter(rests)
    unique = {rest: i for i, rest in enumerate(rests) if counts[rest] == 1 and mine[i] != theirs[i]}
    result: list[str] = []
    matcher = difflib.SequenceMatcher(None, [_gaps(x) for x in theirs], [_gaps(x) for x in lines], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += mine[i1:i2]
            continue
        for line in lines[j1:j2]:
            at = unique.get(_gaps(_rest(line)))
            result.append(line if at is None else line[: len(line) - len(_rest(line))] + _rest(mine[at]))
    text = "\n".join(result)
    try:
        return text if yamltext.parse(text) == yamltext.parse(out) else out
    except FileProblem:
        return out


def _gaps(line: str) -> str:
    """A line as ruamel may write it back: one space between its parts, none at its end
    (the indentation and list dashes it starts with kept as they are)."""
    rest = _rest(line)
    return line[: len(line) - len(rest)] + re.sub(r"[ \t]+", " ", rest).rstrip()


def _rest(line: str) -> str:
    """A line without the indentation and list dashes it starts with."""
    return line[len(_INDENT.match(line)[0]) :]  # type: ignore[index]


_INDENT = re.compile(r"[ \t]*(?:-[ \t]+)*")
