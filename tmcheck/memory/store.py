"""A translation memory in one SQLite file: French–English segment pairs, their word index and vectors.

Why SQLite: one local file that survives a killed process (every import is one transaction, rolled
back from the journal on the next open), locks itself against two writers, and reads any one
row or posting list without loading the rest.

Layout (``PRAGMA application_id`` marks the file as a tmcheck memory, ``user_version`` its format):

- ``memories``: one row per imported memory (its name, where it came from, its source language);
- ``segments``: one row per pair, French and English text as imported, each side's normalised
  form when it differs (so that scoring never normalises at lookup time), a 63-bit hash of each
  normalised side (the exact-match index) and a hash of the pair (re-importing adds nothing);
- ``postings``: for each language and index token (folded words and word pairs, see
  :mod:`.normalize`), how many segments hold it and their ids, as a little-endian uint32 array. A
  rowid table with an index on (lang, token): in a WITHOUT ROWID table, the index search itself
  would read the multi-megabyte lists it passes (measured 20x slower at a million segments);
- ``lengths``: each segment's normalised length per side, packed (uint16, one blob per import), so
  that a lookup can drop the candidates too long or too short to reach the score asked for;
- ``vectors``: one sentence vector per segment, side and encoder (see :mod:`.semantic`), in a rowid
  table for the same reason (a 1 KB vector in an index cell spills to a page of its own);
- ``meta``: the generation number, bumped by every change, that keys caches built from the file.

A fuzzy lookup never scans the segments: exact hash first; then the posting lists of the query's
rarest tokens give candidates, counted with numpy (a segment that holds more of them ranks higher,
then the one closest in length), those whose length cannot reach the minimum score are dropped, and
only the best CANDIDATES are read and scored, in one rapidfuzz call.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from array import array
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

from ..errors import InputError
from .fuzzy import from_ratio, min_length_ratio, score
from .normalize import index_tokens, normalize, text_key

APPLICATION_ID = 0x746D6368  # "tmch"
FORMAT = 2
LANGS = ("fr", "en")

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE memories(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, origin TEXT NOT NULL DEFAULT '',
    source_lang TEXT NOT NULL, imported TEXT NOT NULL DEFAULT (datetime('now')));
CREATE TABLE segments(
    id INTEGER PRIMARY KEY, memory INTEGER NOT NULL REFERENCES memories(id),
    fr TEXT NOT NULL, en TEXT NOT NULL, fr_norm TEXT, en_norm TEXT, fr_key INTEGER NOT NULL,
    en_key INTEGER NOT NULL, pair_key BLOB NOT NULL UNIQUE, note TEXT NOT NULL DEFAULT '');
CREATE INDEX segments_fr_key ON segments(fr_key);
CREATE INDEX segments_en_key ON segments(en_key);
CREATE INDEX segments_memory ON segments(memory);
-- df before ids: reading a token's count does not read its (possibly long) id list.
CREATE TABLE postings(id INTEGER PRIMARY KEY, lang TEXT NOT NULL, token TEXT NOT NULL, df INTEGER NOT NULL,
    ids BLOB NOT NULL);
CREATE UNIQUE INDEX postings_token ON postings(lang, token);
CREATE TABLE lengths(lang TEXT NOT NULL, first INTEGER NOT NULL, lens BLOB NOT NULL, PRIMARY KEY(lang, first));
CREATE TABLE vectors(id INTEGER PRIMARY KEY, encoder TEXT NOT NULL, lang TEXT NOT NULL, segment INTEGER NOT NULL,
    vec BLOB NOT NULL);
CREATE UNIQUE INDEX vectors_key ON vectors(encoder, lang, segment);
"""

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


def _no_progress(label: str, total: int):
    return _NullBar()


class _NullBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass


ProgressFactory = Callable[[str, int], "_NullBar"]


def _pair_key(fr_norm: str, en_norm: str) -> bytes:
    return hashlib.blake2b(f"{fr_norm}\x00{en_norm}".encode(), digest_size=16).digest()


