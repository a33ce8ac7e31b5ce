"""The memory store's interface and everything that does not depend on where the rows live.

A store holds French–English segment pairs, their normalised text, exact-match hashes, word and
word-pair posting lists, packed lengths and sentence vectors per encoder. :class:`MemoryStore`
holds the lookup algorithm and the scores (:mod:`.lookups`), the import and the removal
(:mod:`.writes`), once; a backend (:mod:`.sqlite`, :mod:`.postgres`) supplies storage: a handful of
reads and writes, and a write transaction. So a query gives the same results on every backend, and
a fix to the scoring is made once.

The layout every backend keeps (same ideas, each in its own SQL dialect):

- ``memories``: one row per imported memory (its name, where it came from, its source language);
- ``segments``: one row per pair, French and English text as imported, each side's normalised form
  when it differs (so that scoring never normalises at lookup time), a 63-bit hash of each
  normalised side (the exact-match index) and a hash of the pair (unique: re-importing adds nothing);
- ``postings``: for each language and index token (folded words and word pairs, see
  :mod:`..normalize`), how many segments hold it and their ids, as a little-endian uint32 array;
- ``lengths``: each segment's normalised length per side, packed (uint16, one blob per import), so
  that a lookup can drop the candidates too long or too short to reach the score asked for;
- ``vectors``: one sentence vector per segment, side and encoder (float16, see :mod:`..semantic`);
- ``meta``: the format, and the generation number, bumped by every change, that keys caches.

(PostgreSQL adds ``places``, each segment's row address: see :mod:`.postgres`.)

Lookups never scan the segments (see :mod:`.lookups`). Writers take the store's write lock for the
whole import (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-level advisory lock), so ids are
allocated and posting lists merged by one writer at a time, and a pair two importers race to add is
added once; readers are never blocked.
"""

from __future__ import annotations

import abc
from array import array
from typing import Iterator

from ...i18n import N_
from .lookups import CANDIDATES, PROBE_BUDGET, PROBE_MIN, SHORT_DF_MAX, SHORT_QUERY, Lookups
from .packing import chunks
from .records import (FORMAT, LANGS, ImportStats, Match, MemoryInfo, NoMemoryYet, ProgressFactory, Unit,
                      no_progress, pair_key, side)
from .writes import Writes

# What the backends, tmcheck.memory.store and bench/bench_concurrency.py import from here.
__all__ = ["CANDIDATES", "FORMAT", "LANGS", "PROBE_BUDGET", "PROBE_MIN", "SHORT_DF_MAX", "SHORT_QUERY", "ImportStats",
           "Match", "MemoryInfo", "MemoryStore", "NoMemoryYet", "ProgressFactory", "Unit", "no_progress", "pair_key"]


