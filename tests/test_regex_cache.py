"""Patterns compiled once and kept between runs (tmcheck/regex_cache.py): the same pattern objects
and the same findings as with the standard compile, a damaged cache ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "golden" / "wg-tip-2016-drift.fr.md"

PROBE = r'''
import re, sys
from tmcheck import regex_cache
if sys.argv[1] == "on":
    regex_cache.install()
patterns = [(r"(?P<day>\d{1,2})(?:er)? (?P<month>[^\W\d_]+) (\d{4})", re.I),
            (r"\b(?:au titre du|under) points? (\d{1,2})(?: ([a-z])\))?", re.I | re.U),
            (rb"[\x00-\x08]+", 0), (r"(?<![.!?…])[.!?…]+(?=\s+[A-ZÀ-ÝŒ])", re.M)]
texts = ["le 1er Juin 2016 et le 30 septembre 2016", "Au titre du point 4 b) et under item 12",
         "Fin. Début … Ensuite"]
for p, f in patterns:
    c = re.compile(p, f)
    print(c.pattern, int(c.flags), sorted(c.groupindex.items()), c.groups)
    for t in texts:
        if isinstance(p, bytes):
            t = t.encode("utf-8")
        print([m.span() for m in c.finditer(t)], [m.groups() for m in c.finditer(t)])
'''


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k != "TMCHECK_REGEX_CACHE"}
    env.update(TMCHECK_CACHE_DIR=str(tmp_path / "cache"), **extra)
    return env


def test_cached_patterns_are_the_standard_ones(tmp_path):
    runs = [subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=_env(tmp_path),
                           cwd=ROOT) for mode in ("off", "on", "on")]  # the second "on" reads the cache
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert list((tmp_path / "cache").glob("regex-*.pickle"))


def _lint(tmp_path, **extra):
    # a fresh process each time: the cache is read once, when the patterns are first compiled
    env = {"TMCHECK_REGEX_CACHE": None, "TMCHECK_CACHE_DIR": str(tmp_path / "cache"), **extra}
    return run_cli("lint", "--format", "json", str(SAMPLE), cwd=ROOT, env=env, subprocess=True)


def test_a_lint_finds_the_same_with_the_cache_without_it_and_with_a_damaged_one(tmp_path):
    plain = _lint(tmp_path, TMCHECK_REGEX_CACHE="0")
    first = _lint(tmp_path)  # writes the cache
    files = list((tmp_path / "cache").glob("regex-*.pickle"))
    assert len(files) == 1
    second = _lint(tmp_path)  # reads it
    files[0].write_bytes(b"\x80\x05not a pickle")
    damaged = _lint(tmp_path)
    for r in (plain, first, second, damaged):
        assert r.returncode == 1 and r.stderr == "", r.stderr
    assert plain.stdout == first.stdout == second.stdout == damaged.stdout
