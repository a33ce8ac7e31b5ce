"""Moving a memory between stores (``tmcheck memory copy``) and to a new format (``migrate``).

Both read memories, segments and vectors through the columns every format and backend has, and
write them with the destination's own import, in one transaction: a copy is all or nothing, a pair
the destination already holds is not added twice, and the vectors travel with their segments (no
re-encoding). A migration writes a new file beside the old one and replaces it only when complete.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..i18n import N_, _
from ..named_tuples import NamedTuple
from .backends.base import FORMAT, MemoryStore, ProgressFactory, Unit
from .backends.packing import chunks
from .backends.records import no_progress


class Copied(NamedTuple):
    memories: int
    added: int
    duplicates: int


def _units(src: MemoryStore, rows) -> Iterator[Unit]:
    """Units with the vectors stored for them, 1,000 segments per read of the vectors."""
    for chunk in chunks(rows, 1000):
        found: dict[int, dict[str, dict[str, bytes]]] = {}
        for sid, encoder, lang, blob in src._vector_blobs_of([r[0] for r in chunk]):
            found.setdefault(sid, {}).setdefault(encoder, {})[lang] = blob
        for sid, fr, en, note in chunk:
            vectors = {e: (v["fr"], v["en"]) for e, v in found.get(sid, {}).items() if "fr" in v and "en" in v}
            yield Unit(fr, en, note, vectors or None)


def copy_store(src: MemoryStore, dst: MemoryStore, progress: ProgressFactory = no_progress) -> Copied:
    """Every memory of ``src`` into ``dst`` (names, origins, import dates, notes, vectors)."""
    added = duplicates = 0
    infos = src.memories()
    with dst.transaction():
        for info in infos:
            with src._errors(N_("read the memory")):
                memory_id = src._memory_id(info.name)
                rows = ((sid, fr, en, note) for sid, _, fr, en, note in src._segment_rows(memory_id))
                stats = dst.import_units(_units(src, rows), name=info.name, source_lang=info.source_lang,
                                         origin=info.origin, imported=info.imported, total=info.segments,
                                         progress=progress)
            added += stats.added
            duplicates += stats.duplicates
    return Copied(len(infos), added, duplicates)


def migrate(location, progress: ProgressFactory = no_progress) -> tuple[int, int]:
    """Convert the memory at ``location`` to this tmcheck's format; returns (old format, segments).
    An SQLite file is rebuilt beside itself, then renamed over the old one; the old file is locked
    against writers meanwhile."""
    from .backends import is_url, open_store

    if is_url(location):
        store = open_store(location, create=False, any_format=True)
        try:
            version = store.format
        finally:
            store.close()
        if version == FORMAT:
            raise InputError(_("{location}: already a memory of format {FORMAT}; nothing to migrate").format(
                location=store.location, FORMAT=FORMAT))
        raise InputError(_("{location}: no migration from format {version} to {FORMAT} on PostgreSQL").format(
            location=store.location, version=version, FORMAT=FORMAT))
    from .backends.sqlite import SqliteStore

    path = Path(location)
    old = SqliteStore.open(path, create=False, any_format=True)
    try:
        version = old.format
        if version == FORMAT:
            raise InputError(_("{location}: already a memory of format {FORMAT}; nothing to migrate").format(
                location=path, FORMAT=FORMAT))
        if version > FORMAT:
            raise InputError(_("{location}: a memory of format {version}, newer than this tmcheck's {FORMAT}").format(
                location=path, version=version, FORMAT=FORMAT))
        tmp = path.with_name(f".{path.name}.migrating-{os.getpid()}")
        try:
            with old.transaction():  # holds the write lock: nobody adds to the old file meanwhile
                total = 0
                with SqliteStore.open(tmp) as new:
                    with new.transaction():
                        for name, origin, lang, imported, rows in old.old_segments():
                            stats = new.import_units(_units(old, rows), name=name, source_lang=lang, origin=origin,
                                                     imported=imported, total=0, progress=progress)
                            total += stats.added
                os.replace(tmp, path)
        finally:
            for leftover in (tmp, Path(f"{tmp}-journal")):
                if leftover.exists():
                    leftover.unlink()
    finally:
        old.close()
    return version, total
