"""The methods namedtuple and dataclasses write, compiled once and kept between runs
(tmcheck/code_cache.py): the same classes and the same findings as without it, a damaged cache
ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "golden" / "wg-tip-2016-drift.fr.md"

PROBE = r'''
import inspect, sys
from tmcheck import code_cache
if sys.argv[1] == "on":
    code_cache.install()
from collections import namedtuple
from dataclasses import dataclass, field
from tmcheck.named_tuples import NamedTuple

Point = namedtuple("Point", "x y", defaults=(0,))

class Span(NamedTuple):
    start: int
    end: int = 0
    label: str | None = None

@dataclass
class Box:
    name: str
    items: list = field(default_factory=list)
    size: int = 3

for made in (Point.__new__, Span.__new__, Box.__init__, Box.__repr__, Box.__eq__):
    print(made.__qualname__, inspect.signature(made), made.__annotations__, made.__defaults__,
          made.__code__.co_filename, made.__code__.co_varnames)
print(Point(1), Point(1, 2) == (1, 2), Span(1, label="a"), Span(1)._replace(end=4), Span._field_defaults)
print(Box("a"), Box("a") == Box("a"), Box("a") == Box("b"), Box("a", [1], 2), Box.__eq__(Box("a"), 1))
try:
    Span()
except TypeError as exc:
    print(exc)
try:
    Box()
except TypeError as exc:
    print(exc)
'''


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k != "TMCHECK_CODE_CACHE"}
    env.update(TMCHECK_CACHE_DIR=str(tmp_path / "cache"), **extra)
    return env


def test_classes_made_with_the_cache_are_the_standard_ones(tmp_path):
    runs = [subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=_env(tmp_path),
                           cwd=ROOT) for mode in ("off", "on", "on")]  # the second "on" reads the cache
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert "Box(name='a', items=[], size=3) True False" in runs[0].stdout
    assert list((tmp_path / "cache").glob("code-*.marshal"))


def _lint(tmp_path, **extra):
    # a fresh process each time: the cache is read once, when tmcheck.cli is imported
    env = {"TMCHECK_CODE_CACHE": None, "TMCHECK_CACHE_DIR": str(tmp_path / "cache"), **extra}
    return run_cli("lint", "--format", "json", str(SAMPLE), cwd=ROOT, env=env, subprocess=True)


def test_a_lint_finds_the_same_with_the_cache_without_it_and_with_a_damaged_one(tmp_path):
    plain = _lint(tmp_path, TMCHECK_CODE_CACHE="0")
    assert not list((tmp_path / "cache").glob("code-*.marshal"))
    first = _lint(tmp_path)  # writes the cache
    files = list((tmp_path / "cache").glob("code-*.marshal"))
    assert len(files) == 1
    second = _lint(tmp_path)  # reads it
    files[0].write_bytes(b"\xfbnot marshal")
    damaged = _lint(tmp_path)
    for r in (plain, first, second, damaged):
        assert r.returncode == 1 and r.stderr == "", r.stderr
    assert plain.stdout == first.stdout == second.stdout == damaged.stdout
