"""How well search ranks on the bundled sample: queries as callers say them, each group graded 0-3 by
reading the files (tests/fixtures/relevance-ashbury.yaml), scored by nDCG@5 and precision at 1."""

from __future__ import annotations

import sys

from ruamel.yaml import YAML

from assetdir.store.directory import open_directory
from conftest import REPO, TODAY

sys.path.insert(0, str(REPO / "bench"))
from relevance import evaluate, ndcg, summary

GRADES = REPO / "tests" / "fixtures" / "relevance-ashbury.yaml"
NDCG_AT_5 = 0.92  # measured 0.946 (bench/RESULTS.md): a change that ranks worse fails here
PRECISION_AT_1 = 0.93  # measured 0.96


def cases() -> list[dict]:
    return YAML(typ="safe").load(GRADES.read_text(encoding="utf-8"))


def test_the_grades_are_many_and_name_real_groups(sample):
    graded = cases()
    ids = {p.stem for p in (sample / "groups").rglob("*.yaml")}
    assert len([c for c in graded if max((c.get("grades") or {}).values(), default=0) >= 2]) >= 40
    for case in graded:
        assert set(case.get("grades") or {}) <= ids, case["query"]
        assert case.get("why"), f"{case['query']!r}: say why the grades are what they are"


def test_ndcg_is_one_for_the_best_order_and_less_for_a_worse_one():
    grades = {"a": 3, "b": 2, "c": 1}
    assert ndcg(["a", "b", "c"], grades) == 1.0
    assert ndcg(["c", "b", "a"], grades) < ndcg(["b", "a", "c"], grades) < 1.0
    assert ndcg(["x", "y"], grades) == 0.0


def test_search_ranks_as_a_person_would(sample):
    results = evaluate(open_directory(sample), cases(), TODAY)
    mean_ndcg, p_at_1, n = summary(results)
    worst = sorted((r for r in results if r["scored"]), key=lambda r: r["ndcg"])[:5]
    said = "; ".join(f"{r['query']!r} {r['ndcg']:.2f}: {' '.join(r['ranked'][:3])}" for r in worst)
    assert mean_ndcg >= NDCG_AT_5, f"nDCG@5 {mean_ndcg:.3f} over {n} queries; worst: {said}"
    assert p_at_1 >= PRECISION_AT_1, f"precision at 1 {p_at_1:.3f} over {n} queries; worst: {said}"
