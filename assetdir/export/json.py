"""The directory as JSON for other tools: a documented, stable structure (see the README)."""

from __future__ import annotations

import json
from typing import Any

from assetdir.format.data import as_data
from assetdir.query.select import PRIVATE_MARK, Selection
from assetdir.visible import visible
from assetdir.words import cost, when

FORMAT = "assetdir-directory"
VERSION = 1


def to_json(selection: Selection) -> str:
    vocab = selection.vocab
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "title": selection.title,
        "as_of": selection.as_of.isoformat(),
        "filters": selection.asked,
        "contains_private": selection.include_private,
    }
    if selection.include_private:
        doc["warning"] = PRIVATE_MARK
    doc["areas"] = [{"id": a, "label": label} for a, label in selection.areas.items()]
    doc["sections"] = vocab.sections
    doc["vocabulary"] = {
        "categories": {k: {"label": label, "section": section} for k, (label, section) in vocab.categories.items()},
        "audience": vocab.audience,
        "accessibility": vocab.accessibility,
        "offers-needs": vocab.assets,
    }
    head = json.dumps(doc, indent=2, ensure_ascii=False)
    # one group a line: a diff of two exports shows which groups changed, and it is quick to write
    groups = ",\n".join(
        "    " + json.dumps(_group(id_, group, selection), ensure_ascii=False)
        for id_, group in sorted(selection.groups)
    )
    # JSON escapes C0 controls itself; the rest (DEL, C1, bidi) become \u007f and the like: the same text
    return visible(head[: -len("\n}")] + ',\n  "groups": [\n' + groups + "\n  ]\n}\n")


def _group(id_: str, group: Any, selection: Selection) -> dict[str, Any]:
    data = json.loads(selection.raw[id_]) if id_ in selection.raw else as_data(group)
    if not selection.include_private:
        data.pop("private", None)
    data = {"id": id_, **data}
    # the same words a printed directory uses, so a tool need not work them out again
    data["text"] = {
        "area": selection.area_label(group.area),
        "categories": [selection.vocab.label("categories", c) for c in group.categories],
        "section": selection.vocab.section(group.categories[0]),
        "when": [when(s) for s in group.sessions],
        "cost": cost(group),
    }
    return data
