"""Turning a file into problems: YAML and model errors, each at its line and column."""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from assetdir import yamltext
from assetdir.format.vocabulary import did_you_mean, suggest
from assetdir.problems import CODES, FileProblem, Problem

_TYPE_WORDS = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a block of keys and values",
    "model_type": "a block of keys and values",
    "model_attributes_type": "a block of keys and values",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "decimal_type": "a number",
    "decimal_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
}


def load_document(text: str, marks: dict[str, list[int]] | None = None, first_key: str = "name") -> Any:
    """Parse a file's text, refusing what is empty or not a mapping."""
    data = yamltext.parse(text, marks)
    if data is None:
        raise FileProblem("empty-file", "file is empty; a group file needs at least name, summary, categories and area")
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise FileProblem(
            "not-a-mapping",
            f"file holds {kind}, not keys and values; start with '{first_key}: ...' on the first line",
        )
    return data


def validate_document(
    model: type[BaseModel], data: dict, text: str, file: str, context: dict[str, Any]
) -> tuple[Any, list[Problem]]:
    """The model made from `data`, or None and the problems, each placed in `text`."""
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as err:
        root = yamltext.compose(text)
        errors = _without_misspelt_missing(model, err.errors(include_url=False))
        problems = [p for e in errors for p in _problems(model, e, root, file)]
        raw_rules = getattr(model, "raw_rules", None)
        if raw_rules is not None:  # rules across fields, which pydantic runs only on valid parts
            problems += [_at(root, file, loc, code, message) for loc, code, message in raw_rules(data)]
        return None, sorted(set(problems))


def check_group(text: str, file: str, context: dict[str, Any]) -> tuple[Any, list[Problem]]:
    """A group file's text as its model, or None and every problem, each at its place: the one
    way from text to a checked group."""
    from assetdir.format.models import Group

    try:
        data = load_document(text)
    except FileProblem as err:
        return None, [err.at(file)]
    return validate_document(Group, data, text, file, context)


def group_or_none(data: Any, context: dict[str, Any]) -> Any:
    """The group plain `data` makes, or None when it makes none (quick: no problem is placed)."""
    from assetdir.format.models import Group

    if not isinstance(data, dict):
        return None
    try:
        return Group.model_validate(data, context=context)
    except ValidationError:
        return None


def session_or_none(data: Any) -> Any:
    """The session plain `data` makes, or None."""
    from assetdir.format.models import Session

    try:
        return Session.model_validate(data)
    except ValidationError:
        return None


def _without_misspelt_missing(model: type[BaseModel], errors: list[dict]) -> list[dict]:
    """Drop 'summary is missing' when the same block has an unknown key 'sumary':
    the unknown key, with its "did you mean", says all there is to fix."""
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            parent = tuple(error["loc"][:-1])
            close = suggest(str(error["loc"][-1]), _known_keys(model, parent), n=1)
            misspelt.update((parent, c) for c in close)
    return [e for e in errors if not (e["type"] == "missing" and (tuple(e["loc"][:-1]), e["loc"][-1]) in misspelt)]


def _problems(model: type[BaseModel], error: dict, root: Any, file: str) -> list[Problem]:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if loc and loc[0] == "private":
        return [_private(model, error, loc, root, file)]
    if kind == "rules":
        return [_at(root, file, loc + sub, code, message) for sub, code, message in ctx["problems"]]
    if loc and loc[-1] == "[key]":  # a bad key in a mapping of ids (areas, vocabulary)
        return [_at(root, file, loc[:-1], _code_of(kind), _message(error), key=True)]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        hint = did_you_mean(key, _known_keys(model, loc[:-1]))
        message = f'unknown key "{key}"{hint or " (keys of your own must start with x-)"}'
        return [_at(root, file, loc, "unknown-key", message, key=True)]
    if kind == "missing":
        field = loc[-1]
        where = f" in {_where(loc[:-1])}" if loc[:-1] else ""
        return [_at(root, file, loc, "missing-field", f'required field "{field}" is missing{where}')]
    return [_at(root, file, loc, _code_of(kind), _message(error))]


