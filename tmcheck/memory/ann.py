"""An approximate nearest-neighbour index (HNSW, the usearch library) over one side's vectors.

Why: the exact scan reads every vector (about 100 ms a query at a million segments); the graph
reaches the neighbourhood of a query through a few hundred vectors (well under 5 ms). Its
distances are approximate (the graph holds float16 copies), so it only proposes candidates: the
CANDIDATES nearest by the graph are re-ranked exactly against the float32 matrix of
:class:`.semantic.VectorIndex`, and the k best of those are the answer, with exact cosines.

Why usearch rather than hnswlib (both measured on 512-dimension USE vectors, 100,000 of them, one
core): hnswlib built 1.6x faster (39 s against 62 s) and answered faster (0.16 ms against 0.45 ms),
both far below the 5 ms asked, with the same recall after re-ranking; but a saved usearch index is
memory-mapped when loaded (17 ms against hnswlib's 230 ms that grow with the index: seconds at a
million, paid by every `tmcheck suggest`), and it stores float16, half the memory.

Kept in the cache folder beside the matrix, one file per store generation; a new generation starts
from the previous one's graph (vectors of removed segments taken out, new ones added) rather than
from nothing. Below MIN_SIZE vectors the exact scan is as fast and the index is not built.
"""

from __future__ import annotations

import os
from pathlib import Path

MIN_SIZE = 20_000
CANDIDATES = 64  # re-ranked exactly; at least 4 k
# Graph degree (HNSW's M), candidate list while inserting (efConstruction) and while searching (ef),
# measured on the real vectors of a million segments (bench_memory's 1M memory, French side, 100
# French queries; recall@10 against the exact scan, then the CPU p50 of a query with its re-ranking,
# one core; an ef below CANDIDATES is raised to it):
#   M 16, efConstruction  64 (built in  427 s CPU): ef 128 0.831 (1.1 ms), 512 0.914 (2.6 ms),
#                                                   1024 0.963 (6.2 ms): 0.95 only past 5 ms;
#   M 32, efConstruction 128 (built in 1279 s CPU): ef 256 0.948 (2.3 ms), 320 0.957 (2.5 ms),
#                                                   384 0.962 (2.9 ms), 512 0.973 (4.0 ms), 1024 0.992 (6.6 ms).
# (At 100,000 vectors M 16 / 64 / 128 gave 1.000: a million recombined UN sentences are a much
# denser neighbourhood.) So M 32 / 128 / 384: recall above 0.95 with p50 under 3 ms; the build
# costs three times as much, paid once per memory (later generations update the graph).
CONNECTIVITY = 32
EXPANSION_ADD = 128
EXPANSION_SEARCH = 384


def available() -> bool:
    try:
        import usearch.index  # noqa: F401
    except ImportError:
        return False
    return True


def _new(dim: int):
    from usearch.index import Index

    return Index(ndim=dim, metric="cos", dtype="f16", connectivity=CONNECTIVITY, expansion_add=EXPANSION_ADD,
                 expansion_search=EXPANSION_SEARCH)


def _threads() -> int:
    return max(1, os.cpu_count() or 1)


