"""Lookups in a memory, once for every backend: fuzzy matches (exact hash, then candidates from the
posting lists of the query's rarest tokens, scored with rapidfuzz) and concordance.

A fuzzy lookup never scans the segments: exact hash first; then the posting lists of the query's
rarest tokens give candidates, counted with numpy (a segment that holds more of them ranks higher,
then the one closest in length), those whose length cannot reach the minimum score are dropped, and
only the best CANDIDATES are read and scored, in one rapidfuzz call.
"""

from __future__ import annotations

from array import array

from ...documents.folding import fold_text
from ...i18n import N_
from ..fuzzy import from_ratio, min_length_ratio, score
from ..normalize import index_tokens, normalize, text_key
from .packing import chunks, native
from .records import Match, side

# Candidate generation. A query probes the posting lists of its rarest tokens, at least PROBE_MIN of
# them and more until half its tokens are probed (a segment reaching a fuzzy score shares most of the
# query's words, so it holds one of the rarest half), but never more than PROBE_BUDGET ids in all
# once PROBE_MIN lists are read. A short query (SHORT_QUERY tokens or fewer: a heading, an agenda
# line) probes every token held by fewer than SHORT_DF_MAX segments: its best match may share only
# common words ("Agenda item 12 (b)"). The CANDIDATES segments that hold the most probed tokens
# (then the closest in length) are scored: in memories full of near-duplicates (UN boilerplate),
# hundreds of segments tie on shared words and only their characters tell them apart.
# Measured at 1M segments (bench/bench_memory.py): top-1 agreement with a full rapidfuzz scan
# 93% with 60 candidates, 97.5% with 500, 99% with 800, 100% with 1000.
PROBE_MIN = 3
PROBE_BUDGET = 60_000
SHORT_QUERY = 20
SHORT_DF_MAX = 200_000
CANDIDATES = 1000


