"""Generate a directory of N valid groups from the bundled sample, for benchmarks.

    python bench/generate.py 10000 bench/data/10000

Each generated group is a copy of a bundled group with its own id and name;
partners point at copies in the same batch, so the directory validates.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]


def generate(count: int, target: Path) -> Path:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    samples = []
    for path in sorted((ROOT / "groups").rglob("*.yaml")):
        samples.append((path.stem, yaml.load(path.read_text(encoding="utf-8"))))
    if target.exists():
        shutil.rmtree(target)
    (target / "groups").mkdir(parents=True)
    shutil.copy(ROOT / "assetdir.yaml", target / "assetdir.yaml")
    total = count
    for i in range(count):
        batch, (stem, data) = divmod(i, len(samples))[0], samples[i % len(samples)]
        group = dict(data)
        group["name"] = f"{data['name']} {batch + 1}"
        in_batch = min(len(samples), total - batch * len(samples))
        present = {s for s, _ in samples[:in_batch]}
        partners = [f"{p}-{batch + 1}" for p in data.get("partners", []) if p in present]
        if partners:
            group["partners"] = partners
        else:
            group.pop("partners", None)
        folder = target / "groups" / group["area"]
        folder.mkdir(exist_ok=True)
        with open(folder / f"{stem}-{batch + 1}.yaml", "w", encoding="utf-8") as handle:
            yaml.dump(group, handle)
    return target


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
