"""The memories a user searches: their own memory and the memories shipped with tmcheck.

The user's memory is ``--memory PATH_OR_URL``, else ``$TMCHECK_MEMORY``, else
``$XDG_DATA_HOME/tmcheck/memory.sqlite`` (``~/.local/share/tmcheck/memory.sqlite``): a path is an
SQLite file, a ``postgresql://`` URL a database on a server (see :mod:`.backends`). The bundled
memories (the top-level memories/ folder, installed as ``tmcheck.data.memories``) are always there:
they are imported once into a store in the cache folder, rebuilt when a bundled file changes, and
never written to by the user's commands.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..i18n import _
from ..named_tuples import NamedTuple
from .backends import is_url
from .store import Match, MemoryStore, Unit


def default_path() -> Path | str:
    """``$TMCHECK_MEMORY`` (a path or a URL), else the user's data folder."""
    explicit = os.environ.get("TMCHECK_MEMORY")
    if explicit:
        return explicit if is_url(explicit) else Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tmcheck" / "memory.sqlite"


# -- reading what is imported -----------------------------------------------------------------------

class Loaded(NamedTuple):
    units: list[Unit]
    source_lang: str
    skipped: int  # fuzzy or untranslated entries left out


def read_units(path: Path, source_lang: str | None = None, target_lang: str | None = None,
               include_fuzzy: bool = False) -> Loaded:
    """Segment pairs of a TMX, XLIFF, PO or TSV file (the bilingual readers of ``tmcheck lint``)."""
    from ..documents.formats import read_bilingual

    b = read_bilingual(path, source_lang, target_lang)
    units, skipped = [], 0
    for u in b.units:
        if u.state == "untranslated" or (u.state == "fuzzy" and not include_fuzzy) or not u.target.strip():
            skipped += 1
            continue
        fr, en = (u.source, u.target) if b.source_lang == "fr" else (u.target, u.source)
        units.append(Unit(fr, en, u.note))
    return Loaded(units, b.source_lang, skipped)


def aligned_units(source: Path, target: Path, source_lang: str | None = None,
                  target_lang: str | None = None) -> Loaded:
    """Segment pairs of a document and its translation, aligned sentence by sentence (the aligner
    of ``tmcheck lint --source``); what does not align is left out."""
    from ..documents import read_document
    from ..documents.align import align
    from ..lang.detect import detect_language

    src, tgt = read_document(source), read_document(target)
    src.lang = source_lang or detect_language(src.text)
    tgt.lang = target_lang or ("en" if src.lang == "fr" else "fr")
    if src.lang == tgt.lang:
        raise InputError(_("{source} and {target} are both {lang}: give --source-lang and --target-lang").format(
            source=source, target=target, lang=src.lang))
    units, skipped = [], 0
    for a in align(src, tgt, src.lang, tgt.lang):
        if not a.source or not a.target:
            skipped += 1
            continue
        s = _unlabelled(" ".join(src.paragraphs[p.paragraph].text[p.start:p.end].strip() for p in a.source))
        t = _unlabelled(" ".join(tgt.paragraphs[p.paragraph].text[p.start:p.end].strip() for p in a.target))
        units.append(Unit(s, t) if src.lang == "fr" else Unit(t, s))
    return Loaded(units, src.lang, skipped)


def _unlabelled(text: str) -> str:
    """"b) Adoption de l'ordre du jour" -> "Adoption de l'ordre du jour": the item's number or letter
    belongs to the document, not to the phrasing a memory keeps."""
    from ..documents.segment import parse_label

    label = parse_label(text)
    if label and label.kind in ("number", "sub") and text[label.end:].strip():
        return text[label.end:].strip()
    return text


# -- the bundled memories ---------------------------------------------------------------------------

def bundled_store() -> MemoryStore | None:
    """The bundled memories as a store in the cache folder, built on first use (into a temporary
    file renamed into place, so that two processes never see half a store)."""
    import tempfile

    from ..cache import cache_path, drop_older
    from ..resources import bundled_memories

    files = bundled_memories()
    if not files:
        return None
    from .store import FORMAT

    path = cache_path(f"memories-f{FORMAT}", files, ".sqlite")
    for attempt in (0, 1):
        if not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:  # no cache folder: build where we can (again next time)
                path = Path(tempfile.mkdtemp(prefix="tmcheck-")) / path.name
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            try:
                with MemoryStore.open(tmp) as store:
                    for f in files:
                        loaded = read_units(f)
                        store.import_units(loaded.units, name=f.name.split(".")[0], source_lang=loaded.source_lang,
                                           origin=f"bundled: {f.name}")
                os.replace(tmp, path)
                drop_older(path)
            finally:
                for leftover in (tmp, Path(f"{tmp}-journal")):
                    if leftover.exists():
                        leftover.unlink()
        try:
            # Never created here: an empty store in its place would stand for the bundled memories
            # for good.
            return MemoryStore.open(path, create=False)
        except InputError:
            if attempt:  # removed once more, as soon as built: give up with the reason
                raise
            # removed since (a process that built another state of the bundled memories, as
            # cache.drop_older does): built again


# -- searching all of them --------------------------------------------------------------------------