class Lookups:
    """The reading half of :class:`.base.MemoryStore` (a mixin: the storage it calls is the backend's)."""

    def fuzzy(self, text: str, lang: str, *, min_score: int = 75, limit: int = 5) -> list[Match]:
        """The segments whose ``lang`` side scores at least ``min_score`` against ``text``, best first."""
        # rapidfuzz only for a fuzzy lookup (start-up cost of the other memory commands)
        from rapidfuzz import fuzz, process

        norm = normalize(text)
        if not norm:
            return []
        side(lang)
        scored: dict[int, int] = {}
        with self._errors(N_("search the memory")):
            for sid, src, src_norm in self._exact(lang, text_key(norm)):
                if (src_norm or src) == norm:
                    scored[sid] = 100
            if len(scored) < limit:
                best = [i for i in self._candidates(norm, lang, min_score) if i not in scored]
                for chunk in chunks(best, 1000):
                    rows = self._scoring_texts(lang, chunk)
                    texts = [text for _, text in rows]
                    # Every candidate at the cutoff or above (not the chunk's first few): which of
                    # several equal scores is kept then depends on ids only, never on row order.
                    for found, value, i in process.extract(norm, texts, scorer=fuzz.ratio, score_cutoff=min_score,
                                                            limit=None):
                        scored[rows[i][0]] = from_ratio(norm, found, value)
            top = sorted(scored.items(), key=lambda x: (-x[1], x[0]))[:limit]
            pairs = self.pairs(sid for sid, _ in top)
        out = []
        for sid, value in top:
            memory, fr, en = pairs[sid]
            out.append(Match(value, "fuzzy", fr if lang == "fr" else en, en if lang == "fr" else fr, memory, sid))
        return out

    def plan(self, norm: str, lang: str) -> list[str]:
        """Which posting lists a lookup reads (see PROBE_MIN, PROBE_BUDGET, SHORT_QUERY above)."""
        tokens = sorted(index_tokens(norm))
        if not tokens:
            return []
        dfs = sorted((df, token) for token, df in self._dfs(lang, tokens))
        if len(tokens) <= SHORT_QUERY:
            return [t for df, t in dfs if df <= SHORT_DF_MAX] or [t for _, t in dfs[:PROBE_MIN]]
        want = max(PROBE_MIN, (len(tokens) + 1) // 2)
        probed, budget = [], 0
        for df, token in dfs:
            if len(probed) >= want or (len(probed) >= PROBE_MIN and budget + df > PROBE_BUDGET):
                break
            probed.append(token)
            budget += df
        return probed

    _plan = plan  # the name bench/bench_memory.py used

    def _candidates(self, norm: str, lang: str, min_score: int) -> list[int]:
        """The CANDIDATES segment ids worth scoring: most probed tokens shared, then closest in
        length, among those whose length lets them reach ``min_score``."""
        # numpy only when a lookup runs (start-up cost of the other memory commands; tmcheck lint never loads it)
        import numpy as np

        probed = self.plan(norm, lang)
        if not probed:
            return []
        arrays = [np.frombuffer(blob, dtype="<u4") for _, _, blob in self._posting_lists(lang, probed)]
        if not arrays:
            return []
        ids, counts = np.unique(np.concatenate(arrays), return_counts=True)
        lengths = self._lengths(lang)
        ids = ids[ids < len(lengths)]
        counts = counts[:len(ids)]
        seg_len = lengths[ids].astype(np.int64)
        q = len(norm)
        r = min_length_ratio(min_score)
        keep = (seg_len >= q * r) & (seg_len <= q / r)
        ids, counts, seg_len = ids[keep], counts[keep], seg_len[keep]
        if len(ids) > CANDIDATES:
            rank = counts.astype(np.int64) * 100_000 - np.minimum(np.abs(seg_len - q), 99_999)
            ids = ids[np.argpartition(-rank, CANDIDATES - 1)[:CANDIDATES]]
        return ids.tolist()

    def _lengths(self, lang: str):
        """Every segment's normalised length on one side, indexed by id (kept while the store is
        open and unchanged; a million segments are 2 MB)."""
        # numpy only when a lookup runs (start-up cost of the other memory commands; tmcheck lint never loads it)
        import numpy as np

        generation = self._generation()
        cached = self._length_cache.get(lang)
        if cached is not None and cached[0] == generation:
            return cached[1]
        rows = self._length_blobs(lang)
        top = max((first + len(lens) // 2 for first, lens in rows), default=0)
        out = np.zeros(top + 1, dtype=np.uint16)
        for first, lens in rows:
            out[first:first + len(lens) // 2] = np.frombuffer(lens, dtype="<u2")
        self._length_cache[lang] = (generation, out)
        return out

    def concordance(self, text: str, lang: str, *, limit: int = 20) -> list[Match]:
        """Segments that contain ``text`` (folded: case, accents and apostrophes aside)."""

        norm = normalize(text)
        tokens = sorted(index_tokens(norm))
        if not tokens:
            return []
        side(lang)
        names = self.names()
        with self._errors(N_("search the memory")):
            rows = sorted(self._posting_lists(lang, tokens), key=lambda r: (r[1], r[0]))
            if len(rows) < len(tokens):
                return []  # a word no segment has
            common: set[int] | None = None
            for _, _, blob in rows[:4]:  # the rarest few narrow it enough; the text check decides
                ids = array("I")
                ids.frombytes(blob)
                common = set(native(ids)) if common is None else common & set(native(ids))
                if not common:
                    return []
            needle = fold_text(norm)
            out = []
            for chunk in chunks(sorted(common), 500):
                for sid, mid, src, src_norm, tgt in self._texts_of(lang, chunk):
                    if needle in fold_text(src_norm or src):
                        out.append(Match(score(norm, src_norm or src), "concordance", src, tgt, names.get(mid, "?"), sid))
                if len(out) >= limit:
                    break
        return sorted(out, key=lambda m: (-m.score, m.id))[:limit]

