"""Generate a directory of N valid groups from the bundled sample, for benchmarks.

    python bench/generate.py 10000 bench/data/10000
    python bench/generate.py 10000 bench/data/dup --duplicates 300

Each generated group is a copy of a bundled group file (comments and all) with
its own id and name; partners point at copies in the same batch, so the whole
directory validates.

With --duplicates N, every group also gets its own phone, email, website and
venue postcodes (so that no two generated groups are alike by accident), and N
of them are written a second time the way another volunteer might have
(see VARIANTS), each pair listed in planted.json beside groups/.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTNERS = re.compile(r"^partners: \[(.*)\]$", re.MULTILINE)
NAME = re.compile(r"^name: (.*)$", re.MULTILINE)
PHONE = re.compile(r"^  phone: .*$", re.MULTILINE)  # the public contact's, not private's
EMAIL = re.compile(r"^  email: .*\n", re.MULTILINE)
WEBSITE = re.compile(r"^  website: .*\n", re.MULTILINE)
POSTCODE = re.compile(r"^(\s+-?\s*)postcode: .*$", re.MULTILINE)
UNIT = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's last two may be


def postcode(n: int) -> str:
    """The n-th of 720,000 different valid postcodes."""
    district = n // 4000
    outward = f"A{'BCDEFGHJKLMNOPRSTUWY'[district // 9 % 20]}{district % 9 + 1}"
    return f"{outward} {n % 10}{UNIT[n // 10 % 20]}{UNIT[n // 200 % 20]}"


class Distinct:
    """Gives each generated group contacts and postcodes no other group has."""

    def __init__(self) -> None:
        self.postcodes = 0
        self.phones = 0

    def phone(self) -> str:
        self.phones += 1
        area = ["0121 496", "0131 496", "0141 496", "0151 496", "0161 496"][self.phones // 10_000]
        return f"{area} {self.phones % 10_000:04d}"

    def postcode(self, match: re.Match[str]) -> str:
        self.postcodes += 1
        return f"{match[1]}postcode: {postcode(self.postcodes)}"

    def apply(self, text: str, id_: str) -> str:
        text = PHONE.sub(f"  phone: {self.phone()}", text)
        text = EMAIL.sub(f"  email: hello@{id_}.example.org\n", text)
        text = WEBSITE.sub(f"  website: https://{id_}.example.org\n", text)
        return POSTCODE.sub(self.postcode, text)


def _spaced_phone(text: str, how: str) -> str:
    def write(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match[0].split(":", 1)[1])
        return "  phone: " + (
            "+44 " + digits[1:4] + " " + digits[4:] if how == "international" else f'"{digits}"'
        )  # unquoted, YAML reads a number

    return PHONE.sub(write, text)


# how a second volunteer writes the same group: (kind, new name, change to the rest)
VARIANTS = [
    (
        "luncheon, phone +44",
        lambda n: n.replace("Lunch", "Luncheon") if "Lunch" in n else "The " + n,
        lambda t, d: _spaced_phone(t, "international"),
    ),
    (
        "the, lower case, punctuation, phone unspaced",
        lambda n: f"The {n.lower()}!",
        lambda t, d: _spaced_phone(EMAIL.sub(lambda m: "  email: " + m[0].split(": ", 1)[1].upper(), t), "digits"),
    ),
    (
        "only the same phone",
        lambda n: n.upper().replace(" AND ", " & "),
        lambda t, d: POSTCODE.sub(d.postcode, WEBSITE.sub("", EMAIL.sub("", t))),
    ),
    (
        "only the same postcode",
        lambda n: n.replace(" ", " - ", 1),
        lambda t, d: PHONE.sub(f"  phone: {d.phone()}", WEBSITE.sub("", EMAIL.sub("", t))),
    ),
    (
        "extra word, website www",
        lambda n: n + " Group",
        lambda t, d: WEBSITE.sub(lambda m: m[0].replace("https://", "http://www.").rstrip() + "/\n", t),
    ),
]


def plant(target: Path, count: int, distinct: Distinct, seed: int = 1) -> list[dict[str, str]]:
    """Write `count` groups a second time, renamed as another volunteer might; return the pairs."""
    files = sorted((target / "groups").rglob("*.yaml"))
    planted = []
    for n, original in enumerate(random.Random(seed).sample(files, count)):
        kind, rename, change = VARIANTS[n % len(VARIANTS)]
        text = original.read_text(encoding="utf-8")
        text = NAME.sub(lambda m, rename=rename: f"name: {json.dumps(rename(m[1]))}", text, count=1)
        copy = original.with_name(f"copy-{n}-{original.name}")
        copy.write_text(change(text, distinct), encoding="utf-8")
        planted.append({"a": min(original.stem, copy.stem), "b": max(original.stem, copy.stem), "kind": kind})
    (target / "planted.json").write_text(json.dumps(planted, indent=1) + "\n", encoding="utf-8")
    return planted


def generate(count: int, target: Path, duplicates: int = 0) -> Path:
    samples = [
        (p.stem, p.parent.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "groups").rglob("*.yaml"))
    ]
    if target.exists():
        shutil.rmtree(target)
    (target / "groups").mkdir(parents=True)
    shutil.copy(ROOT / "assetdir.yaml", target / "assetdir.yaml")
    distinct = Distinct() if duplicates else None
    for i in range(count):
        batch, (stem, folder, text) = i // len(samples) + 1, samples[i % len(samples)]
        in_batch = {s for s, _, _ in samples[: min(len(samples), count - (batch - 1) * len(samples))]}

        def partners(match: re.Match[str], batch: int = batch, in_batch: set[str] = in_batch) -> str:
            ids = [f"{p.strip()}-{batch}" for p in match[1].split(",") if p.strip() in in_batch]
            return f"partners: [{', '.join(ids)}]" if ids else ""

        text = NAME.sub(lambda m, batch=batch: f"name: {m[1]} {batch}", text, count=1)
        text = PARTNERS.sub(partners, text)
        if distinct:
            text = distinct.apply(text, f"{stem}-{batch}")
        path = target / "groups" / folder / f"{stem}-{batch}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if distinct:
        plant(target, duplicates, distinct)
    return target


if __name__ == "__main__":
    planted = int(sys.argv[4]) if sys.argv[3:4] == ["--duplicates"] else 0
    generate(int(sys.argv[1]), Path(sys.argv[2]), planted)
