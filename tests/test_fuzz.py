"""Every reader fed mutated real files (fixed seeds, a couple of hundred each, in this process with
a 10 s alarm): 0 internal errors, 0 messages of more than one line, 0 hangs. The long run, each
input in a child process with a time and memory limit, is bench/fuzz_readers.py."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from fuzzing import READERS, case, judge, seeds, write
from cli_helpers import TimedOut, run_cli

CASES = 300  # per reader; the drafts' seeds cut to 3 kB so that all of it runs in well under a minute


@pytest.mark.parametrize("reader", READERS)
def test_fuzzed_reader_never_fails_badly(reader, tmp_path, monkeypatch):
    rng = random.Random(f"tmcheck-fuzz-{reader}")
    data = seeds(size=3000)
    outcomes: Counter = Counter()
    bad = []
    for n in range(CASES):
        folder = tmp_path / str(n)
        folder.mkdir()
        files, args = case(reader, rng, data)
        write(folder, files)
        monkeypatch.chdir(folder)
        try:
            r = run_cli(*args, timeout=10)
            verdict = judge(r.code, r.stderr)
        except TimedOut:
            verdict, r = "over 10 s", None
        outcomes[verdict] += 1
        if verdict not in ("ok", "refused"):
            bad.append((n, verdict, (r.stderr if r else "")[:300]))
    assert not bad, f"{reader}: {dict(outcomes)}; first: {bad[:3]}"
