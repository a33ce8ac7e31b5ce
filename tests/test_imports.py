"""The shape of tmcheck's imports, read from the source with ast (nothing is imported):

- no import circles among the modules of tmcheck/ (module-level imports: what runs on import);
- one direction of dependencies, the layers of DESIGN.md: a lower layer never imports a higher one
  at module level;
- no private name (``_x``) imported from another module of tmcheck/;
- a function-level import is there for start-up cost (or to break nothing else), and says why in
  a comment.

The tests of tests/ are not held to the private-name rule: a white-box test may reach into the
module it tests.
"""

from __future__ import annotations

import ast
import io
import tokenize
try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
from functools import cache
from pathlib import Path
from typing import NamedTuple

PACKAGE = Path(__file__).resolve().parent.parent / "tmcheck"

# Lowest first. A module belongs to the first entry whose name or package holds it. Modules of one
# layer may import each other; glossary and memory are one layer but independent (neither imports
# the other). Every module of tmcheck/ must have a layer: a new top-level module is placed here.
LAYERS: list[tuple[str, ...]] = [
    # Shared by every layer and importing none: errors, messages, caches, files, shapes of data.
    ("tmcheck", "tmcheck.errors", "tmcheck.i18n", "tmcheck.atomic", "tmcheck.cache", "tmcheck.digests",
     "tmcheck.named_tuples", "tmcheck.records", "tmcheck.regex_cache", "tmcheck.resources", "tmcheck.safe_yaml",
     "tmcheck.shapes", "tmcheck.workers"),
    ("tmcheck.documents",),
    ("tmcheck.lang",),
    ("tmcheck.glossary", "tmcheck.memory"),
    ("tmcheck.facts",),
    ("tmcheck.checks", "tmcheck.findings"),  # a finding is what a check makes
    ("tmcheck.engine",),
    ("tmcheck.report",),
    ("tmcheck.review",),  # decisions on a report's findings, terminal and web review
    ("tmcheck.commands", "tmcheck.cli", "tmcheck.__main__"),
]
INDEPENDENT = {("tmcheck.glossary", "tmcheck.memory")}

# gettext's names: conventional, not private.
PUBLIC_UNDERSCORE = {"_", "N_"}


class Import(NamedTuple):
    module: str  # the importer
    target: str  # the tmcheck module imported (for ``from m import x``: m.x when x is a module)
    name: str | None  # the name imported by ``from m import name``
    line: int
    in_function: bool


@cache
def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _is_package(module: str) -> bool:
    return modules()[module].name == "__init__.py"


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> list[tuple[str, str | None]]:
    if isinstance(node, ast.Import):
        return [(a.name, None) for a in node.names]
    if node.level:
        base = module.split(".") if _is_package(module) else module.split(".")[:-1]
        base = base[:len(base) - (node.level - 1)]
        where = ".".join(base + ([node.module] if node.module else []))
    else:
        where = node.module or ""
    return [(f"{where}.{a.name}" if f"{where}.{a.name}" in modules() else where, a.name) for a in node.names]