class AnnIndex:
    """The graph over (segment id, vector) pairs."""

    def __init__(self, index):
        self.index = index

    def __len__(self) -> int:
        return len(self.index)

    @classmethod
    def build(cls, ids, matrix, progress=None, label: str = "Building the semantic index") -> "AnnIndex":
        """The graph over these ids and rows; ``progress`` a factory of progress bars as the store's
        (label, total) -> context manager with ``update(n)``: a million vectors take minutes."""
        import numpy as np

        ann = cls(_new(matrix.shape[1]))
        ann._add(np.asarray(ids, dtype=np.uint64), matrix, progress, label)
        return ann

    def _add(self, ids, matrix, progress, label: str) -> None:
        """Add rows in slices of about 1% (at least 10,000), reporting each to the progress bar."""
        import numpy as np

        if not len(ids):
            return
        if progress is None:
            from .backends.records import no_progress as progress
        step = max(10_000, len(ids) // 100)
        with progress(label, len(ids)) as bar:
            for start in range(0, len(ids), step):
                self.index.add(ids[start:start + step], np.asarray(matrix[start:start + step], dtype=np.float32),
                               threads=_threads())
                bar.update(min(step, len(ids) - start))

    def update(self, ids, matrix, progress=None, label: str = "Updating the semantic index") -> tuple[int, int]:
        """Make the graph hold exactly these ids: take out the others, add the missing ones (rows of
        ``matrix``, in the order of ``ids``). Returns (removed, added)."""
        import numpy as np

        ids = np.asarray(ids, dtype=np.uint64)
        held = np.asarray(self.index.keys, dtype=np.uint64) if len(self.index) else np.zeros(0, dtype=np.uint64)
        gone = np.setdiff1d(held, ids, assume_unique=True)
        if len(gone):
            self.index.remove(gone)
        new = ~np.isin(ids, held, assume_unique=True)
        if new.any():
            self._add(ids[new], matrix[new], progress, label)
        return len(gone), int(new.sum())

    def candidates(self, queries, count: int):
        """For each query row, up to ``count`` segment ids the graph finds nearest (an int64 matrix,
        -1 where fewer were found)."""
        import numpy as np

        queries = np.asarray(queries, dtype=np.float32).reshape(-1, self.index.ndim)
        # One query is a fraction of a millisecond: a second thread would only add its hand-off.
        found = self.index.search(queries, count, threads=1 if len(queries) < 8 else _threads())
        if not hasattr(found, "counts"):  # one query: a flat list of what was found
            keys = np.full((1, count), -1, dtype=np.int64)
            flat = np.asarray(found.keys, dtype=np.int64)
            keys[0, :len(flat)] = flat
            return keys
        keys = np.asarray(found.keys, dtype=np.int64).reshape(len(queries), -1)
        for row, n in enumerate(np.asarray(found.counts).reshape(-1)):
            keys[row, int(n):] = -1
        return keys

    # -- cache files ---------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Atomically: a temporary file beside it, then a rename."""
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.index.save(str(tmp))
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()

    @classmethod
    def view(cls, path: Path) -> "AnnIndex":
        """Memory-mapped, read-only: loading costs nothing, pages come in as searches touch them."""
        from usearch.index import Index

        index = Index.restore(str(path), view=True)
        if index is None:
            raise ValueError(f"{path}: not a usearch index")
        index.expansion_search = EXPANSION_SEARCH
        return cls(index)

    @classmethod
    def load(cls, path: Path) -> "AnnIndex":
        """Read into memory, to be updated."""
        from usearch.index import Index

        index = Index.restore(str(path), view=False)
        if index is None:
            raise ValueError(f"{path}: not a usearch index")
        index.expansion_search = EXPANSION_SEARCH
        return cls(index)


def cached(stem: str, generation: int, ids, matrix, progress=None, label: str = "Building the semantic index"
           ) -> AnnIndex | None:
    """The graph for ``stem`` (a store, an encoder and a side) at this generation: from the cache
    folder, else updated from an earlier generation's file, else built (shown by ``progress``, a
    factory of progress bars, see AnnIndex.build); None when the vectors are too few to need one,
    usearch is missing, or the cache folder cannot be used and the build fails. Earlier
    generations' files are removed."""
    from ..cache import cache_dir

    if len(ids) < MIN_SIZE or not available():
        return None
    # The graph's shape is part of its name: a graph built with other settings is built again.
    stem = f"{stem}-m{CONNECTIVITY}-e{EXPANSION_ADD}"
    folder = cache_dir()
    path = folder / f"{stem}-{generation}.usearch"
    if path.exists():
        try:
            return AnnIndex.view(path)
        except (ValueError, RuntimeError, OSError):
            pass  # damaged: made again below
    older = sorted((p for p in folder.glob(f"{stem}-*.usearch") if p != path),
                   key=lambda p: p.stat().st_mtime, reverse=True) if folder.exists() else []
    ann = None
    for p in older[:1]:
        try:
            ann = AnnIndex.load(p)
            ann.update(ids, matrix, progress, label)
        except (ValueError, RuntimeError, OSError):
            ann = None
    if ann is None:
        ann = AnnIndex.build(ids, matrix, progress, label)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ann.save(path)
        for p in older:
            p.unlink(missing_ok=True)
        return AnnIndex.view(path)
    except OSError:
        return ann  # no cache: this run keeps it in memory
