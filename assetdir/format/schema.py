"""A JSON Schema of a group file, with a directory's vocabulary as enums, for editors."""

from __future__ import annotations

from typing import Any

from assetdir.format.models import Group
from assetdir.format.vocabulary import Vocabulary


def group_schema(vocab: Vocabulary, areas: dict[str, str] | None) -> dict[str, Any]:
    schema = Group.model_json_schema(by_alias=True)
    choices: dict[str, dict[str, str]] = {
        "categories": {k: v[0] for k, v in vocab.categories.items()},
        "audience": vocab.audience,
        "accessibility": vocab.accessibility,
        "offers-needs": vocab.assets,
    }
    if areas is not None:
        choices["areas"] = areas
    schema = _fill(schema, choices)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "assetdir group file (format v1)",
        "description": "One community group: groups/<id>.yaml. Made by `assetdir schema`.",
        **schema,
    }


def _fill(node: Any, choices: dict[str, dict[str, str]]) -> Any:
    """Vocabulary placeholders become enums; every list also takes a single item."""
    if isinstance(node, list):
        return [_fill(item, choices) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _fill(value, choices) for key, value in node.items()}
    kind = node.pop("x-vocabulary", None)
    if kind in choices:
        node["enum"] = sorted(choices[kind])
    if "properties" in node:
        node["properties"] = {k: _single_or_list(v) for k, v in node["properties"].items()}
    return node


def _single_or_list(prop: dict[str, Any]) -> dict[str, Any]:
    if prop.get("type") == "array" and "items" in prop:
        array = {k: v for k, v in prop.items() if k not in ("title", "default")}
        return {**{k: prop[k] for k in ("title",) if k in prop}, "anyOf": [prop["items"], array]}
    if "anyOf" in prop:
        return {**prop, "anyOf": [_single_or_list(p) for p in prop["anyOf"]]}
    return prop