@cache
def imports() -> tuple[Import, ...]:
    """Every import of a tmcheck module by a tmcheck module; those under ``if TYPE_CHECKING:`` never
    run and are left out."""
    found = []
    for module, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def walk(node: ast.AST, in_function: bool) -> None:
            for child in ast.iter_child_nodes(node):
                if _type_checking(child):
                    continue
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    for target, name in _targets(module, child):
                        if target == "tmcheck" or target.startswith("tmcheck."):
                            found.append(Import(module, target, name, child.lineno, in_function))
                walk(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

        walk(tree, False)
    return tuple(found)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in modules()}
    for i in imports():
        if not i.in_function and i.target != i.module:
            graph[i.module].add(i.target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _layer(module: str) -> tuple[int, str]:
    for rank, members in enumerate(LAYERS):
        for member in members:
            if module == member or (module.startswith(member + ".") and member != "tmcheck"):
                return rank, member
    raise AssertionError(f"{module} has no layer: place it in LAYERS of tests/test_imports.py")


# -- the tests -----------------------------------------------------------------------------------

def test_the_graph_is_read():
    """The reader finds what is there (so that an empty graph cannot pass the other tests)."""
    graph = _graph()
    assert "tmcheck.commands.lint" in graph
    assert "tmcheck.report.formats" in graph["tmcheck.commands.lint"]
    assert "tmcheck.facts.model" in graph["tmcheck.checks.dates"]
    assert any(i.in_function and i.target == "tmcheck.engine" for i in imports() if i.module == "tmcheck.commands.lint")


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"a"}}) == [["a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    cycles = _cycles(_graph())
    assert not cycles, "import circles (module-level imports): " + "; ".join(" <-> ".join(c) for c in cycles)


def test_every_module_has_a_layer():
    for module in modules():
        _layer(module)


def test_lower_layers_never_import_higher_ones():
    wrong = []
    for i in imports():
        if i.in_function:
            continue
        (rank, group), (target_rank, target_group) = _layer(i.module), _layer(i.target)
        if target_rank > rank or (group, target_group) in INDEPENDENT or (target_group, group) in INDEPENDENT:
            wrong.append(f"{i.module} (line {i.line}) imports {i.target}")
    assert not wrong, "imports against the layer order " + " -> ".join(l[0] for l in LAYERS) + ":\n" + "\n".join(wrong)


def test_cli_imports_no_command_before_it_runs():
    """cli.py imports a command's module only when that command runs (its lazy table)."""
    eager = [i.target for i in imports() if i.module == "tmcheck.cli" and not i.in_function
             and i.target.startswith("tmcheck.commands.")]
    assert not eager, eager
    from tmcheck.cli import _LazyGroup

    for spec in _LazyGroup.lazy.values():
        module, attr = spec.split(":")
        assert module in modules(), spec


def _private_imports() -> set[tuple[str, str, str]]:
    return {(i.module, i.target, i.name) for i in imports()
            if i.name and i.name.startswith("_") and not i.name.startswith("__")
            and i.name not in PUBLIC_UNDERSCORE and i.target != i.module}


def test_no_private_name_is_imported_from_another_module():
    found = _private_imports()
    assert not found, ("private names imported across modules: make them public or move them where they "
                       f"are used: {sorted(found)}")


# -- function-level imports --------------------------------------------------------------------------

# Modules whose function-level imports have no reason written yet (documents/pairs and memory/).
# Temporary: this list only shrinks.
UNAUDITED_FUNCTION_IMPORTS = {
    "tmcheck.documents.pairs",
    "tmcheck.memory.ann", "tmcheck.memory.backends", "tmcheck.memory.backends.base", "tmcheck.memory.backends.postgres",
    "tmcheck.memory.encoders", "tmcheck.memory.fuzzy", "tmcheck.memory.library", "tmcheck.memory.phrases",
    "tmcheck.memory.semantic", "tmcheck.memory.suggest", "tmcheck.memory.transfer", "tmcheck.memory.use_model",
    "tmcheck.memory.vectorjob",
}


def _comment_lines(source: str) -> set[int]:
    lines = io.StringIO(source).readline
    return {tok.start[0] for tok in tokenize.generate_tokens(lines) if tok.type == tokenize.COMMENT}


def _function_imports_without_reason(module: str) -> list[int]:
    return _unexplained_imports(modules()[module].read_text(encoding="utf-8"))


def _unexplained_imports(source: str) -> list[int]:
    """Lines of the function-level imports of ``source`` that no comment explains. A comment explains
    a run of consecutive import statements when it ends a line of the run or stands on the line just
    above it (or just above the statement whose body the run starts: ``try:``, ``if ...:``)."""
    comments = _comment_lines(source)
    tree = ast.parse(source)
    missing = []

    def body_runs(stmts: list[ast.stmt], parent: ast.AST | None):
        run: list[ast.stmt] = []
        for n, stmt in enumerate(stmts):
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                if not run:
                    run_start = n
                run.append(stmt)
                continue
            if run:
                yield run, parent if run_start == 0 else None
                run = []
        if run:
            yield run, parent if run_start == 0 else None

    def visit(node: ast.AST, in_function: bool) -> None:
        for field in ("body", "orelse", "finalbody", "handlers"):
            stmts = getattr(node, field, None)
            if not isinstance(stmts, list) or not stmts or not isinstance(stmts[0], ast.AST):
                continue
            if in_function and field != "handlers":
                for run, parent in body_runs(stmts, node):
                    lines = set(range(run[0].lineno - 1, run[-1].end_lineno + 1))
                    if parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        lines.add(parent.lineno - 1)
                    if not lines & comments:
                        missing.append(run[0].lineno)
            for child in stmts:
                visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))

    visit(tree, False)
    return missing


def test_the_reason_finder_finds_imports_without_reason():
    source = (
        "import os\n"
        "def a():\n    import json\n    from pathlib import Path\n    return json, Path\n"
        "def b():\n    # start-up cost\n    import json\n    from pathlib import Path\n    return json, Path\n"
        "def c():\n    import json  # start-up cost\n    return json\n"
        "def d():\n    x = 1\n    import json\n    return json, x\n"
        "def e():\n    # POSIX only\n    try:\n        import fcntl\n    except ImportError:\n        fcntl = None\n"
    )
    assert _unexplained_imports(source) == [3, 16]


def test_function_level_imports_say_why():
    """A function-level import is there for start-up cost (``tmcheck lint`` must stay light, and
    ``tmcheck --help`` imports every command's module), or for an optional dependency; a comment
    says which. Otherwise the import goes to the top of the module."""
    missing = {m: lines for m in modules() if m not in UNAUDITED_FUNCTION_IMPORTS
               and (lines := _function_imports_without_reason(m))}
    assert not missing, "function-level imports without a comment saying why (or hoist them): " + "; ".join(
        f"{modules()[m].relative_to(PACKAGE.parent)}: lines {', '.join(map(str, lines))}" for m, lines in sorted(missing.items()))


def test_unaudited_list_only_shrinks():
    done = sorted(m for m in UNAUDITED_FUNCTION_IMPORTS if m in modules() and not _function_imports_without_reason(m))
    assert not done, f"every function-level import explained: remove from UNAUDITED_FUNCTION_IMPORTS: {done}"


# -- the command line's modules stay small ----------------------------------------------------------

def test_command_modules_stay_small():
    """cli.py and tmcheck/commands/: no module over 500 lines, no function over 60 (from its ``def``
    to its last line) unless its docstring says why it is long ("Long because ...")."""
    big = []
    for module, path in modules().items():
        if module != "tmcheck.cli" and not module.startswith("tmcheck.commands"):
            continue
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > 500:
            big.append(f"{module}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > 60 and "Long because" not in (ast.get_docstring(node) or ""):
                    big.append(f"{module}.{node.name}: {length} lines")
    assert not big, big


def test_every_package_is_shipped():
    """pyproject.toml lists the packages by hand: a new one (tmcheck/commands/) must be there, or an
    installed tmcheck has none of its modules."""
    listed = set(tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    packages = {m for m, path in modules().items() if path.name == "__init__.py"}
    assert packages <= listed, sorted(packages - listed)
