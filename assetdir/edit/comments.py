"""Moving keys in round-trip data without losing a comment: end-of-line comments go with their
keys, comment lines with the key they stand above."""

from __future__ import annotations

from typing import Any

from assetdir.format.order import rank


def reorder(block: Any, order: list[str], in_list: bool = False, lead: tuple[Any, Any, int] | None = None) -> bool:
    """Put a CommentedMap's keys in `order`, moving end-of-line comments with their keys
    and comment lines with the key they stand above. False when already in order.

    ruamel keeps the lines after a plain value with that value: they are split off
    and given to the key that follows. A list or block value keeps such lines
    inside itself, so they stay where they are (nothing is lost). In a list item
    nothing can stand above the first key (`- name:`): such lines go below it.
    ruamel keeps the lines above the first key on the list item or the key holding
    the block (`lead`: container, key or index, slot): they go with that key too."""
    keys = list(block.keys())
    wanted = [k for _, k in sorted(enumerate(keys), key=rank(order))]
    if wanted == keys:
        return False
    eol: dict[str, tuple[str, int]] = {}
    above: dict[Any, str] = {}  # key -> the comment lines above it (None: after the last key)
    for k, following in zip(keys, keys[1:] + [None]):
        if isinstance(block[k], (dict, list)):
            continue
        token = (block.ca.items.get(k) or [None] * 3)[2]
        first, _, rest = (token.value if token is not None else "").partition("\n")
        eol[k] = (first, token.column if token is not None else 0)
        above[following] = rest
    if lead is not None and wanted[0] != keys[0]:
        above[keys[0]] = _take_lead(block, *lead)
    for k in wanted:
        block.move_to_end(k)
    placed = set()
    for k, following in zip(wanted, wanted[1:] + [None]):
        if k in eol:
            rest = above.get(following, "")
            placed.add(following)
            first, column = eol[k]
            set_comment(block, k, first + "\n" + rest if (first or rest) else "", column)
    for k, text in above.items():
        if k not in placed and text.strip():
            if k is None:  # after the last key, which now holds a list or block: keep it after that block
                _append_after(block, wanted[-1], text)
                continue
            if in_list and k == wanted[0] and k in eol:
                first, column = eol[k]
                set_comment(
                    block, k, first + "\n" + text + above.get(wanted[1] if len(wanted) > 1 else None, ""), column
                )
                continue
            column = len(text) - len(text.lstrip(" "))
            lines = "\n".join(line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip())
            block.yaml_set_comment_before_after_key(k, before=lines, indent=column)
    return True


def _take_lead(block: Any, holder: Any, at: Any, slot: int) -> str:
    """Remove the comment lines above a block's first key and return them as text."""
    entry = holder.ca.items.get(at) if hasattr(holder, "ca") else None
    tokens = (entry[slot] if entry else None) or []
    if entry:
        entry[slot] = None
    if block.ca.comment and block.ca.comment[1] is not None:
        tokens = tokens or block.ca.comment[1]
        block.ca.comment[1] = None  # the same lines, kept twice by ruamel
    return "".join((" " * t.column + t.value) if t.value.startswith("#") else t.value for t in tokens)


def _append_after(block: Any, key: Any, text: str) -> None:
    """Put comment lines after the value of `key`, however deeply nested its last line is."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value, slot = block[key], 2
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        block, key = value, (list(value.keys())[-1] if isinstance(value, CommentedMap) else len(value) - 1)
        value, slot = block[key], 2 if isinstance(block, CommentedMap) else 0
    entry = block.ca.items.setdefault(key, [None, None, None, None])
    token = entry[slot]
    set_comment(
        block, key, (token.value if token is not None else "\n") + text, token.column if token is not None else 0, slot
    )


def set_comment(block: Any, key: str, value: str, column: int, slot: int = 2) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if not value:
        if key in block.ca.items:
            block.ca.items[key][slot] = None
        return
    entry = block.ca.items.setdefault(key, [None, None, None, None])
    entry[slot] = CommentToken(value, CommentMark(column))
