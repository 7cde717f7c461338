"""assetdir.problems: the table of problem codes, and a problem as one line of visible text."""

from __future__ import annotations

from assetdir.problems import CODES, Problem


def test_the_code_is_a_warning():
    assert CODES["control-character"][0] == "warning"


def test_a_problem_is_always_one_line_of_visible_text():
    problem = Problem("a\nb\x1b.yaml", 1, 1, "error", "bad-value", "x\x1b[2J\r\ny\u202e")
    assert str(problem) == "a\\nb\\x1b.yaml:1:1: error bad-value: x\\x1b[2J\\r\\ny\\u202e"
    assert problem.as_dict()["message"] == "x\\x1b[2J\\r\\ny\\u202e"
