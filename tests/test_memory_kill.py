"""A memory import killed with SIGKILL midway leaves the memory as it was, and usable: on SQLite (the
journal rolls it back on the next open) and on PostgreSQL (the server rolls back the transaction of a
connection that died)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_helpers import run_cli, start_cli
from conftest import ROOT, memory_snapshot
from tmcheck.memory.library import read_units
from tmcheck.memory.store import MemoryStore

BUNDLED = ROOT / "memories" / "un-agendas.fr-en.tmx"

# Imports many pairs; at the chosen phase (segments written, index being written, vectors being
# written: all inside the transaction) it says so on stdout and waits to be killed.
KILLED_IMPORT = r"""
import sys, time
import numpy as np
from tmcheck.memory.store import MemoryStore, Unit
from tmcheck.memory.library import read_units

path, bundled, phase = sys.argv[1], sys.argv[2], sys.argv[3]
base = read_units(bundled).units

def units():
    for i in range(20):
        for u in base:
            yield Unit(f"{u.fr} ({i + 1})", f"{u.en} ({i + 1})")

class Bar:
    def __init__(self, label):
        self.label, self.done = label, 0
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
    def update(self, n):
        self.done += n
        if self.label.startswith(phase) and self.done >= 1000:
            print("midway", flush=True)
            time.sleep(600)

class Encoder:  # vectors of the right shape, so the kill can land while they are written
    name, dim = "test-encoder", 8
    def encode(self, texts):
        v = np.ones((len(texts), 8), dtype="float32")
        return v / np.linalg.norm(v, axis=1, keepdims=True)

store = MemoryStore.open(path)
store.import_units(units(), name="big", total=20 * len(base), encoder=Encoder(), progress=lambda label, total: Bar(label))
print("finished", flush=True)
"""


def _snapshot(location):
    return memory_snapshot(location)


def _in_transaction(location) -> bool:
    """An import's transaction is open, rows written: SQLite's journal, or the import's advisory
    lock held on the server."""
    if isinstance(location, Path):
        return Path(f"{location}-journal").exists()
    import psycopg

    from tmcheck.memory.backends.postgres import _WRITE_LOCK

    with psycopg.connect(location, autocommit=True) as conn:
        return conn.execute("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = %s "
                            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                            (_WRITE_LOCK,)).fetchone()[0] > 0


@pytest.fixture
def memory(memory_location):
    with MemoryStore.open(memory_location) as s:
        loaded = read_units(BUNDLED)
        s.import_units(loaded.units, name="un-agendas", source_lang="fr")
    return memory_location


@pytest.mark.parametrize("phase", ["Importing", "Indexing", "Encoding"])
def test_sigkill_midway_leaves_the_memory_unchanged_and_usable(memory, tmp_path, phase):
    pytest.importorskip("numpy")
    before = _snapshot(memory)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(memory), str(BUNDLED), phase],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "midway", proc.stderr.read()
        assert _in_transaction(memory)  # a transaction really is open, rows written
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert _snapshot(memory) == before
    with MemoryStore.open(memory) as s:
        if isinstance(memory, Path):
            assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        hit = s.fuzzy("Questions diverses.", "fr")
        assert hit and hit[0].score == 100 and hit[0].target == "Other matters."
        assert s.stats()["vectors"] == {}
        # and the next import goes through
        again = s.import_units(read_units(BUNDLED).units[:10], name="again")
        assert again.duplicates == 10


def test_killed_cli_import_leaves_the_memory_unchanged(memory, tmp_path):
    """The same through `tmcheck memory import`, killed once its transaction has written rows."""
    lines = ["fr\ten"]
    for u in read_units(BUNDLED).units:
        for i in range(1, 81):
            lines.append(f"{u.fr} ({i})\t{u.en} ({i})".replace("\n", " "))
    big = tmp_path / "big.tsv"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _snapshot(memory)
    env = {"TMCHECK_CACHE_DIR": str(tmp_path / "cache")}
    proc = start_cli("memory", "import", str(big), "--memory", str(memory), "--no-vectors", cwd=ROOT, env=env,
                     text=False)
    deadline = time.monotonic() + 60
    while not _in_transaction(memory) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    if proc.poll() is not None:
        pytest.fail(f"the import ended before it could be killed: {proc.communicate()}")
    time.sleep(0.3)  # let it write more rows inside the transaction
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _snapshot(memory) == before
    # the next run, as a user makes it: a fresh process
    r = run_cli("memory", "search", "Questions diverses.", "--lang", "fr", "--memory", str(memory), "--format", "json",
                cwd=ROOT, env=env, subprocess=True)
    assert r.returncode == 0, r.stderr
    assert '"target": "Other matters."' in r.stdout
