"""Generate a directory of N valid groups from the bundled sample, for benchmarks.

    python bench/generate.py 10000 bench/data/10000

Each generated group is a copy of a bundled group file (comments and all) with
its own id and name; partners point at copies in the same batch, so the whole
directory validates.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTNERS = re.compile(r"^partners: \[(.*)\]$", re.MULTILINE)
NAME = re.compile(r"^name: (.*)$", re.MULTILINE)


def generate(count: int, target: Path) -> Path:
    samples = [(p.stem, p.parent.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "groups").rglob("*.yaml"))]
    if target.exists():
        shutil.rmtree(target)
    (target / "groups").mkdir(parents=True)
    shutil.copy(ROOT / "assetdir.yaml", target / "assetdir.yaml")
    for i in range(count):
        batch, (stem, folder, text) = i // len(samples) + 1, samples[i % len(samples)]
        in_batch = {s for s, _, _ in samples[: min(len(samples), count - (batch - 1) * len(samples))]}

        def partners(match: re.Match[str]) -> str:
            ids = [f"{p.strip()}-{batch}" for p in match[1].split(",") if p.strip() in in_batch]
            return f"partners: [{', '.join(ids)}]" if ids else ""

        text = NAME.sub(lambda m: f"name: {m[1]} {batch}", text, count=1)
        text = PARTNERS.sub(partners, text)
        path = target / "groups" / folder / f"{stem}-{batch}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
