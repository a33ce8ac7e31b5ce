"""The memory store, as the rest of tmcheck imports it: the interface and its shared types.

The interface lives in :mod:`.backends.base`, the lookup algorithm and scores in
:mod:`.backends.lookups`, import and removal in :mod:`.backends.writes`; the SQLite file
and the PostgreSQL server in :mod:`.backends.sqlite` and :mod:`.backends.postgres`.
``MemoryStore.open(location)`` takes a path or a ``postgresql://`` URL.
"""

from __future__ import annotations

from .backends.base import (CANDIDATES, FORMAT, LANGS, PROBE_BUDGET, PROBE_MIN, SHORT_DF_MAX, SHORT_QUERY,
                            ImportStats, Match, MemoryInfo, MemoryStore, ProgressFactory, Unit, no_progress)

_no_progress = no_progress  # the name tmcheck/memory_commands.py imports

__all__ = ["CANDIDATES", "FORMAT", "LANGS", "PROBE_BUDGET", "PROBE_MIN", "SHORT_DF_MAX", "SHORT_QUERY", "ImportStats",
           "Match", "MemoryInfo", "MemoryStore", "ProgressFactory", "Unit", "no_progress", "_no_progress"]
