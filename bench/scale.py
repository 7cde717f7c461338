"""Every command at county scale, each against its floor or a peer measured in the same run, and
how each cost grows with the directory.

    pip install -e '.[bench]'
    python bench/scale.py --data /work/benchdata/speed                     # 1,000, 10,000 and 100,000 groups
    python bench/scale.py --data /work/benchdata/speed --sizes 1000 10000 --repeat 3

The directories are generated once into --data (bench/generate.py; 100,000 files take a while
and some disk) and reused; `fmt` is run on each once so that `fmt --check` meets a canonical
directory. Every figure is the whole process: wall seconds, CPU seconds (user and system, the
pool's workers included) and the peak resident memory (the largest process), the best wall of
--repeat runs (one at 100,000). Floors and peers:

- the first index build: parsing every file with PyYAML's C loader (the least any reader does);
- `search`: `grep -ril WORD groups/`;
- `validate --no-cache`: `check-jsonschema` with the directory's schema;
- `fmt --check`: `yamllint` (relaxed rules), and a cold `validate` in the same run;
- `search --no-cache`: a cold `validate`;
- the rest (match, gaps, review, stats, partners, duplicates, export): their own growth.

Prints Markdown (copy it into bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import itertools

from generate import generate

BIN = Path(sys.executable).parent
ASSETDIR = [str(BIN / "assetdir")] if (BIN / "assetdir").exists() else [sys.executable, "-m", "assetdir"]
CHUNK = 10_000  # files per peer call, to stay under the argument-length limit
FLOOR = (
    "import sys, yaml\nfor name in sys.stdin.read().split('\\n'):\n    yaml.load(open(name, 'rb'), yaml.CSafeLoader)\n"
)
TIME = re.compile(r'^(\s+(?:- )?start): "(\d\d:\d\d)"$', re.MULTILINE)


class Run:
    """Wall, CPU and peak memory of one whole process (its children included)."""

    def __init__(self, wall: float, cpu: float, mb: float) -> None:
        self.wall, self.cpu, self.mb = wall, cpu, mb

    def __str__(self) -> str:
        return f"{self.wall:.2f} s / {self.cpu:.2f} s / {self.mb:.0f} MB"


def measure(cmd: list[str], repeat: int, before: Callable[[], None] | None = None, stdin: str = "") -> Run:
    best: Run | None = None
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        proc.stdin.write(stdin.encode())  # type: ignore[union-attr]
        proc.stdin.close()  # type: ignore[union-attr]
        _, _, usage = os.wait4(proc.pid, 0)
        run = Run(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
        if best is None or run.wall < best.wall:
            best = run
    return best  # type: ignore[return-value]


def summed(runs: list[Run]) -> Run:
    return Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.mb for r in runs))


def tool(name: str) -> str:
    found = str(BIN / name) if (BIN / name).exists() else shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed: pip install -e '.[bench]'")
    return found


def directory(data: Path, size: int) -> Path:
    root = data / str(size)
    if not (root / "groups").is_dir():
        generate(size, root)
    if not (root / ".canonical").exists():  # once: so fmt --check meets a canonical directory
        subprocess.run([*ASSETDIR, "fmt", "--dir", str(root)], capture_output=True)
        (root / ".canonical").write_text("")
    return root


def files_of(root: Path) -> list[str]:
    return sorted(str(p) for p in (root / "groups").rglob("*.yaml"))


def untidy(files: list[str], count: int) -> Callable[[], None]:
    """Unquote one session time in `count` files, so that `fmt` has them to rewrite."""

    def change() -> None:
        done = 0
        for name in files:
            text = Path(name).read_text(encoding="utf-8")
            new = TIME.sub(r"\1: \2", text, count=1)
            if new != text:
                Path(name).write_text(new, encoding="utf-8")
                done += 1
                if done == count:
                    return

    return change


def one_size(root: Path, size: int, repeat: int, peers: bool) -> dict[str, tuple[Run, Run | None]]:
    """Each command's run, and its floor's or peer's (None: measured against its own growth)."""
    a = [*ASSETDIR]
    d = ["--dir", str(root)]
    files = files_of(root)
    index = root / ".assetdir"
    cold = lambda: shutil.rmtree(index, ignore_errors=True)  # noqa: E731
    out: dict[str, tuple[Run, Run | None]] = {}
    floor = measure([sys.executable, "-c", FLOOR], repeat, stdin="\n".join(files))
    out["first index build (`validate`)"] = (measure([*a, "validate", *d], repeat, cold), floor)
    validate_cold = measure([*a, "validate", "--no-cache", *d], repeat)
    peer = None
    if peers:
        schema = root / "assetdir.format.schema.json"
        subprocess.run([*a, "schema", *d, "-o", str(schema)], check=True, capture_output=True)
        jsonschema = tool("check-jsonschema")
        peer = summed(
            [
                measure([jsonschema, "--schemafile", str(schema), *files[i : i + CHUNK]], 1)
                for i in range(0, size, CHUNK)
            ]
        )
    out["`validate --no-cache`"] = (validate_cold, peer)
    out["`search --no-cache memory`"] = (measure([*a, "search", "memory", "--no-cache", *d], repeat), validate_cold)
    out["`fmt --check` (canonical)"] = (measure([*a, "fmt", "--check", *d], repeat), validate_cold)
    if peers:
        lint = tool("yamllint")
        peer = summed([measure([lint, "-d", "relaxed", *files[i : i + CHUNK]], 1) for i in range(0, size, CHUNK)])
        out["`fmt --check` against yamllint"] = (out["`fmt --check` (canonical)"][0], peer)
    out["`fmt`, 100 files changed"] = (measure([*a, "fmt", *d], repeat, untidy(files, 100)), validate_cold)
    measure([*a, "validate", *d], 1)  # the index up to date again
    grep = measure(["grep", "-ril", "memory", str(root / "groups")], repeat)
    out["`search memory` (warm)"] = (measure([*a, "search", "memory", *d], repeat), grep)
    out["`validate` (warm)"] = (measure([*a, "validate", *d], repeat), None)
    for command in (["match"], ["gaps"], ["review"], ["stats"], ["partners"], ["duplicates", "--limit", "0"]):
        fmt = ["--format", "json"] if command[0] not in ("partners",) else []
        out[f"`{' '.join(command)}`"] = (measure([*a, *command, *fmt, *d], repeat), None)
    out["`export -o x.json`"] = (measure([*a, "export", *d, "-o", str(root / "x.json")], repeat), None)
    return out


