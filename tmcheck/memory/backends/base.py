"""The memory store's interface and everything that does not depend on where the rows live.

A store holds French–English segment pairs, their normalised text, exact-match hashes, word and
word-pair posting lists, packed lengths and sentence vectors per encoder. :class:`MemoryStore`
holds the lookup algorithm, the scores, the import and the removal, once; a backend
(:mod:`.sqlite`, :mod:`.postgres`) supplies storage: a handful of reads and writes, and a write
transaction. So a query gives the same results on every backend, and a fix to the scoring is made
once.

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

A fuzzy lookup never scans the segments: exact hash first; then the posting lists of the query's
rarest tokens give candidates, counted with numpy (a segment that holds more of them ranks higher,
then the one closest in length), those whose length cannot reach the minimum score are dropped, and
only the best CANDIDATES are read and scored, in one rapidfuzz call.

Writers take the store's write lock for the whole import (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
transaction-level advisory lock), so ids are allocated and posting lists merged by one writer at a
time, and a pair two importers race to add is added once; readers are never blocked.
"""

from __future__ import annotations

import abc
import hashlib
import sys
import time
from array import array
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, NamedTuple

from ...errors import InputError
from ..fuzzy import from_ratio, min_length_ratio, score
from ..normalize import index_tokens, normalize, text_key

FORMAT = 2
LANGS = ("fr", "en")

# Candidate generation. A query probes the posting lists of its rarest tokens, at least PROBE_MIN of
# them and more until half its tokens are probed (a segment reaching a fuzzy score shares most of the
# query's words, so it holds one of the rarest half), but never more than PROBE_BUDGET ids in all
# once PROBE_MIN lists are read. A short query (SHORT_QUERY tokens or fewer: a heading, an agenda
# line) probes every token held by fewer than SHORT_DF_MAX segments: its best match may share only
# common words ("Agenda item 12 (b)"). The CANDIDATES segments that hold the most probed tokens
# (then the closest in length) are scored: in memories full of near-duplicates (UN boilerplate),
# hundreds of segments tie on shared words and only their characters tell them apart.
# Measured at 1M segments (bench/bench_memory.py): top-1 agreement with a full rapidfuzz scan
# 93% with 60 candidates, 97.5% with 500, 100% with 1000.
PROBE_MIN = 3
PROBE_BUDGET = 60_000
SHORT_QUERY = 20
SHORT_DF_MAX = 200_000
CANDIDATES = 1000


class NoMemoryYet(InputError):
    """The location exists (a database) but holds no memory yet: reading it is like reading a
    memory file that does not exist."""


class Match(NamedTuple):
    score: int  # 0–100: fuzzy score, or cosine × 100 for a semantic match
    kind: str  # "fuzzy" | "semantic" | "concordance"
    source: str  # the memory segment in the language searched
    target: str  # its stored translation
    memory: str  # the memory's name
    id: int  # the segment's id in its store


class MemoryInfo(NamedTuple):
    name: str
    origin: str
    source_lang: str
    segments: int
    imported: str


class ImportStats(NamedTuple):
    added: int
    duplicates: int
    skipped: int  # empty on one side


class Unit(NamedTuple):
    fr: str
    en: str
    note: str = ""
    # Vectors already computed (a copy between stores): {encoder name: (French blob, English blob)}.
    vectors: dict | None = None


class _NullBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass


def _no_progress(label: str, total: int):
    return _NullBar()


ProgressFactory = Callable[[str, int], "_NullBar"]


def pair_key(fr_norm: str, en_norm: str) -> bytes:
    return hashlib.blake2b(f"{fr_norm}\x00{en_norm}".encode(), digest_size=16).digest()


