"""A source file recognised by what it holds, not its name: a spreadsheet (CSV or XLSX),
an Open Referral UK v1 feed, HSDS 3.0 JSON, or something else (refused, saying what)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from assetdir.problems import AssetdirError

MAX_BYTES = 50_000_000  # a directory of ten thousand groups is a few megabytes


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is not a file or too big to be a directory."""
    try:
        if not path.is_file():
            raise AssetdirError(
                f"{path}: {'a folder' if path.is_dir() else 'no such file'}; name a spreadsheet or feed"
            )
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise AssetdirError(
                f"{path}: {size:,} bytes, over the {MAX_BYTES:,} byte limit for an import; is this the right file?"
            )
        return path.read_bytes()
    except OSError as err:
        raise AssetdirError(f"{path}: cannot read the file: {err.strerror}") from None


def kind_of(path: Path, data: bytes) -> str:
    """'xlsx', 'json' or 'csv', from the bytes; an error naming the file for anything else."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return "xlsx"
        except zipfile.BadZipFile:
            pass
        raise AssetdirError(f"{path}: a zip file, not an .xlsx spreadsheet; save the sheet as .xlsx or CSV")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise AssetdirError(f"{path}: an old Excel .xls file; save it as .xlsx or CSV and import that")
    if b"\x00" in data[:65536]:
        raise AssetdirError(f"{path}: binary data (it holds NUL bytes), not a spreadsheet or an Open Referral feed")
    body = data.lstrip(b"\xef\xbb\xbf").lstrip()
    if body[:1] in (b"{", b"["):
        return "json"
    if not body:
        raise AssetdirError(f"{path}: the file is empty")
    return "csv"


def load_json(path: Path, data: bytes) -> Any:
    """The JSON a file holds, or an error naming the file and line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AssetdirError(f"{path}: not UTF-8 text, so not a JSON feed") from None
    try:
        found = json.loads(text)
    except json.JSONDecodeError as err:
        raise AssetdirError(f"{path}: not valid JSON (line {err.lineno}: {err.msg})") from None
    except RecursionError:
        found = None
    if found is None or _too_deep(found):
        raise AssetdirError(f"{path}: JSON nested too deeply to be an Open Referral feed (over {MAX_DEPTH} levels)")
    return found


MAX_DEPTH = 40  # a feed's service nests a handful of levels: organisation, locations, addresses...


def _too_deep(found: Any) -> bool:
    level, todo = 0, [found]
    while todo:
        level += 1
        if level > MAX_DEPTH:
            return True
        todo = [v for item in todo for v in (item.values() if isinstance(item, dict) else item)
                if isinstance(v, (dict, list))]  # fmt: skip
    return False


_V1_KEYS = {"regular_schedules", "holiday_schedules", "service_taxonomys", "eligibilitys", "fundings", "reviews"}


def services_in(path: Path, found: Any) -> tuple[str, list[Any]]:
    """('oruk1' or 'hsds3', the services) of an Open Referral document: a service, a list of
    them, or a page of them (`content`, `contents` or `items`)."""
    services = found
    if isinstance(found, dict):
        for key in ("content", "contents", "items", "services", "data"):
            if isinstance(found.get(key), list):
                services = found[key]
                break
        else:
            services = [found]
    named = isinstance(services, list) and any(isinstance(s, dict) and isinstance(s.get("name"), str) for s in services)
    if not named or not all(_service(s) for s in services):
        what = "an empty list" if services == [] else "JSON"
        raise AssetdirError(
            f"{path}: {what} that is not an Open Referral feed: expected services (each with a name), a list of them, "
            'or a page such as {"content": [...]}'
        )
    v1 = any(_V1_KEYS & s.keys() or _v1_location(s) for s in services)
    return ("oruk1" if v1 else "hsds3"), services


def _service(item: Any) -> bool:
    """Whether `item` looks like a service (one without a name is still one: it is listed, not imported)."""
    return isinstance(item, dict) and bool({"id", "description", "status", "organization", "url"} & item.keys())


def _v1_location(service: dict) -> bool:
    places = service.get("service_at_locations")
    return isinstance(places, list) and any(
        isinstance(p, dict) and isinstance(p.get("location"), dict) and "physical_addresses" in p["location"]
        for p in places
    )