def growth(small: float, big: float, factor: float) -> str:
    if small <= 0 or big <= 0:
        return "-"
    return f"{math.log(big / small) / math.log(factor):.2f}"


def report(results: dict[int, dict[str, tuple[Run, Run | None]]]) -> None:
    sizes = sorted(results)
    for size in sizes:
        print(f"\n### {size:,} groups (wall / CPU / peak memory)\n")
        print("| command | assetdir | floor or peer | wall ratio |")
        print("|---|---:|---:|---:|")
        for name, (ours, peer) in results[size].items():
            ratio = f"{ours.wall / peer.wall:.2f}" if peer else "-"
            print(f"| {name} | {ours} | {peer or '-'} | {ratio} |")
    if len(sizes) < 2:
        return
    print("\n### How each cost grows (exponent of wall time: 1 is linear, 2 quadratic; CPU in brackets)\n")
    pairs = list(itertools.pairwise(sizes))
    print("| command | " + " | ".join(f"{a:,} -> {b:,}" for a, b in pairs) + " |")
    print("|---|" + "---:|" * len(pairs))
    for name in results[sizes[0]]:
        cells = []
        for a, b in pairs:
            ra, rb = results[a].get(name), results[b].get(name)
            if ra is None or rb is None:
                cells.append("-")
                continue
            cells.append(f"{growth(ra[0].wall, rb[0].wall, b / a)} ({growth(ra[0].cpu, rb[0].cpu, b / a)})")
        print(f"| {name} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent / "data" / "scale")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peers-up-to", type=int, default=100_000, help="check-jsonschema and yamllint up to this")
    args = parser.parse_args()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    load = os.getloadavg()[0]
    print(f"Load average at the start: {load:.2f} (over {os.cpu_count()}: measured under load)")
    help_run = measure([*ASSETDIR, "--help"], 10)
    print(f"\n`assetdir --help`: {help_run} (target: under 0.25 s)")
    results = {}
    for size in args.sizes:
        root = directory(args.data, size)
        repeat = args.repeat if size <= 10_000 else 1
        results[size] = one_size(root, size, repeat, size <= args.peers_up_to)
        report({size: results[size]})
        sys.stdout.flush()
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.2f}")
    report(results)


if __name__ == "__main__":
    main()