def now() -> str:
    """The import time as both backends store it (UTC, to the second)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())


class MemoryStore(abc.ABC):
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
        """A context manager turning the backend's exceptions into one InputError line."""

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
        with self._errors("read the memory"):
            return self._generation()

    def names(self) -> dict[int, str]:
        if self._names is None:
            with self._errors("read the memory"):
                self._names = {r[0]: r[1] for r in self._memory_rows()}
        return self._names

    def memories(self) -> list[MemoryInfo]:
        with self._errors("read the memory"):
            return [MemoryInfo(name, origin, lang, n, imported) for _, name, origin, lang, imported, n
                    in self._memory_rows()]

    def __len__(self) -> int:
        with self._errors("read the memory"):
            return self._count()

    def stats(self) -> dict:
        with self._errors("read the memory"):
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
        with self._errors("read the memory"):
            for sid, mid, fr, en, note in self._segment_rows(memory_id):
                yield sid, names.get(mid, "?"), fr, en, note

    def texts(self, lang: str) -> tuple[list[int], list[str]]:
        """Every segment's id and text on one side (for brute-force comparisons)."""
        _side(lang)
        with self._errors("read the memory"):
            rows = self._side_texts(lang)
        return [r[0] for r in rows], [r[1] for r in rows]

    def pairs(self, ids) -> dict[int, tuple[str, str, str]]:
        """{id: (memory name, French, English)} for these segment ids."""
        names, out = self.names(), {}
        with self._errors("read the memory"):
            for chunk in _chunks(sorted(ids), 500):
                for sid, mid, fr, _, en in self._texts_of("fr", chunk):
                    out[sid] = (names.get(mid, "?"), fr, en)
        return out

    # -- import -------------------------------------------------------------------------------------

    def import_units(self, units: Iterable[Unit], *, name: str, source_lang: str = "fr", origin: str = "",
                     encoder=None, progress: ProgressFactory = _no_progress, total: int | None = None,
                     imported: str | None = None) -> ImportStats:
        """Add pairs to memory ``name`` in one transaction: all of them or, on any error or kill,
        none. A pair already in the memory (same normalised French and English) is not added again.

        With an encoder, the new pairs' vectors are computed in a worker process (see
        :mod:`..vectorjob`) while this one normalises, writes the segments and merges the posting
        lists, then written in the same transaction."""
        from ..vectorjob import VectorJob

        units = list(units) if total is None else units
        total = len(units) if total is None else total
        added = duplicates = skipped = 0
        postings: dict[tuple[str, str], array] = {}
        given: list[tuple[str, str, int, bytes]] = []
        with self.transaction(), VectorJob(encoder, progress) as job:
            memory_id = self._ensure_memory(name, origin, source_lang, imported or now())
            next_id = first_id = self._max_id() + 1
            lengths = {"fr": array("H"), "en": array("H")}  # ids first_id, first_id + 1, ... in order
            with progress(f"Importing {name}", total) as bar:
                for chunk in _chunks(units, 2000):
                    rows, seen = [], set()
                    for unit in chunk:
                        fr, en = unit.fr.strip(), unit.en.strip()
                        fr_norm, en_norm = normalize(fr), normalize(en)
                        if not fr_norm or not en_norm:
                            skipped += 1
                            continue
                        key = pair_key(fr_norm, en_norm)
                        if key in seen:
                            duplicates += 1
                            continue
                        seen.add(key)
                        rows.append((fr, en, fr_norm, en_norm, key, unit.note, unit.vectors))
                    stored = self._stored_keys([r[4] for r in rows]) if rows else set()
                    duplicates += len(stored)
                    new, encode = [], []
                    for fr, en, fr_norm, en_norm, key, note, vectors in rows:
                        if key in stored:
                            continue
                        sid, next_id = next_id, next_id + 1
                        new.append((sid, memory_id, fr, en, None if fr_norm == fr else fr_norm,
                                    None if en_norm == en else en_norm, text_key(fr_norm), text_key(en_norm), key, note))
                        lengths["fr"].append(min(len(fr_norm), 65535))
                        lengths["en"].append(min(len(en_norm), 65535))
                        for lang, norm in (("fr", fr_norm), ("en", en_norm)):
                            for token in index_tokens(norm):
                                ids = postings.get((lang, token))
                                if ids is None:
                                    ids = postings[(lang, token)] = array("I")
                                ids.append(sid)
                        for enc_name, (fr_blob, en_blob) in (vectors or {}).items():
                            given += [(enc_name, "fr", sid, fr_blob), (enc_name, "en", sid, en_blob)]
                        if encoder is not None and not (vectors and encoder.name in vectors):
                            encode.append((sid, fr, en))
                    if new:
                        self._insert_segments(new)
                    job.submit(encode)
                    added += len(new)
                    bar.update(len(chunk))
            self._write_postings(postings, progress)
            if added:
                self._insert_lengths([(lang, first_id, _le(lens, "H")) for lang, lens in lengths.items()])
            for start in range(0, len(given), 4096):
                self._insert_vectors(given[start:start + 4096])
            for rows in job.results():
                self._insert_vectors(rows)
            self._bump()
        self._names = None
        return ImportStats(added, duplicates, skipped)

    def _write_postings(self, postings: dict[tuple[str, str], array], progress: ProgressFactory) -> None:
        """Append the new ids to each token's list (ids only grow, so lists stay sorted)."""
        keys = sorted(postings)
        with progress("Indexing", len(keys)) as bar:
            for chunk in _chunks(keys, 500):
                for lang in {k[0] for k in chunk}:
                    tokens = [t for l_, t in chunk if l_ == lang]
                    for token, _, blob in self._posting_lists(lang, tokens):
                        old = array("I")
                        old.frombytes(blob)
                        old = _native(old)
                        old.extend(postings[(lang, token)])
                        postings[(lang, token)] = old
                self._upsert_postings([(lang, token, len(postings[(lang, token)]), _le(postings[(lang, token)]))
                                       for lang, token in chunk])
                bar.update(len(chunk))

    def ensure_vectors(self, encoder, progress: ProgressFactory = _no_progress) -> int:
        """Encode the segments that have no vector for this encoder yet (a memory imported with
        another encoder, or without one); returns how many were added."""
        from ..vectorjob import VectorJob

        with self._errors("read the memory"):
            missing = self._missing_vectors(encoder.name)
        if not missing:
            return 0
        if self.readonly:
            raise InputError(f"{self.location}: opened read-only, and {len(missing)} segments have no vectors "
                             f"for {encoder.name} yet")
        with self.transaction(), VectorJob(encoder, progress) as job:
            # Another process may have encoded them since: only what is still missing.
            missing = self._missing_vectors(encoder.name)
            for chunk in _chunks(missing, 2000):
                job.submit(chunk)
            for rows in job.results():
                self._insert_vectors(rows)
            if missing:
                self._bump()
        return len(missing)

    def vectors(self, encoder_name: str, lang: str) -> tuple[array, list[bytes]]:
        with self._errors("read the memory"):
            rows = self._vector_rows(encoder_name, lang)
        return array("q", (r[0] for r in rows)), [r[1] for r in rows]

    # -- removal ------------------------------------------------------------------------------------

    def remove(self, name: str) -> int:
        """Remove a memory and its segments from the store (index and vectors included)."""
        with self.transaction():
            memory_id = self._memory_id(name)
            if memory_id is None:
                raise InputError(f"{self.location}: no memory named '{name}' (see 'tmcheck memory list')")
            rows = list(self._segment_rows(memory_id))
            gone = {r[0] for r in rows}
            tokens: dict[str, set[str]] = {"fr": set(), "en": set()}
            for _, _, fr, en, _ in rows:
                tokens["fr"].update(index_tokens(normalize(fr)))
                tokens["en"].update(index_tokens(normalize(en)))
            upserts, deletes = [], []
            for lang, wanted in tokens.items():
                for chunk in _chunks(sorted(wanted), 500):
                    for token, _, blob in self._posting_lists(lang, chunk):
                        ids = array("I")
                        ids.frombytes(blob)
                        kept = array("I", (i for i in _native(ids) if i not in gone))
                        if kept:
                            upserts.append((lang, token, len(kept), _le(kept)))
                        else:
                            deletes.append((lang, token))
            for chunk in _chunks(upserts, 500):
                self._upsert_postings(chunk)
            self._delete_postings(deletes)
            self._delete_memory(memory_id)
            self._bump()
        self._names = None
        return len(gone)

    # -- lookups ------------------------------------------------------------------------------------

    def fuzzy(self, text: str, lang: str, *, min_score: int = 75, limit: int = 5) -> list[Match]:
        """The segments whose ``lang`` side scores at least ``min_score`` against ``text``, best first."""
        from rapidfuzz import fuzz, process

        norm = normalize(text)
        if not norm:
            return []
        _side(lang)
        scored: dict[int, int] = {}
        with self._errors("search the memory"):
            for sid, src, src_norm in self._exact(lang, text_key(norm)):
                if (src_norm or src) == norm:
                    scored[sid] = 100
            if len(scored) < limit:
                best = [i for i in self._candidates(norm, lang, min_score) if i not in scored]
                for chunk in _chunks(best, 1000):
                    rows = self._scoring_texts(lang, chunk)
                    texts = [text for _, text in rows]
                    # Every candidate at the cutoff or above (not the chunk's first few): which of
                    # several equal scores is kept then depends on ids only, never on row order.
                    for found, value, i in process.extract(norm, texts, scorer=fuzz.ratio, score_cutoff=min_score,
                                                            limit=None):
                        scored[rows[i][0]] = from_ratio(norm, found, value)
            top = sorted(scored.items(), key=lambda x: (-x[1], x[0]))[:limit]
            pairs = self.pairs(sid for sid, _ in top)
        out = []
        for sid, value in top:
            memory, fr, en = pairs[sid]
            out.append(Match(value, "fuzzy", fr if lang == "fr" else en, en if lang == "fr" else fr, memory, sid))
        return out

    def plan(self, norm: str, lang: str) -> list[str]:
        """Which posting lists a lookup reads (see PROBE_MIN, PROBE_BUDGET, SHORT_QUERY above)."""
        tokens = sorted(index_tokens(norm))
        if not tokens:
            return []
        dfs = sorted((df, token) for token, df in self._dfs(lang, tokens))
        if len(tokens) <= SHORT_QUERY:
            return [t for df, t in dfs if df <= SHORT_DF_MAX] or [t for _, t in dfs[:PROBE_MIN]]
        want = max(PROBE_MIN, (len(tokens) + 1) // 2)
        probed, budget = [], 0
        for df, token in dfs:
            if len(probed) >= want or (len(probed) >= PROBE_MIN and budget + df > PROBE_BUDGET):
                break
            probed.append(token)
            budget += df
        return probed

    _plan = plan  # the name bench/bench_memory.py used

    def _candidates(self, norm: str, lang: str, min_score: int) -> list[int]:
        """The CANDIDATES segment ids worth scoring: most probed tokens shared, then closest in
        length, among those whose length lets them reach ``min_score``."""
        import numpy as np

        probed = self.plan(norm, lang)
        if not probed:
            return []
        arrays = [np.frombuffer(blob, dtype="<u4") for _, _, blob in self._posting_lists(lang, probed)]
        if not arrays:
            return []
        ids, counts = np.unique(np.concatenate(arrays), return_counts=True)
        lengths = self._lengths(lang)
        ids = ids[ids < len(lengths)]
        counts = counts[:len(ids)]
        seg_len = lengths[ids].astype(np.int64)
        q = len(norm)
        r = min_length_ratio(min_score)
        keep = (seg_len >= q * r) & (seg_len <= q / r)
        ids, counts, seg_len = ids[keep], counts[keep], seg_len[keep]
        if len(ids) > CANDIDATES:
            rank = counts.astype(np.int64) * 100_000 - np.minimum(np.abs(seg_len - q), 99_999)
            ids = ids[np.argpartition(-rank, CANDIDATES - 1)[:CANDIDATES]]
        return ids.tolist()

    def _lengths(self, lang: str):
        """Every segment's normalised length on one side, indexed by id (kept while the store is
        open and unchanged; a million segments are 2 MB)."""
        import numpy as np

        generation = self._generation()
        cached = self._length_cache.get(lang)
        if cached is not None and cached[0] == generation:
            return cached[1]
        rows = self._length_blobs(lang)
        top = max((first + len(lens) // 2 for first, lens in rows), default=0)
        out = np.zeros(top + 1, dtype=np.uint16)
        for first, lens in rows:
            out[first:first + len(lens) // 2] = np.frombuffer(lens, dtype="<u2")
        self._length_cache[lang] = (generation, out)
        return out

    def concordance(self, text: str, lang: str, *, limit: int = 20) -> list[Match]:
        """Segments that contain ``text`` (folded: case, accents and apostrophes aside)."""
        from ...documents.folding import fold_text

        norm = normalize(text)
        tokens = sorted(index_tokens(norm))
        if not tokens:
            return []
        _side(lang)
        names = self.names()
        with self._errors("search the memory"):
            rows = sorted(self._posting_lists(lang, tokens), key=lambda r: (r[1], r[0]))
            if len(rows) < len(tokens):
                return []  # a word no segment has
            common: set[int] | None = None
            for _, _, blob in rows[:4]:  # the rarest few narrow it enough; the text check decides
                ids = array("I")
                ids.frombytes(blob)
                common = set(_native(ids)) if common is None else common & set(_native(ids))
                if not common:
                    return []
            needle = fold_text(norm)
            out = []
            for chunk in _chunks(sorted(common), 500):
                for sid, mid, src, src_norm, tgt in self._texts_of(lang, chunk):
                    if needle in fold_text(src_norm or src):
                        out.append(Match(score(norm, src_norm or src), "concordance", src, tgt, names.get(mid, "?"), sid))
                if len(out) >= limit:
                    break
        return sorted(out, key=lambda m: (-m.score, m.id))[:limit]


def _side(lang: str) -> str:
    if lang not in LANGS:
        raise InputError(f"unknown language '{lang}' (fr or en)")
    return lang


def _chunks(items: Iterable, n: int) -> Iterator[list]:
    """Lists of ``n`` items from any iterable (a reader's generator, a list of ids)."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextmanager
def _nothing():
    yield


# Posting lists are stored little-endian whatever the machine, so a memory can be copied.
if sys.byteorder == "little":
    def _le(ids: array, typecode: str = "I") -> bytes:
        return ids.tobytes()

    def _native(ids: array) -> array:
        return ids
else:  # pragma: no cover - no big-endian machine here
    def _le(ids: array, typecode: str = "I") -> bytes:
        swapped = array(typecode, ids)
        swapped.byteswap()
        return swapped.tobytes()

    def _native(ids: array) -> array:
        ids.byteswap()
        return ids
