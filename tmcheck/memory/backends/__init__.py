"""Where a memory lives: a path (SQLite, embedded) or a ``postgresql://`` URL (a shared server).

``open_store`` picks the backend from the location; the lookup algorithm and the scores are the
same on both (:mod:`.base`). psycopg is imported only for a URL.
"""

from __future__ import annotations

import os

from ...errors import InputError, mask_secrets
from ...i18n import _
from .base import MemoryStore

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(location) -> bool:
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


def shown(location) -> str:
    """The location as every message and log shows it: a URL's password masked."""
    return mask_secrets(str(location))


def location(value: str):
    """A ``--memory`` value as a location: a URL kept whole (a Path would fold its '//'), a path."""
    from pathlib import Path

    if "://" in value and not is_url(value):
        raise InputError(_("{location}: not a memory location (a file path, or a postgresql:// URL)").format(
            location=shown(value)))
    return value if is_url(value) else Path(value)


def open_store(location, *, create: bool = True, readonly: bool = False, timeout: float = 5.0,
               any_format: bool = False) -> MemoryStore:
    text = os.fspath(location)
    if "://" in text and not is_url(text):
        raise InputError(_("{location}: not a memory location (a file path, or a postgresql:// URL)").format(
            location=shown(text)))
    if is_url(text):
        from .postgres import PostgresStore

        return PostgresStore.open(text, create=create, readonly=readonly, timeout=timeout, any_format=any_format)
    from .sqlite import SqliteStore

    return SqliteStore.open(location, create=create, readonly=readonly, timeout=timeout, any_format=any_format)
