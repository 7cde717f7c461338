"""Benchmarks of `import` and `export --format hsds`, against peers measured in the same run.

    python bench/import.py                 # 10,000 spreadsheet rows; 10,000 groups to HSDS
    python bench/import.py --rows 1000 10000

`import` of N spreadsheet rows into an empty directory (the sample's settings): the
plan, then --write; the peer is `validate --no-cache` of the N files written. HSDS:
`export --format hsds` of a generated directory of N groups; the peer is
`export --format json` of the same. Whole process, best of --repeat runs.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ROOT, generate, postcode
from run import ASSETDIR, measure

AREAS = ["Town Centre", "Northfield", "Eastgate", "Riverside", "Millbrook", "South Ashbury"]
KINDS = ["Lunch club", "Coffee mornings", "Walking", "Memory cafe", "Arts and crafts", "Tai chi", "Bingo"]
TIMES = ["Tuesdays 10am-12pm", "1st & 3rd Monday 2-4pm", "every other Friday 10:00-11:30", "Wednesday 2pm",
         "Last Thursday of the month 1.30pm - 3.30pm", "Term time only, ring for dates"]  # fmt: skip
HEADERS = ["Name of Group", "Type of activity", "Ward", "Venue", "Address", "Post code", "Day(s)", "Cost", "Tel",
           "E-mail", "Web site", "Last updated", "Wheelchair access", "Ward number"]  # fmt: skip


def spreadsheet(rows: int, path: Path) -> Path:
    """A council spreadsheet of `rows` groups, each with its own name, phone and postcode."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADERS)
        for n in range(rows):
            area = AREAS[n % len(AREAS)]
            out.writerow([
                f"{area} {KINDS[n % len(KINDS)]} {n}", KINDS[n % len(KINDS)], area, f"Hall {n}",
                f"{n} High Street", postcode(n + 1), TIMES[n % len(TIMES)], ["Free", "£2.50", "Donation"][n % 3],
                f"0121 496 {n % 10_000:04d}" if n < 10_000 else "", f"group{n}@example.org", "",
                "2026-09-01", "Yes" if n % 2 else "", str(n % 40),
            ])  # fmt: skip
    return path


def empty(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "groups").mkdir(parents=True)
    shutil.copy(ROOT / "assetdir.yaml", folder / "assetdir.yaml")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| rows | `import` plan (target 15 s) | `import --write` (target 30 s) | peak memory | "
          "`validate --no-cache` of the files written | ratio, plan / validate |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            sheet = spreadsheet(rows, Path(tmp) / "groups.csv")
            root = empty(Path(tmp) / "directory")
            base = [*ASSETDIR, "import", str(sheet), "--dir", str(root), "--category", "social-group"]
            plan, _ = measure(base, args.repeat)
            write, memory = measure([*base, "--write"], 1)
            peer, _ = measure([*ASSETDIR, "validate", "--no-cache", "--dir", str(root)], args.repeat)
            print(f"| {rows:,} | {plan:.2f} s | {write:.2f} s | {memory:.0f} MB | {peer:.2f} s | {plan / peer:.2f} |",
                  flush=True)  # fmt: skip
        print("\n| groups | `export --format hsds` (target 3 s) | `export --format json` | ratio |")
        print("|---:|---:|---:|---:|")
        for rows in args.rows:
            root = generate(rows, Path(tmp) / f"generated-{rows}")
            measure([*ASSETDIR, "validate", "--dir", str(root)], 1)  # the index, as after any command
            hsds, _ = measure([*ASSETDIR, "export", "--format", "hsds", "--dir", str(root)], args.repeat)
            peer, _ = measure([*ASSETDIR, "export", "--format", "json", "--dir", str(root)], args.repeat)
            print(f"| {rows:,} | {hsds:.2f} s | {peer:.2f} s | {hsds / peer:.2f} |", flush=True)


if __name__ == "__main__":
    main()
