"""Aligning a draft with its translation: paragraphs first, then sentences inside aligned paragraphs.

Both steps are the dynamic program of Gale and Church (1993): moves 1-1, 1-0, 0-1, 2-1 and 1-2, each
with a prior, and a cost for the disagreement of lengths in characters given the ratio of the two
documents' total lengths (English runs some 10-15 % shorter than French; the ratio is estimated
again from the pairs found, since an untranslated paragraph skews the totals). Lengths alone mistake
one short paragraph for another, so a pairing also weighs:

* anchors: numbers with their separators stripped ("1 000,5" and "1,000.5" are both 10005),
  document symbols (any token with "/" and a digit: CTOC/COP/WG.4/2016/2, decision 4/4) and UN
  numbering labels ("4.", "a)" and "(a)", "Point 4." and "Item 4."), each weighted by its rarity
  in the two documents, so that a shared symbol pins a pair while "2016" in every paragraph does not;
* cognates: French and English share the first four letters of many words (convention, conférence,
  résolution, organisation), and a small table adds common pairs that do not (États/States,
  droits/rights, femmes/women). Weighted by rarity, a translation shares some 40 % of these
  prefixes and another paragraph of the same document some 6 %: the log-likelihood ratio of the
  shared and unshared ones is the strongest evidence there is;
* the paragraph kind (heading, table-row, list-item, text).

A merge (2-1, 1-2) must also find each of its parts in the other side, so that a short paragraph
with no counterpart is left over rather than glued to its neighbour's pair. Leftovers are reported
to the user, so a paragraph is left over only when no pairing is plausible.

The paragraph program runs in a band around the expected path — through the pairs that features
found once in each document pin down, in proportion to lengths between them — and is widened and
rerun where the best path touches the band's edge: near-linear time, pure Python.

In parts: align_units.py (what is compared of a paragraph or sentence, and the rarity weights),
align_costs.py (what a pairing costs, and its confidence), align_program.py (the dynamic program
and its band); this module holds the two steps and the public functions.
"""

from __future__ import annotations

import math

from ..named_tuples import NamedTuple
from .align_costs import cost_model, pair_confidence
from .align_program import PARAGRAPH_MOVES, SENTENCE_MOVES, banded, program
from .align_units import cognate_table, rarity_weights, unit, weigh
from .model import Document
from .segment import parse_label, sentences


class Piece(NamedTuple):
    paragraph: int  # index into Document.paragraphs
    start: int  # span in that paragraph's clean text
    end: int


class Alignment(NamedTuple):
    source: tuple[Piece, ...]  # empty when a target piece has no source (0-1)
    target: tuple[Piece, ...]  # empty when a source piece has no target (1-0)
    score: float  # confidence 0..1 (length agreement and shared anchors); 0 for a leftover


def _bounds(fr_s: bool, fr_t: bool) -> tuple[float, float]:
    """Plausible target/source length ratios: English runs 0.72-1.1 times the French."""
    if fr_s:
        return 0.72, 1.1
    if fr_t:
        return 1 / 1.1, 1 / 0.72
    return 0.5, 2.0


def _ratio(ls: int, lt: int, bounds: tuple[float, float] = (0.5, 2.0)) -> float:
    if ls <= 0 or lt <= 0:
        return 1.0
    return min(bounds[1], max(bounds[0], lt / ls))


def _french_sides(source_lang: str, target_lang: str) -> tuple[bool, bool]:
    """Which side goes through the French-English table (cognates are compared in English)."""
    fr_s = (source_lang or "").lower()[:2] == "fr"
    fr_t = (target_lang or "").lower()[:2] == "fr"
    return fr_s and not fr_t, fr_t and not fr_s


class _Context(NamedTuple):
    ratio: float
    weights: tuple[dict[str, float], dict[str, float]]
    french: tuple[bool, bool]


def _align_paragraphs(source: Document, target: Document, source_lang: str, target_lang: str):
    table = cognate_table()
    fr_s, fr_t = _french_sides(source_lang, target_lang)
    S = [unit(p.text, p.kind, fr_s, table) for p in source.paragraphs]
    T = [unit(p.text, p.kind, fr_t, table) for p in target.paragraphs]
    bounds = _bounds(fr_s, fr_t)
    ratio = _ratio(sum(u.length for u in S), sum(u.length for u in T), bounds)
    weights = rarity_weights(S, T)
    S, T = weigh(S, weights[1]), weigh(T, weights[1])
    model = cost_model(ratio, weights, sentence=False)
    steps, widths = banded(S, T, model, PARAGRAPH_MOVES)
    # A paragraph left untranslated skews the totals (much so in a short document): estimate the
    # ratio again from the pairs found, and align again if it moved.
    pairs = [(S[i0].length, T[j0].length) for i0, i1, j0, j1, _ in steps if i1 - i0 == 1 and j1 - j0 == 1]
    if len(pairs) >= 2:
        again = _ratio(sum(a for a, _ in pairs), sum(b for _, b in pairs), bounds)
        if abs(math.log(again / ratio)) > 0.03:
            ratio = again
            model = model._replace(ratio=ratio)
            steps, _ = banded(S, T, model, PARAGRAPH_MOVES, widths=widths)
    out = []
    for i0, i1, j0, j1, confidence in steps:
        src = tuple(Piece(i, 0, len(source.paragraphs[i].text)) for i in range(i0, i1))
        tgt = tuple(Piece(j, 0, len(target.paragraphs[j].text)) for j in range(j0, j1))
        out.append(Alignment(src, tgt, confidence if src and tgt else 0.0))
    return out, _Context(ratio, weights, (fr_s, fr_t))


