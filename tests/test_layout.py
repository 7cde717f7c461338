"""The rules of the code's layout (ARCHITECTURE.md), held by tests rather than by memory."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assetdir.problems import CODES, Problem
from conftest import REPO

PACKAGE = REPO / "assetdir"
BIN = Path(sys.executable).parent
# the two modules allowed to be longer: the models of the format, and the YAML reader
LONG_MODULES = {"format/models.py", "yamltext.py"}
MAX_MODULE_LINES = 310
MAX_FUNCTION_LINES = 60  # the body, after the signature and docstring


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = modules()


def is_library(name: str) -> bool:
    return not (name == "assetdir.cli" or name.startswith("assetdir.cli.") or name == "assetdir.__main__")


def runtime_imports(path: Path, name: str) -> set[str]:
    """The package's modules that `path` imports when it runs (inside functions too; not the
    imports made only for type checking)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for n in ast.walk(node)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES}
    return {m for m in found if m in MODULES and m != name}


def test_import_contracts_hold():
    """Layers one way down, commands independent, pydantic only in format/, no typer or rich in the library."""
    linter = shutil.which("lint-imports", path=str(BIN)) or shutil.which("lint-imports")
    if linter is None:
        pytest.fail("lint-imports is missing: pip install -e '.[test]' installs import-linter")
    done = subprocess.run([linter], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr


def test_there_is_no_import_cycle():
    graph = {name: runtime_imports(path, name) for name, path in MODULES.items()}
    # a package's __init__ that gathers its modules is not a step back up
    graph = {n: {m for m in deps if not n.startswith(m + ".")} for n, deps in graph.items()}
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    assert cycles == []


def test_nothing_outside_the_command_line_imports_it():
    for name, path in MODULES.items():
        if is_library(name):
            assert not {m for m in runtime_imports(path, name) if m.startswith("assetdir.cli")}, name


FORBIDDEN_CALLS = {"print", "exit", "quit", "input", "breakpoint"}
CLOCK = re.compile(r"\b(date|datetime)\.(today|now|utcnow)\(|\btime\.(time|localtime|gmtime|monotonic)\(")


def test_the_library_never_prints_exits_or_reads_the_clock():
    for name, path in MODULES.items():
        if not is_library(name):
            continue
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{name}:{node.lineno} calls {node.func.id}()"
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "sys":
                assert node.attr not in ("exit", "stdout", "stderr", "stdin"), (
                    f"{name}:{node.lineno} uses sys.{node.attr}"
                )
        assert not CLOCK.search(text), f"{name} reads the clock: take `today` as a parameter"


def test_no_private_name_is_imported_from_another_module():
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("assetdir"):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                assert not private, f"{name}:{node.lineno} imports {private} from {node.module}"


SQL = re.compile(
    r"\b(SELECT\b.+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|VIRTUAL)|DROP\s+TABLE|PRAGMA)\b"
)
SQL_HOMES = (
    "assetdir.store.index",
    "assetdir.store.database",
    "assetdir.store.rows",
    "assetdir.store.repair",
    "assetdir.query.",
)


def test_sql_lives_in_the_index_and_the_queries_only():
    for name, path in MODULES.items():
        if name.startswith(SQL_HOMES):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                pytest.fail(f"{name}:{node.lineno} holds SQL: add a named read to store/index.py")


def literal_lists(path: Path) -> list[tuple[int, list[str]]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            found.append((node.lineno, words))
    return found


@pytest.mark.parametrize(
    ("fact", "words", "home"),
    [
        ("the weekdays", {"monday", "wednesday", "sunday"}, "assetdir.format.vocabulary"),
        ("the statuses", {"active", "paused", "closed", "do-not-list"}, "assetdir.format.vocabulary"),
        ("the key order", {"name", "summary", "partners", "last_checked"}, "assetdir.format.order"),
    ],
)
def test_one_home_for_each_fact(fact, words, home):
    for name, path in MODULES.items():
        for line, found in literal_lists(path):
            if words <= set(found):
                assert name == home, f"{fact} are written out in {name}:{line}; import them from {home}"


def test_one_home_for_the_duplicate_score():
    """No minimum score is written as a number: `query.thresholds.LIKELY` is its one home."""
    for name, path in MODULES.items():
        if name == "assetdir.query.thresholds":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = node.args.args + node.args.kwonlyargs
                defaults = dict(zip(reversed(node.args.args), reversed(node.args.defaults)))
                defaults |= dict(zip(node.args.kwonlyargs, node.args.kw_defaults))
                for arg in args:
                    value = defaults.get(arg)
                    if "score" in arg.arg and isinstance(value, ast.Constant) and isinstance(value.value, int):
                        pytest.fail(f"{name}:{node.lineno}: {arg.arg} defaults to a number; use thresholds.LIKELY")
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, int)
            ):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                if any("SCORE" in n or n == "DEFAULT" for n in names):
                    pytest.fail(f"{name}:{node.lineno}: {names} is a number; use thresholds.LIKELY")


def test_a_problem_code_must_be_in_the_table():
    assert Problem("f", 1, 1, "error", "bad-phone", "x").code in CODES
    with pytest.raises(ValueError, match="not a problem code"):
        Problem("f", 1, 1, "error", "bad-phonez", "x")


def test_modules_and_functions_stay_short():
    too_long = []
    for path in MODULES.values():
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(PACKAGE).as_posix()
        if relative not in LONG_MODULES and len(text.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{relative}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body
                if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                    body = body[1:]
                size = body[-1].end_lineno - body[0].lineno + 1
                if size > MAX_FUNCTION_LINES and relative not in LONG_MODULES:
                    too_long.append(f"{relative}: {node.name}() is {size} lines")
    assert too_long == []


def test_the_linter_and_the_formatter_are_content():
    ruff = shutil.which("ruff", path=str(BIN)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is missing: pip install -e '.[test]' installs it")
    places = ["assetdir", "tests", "bench", "cli.py"]
    check = subprocess.run([ruff, "check", *places], cwd=REPO, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-3000:]
    fmt = subprocess.run([ruff, "format", "--check", *places], cwd=REPO, capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout[-3000:] + "\n(run `ruff format` to fix)"


WARM = r"""
import json, sys
from assetdir.cli import main
sys.argv = ["assetdir", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core", "rich", "ruamel"))
sys.__stderr__.write("\nLOADED " + json.dumps(heavy) + "\n")
"""


@pytest.mark.parametrize("command", [["--help"], ["validate"], ["search", "lunch"], ["stats"]])
def test_warm_commands_load_no_pydantic_rich_or_ruamel(sample, command):
    env = {**os.environ, "ASSETDIR_DIR": str(sample), "COLUMNS": "100"}
    subprocess.run([sys.executable, "-m", "assetdir", "validate"], env=env, capture_output=True, cwd=REPO)  # warm
    done = subprocess.run([sys.executable, "-c", WARM, *command], env=env, capture_output=True, text=True, cwd=REPO)
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED "))
    assert json.loads(line.removeprefix("LOADED ")) == [], done.stderr
