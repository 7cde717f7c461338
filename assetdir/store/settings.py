"""A directory's settings (assetdir.yaml): read and checked, or the defaults, and kept in the index's
database so that commands answering from the index need not load the models."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assetdir import __version__
from assetdir.format.vocabulary import Vocabulary

SETTINGS_FILE = "assetdir.yaml"
PRINTED = ("publisher", "introduction", "listing", "print_times", "nation")  # what print and dates read


@dataclass
class Config:
    """The settings a directory runs with: from assetdir.yaml, or the defaults."""

    title: str = "Community groups"
    groups: str = "groups"
    region: str = "GB"
    review_after_months: int = 12
    areas: dict[str, str] | None = None  # None: there is no (valid) assetdir.yaml
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    publisher: dict[str, str] | None = None  # name, phone, email, website, address
    introduction: str | None = None
    listing: str | None = None
    print_times: str = "12h"
    nation: str = "england-and-wales"
    problems: list[tuple[int, int, str, str]] = field(default_factory=list)  # in assetdir.yaml

    def to_json(self) -> dict[str, Any]:
        vocab = self.vocabulary
        return {
            "title": self.title,
            "groups": self.groups,
            "region": self.region,
            "review_after_months": self.review_after_months,
            "areas": self.areas,
            "vocabulary": {
                "categories": vocab.categories,
                "audience": vocab.audience,
                "accessibility": vocab.accessibility,
                "assets": vocab.assets,
                "sections": vocab.sections,
            },
            "synonyms": self.synonyms,
            **{key: getattr(self, key) for key in PRINTED},
            "problems": self.problems,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Config:
        vocab = data["vocabulary"]
        return cls(
            title=data["title"],
            groups=data["groups"],
            region=data["region"],
            review_after_months=data["review_after_months"],
            areas=data["areas"],
            vocabulary=Vocabulary(
                categories={k: tuple(v) for k, v in vocab["categories"].items()},  # type: ignore[misc]
                audience=vocab["audience"],
                accessibility=vocab["accessibility"],
                assets=vocab["assets"],
                sections=vocab["sections"],
            ),
            synonyms=data["synonyms"],
            **{key: data[key] for key in PRINTED},
            problems=[tuple(p) for p in data["problems"]],  # type: ignore[misc]
        )


def read_config(path: Path) -> Config:
    """Read and check assetdir.yaml (slow: pydantic); problems are kept, not raised."""
    from assetdir import yamltext
    from assetdir.format.document import load_document, validate_document
    from assetdir.format.models import Settings
    from assetdir.problems import FileProblem

    try:
        text = yamltext.read_text(path)
        data = load_document(text, first_key="title")
    except FileProblem as err:
        if err.code == "empty-file":
            err = FileProblem("missing-field", f"{SETTINGS_FILE} is empty; it needs at least areas:")
        return Config(problems=[(err.line, err.column, err.code, err.message)])
    settings, problems = validate_document(Settings, data, text, SETTINGS_FILE, {})
    if settings is None:
        return Config(problems=[(p.line, p.column, p.code, p.message) for p in problems])
    return Config(
        title=settings.title,
        groups=settings.groups,
        region=settings.region,
        review_after_months=settings.review_after_months,
        areas=dict(settings.areas),
        vocabulary=settings.merged_vocabulary(),
        synonyms={k: list(v) for k, v in settings.synonyms.items()},
        publisher=settings.publisher.model_dump(exclude_none=True, exclude={"extensions"})
        if settings.publisher
        else None,
        introduction=settings.introduction,
        listing=settings.listing,
        print_times=settings.print_times,
        nation=settings.nation,
    )


def settings_and_key(path: Path, cache: bool) -> tuple[Config, str]:
    """The settings and a key that changes with them, from the index's cache when
    assetdir.yaml has not changed."""
    from assetdir.store.database import SCHEMA_VERSION  # what is cached changes with it

    try:
        stamp = f"{__version__}/{SCHEMA_VERSION}".encode()
        key = "config:" + hashlib.sha256(path.read_bytes() + stamp).hexdigest()
    except OSError as err:
        return Config(problems=[(1, 1, "unreadable", f"cannot read the file: {err.strerror}")]), "config:unreadable"
    if cache:
        from assetdir.store import database

        found = database.get_meta(path.parent, key, Config.from_json)  # a garbled one: the index is built again
        if found is not None:
            return found, key
    config = read_config(path)
    if cache:
        database.set_meta(path.parent, key, config.to_json())
    return config, key