def _private(model: type[BaseModel], error: dict, loc: tuple, root: Any, file: str) -> Problem:
    """A problem inside `private:` said without its value (nor an unknown key's name): what is
    wrong and where, since messages are shown and pasted where private details must not go."""
    kind, where = error["type"], _where(loc)
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), known) or f" (keys here: {', '.join(known)}; your own start with x-)"
        message = (
            f"{_where(loc[:-1])} has a key the format does not know{hint} (its name is not shown: it may be private)"
        )
        return _at(root, file, loc, "unknown-key", message, key=True)
    code = "missing-field" if kind == "missing" else _code_of(kind)
    said = f"should be {_TYPE_WORDS[kind]}" if kind in _TYPE_WORDS else CODES[code][1]
    return _at(root, file, loc, code, f"{where}: {said} (the value is private, so it is not shown here)")


def _code_of(kind: str) -> str:
    if kind in _TYPE_WORDS:
        return "wrong-type"
    if kind == "too_short":
        return "missing-field"
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", kind):
        return kind  # one of our own codes, raised by values.fail
    return "bad-value"


def _message(error: dict) -> str:
    loc, kind, value = error["loc"], error["type"], error.get("input")
    ctx = error.get("ctx") or {}
    field = _field(loc)
    if "message" in ctx and _code_of(kind) == kind:
        return ctx["message"]
    if kind in _TYPE_WORDS:
        got = _describe(value)
        hint = ""
        if _TYPE_WORDS[kind] == "text" and isinstance(value, (int, float)) and not isinstance(value, bool):
            hint = f'; put it in quotes: "{value}"'
        elif _TYPE_WORDS[kind] == "a list" and isinstance(value, dict):
            hint = "; start each item with '- '"
        elif _TYPE_WORDS[kind] == "a block of keys and values" and field in _BLOCK_EXAMPLES:
            hint = f"; write it like {_BLOCK_EXAMPLES[field].format(value=value)}"
        return f"{field} should be {_TYPE_WORDS[kind]}, not {got}{hint}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return f'{field}: "{value}" is not one of {", ".join(choices)}{hint}'
    if kind == "too_short":
        return f"{field} needs at least one item"
    if kind in _RANGES:
        return f"{field}: {value} is too {_RANGES[kind][0]}; it must be {_RANGES[kind][1]} {_limit(ctx)}"
    if kind == "decimal_max_places":
        return f"{field}: {value} has too many decimal places; write pounds and pence, like 4.50"
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return f"{field}: {value} is too large an amount"
    if kind == "string_pattern_mismatch" and field == "region":
        return f'region: "{value}" is not a two-letter country code in capitals, like GB'
    if isinstance(value, dict) and kind.endswith("_type"):
        return f"{field} should be a single value, not a block of keys"
    return f"{field}: {error['msg'][0].lower()}{error['msg'][1:]}"


# what a block looks like, for a value written where a block belongs
_BLOCK_EXAMPLES = {
    "cost": "cost: {{type: {value}}}",
    "age": "age: {{min: {value}}}",
    "venues": "'- name: {value}'",
    "contact": "contact: {{phone: 01632 960000}}",
    "private": "private: {{notes: {value}}}",
}

_RANGES = {
    "greater_than_equal": ("small", "at least"),
    "greater_than": ("small", "more than"),
    "less_than_equal": ("large", "at most"),
    "less_than": ("large", "less than"),
}


def _limit(ctx: dict) -> str:
    bound = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "")
    return f"{bound:g}" if isinstance(bound, (int, float)) else str(bound)


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f'"{value}"'


def _field(loc: tuple) -> str:
    names = [str(step) for step in loc if isinstance(step, str)]
    return names[-1] if names else "value"


def _where(loc: tuple) -> str:
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1]} item {step + 1}" if parts else f"item {step + 1}"]
        else:
            parts.append(str(step))
    return " > ".join(parts)


def _at(root: Any, file: str, loc: tuple, code: str, message: str, key: bool = False) -> Problem:
    line, column = yamltext.position(root, loc, key=key)
    return Problem(file, line, column, "error", code, message)


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys a block at `loc` may have, for 'did you mean'."""
    current: Any = model
    for step in loc:
        if isinstance(step, int) or current is None:
            continue
        field = next((f for name, f in current.model_fields.items() if (f.alias or name) == step), None)
        current = _model_in(field.annotation) if field else None
    if current is None:
        return []
    return [f.alias or name for name, f in current.model_fields.items() if name != "extensions"]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
