"""Segment ids as the stores keep them: posting lists are little-endian uint32 arrays whatever the
machine (so a memory can be copied), and rows go to a backend in batches."""

from __future__ import annotations

import sys
from array import array
from typing import Iterable, Iterator


def chunks(items: Iterable, n: int) -> Iterator[list]:
    """Lists of ``n`` items from any iterable (a reader's generator, a list of ids)."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


if sys.byteorder == "little":
    def le(ids: array, typecode: str = "I") -> bytes:
        return ids.tobytes()

    def native(ids: array) -> array:
        return ids
else:  # pragma: no cover - no big-endian machine here
    def le(ids: array, typecode: str = "I") -> bytes:
        swapped = array(typecode, ids)
        swapped.byteswap()
        return swapped.tobytes()

    def native(ids: array) -> array:
        ids.byteswap()
        return ids
