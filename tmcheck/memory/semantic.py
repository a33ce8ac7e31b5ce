"""Sentence vectors at rest and in search: SQLite blobs, one float32 matrix, exact top-k by cosine.

A vector is stored as one BLOB per segment and side: float16, little-endian. Half the bytes of float32
(1 KB instead of 2 KB for 512 dimensions) for a rounding error of about 1e-3 on a cosine, far below
what separates a match from a non-match. For search, the blobs are decoded into one float32 matrix
(numpy has no fast float16 matrix product) and a query is one matrix product against it: exact. For
large memories an approximate index (:mod:`.ann`) proposes candidates and the matrix re-ranks them
exactly (``VectorIndex.use_ann``); the figures in ``VectorIndex`` are those of the full scan. ``VectorIndex.save``/``load`` keep that matrix in an .npz file so that a big memory
is not decoded from SQLite rows on every run.

numpy is imported inside the functions, not with the module (``tmcheck lint`` never needs it).
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_BLOB_DTYPE = "<f2"  # float16, little-endian whatever the machine
_FORMAT = 1  # of the .npz written by VectorIndex.save


def to_blob(vec) -> bytes:
    """One vector as the bytes stored in SQLite (float16 little-endian, 2 bytes per dimension)."""
    import numpy as np

    v = np.asarray(vec)
    if v.ndim != 1:
        raise ValueError(f"to_blob takes one vector, not an array of shape {v.shape}")
    return v.astype(_BLOB_DTYPE).tobytes()


def from_blob(blob: bytes, dim: int | None = None) -> np.ndarray:
    """One stored vector back as float32."""
    import numpy as np

    v = np.frombuffer(blob, dtype=_BLOB_DTYPE)
    if dim is not None and v.shape[0] != dim:
        raise ValueError(f"a stored vector has {v.shape[0]} dimensions, expected {dim}")
    return v.astype(np.float32)


def matrix_from_blobs(blobs: Iterable[bytes], dim: int) -> np.ndarray:
    """The stored vectors as one (n, dim) float32 matrix, row i from the i-th blob.

    Blobs are joined and converted 8,192 at a time; with a sized collection (the list of rows a query
    returned) the matrix is allocated once and filled, from a mere iterator (a cursor) the joined
    float16 blocks are kept until the count is known (1 KB a vector at 512 dimensions)."""
    import numpy as np

    size = dim * 2
    it = iter(blobs)

    def blocks():
        done = 0
        while True:
            chunk = list(islice(it, 8192))
            if not chunk:
                return
            data = b"".join(chunk)
            if len(data) != len(chunk) * size:
                bad = next(i for i, b in enumerate(chunk) if len(b) != size)
                raise ValueError(f"vector {done + bad} has {len(chunk[bad])} bytes, expected {size} ({dim} float16)")
            yield data
            done += len(chunk)

    if hasattr(blobs, "__len__"):
        out = np.empty((len(blobs), dim), dtype=np.float32)  # type: ignore[arg-type]
        row = 0
        for data in blocks():
            rows = len(data) // size
            if row + rows > out.shape[0]:
                raise ValueError("more vectors than the collection's length")
            out[row:row + rows] = np.frombuffer(data, dtype=_BLOB_DTYPE).reshape(rows, dim)
            row += rows
        return out[:row]
    parts = list(blocks())
    out = np.empty((sum(len(p) for p in parts) // size, dim), dtype=np.float32)
    row = 0
    while parts:
        data = parts.pop(0)
        rows = len(data) // size
        out[row:row + rows] = np.frombuffer(data, dtype=_BLOB_DTYPE).reshape(rows, dim)
        row += rows
    return out


class VectorIndex:
    """Exact nearest-neighbour search by cosine over unit vectors, each with an integer id.

    ``search`` takes one query vector or a matrix of them (one matrix product for the lot) and returns,
    for each query, up to k ``(id, cosine)`` pairs, best first (argpartition for the k best, then a sort
    of those k only).

    Measured on the 2-core test machine (shared with other jobs, so ranges), 512 dimensions, k=5:
    100,000 vectors: 15-30 ms per single query, 3-4 ms per query in a batch of 100; 1,000,000 vectors
    (2 GB of float32, read once per product: memory-bound): 150-400 ms per single query, 25-30 ms per
    query in a batch of 100. So callers should search all of a draft's sentences in one call.
    """

    # Scores of at most this many floats are computed per matrix product (256 MB): at 1M vectors,
    # 64 queries a product; at 100k, 640.
    _SCORE_BUDGET = 64 * 1024 * 1024

    def __init__(self, ids: Sequence[int] | np.ndarray, matrix: np.ndarray,
                 meta: Mapping[str, str] | None = None):
        import numpy as np

        self.ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        matrix = np.asarray(matrix)
        if matrix.ndim != 2:
            raise ValueError(f"the vectors must form a matrix, not an array of shape {matrix.shape}")
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        if self.ids.shape[0] != self.matrix.shape[0]:
            raise ValueError(f"{self.ids.shape[0]} ids for {self.matrix.shape[0]} vectors")
        #: Free-form strings saved with the index (e.g. the encoder's name), for the caller to check.
        self.meta: dict[str, str] = dict(meta or {})
        #: An approximate index over the same ids (:mod:`.ann`), set by ``use_ann``: it proposes the
        #: candidates, this matrix re-ranks them exactly.
        self.ann = None

    def use_ann(self, ann) -> bool:
        """Search through ``ann`` from now on (its keys are these ids). Needs the ids in ascending
        order (how stores give them), to find a candidate's row by bisection."""
        import numpy as np

        if ann is None or (len(self.ids) > 1 and not bool(np.all(self.ids[1:] > self.ids[:-1]))):
            return False
        self.ann = ann
        return True

    def __len__(self) -> int:
        return int(self.matrix.shape[0])

    @property
    def dim(self) -> int:
        return int(self.matrix.shape[1])

    def search(self, query: np.ndarray, k: int = 5) -> list[list[tuple[int, float]]]:
        """For each query (a vector, or a matrix with one query per row), the k nearest stored vectors
        as (id, cosine) pairs, best first. A single vector still gives a list of one list.

        Queries are scaled to unit length here; stored rows are assumed unit already (the encoders
        make them so; float16 storage leaves them within ~1e-3 of it)."""
        import numpy as np

        if k < 1:
            raise ValueError(f"k must be at least 1, not {k}")
        q = np.asarray(query, dtype=np.float32)
        if q.ndim == 1:
            q = q[None, :]
        if q.ndim != 2 or q.shape[1] != self.dim:
            raise ValueError(f"queries of shape {q.shape} against vectors of {self.dim} dimensions")
        norms = np.sqrt(np.einsum("ij,ij->i", q, q))
        norms[norms == 0] = 1.0
        q = q / norms[:, None]
        n = len(self)
        if n == 0:
            return [[] for _ in range(q.shape[0])]
        k = min(k, n)
        if self.ann is not None and k < n:
            return self._search_ann(q, k)
        step = max(1, self._SCORE_BUDGET // n)
        results: list[list[tuple[int, float]]] = []
        for start in range(0, q.shape[0], step):
            scores = q[start:start + step] @ self.matrix.T  # (m, n): one product for the block
            if k < n:
                top = np.argpartition(scores, n - k, axis=1)[:, n - k:]
            else:
                top = np.broadcast_to(np.arange(n), scores.shape)
            top_scores = np.take_along_axis(scores, top, axis=1)
            top_ids = self.ids[top]
            order = np.lexsort((top_ids, -top_scores), axis=-1)  # best first; equal scores by id
            top_ids = np.take_along_axis(top_ids, order, axis=1)
            top_scores = np.minimum(np.take_along_axis(top_scores, order, axis=1), 1.0)
            results.extend(list(zip(row_ids.tolist(), row_scores.tolist()))
                           for row_ids, row_scores in zip(top_ids, top_scores))
        return results

    def _search_ann(self, q: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """The approximate index's nearest candidates, re-ranked by their exact cosine (the same
        float32 product the full scan makes, on a few dozen rows instead of all)."""
        import numpy as np

        from .ann import CANDIDATES

        keys = self.ann.candidates(q, max(CANDIDATES, 4 * k))
        n = len(self)
        rows = np.minimum(np.searchsorted(self.ids, keys), n - 1)
        results = []
        for i in range(q.shape[0]):
            ok = (keys[i] >= 0) & (self.ids[rows[i]] == keys[i])
            r = np.unique(rows[i][ok])
            scores = self.matrix[r] @ q[i]
            ids = self.ids[r]
            order = np.lexsort((ids, -scores))[:k]
            results.append(list(zip(ids[order].tolist(), np.minimum(scores[order], 1.0).tolist())))
        return results

    # -- cache file ----------------------------------------------------------------------------------

    def save(self, path: str | os.PathLike) -> None:
        """Write the index to an uncompressed .npz file (float32, so that load needs no conversion),
        atomically: a temporary file beside it, then a rename, so a reader never sees half a file."""
        path = Path(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.",
                                   suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                write_npz(fh, {"format": _FORMAT, "ids": self.ids,
                                "meta": json.dumps(self.meta, ensure_ascii=False), "matrix": self.matrix})
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    @classmethod
    def load(cls, path: str | os.PathLike, *, mmap: bool = True) -> VectorIndex:
        """An index written by ``save``. OSError if the file cannot be read; ValueError if it is not
        such an index (damaged, or another format): the caller rebuilds it.

        With ``mmap`` (the default) the matrix is mapped from the file rather than read: np.load reads
        an .npz member through zipfile, checksum and copy, 4 s for a million vectors; mapped, loading
        is instant and the pages come from the OS cache as the first search touches them."""
        import zipfile

        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as z:
                if "format" not in z.files or int(z["format"]) != _FORMAT:
                    raise ValueError(f"{path}: not a vector index of format {_FORMAT}")
                ids = z["ids"]
                meta = json.loads(str(z["meta"])) if "meta" in z.files else {}
                matrix = map_member(path, "matrix") if mmap else None
                if matrix is None:
                    matrix = z["matrix"]
        except (zipfile.BadZipFile, KeyError, EOFError, struct.error) as exc:
            raise ValueError(f"{path}: damaged vector index ({exc})") from None
        if matrix.dtype != np.float32 or ids.dtype != np.int64:
            raise ValueError(f"{path}: unexpected types {ids.dtype}, {matrix.dtype}")
        return cls(ids, matrix, meta)


_ALIGN = 64  # bytes: where each array's data starts in the .npz, so that a mapped matrix is aligned
_ALIGN_EXTRA_ID = 0xD935  # the zip extra field Android's zipalign pads with


def write_npz(fh, arrays: Mapping[str, object]) -> None:
    """An uncompressed .npz (np.load reads it) whose arrays' data start at multiples of 64 bytes.

    np.savez puts a member's data wherever the zip headers end; a float32 matrix mapped from there is
    unaligned, and numpy then multiplies it without BLAS, 25 times slower. Padding each local header's
    extra field (as zipalign does) aligns the .npy inside, whose own header is padded to 64 bytes."""
    import zipfile

    import numpy as np

    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        for name, value in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            # local header: 30 bytes, the name, then the extra field: ours (4 + pad) and the zip64
            # sizes zipfile adds when force_zip64 (20)
            header_end = fh.tell() + 30 + len(info.filename.encode("utf-8")) + 4 + 20
            pad = -header_end % _ALIGN
            info.extra = struct.pack("<HH", _ALIGN_EXTRA_ID, pad) + bytes(pad)
            with zf.open(info, "w", force_zip64=True) as out:
                np.lib.format.write_array(out, np.asanyarray(value), allow_pickle=False)


def map_member(path, name: str):
    """The array ``name`` of an uncompressed .npz, memory-mapped read-only (None if it cannot be)."""
    import zipfile

    import numpy as np

    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(f"{name}.npy")
    if info.compress_type != zipfile.ZIP_STORED:
        return None
    with open(path, "rb") as fh:
        fh.seek(info.header_offset)
        local = fh.read(30)
        if len(local) != 30 or local[:4] != b"PK\x03\x04":
            raise ValueError(f"{path}: damaged vector index (bad local header)")
        name_len, extra_len = struct.unpack("<HH", local[26:30])
        fh.seek(info.header_offset + 30 + name_len + extra_len)
        version = np.lib.format.read_magic(fh)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(fh)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(fh)
        else:
            return None
        offset = fh.tell()
        end = fh.seek(0, os.SEEK_END)
    if fortran or dtype.hasobject or offset % _ALIGN:
        return None  # not written by write_npz: read it instead
    nbytes = dtype.itemsize * int(np.prod(shape))
    if offset + nbytes > end:
        raise ValueError(f"{path}: damaged vector index (truncated)")
    if nbytes == 0:
        return np.zeros(shape, dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape)
