"""Memories as older tmcheck versions wrote them, for the tests of `tmcheck memory migrate`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

FORMAT_1 = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE memories(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, origin TEXT NOT NULL DEFAULT '',
    source_lang TEXT NOT NULL, imported TEXT NOT NULL DEFAULT (datetime('now')));
CREATE TABLE segments(id INTEGER PRIMARY KEY, memory INTEGER NOT NULL REFERENCES memories(id),
    fr TEXT NOT NULL, en TEXT NOT NULL, fr_key INTEGER NOT NULL, en_key INTEGER NOT NULL,
    pair_key BLOB NOT NULL UNIQUE, note TEXT NOT NULL DEFAULT '');
CREATE TABLE postings(lang TEXT NOT NULL, token TEXT NOT NULL, df INTEGER NOT NULL, ids BLOB NOT NULL,
    PRIMARY KEY(lang, token)) WITHOUT ROWID;
CREATE TABLE vectors(encoder TEXT NOT NULL, lang TEXT NOT NULL, segment INTEGER NOT NULL, vec BLOB NOT NULL,
    PRIMARY KEY(encoder, lang, segment)) WITHOUT ROWID;
"""


def format_1_memory(path: Path, pairs) -> Path:
    """An SQLite memory of format 1 holding ``pairs`` (objects with .fr and .en) as the memory
    'agendas', with one vector per language for the first segment."""
    conn = sqlite3.connect(path)
    conn.executescript(FORMAT_1)
    conn.execute("INSERT INTO meta VALUES ('generation', '3')")
    conn.execute("INSERT INTO memories VALUES (1, 'agendas', 'a.tmx', 'fr', '2024-05-01 10:00:00')")
    for i, u in enumerate(pairs, 1):
        conn.execute("INSERT INTO segments VALUES (?, 1, ?, ?, 0, 0, ?, 'n')", (i, u.fr, u.en, bytes([i])))
    conn.execute("INSERT INTO vectors VALUES ('enc', 'fr', 1, ?), ('enc', 'en', 1, ?)", (b"\0\x3c" * 2, b"\0\x3c" * 2))
    conn.execute(f"PRAGMA application_id = {0x746D6368}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    return path
