"""The memory store, as the rest of tmcheck imports it: the interface and its shared types.

The lookup algorithm, scores, import and removal live in :mod:`.backends.base`; the SQLite file
and the PostgreSQL server in :mod:`.backends.sqlite` and :mod:`.backends.postgres`.
``MemoryStore.open(location)`` takes a path or a ``postgresql://`` URL.
"""

from __future__ import annotations

from .backends.base import (CANDIDATES, FORMAT, LANGS, PROBE_BUDGET, PROBE_MIN, SHORT_DF_MAX, SHORT_QUERY,
                            ImportStats, Match, MemoryInfo, MemoryStore, ProgressFactory, Unit, no_progress)

__all__ = ["CANDIDATES", "FORMAT", "LANGS", "PROBE_BUDGET", "PROBE_MIN", "SHORT_DF_MAX", "SHORT_QUERY", "ImportStats",
           "Match", "MemoryInfo", "MemoryStore", "ProgressFactory", "Unit", "no_progress"]
