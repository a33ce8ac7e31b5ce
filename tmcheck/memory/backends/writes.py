"""Writing to a memory, once for every backend: an import (:meth:`Writes.import_units`, with the
vectors of the new pairs), the vectors a memory lacks, and the removal of a memory.

An import is one transaction holding the store's write lock: ids are given from the largest stored
plus one, in order; each chunk of units is normalised, its pairs already stored (same normalised
French and English) are left out, and the rest written; the posting lists are merged at the end
(ids only grow, so lists stay sorted), then the lengths and the vectors.
"""

from __future__ import annotations

from array import array
from typing import Iterable

from ...errors import InputError
from ...i18n import N_, _, ngettext
from ..normalize import index_tokens, normalize, text_key
from .packing import chunks, le, native
from .records import ImportStats, ProgressFactory, Unit, no_progress, now, pair_key


class _Import:
    """What one import has gathered so far: the ids given, each new segment's lengths, the ids to
    add to each token's posting list, the vectors that came with the units, and the counts."""

    def __init__(self, first_id: int) -> None:
        self.first_id = self.next_id = first_id
        self.lengths = {"fr": array("H"), "en": array("H")}  # ids first_id, first_id + 1, ... in order
        self.postings: dict[tuple[str, str], array] = {}
        self.given: list[tuple[str, str, int, bytes]] = []
        self.added = self.duplicates = self.skipped = 0

    def add(self, memory_id: int, fr: str, en: str, fr_norm: str, en_norm: str, key: bytes, note: str,
            vectors: dict | None) -> tuple:
        """The segment row of a new pair (its id the next one), its lengths, tokens and vectors noted."""
        sid, self.next_id = self.next_id, self.next_id + 1
        self.lengths["fr"].append(min(len(fr_norm), 65535))
        self.lengths["en"].append(min(len(en_norm), 65535))
        for lang, norm in (("fr", fr_norm), ("en", en_norm)):
            for token in index_tokens(norm):
                ids = self.postings.get((lang, token))
                if ids is None:
                    ids = self.postings[(lang, token)] = array("I")
                ids.append(sid)
        for enc_name, (fr_blob, en_blob) in (vectors or {}).items():
            self.given += [(enc_name, "fr", sid, fr_blob), (enc_name, "en", sid, en_blob)]
        self.added += 1
        return (sid, memory_id, fr, en, None if fr_norm == fr else fr_norm, None if en_norm == en else en_norm,
                text_key(fr_norm), text_key(en_norm), key, note)