class MemoryStore:
    """One memory file. Open with :meth:`open`; every method raises :class:`InputError` for a file
    that is not a tmcheck memory, is locked by another writer, or cannot be written."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool):
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self._names: dict[int, str] | None = None
        self._length_cache: dict[str, tuple] = {}

    # -- opening ------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = True, readonly: bool = False,
             timeout: float = 5.0) -> "MemoryStore":
        p = Path(path)
        exists = p.exists()
        if exists and p.is_dir():
            raise InputError(f"{p}: is a folder, not a memory file")
        if not exists and (readonly or not create):
            raise InputError(f"{p}: no such memory")
        if not exists:
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(f"{p}: cannot create the memory ({exc.strerror or exc})") from None
        elif not readonly and not os.access(p, os.W_OK):
            raise InputError(f"{p}: the memory is read-only (no write permission)")
        try:
            uri = p.resolve().as_uri() + ("?mode=ro" if readonly else "")
            conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise InputError(f"{p}: cannot open the memory ({exc})") from None
        store = cls(p, conn, readonly)
        with store._errors("open"):
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            if app == 0 and not exists:
                store._create()
            elif app == 0 and not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() and not readonly:
                store._create()  # an empty file (touch memory.sqlite): make it a memory
            elif app != APPLICATION_ID:
                conn.close()
                raise InputError(f"{p}: not a tmcheck memory")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != FORMAT:
                conn.close()
                raise InputError(f"{p}: a tmcheck memory of format {version}; this tmcheck reads format {FORMAT}")
        return store

    def _create(self) -> None:
        with self.transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.conn.execute(statement)
            self.conn.execute("INSERT INTO meta VALUES ('generation', '0')")
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.conn.execute(f"PRAGMA user_version = {FORMAT}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "MemoryStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _errors(self, doing: str):
        """SQLite's exceptions as one line a user can act on."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                msg = "the memory is locked by another tmcheck process; try again when it has finished"
            elif "readonly" in text or "read-only" in text:
                msg = "the memory is read-only (no write permission)"
            elif "not a database" in text or "malformed" in text or "no such table" in text:
                msg = "not a tmcheck memory (or a damaged one)"
            else:
                msg = f"cannot {doing} ({text})"
            raise InputError(f"{self.path}: {msg}") from None

    @contextmanager
    def transaction(self):
        """One write transaction, taken at once (BEGIN IMMEDIATE) so that a second writer waits
        or fails before doing any work; rolled back on any error, and by SQLite itself on the next
        open if the process is killed."""
        if self.readonly:
            raise InputError(f"{self.path}: opened read-only")
        with self._errors("write to the memory"):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    # -- facts --------------------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        with self._errors("read the memory"):
            return int(self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def _bump(self) -> None:
        self.conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        self._names = None

    def names(self) -> dict[int, str]:
        if self._names is None:
            with self._errors("read the memory"):
                self._names = dict(self.conn.execute("SELECT id, name FROM memories"))
        return self._names

    def memories(self) -> list[MemoryInfo]:
        with self._errors("read the memory"):
            rows = self.conn.execute(
                "SELECT m.name, m.origin, m.source_lang, COUNT(s.id), m.imported FROM memories m "
                "LEFT JOIN segments s ON s.memory = m.id GROUP BY m.id ORDER BY m.name").fetchall()
        return [MemoryInfo(*r) for r in rows]

    def __len__(self) -> int:
        with self._errors("read the memory"):
            return self.conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0]

    def stats(self) -> dict:
        with self._errors("read the memory"):
            c = self.conn
            out = {
                "path": str(self.path),
                "size_bytes": self.path.stat().st_size if self.path.exists() else 0,
                "memories": c.execute("SELECT COUNT(*) FROM memories").fetchone()[0],
                "segments": len(self),
                "index_tokens": {lang: c.execute("SELECT COUNT(*) FROM postings WHERE lang = ?", (lang,)).fetchone()[0]
                                 for lang in LANGS},
                "vectors": dict(c.execute("SELECT encoder, COUNT(*) FROM vectors GROUP BY encoder").fetchall()),
                "generation": self.generation,
            }
        return out

    def segments(self, memory: str | None = None) -> Iterator[tuple[int, str, str, str, str]]:
        """(id, memory name, French, English, note), in import order."""
        names = self.names()
        sql = "SELECT id, memory, fr, en, note FROM segments"
        args: tuple = ()
        if memory is not None:
            sql += " WHERE memory = (SELECT id FROM memories WHERE name = ?)"
            args = (memory,)
        with self._errors("read the memory"):
            for sid, mid, fr, en, note in self.conn.execute(sql + " ORDER BY id", args):
                yield sid, names.get(mid, "?"), fr, en, note

    def texts(self, lang: str) -> tuple[list[int], list[str]]:
        """Every segment's id and text on one side (for brute-force comparisons and vectors)."""
        with self._errors("read the memory"):
            rows = self.conn.execute(f"SELECT id, {_side(lang)} FROM segments ORDER BY id").fetchall()
        return [r[0] for r in rows], [r[1] for r in rows]

    def pairs(self, ids) -> dict[int, tuple[str, str, str]]:
        """{id: (memory name, French, English)} for these segment ids."""
        names, out = self.names(), {}
        with self._errors("read the memory"):
            for chunk in _chunks(sorted(ids), 500):
                for sid, mid, fr, en in self.conn.execute(
                        f"SELECT id, memory, fr, en FROM segments WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                    out[sid] = (names.get(mid, "?"), fr, en)
        return out

    # -- import -------------------------------------------------------------------------------------

    def import_units(self, units: Iterable[Unit], *, name: str, source_lang: str = "fr", origin: str = "",
                     encoder=None, progress: ProgressFactory = _no_progress, total: int | None = None) -> ImportStats:
        """Add pairs to memory ``name`` in one transaction: all of them or, on any error or kill,
        none. A pair already in the file (same normalised French and English) is not added again."""
        units = list(units) if total is None else units
        total = len(units) if total is None else total
        added: list[tuple[int, str, str]] = []
        duplicates = skipped = 0
        postings: dict[tuple[str, str], array] = {}
        with self.transaction() as c:
            c.execute("INSERT OR IGNORE INTO memories(name, origin, source_lang) VALUES (?, ?, ?)",
                      (name, origin, source_lang))
            memory_id = c.execute("SELECT id FROM memories WHERE name = ?", (name,)).fetchone()[0]
            next_id = first_id = (c.execute("SELECT MAX(id) FROM segments").fetchone()[0] or 0) + 1
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
                        key = _pair_key(fr_norm, en_norm)
                        if key in seen:
                            duplicates += 1
                            continue
                        seen.add(key)
                        rows.append((fr, en, fr_norm, en_norm, key, unit.note))
                    stored = {r[0] for r in c.execute(
                        f"SELECT pair_key FROM segments WHERE pair_key IN ({','.join('?' * len(rows))})",
                        [r[4] for r in rows])} if rows else set()
                    duplicates += len(stored)
                    new = []
                    for fr, en, fr_norm, en_norm, key, note in rows:
                        if key in stored:
                            continue
                        sid, next_id = next_id, next_id + 1
                        new.append((sid, memory_id, fr, en, None if fr_norm == fr else fr_norm,
                                    None if en_norm == en else en_norm, text_key(fr_norm), text_key(en_norm), key, note))
                        added.append((sid, fr, en))
                        lengths["fr"].append(min(len(fr_norm), 65535))
                        lengths["en"].append(min(len(en_norm), 65535))
                        for lang, norm in (("fr", fr_norm), ("en", en_norm)):
                            for token in index_tokens(norm):
                                ids = postings.get((lang, token))
                                if ids is None:
                                    ids = postings[(lang, token)] = array("I")
                                ids.append(sid)
                    c.executemany("INSERT INTO segments(id, memory, fr, en, fr_norm, en_norm, fr_key, en_key, "
                                  "pair_key, note) VALUES (?,?,?,?,?,?,?,?,?,?)", new)
                    bar.update(len(chunk))
            self._write_postings(postings, progress)
            if added:
                c.executemany("INSERT INTO lengths VALUES (?, ?, ?)",
                              [(lang, first_id, _le(lens, "H")) for lang, lens in lengths.items()])
            if encoder is not None and added:
                self._encode(encoder, added, progress)
            self._bump()
        return ImportStats(len(added), duplicates, skipped)

    def _write_postings(self, postings: dict[tuple[str, str], array], progress: ProgressFactory) -> None:
        """Append the new ids to each token's list (ids only grow, so lists stay sorted)."""
        c = self.conn
        keys = sorted(postings)
        with progress("Indexing", len(keys)) as bar:
            for chunk in _chunks(keys, 500):
                for lang in {k[0] for k in chunk}:
                    tokens = [t for l_, t in chunk if l_ == lang]
                    for token, blob in c.execute(f"SELECT token, ids FROM postings WHERE lang = ? AND token IN "
                                                 f"({','.join('?' * len(tokens))})", (lang, *tokens)):
                        old = array("I")
                        old.frombytes(blob)
                        old = _native(old)
                        old.extend(postings[(lang, token)])
                        postings[(lang, token)] = old
                c.executemany("INSERT INTO postings(lang, token, df, ids) VALUES (?, ?, ?, ?) ON CONFLICT(lang, token) "
                              "DO UPDATE SET df = excluded.df, ids = excluded.ids",
                              ((lang, token, len(postings[(lang, token)]), _le(postings[(lang, token)]))
                               for lang, token in chunk))
                bar.update(len(chunk))

    def _encode(self, encoder, segments: list[tuple[int, str, str]], progress: ProgressFactory) -> None:
        from .semantic import to_blob

        with progress(f"Encoding ({encoder.name})", 2 * len(segments)) as bar:
            for lang, side in (("fr", 1), ("en", 2)):
                for start in range(0, len(segments), 512):
                    chunk = segments[start:start + 512]
                    vecs = encoder.encode([s[side] for s in chunk])
                    self.conn.executemany("INSERT OR REPLACE INTO vectors(encoder, lang, segment, vec) VALUES (?, ?, ?, ?)",
                                          [(encoder.name, lang, s[0], to_blob(v)) for s, v in zip(chunk, vecs)])
                    bar.update(len(chunk))

    def ensure_vectors(self, encoder, progress: ProgressFactory = _no_progress) -> int:
        """Encode the segments that have no vector for this encoder yet (a memory imported with
        another encoder, or without one); returns how many were added."""
        with self._errors("read the memory"):
            missing = self.conn.execute(
                "SELECT id, fr, en FROM segments s WHERE NOT EXISTS (SELECT 1 FROM vectors v "
                "WHERE v.encoder = ? AND v.lang = 'en' AND v.segment = s.id) ORDER BY id", (encoder.name,)).fetchall()
        if missing:
            with self.transaction():
                self._encode(encoder, missing, progress)
                self._bump()
        return len(missing)

    def vectors(self, encoder_name: str, lang: str) -> tuple[array, list[bytes]]:
        with self._errors("read the memory"):
            rows = self.conn.execute("SELECT segment, vec FROM vectors WHERE encoder = ? AND lang = ? ORDER BY segment",
                                     (encoder_name, lang)).fetchall()
        return array("q", (r[0] for r in rows)), [r[1] for r in rows]

    # -- removal ------------------------------------------------------------------------------------

    def remove(self, name: str) -> int:
        """Remove a memory and its segments from the file (index and vectors included)."""
        with self.transaction() as c:
            row = c.execute("SELECT id FROM memories WHERE name = ?", (name,)).fetchone()
            if not row:
                raise InputError(f"{self.path}: no memory named '{name}' (see 'tmcheck memory list')")
            rows = c.execute("SELECT id, COALESCE(fr_norm, fr), COALESCE(en_norm, en) FROM segments WHERE memory = ?",
                             (row[0],)).fetchall()
            gone = {r[0] for r in rows}
            tokens = {(lang, t) for _, fr, en in rows for lang, text in (("fr", fr), ("en", en))
                      for t in index_tokens(text)}
            for lang, token in tokens:
                found = c.execute("SELECT ids FROM postings WHERE lang = ? AND token = ?", (lang, token)).fetchone()
                if not found:
                    continue
                ids = array("I")
                ids.frombytes(found[0])
                kept = array("I", (i for i in _native(ids) if i not in gone))
                if kept:
                    c.execute("UPDATE postings SET df = ?, ids = ? WHERE lang = ? AND token = ?",
                              (len(kept), _le(kept), lang, token))
                else:
                    c.execute("DELETE FROM postings WHERE lang = ? AND token = ?", (lang, token))
            c.execute("DELETE FROM vectors WHERE segment IN (SELECT id FROM segments WHERE memory = ?)", (row[0],))
            c.execute("DELETE FROM segments WHERE memory = ?", (row[0],))
            c.execute("DELETE FROM memories WHERE id = ?", (row[0],))
            self._bump()
        return len(gone)

    # -- lookups ------------------------------------------------------------------------------------

    def fuzzy(self, text: str, lang: str, *, min_score: int = 75, limit: int = 5) -> list[Match]:
        """The segments whose ``lang`` side scores at least ``min_score`` against ``text``, best first."""
        from rapidfuzz import fuzz, process

        norm = normalize(text)
        if not norm:
            return []
        side = _side(lang)
        c = self.conn
        scored: dict[int, int] = {}
        with self._errors("search the memory"):
            for sid, src, src_norm in c.execute(
                    f"SELECT id, {side}, {side}_norm FROM segments WHERE {side}_key = ?", (text_key(norm),)):
                if (src_norm or src) == norm:
                    scored[sid] = 100
            if len(scored) < limit:
                best = [i for i in self._candidates(norm, lang, min_score) if i not in scored]
                for chunk in _chunks(best, 500):
                    rows = c.execute(f"SELECT id, {side}, {side}_norm FROM segments WHERE id IN "
                                     f"({','.join('?' * len(chunk))})", chunk).fetchall()
                    texts = [src_norm or src for _, src, src_norm in rows]
                    for found, value, i in process.extract(norm, texts, scorer=fuzz.ratio, score_cutoff=min_score,
                                                            limit=limit):
                        scored[rows[i][0]] = from_ratio(norm, found, value)
            top = sorted(scored.items(), key=lambda x: (-x[1], x[0]))[:limit]
            pairs = self.pairs(sid for sid, _ in top)
        out = []
        for sid, value in top:
            memory, fr, en = pairs[sid]
            out.append(Match(value, "fuzzy", fr if lang == "fr" else en, en if lang == "fr" else fr, memory, sid))
        return out

    def _plan(self, norm: str, lang: str) -> list[str]:
        """Which posting lists to read (see PROBE_MIN, PROBE_BUDGET, SHORT_QUERY above)."""
        tokens = index_tokens(norm)
        if not tokens:
            return []
        marks = ",".join("?" * len(tokens))
        dfs = sorted((df, token) for token, df in self.conn.execute(
            f"SELECT token, df FROM postings WHERE lang = ? AND token IN ({marks})", (lang, *tokens)))
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

    def _candidates(self, norm: str, lang: str, min_score: int) -> list[int]:
        """The CANDIDATES segment ids worth scoring: most probed tokens shared, then closest in
        length, among those whose length lets them reach ``min_score``."""
        import numpy as np

        probed = self._plan(norm, lang)
        if not probed:
            return []
        arrays = []
        for token in probed:
            blob = self.conn.execute("SELECT ids FROM postings WHERE lang = ? AND token = ?", (lang, token)).fetchone()[0]
            arrays.append(np.frombuffer(blob, dtype="<u4"))
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
        """Every segment's normalised length on one side, indexed by id (kept while the file is open
        and unchanged; a million segments are 2 MB)."""
        import numpy as np

        generation = self.generation
        cached = self._length_cache.get(lang)
        if cached is not None and cached[0] == generation:
            return cached[1]
        rows = self.conn.execute("SELECT first, lens FROM lengths WHERE lang = ? ORDER BY first", (lang,)).fetchall()
        top = max((first + len(lens) // 2 for first, lens in rows), default=0)
        out = np.zeros(top + 1, dtype=np.uint16)
        for first, lens in rows:
            out[first:first + len(lens) // 2] = np.frombuffer(lens, dtype="<u2")
        self._length_cache[lang] = (generation, out)
        return out

    def concordance(self, text: str, lang: str, *, limit: int = 20) -> list[Match]:
        """Segments that contain ``text`` (folded: case, accents and apostrophes aside)."""
        from ..documents.folding import fold_text
        norm = normalize(text)
        tokens = index_tokens(norm)
        if not tokens:
            return []
        c = self.conn
        side, other = _side(lang), _side("en" if lang == "fr" else "fr")
        names = self.names()
        with self._errors("search the memory"):
            marks = ",".join("?" * len(tokens))
            rows = c.execute(f"SELECT df, ids FROM postings WHERE lang = ? AND token IN ({marks}) ORDER BY df",
                             (lang, *tokens)).fetchall()
            if len(rows) < len(tokens):
                return []  # a word no segment has
            common: set[int] | None = None
            for _, blob in rows[:4]:  # the rarest few narrow it enough; the text check decides
                ids = array("I")
                ids.frombytes(blob)
                common = set(_native(ids)) if common is None else common & set(_native(ids))
                if not common:
                    return []
            needle = fold_text(norm)
            out = []
            for chunk in _chunks(sorted(common), 500):
                for sid, mid, src, src_norm, tgt in c.execute(
                        f"SELECT id, memory, {side}, {side}_norm, {other} FROM segments WHERE id IN "
                        f"({','.join('?' * len(chunk))})", chunk):
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


# Posting lists are stored little-endian whatever the machine, so a memory file can be copied.
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