class Memories:
    """The user's store (if it exists) and the bundled one, searched as one."""

    def __init__(self, path: Path | str | None = None, bundled: bool = True, create: bool = False):
        self.path = (path if is_url(path) else Path(path)) if path else default_path()
        self.user: MemoryStore | None = None
        if create or (not is_url(self.path) and self.path.exists()):
            self.user = MemoryStore.open(self.path, create=create)
        elif is_url(self.path):
            from .backends.base import NoMemoryYet

            try:
                self.user = MemoryStore.open(self.path, create=False)
            except NoMemoryYet:
                pass  # an empty database: nothing of the user's to search yet
        self.bundled = bundled_store() if bundled else None

    @property
    def where(self) -> str:
        """The user's memory as messages show it (a URL's password masked)."""
        from .backends import shown

        return self.user.location if self.user else shown(self.path)

    @property
    def stores(self) -> list[MemoryStore]:
        return [s for s in (self.user, self.bundled) if s is not None]

    def close(self) -> None:
        for s in self.stores:
            s.close()

    def __enter__(self) -> "Memories":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fuzzy(self, text: str, lang: str, min_score: int = 75, limit: int = 5) -> list[Match]:
        return best_matches((m for s in self.stores for m in s.fuzzy(text, lang, min_score=min_score, limit=limit)), limit)

    def concordance(self, text: str, lang: str, limit: int = 20) -> list[Match]:
        return best_matches((m for s in self.stores for m in s.concordance(text, lang, limit=limit)), limit)

    def semantic(self, texts: list[str], lang: str, encoder, limit: int = 5, min_score: int = 0,
                 progress=None) -> list[list[Match]]:
        """For each text, the segments nearest in meaning, searched on both sides of every store
        (a French sentence finds a segment by its English side as well), best first."""
        per_text: list[list[Match]] = [[] for _ in texts]
        if not texts:
            return per_text
        queries = encoder.encode(texts)
        for store in self.stores:
            for i, found in enumerate(search_store(store, queries, lang, encoder, limit=limit, progress=progress)):
                per_text[i].extend(m for m in found if m.score >= min_score)
        return [best_matches(found, limit) for found in per_text]


def best_matches(matches: Iterable[Match], limit: int) -> list[Match]:
    """Best first, one entry per stored pair (the same pair in two stores or found twice counts once)."""
    seen: dict[tuple[str, str], Match] = {}
    for m in matches:
        key = (m.source, m.target)
        if key not in seen or m.score > seen[key].score:
            seen[key] = m
    return sorted(seen.values(), key=lambda m: (-m.score, m.kind != "fuzzy", m.memory, m.id))[:limit]


# -- semantic search over one store -----------------------------------------------------------------

def search_store(store: MemoryStore, queries, lang: str, encoder, limit: int = 5, progress=None) -> list[list[Match]]:
    """For each query vector, the store's nearest pairs by either side (cosine × 100 as the score);
    a pair's ``source`` is its ``lang`` side. Missing vectors are computed first."""
    hits: list[dict[int, float]] = [{} for _ in range(len(queries))]
    for side in ("fr", "en"):
        index = vector_index(store, encoder, side, progress)
        if index is None:
            continue
        for found, row in zip(hits, index.search(queries, k=limit)):
            for sid, cos in row:
                found[sid] = max(cos, found.get(sid, -1.0))
    pairs = store.pairs({sid for found in hits for sid in found})
    out = []
    for found in hits:
        matches = []
        for sid, cos in found.items():
            memory, fr, en = pairs[sid]
            src, tgt = (fr, en) if lang == "fr" else (en, fr)
            matches.append(Match(max(0, min(100, round(cos * 100))), "semantic", src, tgt, memory, sid))
        out.append(sorted(matches, key=lambda m: (-m.score, m.id))[:limit])
    return out


def vector_index(store: MemoryStore, encoder, lang: str, progress=None):
    """The store's vectors on one side as a search index, cached on disk by the store's generation
    (a million vectors read from database rows take seconds; the cached matrix loads in a blink),
    with the approximate index over them for a large memory (:mod:`.ann`, built from the same
    vectors whichever backend they came from). Only on a cache miss are missing vectors computed
    (the check reads every segment)."""
    import hashlib

    from ..cache import cache_dir
    from . import ann
    from .semantic import VectorIndex, matrix_from_blobs
    from .store import no_progress

    key = hashlib.sha256(f"{store.cache_key}|{encoder.name}|{lang}".encode()).hexdigest()[:24]
    generation = store.generation
    cached = cache_dir() / f"vectors-{key}-{generation}.npz"
    index = None
    if cached.exists():
        try:
            index = VectorIndex.load(cached)
        except Exception:
            pass  # a damaged cache: rebuilt below
    if index is None:
        if store.ensure_vectors(encoder, progress or no_progress):
            generation = store.generation  # the store changed
            cached = cache_dir() / f"vectors-{key}-{generation}.npz"
        ids, blobs = store.vectors(encoder.name, lang)
        if not blobs:
            return None
        index = VectorIndex(ids, matrix_from_blobs(blobs, encoder.dim))
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            for old in cached.parent.glob(f"vectors-{key}-*.npz"):  # earlier generations of this store
                old.unlink()
            index.save(cached)
        except OSError:
            pass  # no cache: slower next time, nothing worse
    # Built once per store generation, minutes at a million vectors: shown on a terminal.
    index.use_ann(ann.cached(f"vectors-{key}", generation, index.ids, index.matrix, progress,
                             _("Building the semantic index ({lang})").format(lang=lang)))
    return index