def align_paragraphs(source: Document, target: Document, source_lang: str, target_lang: str) -> list[Alignment]:
    """Paragraph alignment only: every piece a whole paragraph."""
    return _align_paragraphs(source, target, source_lang, target_lang)[0]


def _spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans, a lone leading label ("12.", "a)") joined to the sentence it numbers."""
    spans = sentences(text)
    if len(spans) >= 2:
        a, b = spans[0]
        label = parse_label(text)
        if label is not None and b <= label.end:
            spans[0:2] = [(a, spans[1][1])]
    return spans or [(0, len(text))]


_Spans = tuple[tuple[int, int], ...]


def align_sentences(source_text: str, target_text: str, source_lang: str,
                    target_lang: str) -> list[tuple[_Spans, _Spans, float]]:
    """Sentence alignment of one paragraph and its translation: (source spans, target spans,
    confidence) in order; a leftover sentence has the other side empty and confidence 0."""
    return _align_sentences(source_text, target_text, _spans(source_text), _spans(target_text),
                            _french_sides(source_lang, target_lang), None)


def _align_sentences(source_text: str, target_text: str, ss: list[tuple[int, int]], ts: list[tuple[int, int]],
                     french: tuple[bool, bool], context: _Context | None) -> list[tuple[_Spans, _Spans, float]]:
    table = cognate_table()
    fr_s, fr_t = french
    S = [unit(source_text[a:b], "text", fr_s, table) for a, b in ss]
    T = [unit(target_text[a:b], "text", fr_t, table) for a, b in ts]
    own = _ratio(sum(u.length for u in S), sum(u.length for u in T), _bounds(fr_s, fr_t))
    if context is None:
        weights = rarity_weights(S, T)
        ratio = own
    else:
        # The document's weights know which words are rare; the pair's own ratio is exact for the
        # whole, the document's keeps an odd pair honest.
        weights = context.weights
        ratio = math.sqrt(own * context.ratio)
    S, T = weigh(S, weights[1]), weigh(T, weights[1])
    model = cost_model(ratio, weights, sentence=True)
    if len(S) == 1 and len(T) == 1:
        return [(tuple(ss), tuple(ts), pair_confidence(S[0], T[0], model))]
    steps = program(S, T, model, SENTENCE_MOVES, [0] * (len(S) + 1), [len(T)] * (len(S) + 1))
    return [(tuple(ss[i0:i1]), tuple(ts[j0:j1]), c if i1 > i0 and j1 > j0 else 0.0) for i0, i1, j0, j1, c in steps]


def align(source: Document, target: Document, source_lang: str, target_lang: str) -> list[Alignment]:
    """Align a source document with its translation, in document order.

    Every sentence of either document is in exactly one alignment: sentence pairs inside paragraphs
    aligned 1-1, whole paragraphs for 2-1 and 1-2 paragraph groups and for table rows, and leftovers
    (one side empty, score 0) for a paragraph or sentence with no counterpart.
    """
    paragraphs, context = _align_paragraphs(source, target, source_lang, target_lang)
    out: list[Alignment] = []
    for a in paragraphs:
        if len(a.source) == 1 and len(a.target) == 1:
            i, j = a.source[0].paragraph, a.target[0].paragraph
            sp, tp = source.paragraphs[i], target.paragraphs[j]
            if sp.kind == "table-row" or tp.kind == "table-row":
                out.append(a)  # a row is its cells, not sentences
                continue
            ss, ts = _spans(sp.text), _spans(tp.text)
            if len(ss) == 1 and len(ts) == 1:  # one sentence a side: the paragraphs' pairing
                out.append(Alignment((Piece(i, *ss[0]),), (Piece(j, *ts[0]),), a.score))
                continue
            for ss, ts, confidence in _align_sentences(sp.text, tp.text, ss, ts, context.french, context):
                out.append(Alignment(tuple(Piece(i, x, y) for x, y in ss),
                                     tuple(Piece(j, x, y) for x, y in ts), confidence))
        else:
            out.append(a)
    return out
