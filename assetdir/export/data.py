"""A group as plain data and back: what the index keeps, and exports read without re-checking."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from assetdir.models import Age, AssetItem, Block, Contact, Cost, Group, Private, PrivateContact, Session, Venue


def as_data(group: Group) -> dict[str, Any]:
    """The group as the format writes it (JSON types), `x-` keys included at every level."""
    data = group.model_dump(mode="json", by_alias=True, exclude_none=True)
    _extensions(group, data)
    return data


def _extensions(model: Block, data: dict[str, Any]) -> None:
    data.update(model.extensions)
    for name in type(model).model_fields:
        value = getattr(model, name)
        key = type(model).model_fields[name].alias or name
        if isinstance(value, Block) and key in data:
            _extensions(value, data[key])
        elif isinstance(value, list) and key in data:
            for item, dumped in zip(value, data[key]):
                if isinstance(item, Block):
                    _extensions(item, dumped)


def rebuild(data: dict[str, Any]) -> Group:
    """A Group from `as_data` of a valid group, without validating it again.

    The index keeps only groups that passed every check, and checking 10,000 again
    would take seconds; tests hold this equal to the validated model."""
    fields = _split(data)
    for key, model in (("age", Age), ("contact", Contact)):
        if key in fields:
            fields[key] = _plain(model, fields[key])
    if "cost" in fields:
        cost = _split(fields["cost"])
        if "amount" in cost:
            cost["amount"] = Decimal(str(cost["amount"]))
        fields["cost"] = Cost.model_construct(**cost)
    fields["venues"] = [_plain(Venue, v) for v in fields.get("venues", [])]
    fields["sessions"] = [_session(s) for s in fields.get("sessions", [])]
    for key in ("offers", "needs"):
        fields[key] = [_plain(AssetItem, item) for item in fields.get(key, [])]
    if "private" in fields:
        private = _split(fields["private"])
        if "contact" in private:
            private["contact"] = _plain(PrivateContact, private["contact"])
        fields["private"] = Private.model_construct(**private)
    if "last_checked" in fields:
        fields["last_checked"] = dt.date.fromisoformat(fields["last_checked"])
    return Group.model_construct(**fields)


def _split(data: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in data.items() if not k.startswith("x-")}
    fields["extensions"] = {k: v for k, v in data.items() if k.startswith("x-")}
    return fields


def _plain(model: type[Block], data: dict[str, Any]) -> Any:
    return model.model_construct(**_split(data))


def _session(data: dict[str, Any]) -> Session:
    fields = _split(data)
    if "from" in fields:
        fields["from_"] = fields.pop("from")
    for key in ("from_", "until", "starting"):
        if key in fields:
            fields[key] = dt.date.fromisoformat(fields[key])
    return Session.model_construct(**fields)