class MemoryStore(Lookups, Writes, abc.ABC):
    """One memory. Open with :meth:`open` (a path: SQLite; a ``postgresql://`` URL: PostgreSQL);
    every method raises :class:`InputError` for a memory that is not a tmcheck memory, is locked,
    unreachable or cannot be written."""

    #: Where the memory is, as shown to users (a PostgreSQL URL with its password masked).
    location: str
    readonly: bool

    def __init__(self) -> None:
        self._names: dict[int, str] | None = None
        self._length_cache: dict[str, tuple] = {}

    # -- opening ------------------------------------------------------------------------------------

    @staticmethod
    def open(location, *, create: bool = True, readonly: bool = False, timeout: float = 5.0) -> "MemoryStore":
        from . import open_store

        return open_store(location, create=create, readonly=readonly, timeout=timeout)

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "MemoryStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    @abc.abstractmethod
    def cache_key(self) -> str:
        """Names this memory in cache file names (a resolved path, a URL without its password)."""

    # -- storage: what a backend supplies ---------------------------------------------------------------
    # Reads work in or out of a transaction; writes only inside ``transaction()``.

    @abc.abstractmethod
    def transaction(self):
        """A context manager: one write transaction holding the store's write lock, rolled back on
        any error (and by the database itself if the process dies). Re-entrant: inside one, it
        adds nothing."""

    @abc.abstractmethod
    def _errors(self, doing: str):
        """A context manager turning the backend's exceptions into one InputError line. ``doing`` is
        marked with N_ where it is written and translated here, only when an error is raised."""

    @abc.abstractmethod
    def _generation(self) -> int: ...

    @abc.abstractmethod
    def _bump(self) -> None:
        """Add one to the generation (inside the transaction)."""

    @abc.abstractmethod
    def _memory_rows(self) -> list[tuple]:
        """(id, name, origin, source_lang, imported, segment count), by name."""

    @abc.abstractmethod
    def _count(self) -> int: ...

    @abc.abstractmethod
    def _exact(self, lang: str, key: int) -> list[tuple[int, str, str | None]]:
        """(id, text, normalised text or None) of the segments whose ``lang`` hash is ``key``."""

    @abc.abstractmethod
    def _dfs(self, lang: str, tokens: list[str]) -> list[tuple[str, int]]:
        """(token, df) for those of ``tokens`` that some segment holds."""

    @abc.abstractmethod
    def _posting_lists(self, lang: str, tokens: list[str]) -> list[tuple[str, int, bytes]]:
        """(token, df, little-endian uint32 ids) for those of ``tokens`` that some segment holds."""

    @abc.abstractmethod
    def _texts_of(self, lang: str, ids: list[int]) -> list[tuple[int, int, str, str | None, str]]:
        """(id, memory id, ``lang`` text, its normalised form or None, the other side) of these ids."""

    @abc.abstractmethod
    def _scoring_texts(self, lang: str, ids: list[int]) -> list[tuple[int, str]]:
        """(id, the ``lang`` side's normalised text) of these ids: what a fuzzy lookup scores, and
        nothing else (the memory and the other side are read for the few best only)."""

    @abc.abstractmethod
    def _length_blobs(self, lang: str) -> list[tuple[int, bytes]]:
        """(first id, packed little-endian uint16 lengths), in id order."""

    @abc.abstractmethod
    def _segment_rows(self, memory_id: int | None) -> Iterator[tuple[int, int, str, str, str]]:
        """(id, memory id, French, English, note) in id order, streamed."""

    @abc.abstractmethod
    def _side_texts(self, lang: str) -> list[tuple[int, str]]: ...

    @abc.abstractmethod
    def _vector_rows(self, encoder: str, lang: str) -> list[tuple[int, bytes]]:
        """(segment id, float16 blob), in id order."""

    @abc.abstractmethod
    def _vector_blobs_of(self, ids: list[int]) -> list[tuple[int, str, str, bytes]]:
        """(segment, encoder, lang, blob) of these segments (for a copy)."""

    @abc.abstractmethod
    def _missing_vectors(self, encoder: str) -> list[tuple[int, str, str]]:
        """(id, French, English) of the segments without this encoder's vectors."""

    @abc.abstractmethod
    def _table_counts(self) -> dict:
        """{"index_tokens": {lang: n}, "vectors": {encoder: n}, "size_bytes": n}."""

    # writes, inside a transaction
    @abc.abstractmethod
    def _ensure_memory(self, name: str, origin: str, source_lang: str, imported: str) -> int: ...

    @abc.abstractmethod
    def _max_id(self) -> int: ...

    @abc.abstractmethod
    def _stored_keys(self, keys: list[bytes]) -> set[bytes]: ...

    @abc.abstractmethod
    def _insert_segments(self, rows: list[tuple]) -> None:
        """(id, memory id, fr, en, fr_norm or None, en_norm or None, fr_key, en_key, pair_key, note)."""

    @abc.abstractmethod
    def _upsert_postings(self, rows: list[tuple[str, str, int, bytes]]) -> None:
        """(lang, token, df, ids): insert, or replace the token's list."""

    @abc.abstractmethod
    def _delete_postings(self, keys: list[tuple[str, str]]) -> None: ...

    @abc.abstractmethod
    def _insert_lengths(self, rows: list[tuple[str, int, bytes]]) -> None:
        """(lang, first id, packed lengths), all with the same first id; the rows from that id on
        are replaced: they describe segments since removed (ids go on from the largest kept, so the
        last memory's are given again after its removal)."""

    @abc.abstractmethod
    def _insert_vectors(self, rows: list[tuple[str, str, int, bytes]]) -> None:
        """(encoder, lang, segment, blob); an existing one is replaced."""

    @abc.abstractmethod
    def _delete_memory(self, memory_id: int) -> None:
        """The memory's row, its segments and their vectors (postings are the caller's)."""

    @abc.abstractmethod
    def _memory_id(self, name: str) -> int | None: ...

    # -- facts --------------------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        with self._errors(N_("read the memory")):
            return self._generation()

    def names(self) -> dict[int, str]:
        if self._names is None:
            with self._errors(N_("read the memory")):
                self._names = {r[0]: r[1] for r in self._memory_rows()}
        return self._names

    def memories(self) -> list[MemoryInfo]:
        with self._errors(N_("read the memory")):
            return [MemoryInfo(name, origin, lang, n, imported) for _, name, origin, lang, imported, n
                    in self._memory_rows()]

    def __len__(self) -> int:
        with self._errors(N_("read the memory")):
            return self._count()

    def stats(self) -> dict:
        with self._errors(N_("read the memory")):
            counts = self._table_counts()
            return {"path": self.location, "backend": self.backend, "size_bytes": counts["size_bytes"],
                    "memories": len(self._memory_rows()), "segments": self._count(),
                    "index_tokens": counts["index_tokens"], "vectors": counts["vectors"],
                    "generation": self._generation()}

    def segments(self, memory: str | None = None) -> Iterator[tuple[int, str, str, str, str]]:
        """(id, memory name, French, English, note), in import order."""
        names = self.names()
        memory_id = None
        if memory is not None:
            memory_id = self._memory_id(memory)
            if memory_id is None:
                return
        with self._errors(N_("read the memory")):
            for sid, mid, fr, en, note in self._segment_rows(memory_id):
                yield sid, names.get(mid, "?"), fr, en, note

    def texts(self, lang: str) -> tuple[list[int], list[str]]:
        """Every segment's id and text on one side (for brute-force comparisons)."""
        side(lang)
        with self._errors(N_("read the memory")):
            rows = self._side_texts(lang)
        return [r[0] for r in rows], [r[1] for r in rows]

    def pairs(self, ids) -> dict[int, tuple[str, str, str]]:
        """{id: (memory name, French, English)} for these segment ids."""
        names, out = self.names(), {}
        with self._errors(N_("read the memory")):
            for chunk in chunks(sorted(ids), 500):
                for sid, mid, fr, _, en in self._texts_of("fr", chunk):
                    out[sid] = (names.get(mid, "?"), fr, en)
        return out

    def vectors(self, encoder_name: str, lang: str) -> tuple[array, list[bytes]]:
        with self._errors(N_("read the memory")):
            rows = self._vector_rows(encoder_name, lang)
        return array("q", (r[0] for r in rows)), [r[1] for r in rows]