class Writes:
    """The writing half of :class:`.base.MemoryStore` (a mixin: the storage it calls is the backend's)."""

    def import_units(self, units: Iterable[Unit], *, name: str, source_lang: str = "fr", origin: str = "",
                     encoder=None, progress: ProgressFactory = no_progress, total: int | None = None,
                     imported: str | None = None) -> ImportStats:
        """Add pairs to memory ``name`` in one transaction: all of them or, on any error or kill,
        none. A pair already in the memory (same normalised French and English) is not added again.

        With an encoder, the new pairs' vectors are computed in a worker process (see
        :mod:`..vectorjob`) while this one normalises, writes the segments and merges the posting
        lists, then written in the same transaction."""
        # the vector worker's machinery (multiprocessing) only when pairs are written (start-up cost)
        from ..vectorjob import VectorJob

        units = list(units) if total is None else units
        total = len(units) if total is None else total
        with self.transaction(), VectorJob(encoder, progress) as job:
            memory_id = self._ensure_memory(name, origin, source_lang, imported or now())
            batch = _Import(self._max_id() + 1)
            with progress(_("Importing {name}").format(name=name), total) as bar:
                for chunk in chunks(units, 2000):
                    rows, encode = [], []
                    for fr, en, fr_norm, en_norm, key, note, vectors in self._fresh_pairs(chunk, batch):
                        rows.append(batch.add(memory_id, fr, en, fr_norm, en_norm, key, note, vectors))
                        if encoder is not None and not (vectors and encoder.name in vectors):
                            encode.append((rows[-1][0], fr, en))
                    if rows:
                        self._insert_segments(rows)
                    job.submit(encode)
                    bar.update(len(chunk))
            self._write_postings(batch.postings, progress)
            if batch.added:
                self._insert_lengths([(lang, batch.first_id, le(lens, "H")) for lang, lens in batch.lengths.items()])
            for start in range(0, len(batch.given), 4096):
                self._insert_vectors(batch.given[start:start + 4096])
            for rows in job.results():
                self._insert_vectors(rows)
            self._bump()
        self._names = None
        return ImportStats(batch.added, batch.duplicates, batch.skipped)

    def _fresh_pairs(self, chunk: list[Unit], batch: _Import) -> list[tuple]:
        """(fr, en, fr_norm, en_norm, pair key, note, vectors) of the chunk's pairs to add: not empty
        on either side, not given twice in the chunk, not in the memory already (counted in ``batch``)."""
        pairs, seen = [], set()
        for unit in chunk:
            fr, en = unit.fr.strip(), unit.en.strip()
            fr_norm, en_norm = normalize(fr), normalize(en)
            if not fr_norm or not en_norm:
                batch.skipped += 1
                continue
            key = pair_key(fr_norm, en_norm)
            if key in seen:
                batch.duplicates += 1
                continue
            seen.add(key)
            pairs.append((fr, en, fr_norm, en_norm, key, unit.note, unit.vectors))
        stored = self._stored_keys([p[4] for p in pairs]) if pairs else set()
        batch.duplicates += len(stored)
        return [p for p in pairs if p[4] not in stored]

    def _write_postings(self, postings: dict[tuple[str, str], array], progress: ProgressFactory) -> None:
        """Append the new ids to each token's list (ids only grow, so lists stay sorted)."""
        keys = sorted(postings)
        with progress(_("Indexing"), len(keys)) as bar:
            for chunk in chunks(keys, 500):
                for lang in {k[0] for k in chunk}:
                    tokens = [t for l_, t in chunk if l_ == lang]
                    for token, _df, blob in self._posting_lists(lang, tokens):
                        old = array("I")
                        old.frombytes(blob)
                        old = native(old)
                        old.extend(postings[(lang, token)])
                        postings[(lang, token)] = old
                self._upsert_postings([(lang, token, len(postings[(lang, token)]), le(postings[(lang, token)]))
                                       for lang, token in chunk])
                bar.update(len(chunk))

    def ensure_vectors(self, encoder, progress: ProgressFactory = no_progress) -> int:
        """Encode the segments that have no vector for this encoder yet (a memory imported with
        another encoder, or without one); returns how many were added."""
        # the vector worker's machinery (multiprocessing) only when pairs are written (start-up cost)
        from ..vectorjob import VectorJob

        with self._errors(N_("read the memory")):
            missing = self._missing_vectors(encoder.name)
        if not missing:
            return 0
        if self.readonly:
            raise InputError(ngettext("{location}: opened read-only, and {n} segment has no vectors for {name} yet",
                                      "{location}: opened read-only, and {n} segments have no vectors for {name} yet",
                                      len(missing)).format(
                location=self.location, n=len(missing), name=encoder.name))
        with self.transaction(), VectorJob(encoder, progress) as job:
            # Another process may have encoded them since: only what is still missing.
            missing = self._missing_vectors(encoder.name)
            for chunk in chunks(missing, 2000):
                job.submit(chunk)
            for rows in job.results():
                self._insert_vectors(rows)
            if missing:
                self._bump()
        return len(missing)

    # -- removal ------------------------------------------------------------------------------------

    def remove(self, name: str) -> int:
        """Remove a memory and its segments from the store (index and vectors included)."""
        with self.transaction():
            memory_id = self._memory_id(name)
            if memory_id is None:
                raise InputError(_("{location}: no memory named '{name}' (see 'tmcheck memory list')").format(
                    location=self.location, name=name))
            rows = list(self._segment_rows(memory_id))
            gone = {r[0] for r in rows}
            tokens: dict[str, set[str]] = {"fr": set(), "en": set()}
            for _sid, _mem, fr, en, _note in rows:
                tokens["fr"].update(index_tokens(normalize(fr)))
                tokens["en"].update(index_tokens(normalize(en)))
            upserts, deletes = [], []
            for lang, wanted in tokens.items():
                for chunk in chunks(sorted(wanted), 500):
                    for token, _df, blob in self._posting_lists(lang, chunk):
                        ids = array("I")
                        ids.frombytes(blob)
                        kept = array("I", (i for i in native(ids) if i not in gone))
                        if kept:
                            upserts.append((lang, token, len(kept), le(kept)))
                        else:
                            deletes.append((lang, token))
            for chunk in chunks(upserts, 500):
                self._upsert_postings(chunk)
            self._delete_postings(deletes)
            self._delete_memory(memory_id)
            self._bump()
        self._names = None
        return len(gone)

