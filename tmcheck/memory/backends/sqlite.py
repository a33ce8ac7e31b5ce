"""The embedded backend: a memory in one SQLite file.

Why SQLite: one local file that survives a killed process (every import is one transaction, rolled
back from the journal on the next open), locks itself against two writers, and reads any one
row or posting list without loading the rest.

``PRAGMA application_id`` marks the file as a tmcheck memory, ``user_version`` its format.
Posting lists and vectors are rowid tables with a separate index on their key: in a WITHOUT ROWID
table, the index search itself would read the multi-megabyte lists it passes (measured 20x slower
at a million segments), and a 1 KB vector in an index cell spills to a page of its own.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ...errors import InputError
from ...i18n import N_, _
from .base import FORMAT, LANGS, MemoryStore

APPLICATION_ID = 0x746D6368  # "tmch"

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


def _marks(n: int) -> str:
    return ",".join("?" * n)


class SqliteStore(MemoryStore):
    backend = "sqlite"

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool):
        super().__init__()
        self.path = path
        self.location = str(path)
        self.conn = conn
        self.readonly = readonly
        self._depth = 0

    @classmethod
    def open(cls, path, *, create: bool = True, readonly: bool = False, timeout: float = 5.0,
             any_format: bool = False) -> "SqliteStore":
        p = Path(path)
        exists = p.exists()
        if exists and p.is_dir():
            raise InputError(_("{location}: is a folder, not a memory file").format(location=p))
        if not exists and (readonly or not create):
            raise InputError(_("{location}: no such memory").format(location=p))
        if not exists:
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(_("{location}: cannot create the memory ({reason})").format(
                    location=p, reason=exc.strerror or exc)) from None
        elif not readonly and not os.access(p, os.W_OK):
            raise InputError(_("{location}: the memory is read-only (no write permission)").format(location=p))
        try:
            uri = p.resolve().as_uri() + ("?mode=ro" if readonly else "")
            conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise InputError(_("{location}: cannot open the memory ({reason})").format(
                location=p, reason=exc)) from None
        store = cls(p, conn, readonly)
        with store._errors(N_("open")):
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            if app == 0 and not exists:
                store._create()
            elif app == 0 and not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() and not readonly:
                store._create()  # an empty file (touch memory.sqlite): make it a memory
            elif app != APPLICATION_ID:
                conn.close()
                raise InputError(_("{location}: not a tmcheck memory").format(location=p))
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != FORMAT and not any_format:
                conn.close()
                raise InputError(_format_message(str(p), version))
            # Pages read through a memory map (up to SQLite's 2 GB cap), not copied in by a system
            # call each: a fuzzy lookup reads a thousand scattered rows (1M segments: 7.3-7.9 ms
            # of CPU per query against 8.5-10.8 ms, same run). SQLite maps only what the file
            # holds and re-checks its size at each transaction.
            conn.execute("PRAGMA mmap_size = 2147418112")
        return store

    @property
    def format(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

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

    @property
    def cache_key(self) -> str:
        return str(self.path.resolve())

    @contextmanager
    def _errors(self, doing: str):
        """SQLite's exceptions as one line a user can act on."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                msg = _("the memory is locked by another tmcheck process; try again when it has finished")
            elif "readonly" in text or "read-only" in text:
                msg = _("the memory is read-only (no write permission)")
            elif "not a database" in text or "malformed" in text or "no such table" in text:
                msg = _("not a tmcheck memory (or a damaged one)")
            else:
                msg = _("cannot {doing} ({reason})").format(doing=_(doing), reason=text)
            raise InputError(_("{location}: {msg}").format(location=self.path, msg=msg)) from None

    @contextmanager
    def transaction(self):
        """BEGIN IMMEDIATE: the write lock is taken at once, so that a second writer waits or fails
        before doing any work; rolled back on any error, and by SQLite itself on the next open if
        the process is killed."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        if self.readonly:
            raise InputError(_("{location}: opened read-only").format(location=self.path))
        with self._errors(N_("write to the memory")):
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            self.conn.execute("COMMIT")

    # -- reads --------------------------------------------------------------------------------------

    def _generation(self) -> int:
        return int(self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def _memory_rows(self):
        return self.conn.execute(
            "SELECT m.id, m.name, m.origin, m.source_lang, m.imported, COUNT(s.id) FROM memories m "
            "LEFT JOIN segments s ON s.memory = m.id GROUP BY m.id ORDER BY m.name").fetchall()

    def _memory_id(self, name: str):
        row = self.conn.execute("SELECT id FROM memories WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def _count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0]

    def _exact(self, lang, key):
        return self.conn.execute(f"SELECT id, {lang}, {lang}_norm FROM segments WHERE {lang}_key = ?", (key,)).fetchall()

    def _dfs(self, lang, tokens):
        return self.conn.execute(f"SELECT token, df FROM postings WHERE lang = ? AND token IN ({_marks(len(tokens))})",
                                 (lang, *tokens)).fetchall()

    def _posting_lists(self, lang, tokens):
        return self.conn.execute(f"SELECT token, df, ids FROM postings WHERE lang = ? AND token IN "
                                 f"({_marks(len(tokens))})", (lang, *tokens)).fetchall()

    def _texts_of(self, lang, ids):
        other = "en" if lang == "fr" else "fr"
        return self.conn.execute(f"SELECT id, memory, {lang}, {lang}_norm, {other} FROM segments WHERE id IN "
                                 f"({_marks(len(ids))}) ORDER BY id", ids).fetchall()

    def _scoring_texts(self, lang, ids):
        return self.conn.execute(f"SELECT id, coalesce({lang}_norm, {lang}) FROM segments WHERE id IN "
                                 f"({_marks(len(ids))})", ids).fetchall()

    def _length_blobs(self, lang):
        return self.conn.execute("SELECT first, lens FROM lengths WHERE lang = ? ORDER BY first", (lang,)).fetchall()

    def _segment_rows(self, memory_id) -> Iterator[tuple]:
        if memory_id is None:
            yield from self.conn.execute("SELECT id, memory, fr, en, note FROM segments ORDER BY id")
        else:
            yield from self.conn.execute("SELECT id, memory, fr, en, note FROM segments WHERE memory = ? ORDER BY id",
                                         (memory_id,))

    def _side_texts(self, lang):
        return self.conn.execute(f"SELECT id, {lang} FROM segments ORDER BY id").fetchall()

    def _vector_rows(self, encoder, lang):
        return self.conn.execute("SELECT segment, vec FROM vectors WHERE encoder = ? AND lang = ? ORDER BY segment",
                                 (encoder, lang)).fetchall()

    def _vector_blobs_of(self, ids):
        return self.conn.execute(f"SELECT segment, encoder, lang, vec FROM vectors WHERE segment IN "
                                 f"({_marks(len(ids))})", ids).fetchall()

    def _missing_vectors(self, encoder):
        return self.conn.execute(
            "SELECT id, fr, en FROM segments s WHERE NOT EXISTS (SELECT 1 FROM vectors v "
            "WHERE v.encoder = ? AND v.lang = 'en' AND v.segment = s.id) ORDER BY id", (encoder,)).fetchall()

    def _table_counts(self) -> dict:
        c = self.conn
        return {"size_bytes": self.path.stat().st_size if self.path.exists() else 0,
                "index_tokens": {lang: c.execute("SELECT COUNT(*) FROM postings WHERE lang = ?", (lang,)).fetchone()[0]
                                 for lang in LANGS},
                "vectors": dict(c.execute("SELECT encoder, COUNT(*) FROM vectors GROUP BY encoder").fetchall())}

    # -- writes -------------------------------------------------------------------------------------

    def _bump(self) -> None:
        self.conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        self._names = None

    def _ensure_memory(self, name, origin, source_lang, imported) -> int:
        self.conn.execute("INSERT OR IGNORE INTO memories(name, origin, source_lang, imported) VALUES (?, ?, ?, ?)",
                          (name, origin, source_lang, imported))
        return self._memory_id(name)

    def _max_id(self) -> int:
        return self.conn.execute("SELECT MAX(id) FROM segments").fetchone()[0] or 0

    def _stored_keys(self, keys):
        return {r[0] for r in self.conn.execute(f"SELECT pair_key FROM segments WHERE pair_key IN ({_marks(len(keys))})",
                                                keys)}

    def _insert_segments(self, rows) -> None:
        self.conn.executemany("INSERT INTO segments(id, memory, fr, en, fr_norm, en_norm, fr_key, en_key, pair_key, "
                              "note) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)

    def _upsert_postings(self, rows) -> None:
        self.conn.executemany("INSERT INTO postings(lang, token, df, ids) VALUES (?, ?, ?, ?) ON CONFLICT(lang, token) "
                              "DO UPDATE SET df = excluded.df, ids = excluded.ids", rows)

    def _delete_postings(self, keys) -> None:
        self.conn.executemany("DELETE FROM postings WHERE lang = ? AND token = ?", keys)

    def _insert_lengths(self, rows) -> None:
        self.conn.execute("DELETE FROM lengths WHERE first >= ?", (min(r[1] for r in rows),))
        self.conn.executemany("INSERT INTO lengths VALUES (?, ?, ?)", rows)

    def _insert_vectors(self, rows) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO vectors(encoder, lang, segment, vec) VALUES (?, ?, ?, ?)", rows)

    def _delete_memory(self, memory_id) -> None:
        c = self.conn
        c.execute("DELETE FROM vectors WHERE segment IN (SELECT id FROM segments WHERE memory = ?)", (memory_id,))
        c.execute("DELETE FROM segments WHERE memory = ?", (memory_id,))
        c.execute("DELETE FROM memories WHERE id = ?", (memory_id,))

    # -- older formats (tmcheck memory migrate) -----------------------------------------------------

    def old_segments(self):
        """(memory name, origin, source_lang, imported, [(id, fr, en, note)]) of a memory of any
        format: the columns every format has (for a migration)."""
        c = self.conn
        for mid, name, origin, lang, imported in c.execute(
                "SELECT id, name, origin, source_lang, imported FROM memories ORDER BY id").fetchall():
            yield name, origin, lang, imported, c.execute(
                "SELECT id, fr, en, note FROM segments WHERE memory = ? ORDER BY id", (mid,))


def _format_message(where: str, version: int) -> str:
    if version < FORMAT:
        return _("{location}: a tmcheck memory of format {version}; this tmcheck reads format {FORMAT} "
                 "(run 'tmcheck memory migrate' to convert it)").format(location=where, version=version, FORMAT=FORMAT)
    return _("{location}: a tmcheck memory of format {version}; this tmcheck reads format {FORMAT} (a newer tmcheck "
             "made it)").format(location=where, version=version, FORMAT=FORMAT)
