"""Values as a merge compares and copies them: in their normal form ("01632960123" is "01632 960123",
5 is 5.00), copied in written so, and two texts kept together."""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal
from typing import Any

from assetdir.format.models import Group

DATES = {"last_checked", "starting", "from", "until"}


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


TIMES = ("start", "end")


def editable(value: Any, key: str = "") -> Any:
    """Plain data as round-trip data: lists of plain values written [a, b], the rest as blocks,
    dates as dates. Much quicker than the round-trip loader, for values only copied."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((k, editable(v, k)) for k, v in value.items())
    if isinstance(value, list):
        seq = CommentedSeq(editable(v) for v in value)
        if not any(isinstance(v, (dict, list)) for v in value):
            seq.fa.set_flow_style()
        return seq
    if key in DATES and isinstance(value, str) and DATE_RE.match(value):
        return dt.date.fromisoformat(value)  # yamltext keeps dates as text; written plain again
    return value


def normal(group: Group) -> dict[str, Any]:
    """A group's values in normal form, as plain data, `x-` keys included: what two sides
    are compared in (an amount to the penny, text without the spaces around it)."""
    data = _trimmed({**group.model_dump(mode="json", by_alias=True), **group.extensions})
    cost = data.get("cost")
    if isinstance(cost, dict) and cost.get("amount") is not None:
        data["cost"] = {**cost, "amount": f"{Decimal(str(cost['amount'])):.2f}"}
    return data


def _trimmed(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {k: _trimmed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_trimmed(v) for v in value]
    return value


def copied(raw: Any, norm: Any, key: str = "") -> Any:
    """A copy of their value to write into our file: as they wrote it (their comments too),
    but every text that has a normal form in it (phones, postcodes, times) in that form."""
    return _normalised(copy.deepcopy(raw), norm, key)


def _normalised(value: Any, norm: Any, key: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

    if isinstance(value, dict) and isinstance(norm, dict):
        for k in list(value):
            value[k] = _normalised(value[k], norm.get(k), str(k))
    elif isinstance(value, list) and isinstance(norm, list) and len(value) == len(norm):
        for i, item in enumerate(value):
            value[i] = _normalised(item, norm[i], key)
    elif key in TIMES and isinstance(norm, str):
        return DoubleQuotedScalarString(norm)  # as fmt writes times
    elif isinstance(value, str) and isinstance(norm, str) and value.strip() != norm:
        # a text in normal form needs no quotes to stay text ("01632960110" did, 01632 960110 does not)
        return norm if "\n" not in norm or not isinstance(value, ScalarString) else type(value)(norm)
    return value


def holds(on: Any, tn: Any) -> bool:
    """Whether our text already holds theirs as one of its parts (kept together before)."""
    if not (isinstance(on, str) and isinstance(tn, str)) or len(tn) >= len(on):
        return False
    return tn in re.split(_PARTS, on)


_PARTS = r"\n\s*\n|; |(?<=[.!?]) "  # between paragraphs, or texts joined on one line


def joined(ours: Any, theirs: str, paragraphs: bool) -> Any:
    """Our text and theirs, kept together: as paragraphs of a block, or on one line."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if paragraphs:
        return LiteralScalarString(f"{str(ours).strip()}\n\n{theirs}\n")
    ours = str(ours).strip()
    return f"{ours} {theirs}" if ours.endswith((".", "!", "?")) else f"{ours}; {theirs}"  # never ".;"
