"""Benchmarks of assetdir against a peer measured in the same run.

    pip install -e '.[bench]'
    python bench/run.py                      # validate against check-jsonschema, 1,000 and 10,000 groups
    python bench/run.py --sizes 1000 10000 100000
    python bench/run.py --suite search --sizes 1000 10000 100000   # search and the index, against grep
    python bench/run.py --suite network --sizes 1000 10000         # match, gaps, review, stats
    python bench/run.py --suite export --sizes 1000 10000          # export to each format; the sample to PDF
    python bench/run.py --suite print --sizes 1000                 # the booklet as PDF: the sample, 1,000 groups
    python bench/run.py --suite duplicates --sizes 10000           # duplicates: time, recall, precision
    python bench/run.py --suite merge --sizes 10000                # merge a tenth as many groups in

Prints a Markdown table (copy it into bench/RESULTS.md). Times are wall-clock
seconds of the whole process, the best of --repeat runs; memory is the peak
resident set size of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ROOT, generate

BIN = Path(sys.executable).parent
PARTNERS = re.compile(r"(?<=^partners: \[)[^\]]*", re.MULTILINE)
ASSETDIR = [str(BIN / "assetdir")] if (BIN / "assetdir").exists() else [sys.executable, "-m", "assetdir"]
CHUNK = 10_000  # files per check-jsonschema call, to stay under the argument-length limit


def measure(cmd: list[str], repeat: int = 1) -> tuple[float, float]:
    """Best wall time (s) and its peak memory (MB) of running `cmd`."""
    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if elapsed < best:
            best, peak = elapsed, usage.ru_maxrss / 1024
    return best, peak


def peer_check_jsonschema(root: Path, schema: Path, repeat: int) -> float:
    files = sorted(str(p) for p in (root / "groups").rglob("*.yaml"))
    peer = str(BIN / "check-jsonschema") if (BIN / "check-jsonschema").exists() else shutil.which("check-jsonschema")
    if peer is None:
        sys.exit("check-jsonschema is not installed: pip install -e '.[bench]'")
    return sum(
        measure([peer, "--schemafile", str(schema), *files[i : i + CHUNK]], repeat)[0]
        for i in range(0, len(files), CHUNK)
    )


def bomb_file(folder: Path) -> Path:
    lines = ["name: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(9)]
    path = folder / "groups" / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SEARCHES = [["memory"], ["lunch", "club", "eastgate"], ["dementa"]]


def search_suite(sizes: list[int], repeat: int) -> None:
    print(
        "| groups | build index (first command) | search, fresh index (worst of 3 queries) | `grep -ril` | ratio "
        "(at most 6) | search after 1 file edited | `validate`, fresh index | peak memory (search) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = generate(size, Path(tmp) / str(size))
            base = [*ASSETDIR, "search", "--dir", str(root), "--format", "text"]
            build, _ = measure([*ASSETDIR, "validate", "--dir", str(root)], 1)
            worst, worst_grep, memory = 0.0, 0.0, 0.0
            for words in SEARCHES:
                took, mem = measure([*base, *words], repeat)
                grep, _ = measure(["grep", "-ril", words[0], str(root / "groups")], repeat)
                if took > worst:
                    worst, worst_grep = took, grep
                memory = max(memory, mem)
            edited = sorted((root / "groups").rglob("*.yaml"))[size // 2]
            edits = []
            for i in range(repeat):
                with open(edited, "a", encoding="utf-8") as handle:
                    handle.write(f"# edited {i}\n")
                edits.append(measure([*base, "memory"], 1)[0])
            validate, _ = measure([*ASSETDIR, "validate", "--dir", str(root)], repeat)
            print(
                f"| {size:,} | {build:.2f} s | {worst:.3f} s | {worst_grep:.3f} s | {worst / worst_grep:.1f} "
                f"| {min(edits):.3f} s | {validate:.3f} s | {memory:.0f} MB |",
                flush=True,
            )
            shutil.rmtree(root)


NETWORK = [["match"], ["gaps"], ["review"], ["stats"]]


def network_suite(sizes: list[int], repeat: int) -> None:
    print("| groups | " + " | ".join(f"`{' '.join(c)}`" for c in NETWORK) + " | peak memory |")
    print("|---:|" + "---:|" * (len(NETWORK) + 1))
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = generate(size, Path(tmp) / str(size))
            measure([*ASSETDIR, "validate", "--dir", str(root)], 1)  # builds the index
            times, memory = [], 0.0
            for command in NETWORK:
                took, mem = measure([*ASSETDIR, *command, "--dir", str(root), "--format", "json"], repeat)
                times.append(took)
                memory = max(memory, mem)
            print(f"| {size:,} | " + " | ".join(f"{t:.3f} s" for t in times) + f" | {memory:.0f} MB |", flush=True)
            shutil.rmtree(root)


EXPORTS = ["html", "csv", "json", "txt", "ics"]


def export_suite(sizes: list[int], repeat: int) -> None:
    print("| groups | " + " | ".join(f"`export -o x.{f}`" for f in EXPORTS) + " | peak memory |")
    print("|---:|" + "---:|" * (len(EXPORTS) + 1))
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = generate(size, Path(tmp) / str(size))
            measure([*ASSETDIR, "validate", "--dir", str(root)], 1)  # builds the index: "a fresh index"
            times, memory = [], 0.0
            for suffix in EXPORTS:
                took, mem = measure(
                    [*ASSETDIR, "export", "--dir", str(root), "-o", str(Path(tmp) / f"x.{suffix}")], repeat
                )
                times.append(took)
                memory = max(memory, mem)
            print(f"| {size:,} | " + " | ".join(f"{t:.2f} s" for t in times) + f" | {memory:.0f} MB |", flush=True)
            shutil.rmtree(root)
        sample = Path(tmp) / "sample"
        (sample / "groups").mkdir(parents=True)
        shutil.copy(ROOT / "assetdir.yaml", sample)
        shutil.copytree(ROOT / "groups", sample / "groups", dirs_exist_ok=True)
        measure([*ASSETDIR, "validate", "--dir", str(sample)], 1)
        for args in ([], ["--large-print"]):
            took, mem = measure(
                [*ASSETDIR, "export", "--dir", str(sample), "-o", str(Path(tmp) / "x.pdf"), *args], repeat
            )
            print(
                f"\nThe bundled directory to PDF{' in large print' if args else ''}: {took:.2f} s, {mem:.0f} MB "
                "peak (target: at most 20 s)"
            )


def print_suite(sizes: list[int], repeat: int) -> None:
    """The printed booklet: the sample's PDF, standard and large print, then generated directories',
    each against its own HTML (the same booklet without WeasyPrint's page layout) as the peer."""
    print("| groups | `export -o x.html` (peer) | `export -o x.pdf` | `--large-print` | pdf / html | peak memory |")
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample"
        (sample / "groups").mkdir(parents=True)
        shutil.copy(ROOT / "assetdir.yaml", sample)
        shutil.copytree(ROOT / "groups", sample / "groups", dirs_exist_ok=True)
        roots = [("the sample (45)", sample)] + [(f"{s:,}", generate(s, Path(tmp) / str(s))) for s in sizes]
        for label, root in roots:
            measure([*ASSETDIR, "validate", "--dir", str(root)], 1)  # builds the index
            row, memory = [], 0.0
            for suffix, args in (("html", []), ("pdf", []), ("pdf", ["--large-print"])):
                out = str(Path(tmp) / f"x.{suffix}")
                took, mem = measure([*ASSETDIR, "export", "--dir", str(root), "-o", out, *args], repeat)
                row.append(took)
                memory = max(memory, mem)
            cells = " | ".join(f"{t:.2f} s" for t in row)
            print(f"| {label} | {cells} | {row[1] / row[0]:.0f}x | {memory:.0f} MB |", flush=True)


def duplicates_suite(sizes: list[int], repeat: int) -> None:
    print(
        "| groups (+ planted copies) | `duplicates --format json --limit 0` (target 5 s) | planted pairs found "
        "(target 95%) "
        "| false pairs among the top N (target at most 5%) | pairs listed | peak memory |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            count = max(10, size * 3 // 100)
            root = generate(size, Path(tmp) / str(size), duplicates=count)
            planted = {(p["a"], p["b"]) for p in json.loads((root / "planted.json").read_text(encoding="utf-8"))}
            measure([*ASSETDIR, "validate", "--dir", str(root)], 1)  # builds the index
            cmd = [*ASSETDIR, "duplicates", "--dir", str(root), "--format", "json", "--limit", "0"]
            took, memory = measure(cmd, repeat)
            pairs = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)["pairs"]
            found = [(p["a"]["id"], p["b"]["id"]) for p in pairs]
            recall = len(planted & set(found)) / len(planted)
            false = [f for f in found[: len(planted)] if f not in planted]
            print(
                f"| {size:,} (+ {count}) | {took:.2f} s | {recall:.1%} | {len(false)} of {len(planted)} "
                f"({len(false) / len(planted):.1%}) "
                f"| {len(found)} | {memory:.0f} MB |",
                flush=True,
            )
            for a, b in false[:5]:
                print(f"  false: {a} ~ {b}", file=sys.stderr)
            for a, b in sorted(planted - set(found))[:5]:
                print(f"  missed: {a} ~ {b}", file=sys.stderr)
            shutil.rmtree(root)


def merge_source(size: int, target: Path) -> Path:
    """A directory of `size` groups as a neighbour might keep them: the same groups as
    the first `size` of ours, every third under another id, every fifth with a changed
    summary (a conflict) and every seventh with a field added."""
    root = generate(size, target)
    paths = sorted((root / "groups").rglob("*.yaml"))
    renamed = {p.stem: p.stem + "-theirs" for i, p in enumerate(paths) if i % 3 == 0}
    for i, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        if i % 5 == 0:
            text = text.replace("\nsummary: ", "\nsummary: Now ", 1)
        if i % 7 == 0:
            text += "x-source: the neighbours' list\n"
        text = PARTNERS.sub(lambda m: ", ".join(renamed.get(p, p) for p in m[0].split(", ")), text)
        path.write_text(text, encoding="utf-8")
        if i % 3 == 0:
            path.rename(path.with_name(path.stem + "-theirs" + path.suffix))
    return root


def merge_suite(sizes: list[int], repeat: int) -> None:
    print(
        "| groups (ours) | merged in | `merge SOURCE` (dry run), no index yet | with the index up to date (target "
        "10 s) | peak memory |"
    )
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            ours = generate(size, Path(tmp) / "ours")
            theirs = merge_source(max(size // 10, 1), Path(tmp) / "theirs")
            command = [*ASSETDIR, "merge", str(theirs), "--dir", str(ours)]
            cold, _ = measure(command, 1)
            measure([*ASSETDIR, "validate", "--dir", str(ours)], 1)  # builds the index
            took, memory = measure(command, repeat)
            print(f"| {size:,} | {max(size // 10, 1):,} | {cold:.2f} s | {took:.2f} s | {memory:.0f} MB |", flush=True)
            shutil.rmtree(ours)
            shutil.rmtree(theirs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--suite",
        choices=["validate", "search", "network", "export", "print", "duplicates", "merge"],
        default="validate",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    if args.suite == "search":
        search_suite(args.sizes, args.repeat)
        return
    if args.suite == "network":
        network_suite(args.sizes, args.repeat)
        return
    if args.suite == "export":
        export_suite(args.sizes, args.repeat)
    elif args.suite == "print":
        print_suite(args.sizes, args.repeat)
        return
    if args.suite == "duplicates":
        duplicates_suite(args.sizes, args.repeat)
        return
    if args.suite == "merge":
        merge_suite(args.sizes, args.repeat)
        return
    help_time, help_mem = measure([*ASSETDIR, "--help"], 10)
    print(f"`assetdir --help`: {help_time:.3f} s, {help_mem:.0f} MB (target: under 0.25 s)\n")
    print(
        "| groups | `assetdir validate` (no cache) | peak memory | `check-jsonschema` | ratio (target at 10,000: at "
        "most 0.35) |"
    )
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            root = generate(size, Path(tmp) / str(size))
            schema = root / "assetdir.format.schema.json"
            subprocess.run(
                [*ASSETDIR, "schema", "--dir", str(root), "-o", str(schema)], check=True, capture_output=True
            )
            repeat = args.repeat if size <= 10_000 else 1
            ours, memory = measure([*ASSETDIR, "validate", "--no-cache", "--dir", str(root)], repeat)
            peer = peer_check_jsonschema(root, schema, repeat)
            print(f"| {size:,} | {ours:.2f} s | {memory:.0f} MB | {peer:.2f} s | {ours / peer:.2f} |", flush=True)
            shutil.rmtree(root)
        root = Path(tmp) / "bomb"
        (root / "groups").mkdir(parents=True)
        bomb_file(root)
        seconds, memory = measure([*ASSETDIR, "validate", "--no-cache", "--dir", str(root)], 3)
        print(f"\nBillion-laughs file refused in {seconds:.2f} s, {memory:.0f} MB peak (target: under 1 s and 200 MB)")


if __name__ == "__main__":
    main()
