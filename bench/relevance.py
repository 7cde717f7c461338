"""How well search ranks: nDCG@5 and precision at 1 over queries graded by reading the files.

    python bench/relevance.py                      # the bundled sample, tests/fixtures/relevance-ashbury.yaml
    python bench/relevance.py --dir DIR --grades GRADES.yaml --today 2026-11-27 --show

Each query of the grades file lists groups graded 3 (exactly what the caller asked for), 2 (right
but missing one of their conditions), 1 (related); the rest are 0. nDCG@5 compares the first five
results with the best order the grades allow (gain 2^grade - 1); precision at 1 counts the queries
whose first result has the highest grade any group has for that query. Queries with no grade of 2
or more (meant to find nothing useful) are left out of both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 5) -> float:
    def dcg(gains: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:k]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(r, 0) for r in ranked]) / ideal if ideal else 1.0


def evaluate(directory: Any, cases: list[dict], today: dt.date) -> list[dict]:
    """Each case with the ids search ranked first, its nDCG@5 and whether its first result is best."""
    from assetdir.query.filters import Query
    from assetdir.query.search import search
    from assetdir.store.index import Index

    out = []
    with Index.open(directory) as index:
        for case in cases:
            grades = case.get("grades") or {}
            found = search(index, Query(case["query"]), 10, today)
            ranked = [c["id"] for c in found.cards]
            best = max(grades.values(), default=0)
            out.append(
                {
                    "query": case["query"],
                    "ranked": ranked,
                    "grades": grades,
                    "scored": best >= 2,
                    "ndcg": ndcg(ranked, grades),
                    "first": bool(ranked) and grades.get(ranked[0], 0) == best,
                }
            )
    return out


def summary(results: list[dict]) -> tuple[float, float, int]:
    scored = [r for r in results if r["scored"]]
    return (
        sum(r["ndcg"] for r in scored) / len(scored),
        sum(r["first"] for r in scored) / len(scored),
        len(scored),
    )


def main() -> None:
    from ruamel.yaml import YAML

    from assetdir.store.directory import open_directory

    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=ROOT)
    parser.add_argument("--grades", type=Path, default=ROOT / "tests" / "fixtures" / "relevance-ashbury.yaml")
    parser.add_argument("--today", default="2026-11-27")
    parser.add_argument("--show", action="store_true", help="print every query whose ranking is not perfect")
    args = parser.parse_args()
    cases = YAML(typ="safe").load(args.grades.read_text(encoding="utf-8"))
    results = evaluate(open_directory(args.dir), cases, dt.date.fromisoformat(args.today))
    if args.show:
        for r in results:
            if r["scored"] and (r["ndcg"] < 0.999 or not r["first"]):
                marks = [f"{i}:{r['grades'].get(i, 0)}" for i in r["ranked"][:5]]
                print(f"{r['ndcg']:.2f} {'ok ' if r['first'] else 'BAD'} {r['query']!r}: {' '.join(marks)}")
    mean_ndcg, p_at_1, n = summary(results)
    print(f"{n} queries: nDCG@5 {mean_ndcg:.3f}, precision at 1 {p_at_1:.3f}")


if __name__ == "__main__":
    main()
