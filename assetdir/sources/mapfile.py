"""A --map file: the columns a spreadsheet names in its own words, and its words for this
directory's areas and vocabulary.

    columns:
      Name of club: name
      Ward no: area
    values:
      areas: {North ward: northfield}
      categories: {Lunch: lunch-club}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assetdir import yamltext
from assetdir.problems import AssetdirError
from assetdir.sources.headers import SYNONYMS
from assetdir.sources.mapping import labels

KINDS = ("areas", "categories", "audience", "accessibility")


@dataclass
class MapFile:
    columns: dict[str, str] = field(default_factory=dict)  # their header -> our field
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> their word -> our id


def read_map(path: Path, fit: object) -> MapFile:
    """The map file at `path`, each field and id checked against this directory; an error names the file."""
    try:
        data = yamltext.parse(yamltext.read_text(path))
    except AssetdirError as err:
        raise AssetdirError(f"{path}: {err}") from None
    except OSError as err:
        raise AssetdirError(f"{path}: cannot read the map file: {err.strerror}") from None
    if not isinstance(data, dict) or not set(data) <= {"columns", "values"}:
        raise AssetdirError(f"{path}: a map file holds columns: and values: (see the README's import section)")
    found = MapFile()
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise AssetdirError(f"{path}: columns: is a block of 'their header: field' lines")
    for header, name in columns.items():
        if name not in SYNONYMS:
            known = ", ".join(sorted(SYNONYMS))
            raise AssetdirError(f"{path}: columns: {header}: {name!r} is not a field; use one of {known}")
        found.columns[str(header)] = str(name)
    values = data.get("values") or {}
    if not isinstance(values, dict):
        raise AssetdirError(f"{path}: values: is a block of kinds ({', '.join(KINDS)})")
    for kind, words in values.items():
        if kind not in KINDS or not isinstance(words, dict):
            raise AssetdirError(f"{path}: values: {kind}: use one of {', '.join(KINDS)}, each 'their word: our id'")
        known = labels(fit, kind)  # type: ignore[arg-type]
        for word, id_ in words.items():
            if str(id_) not in known:
                raise AssetdirError(f"{path}: values: {kind}: {word}: {id_!r} is not one of this directory's {kind}")
        found.values[kind] = {str(k): str(v) for k, v in words.items()}
    return found
