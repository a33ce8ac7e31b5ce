"""What a pairing costs the aligner (documents/align.py): the disagreement of lengths (Gale and
Church), shared and one-sided anchors, the log-likelihood ratio of shared cognate prefixes, the
parts of a merge the other side does not contain; the priors of each move; and the confidence
reported for a pair."""

from __future__ import annotations

import math
from itertools import repeat
from math import erfc, log, sqrt

from ..named_tuples import NamedTuple
from .align_units import Unit


_S2 = 6.8  # Gale and Church's variance of the length ratio, per character
_SQRT2 = math.sqrt(2.0)
_SQRT_HALF = math.sqrt(0.5)
_S2_HALF = _S2 / 2.0


class Model(NamedTuple):
    ratio: float  # target length / source length
    weights: dict[str, float]  # anchor -> weight (rarer is heavier)
    lexw: dict[str, float]  # cognate prefix -> weight (rarer is heavier)
    prior11: float
    prior10: float  # cost of a leftover
    prior21: float
    prior22: float
    prior31: float
    part: float  # cost of a merged part the other side does not contain


_KIND = 2.5  # kinds differ
_ANCHOR = 3.0  # per shared anchor of weight 1
_ANCHOR_CAP = 9.0
_ONE_SIDED = 0.6  # per number or symbol of weight 1 on one side only
_ONE_SIDED_CAP = 3.0
_LABEL_CONFLICT = 2.5
# Cognate prefixes, weighted by rarity: a translation shares some 40 % of them (weighted, on the
# two sides' mean), another paragraph of the same document some 6 %. Log-likelihood ratio per
# shared prefix and per prefix not shared:
_LEX_HIT = math.log(0.40 / 0.06)
_LEX_MISS = math.log(0.94 / 0.60)
_LEX_CAP = 6.0  # few shared prefixes never outweigh a plausible pairing on their own
_PART = 4.0  # a merged part that the other side does not contain
_PART_COVER = 0.2
_PART_SENTENCE = 1.0
_P_SKIP = 0.01  # prior of a paragraph left untranslated (each side)
_P_MERGE = 0.05  # prior of two paragraphs translated by one (each way)


def _shared(s: Unit, t: Unit, lexw: dict[str, float]) -> float:
    """Total weight of the cognate prefixes ``s`` and ``t`` share."""
    if s.nw <= 0 or t.nw <= 0:
        return 0.0
    return sum(map(lexw.get, s.lex & t.lex, repeat(1.0)))


def pair_cost_x(s: Unit, t: Unit, x: float, model: Model) -> float:
    """The cost of pairing ``s`` with ``t`` that share prefixes of weight ``x``, merged parts aside
    (the program's inner loop: kept lean)."""
    ls, lt, ratio = s.length, t.length, model.ratio
    mean = ls + lt / ratio
    if mean > 0:
        z = abs(lt - ls * ratio) / sqrt(_S2_HALF * mean)
        p = erfc(z * _SQRT_HALF)
        cost = 0.5 * z * z + 1.0 if p < 1e-30 else -log(p)
    else:
        cost = 0.0
    if s.kind != t.kind:
        cost += _KIND
    sa, ta = s.anchors, t.anchors
    if not (sa or ta):
        pass
    elif sa and ta:
        shared = sa & ta
        w = model.weights
        if shared:
            bonus = _ANCHOR * sum(map(w.get, shared, repeat(1.0)))
            cost -= bonus if bonus < _ANCHOR_CAP else _ANCHOR_CAP
        only = 0.0
        for a in sa ^ ta:
            if a[0] != "L":
                only += w.get(a, 1.0)
        only *= _ONE_SIDED
        cost += only if only < _ONE_SIDED_CAP else _ONE_SIDED_CAP
        if s.labels and t.labels and not (s.labels & t.labels):
            cost += _LABEL_CONFLICT
    else:
        w = model.weights
        only = 0.0
        for a in sa or ta:
            if a[0] != "L":
                only += w.get(a, 1.0)
        only *= _ONE_SIDED
        cost += only if only < _ONE_SIDED_CAP else _ONE_SIDED_CAP
    if s.nw > 0 and t.nw > 0:
        # Log-likelihood ratio of the shared cognate prefixes against a paragraph of the same
        # document that is not the translation.
        mean = (s.nw + t.nw) * 0.5
        if x > mean:
            x = mean
        llr = _LEX_HIT * x - _LEX_MISS * (mean - x)
        cost -= llr if llr > -_LEX_CAP else -_LEX_CAP
    return cost


def pair_cost(s: Unit, t: Unit, model: Model) -> float:
    cost = pair_cost_x(s, t, _shared(s, t, model.lexw), model)
    if len(s.parts) > 1:
        cost += _uncovered(s, t, model)
    if len(t.parts) > 1:
        cost += _uncovered(t, s, model)
    return cost


def part_cost(x: float, nw: float, anchors: frozenset[str], other: Unit, model: Model) -> float:
    """Cost of one part of a merge sharing prefixes of weight ``x`` with the other side."""
    if nw <= 0 or other.nw <= 0:
        return 0.0
    cover = x / nw
    if cover >= _PART_COVER:
        return 0.0
    if anchors and other.anchors:
        pinned = 0.0
        w = model.weights
        for a in anchors & other.anchors:
            if a[0] != "L":
                pinned += w.get(a, 1.0)
        if pinned >= 0.5:
            return 0.0
    return model.part * (1.0 - cover / _PART_COVER) * min(1.0, nw / 1.5)


def _uncovered(merged: Unit, other: Unit, model: Model) -> float:
    """Cost of the parts of a merge that ``other`` does not seem to translate."""
    cost = 0.0
    lexw = model.lexw
    for lex, nw, anchors in merged.parts:
        x = sum(map(lexw.get, lex & other.lex, repeat(1.0))) if nw > 0 and other.nw > 0 else 0.0
        cost += part_cost(x, nw, anchors, other, model)
    return cost


def pair_confidence(s: Unit, t: Unit, model: Model) -> float:
    """0..1: how sure the pairing is, from length agreement, shared anchors and cognates."""
    ls, lt, ratio = s.length, t.length, model.ratio
    mean = (ls + lt / ratio) * 0.5
    p = erfc(abs(lt - ls * ratio) / math.sqrt(_S2 * mean) / _SQRT2) if mean > 0 else 1.0
    evidence = 0.0
    if s.anchors or t.anchors:
        shared = sum(model.weights.get(a, 1.0) for a in s.anchors & t.anchors)
        only = sum(model.weights.get(a, 1.0) for a in s.anchors ^ t.anchors if a[0] != "L")
        if shared:
            evidence = shared / (shared + only)
    if s.nw > 0 and t.nw > 0:
        x = sum(model.lexw.get(q, 1.0) for q in s.lex & t.lex)
        rate = min(1.0, 2.0 * x / (s.nw + t.nw) / 0.3)
        evidence = 1.0 - (1.0 - evidence) * (1.0 - rate)
    elif not evidence:
        evidence = 0.5
    if (len(s.parts) > 1 and _uncovered(s, t, model) > 0) or (len(t.parts) > 1 and _uncovered(t, s, model) > 0):
        evidence *= 0.5
    return max(0.0, min(1.0, 0.4 * math.sqrt(p) + 0.6 * evidence))


def cost_model(ratio: float, weights: tuple[dict[str, float], dict[str, float]], sentence: bool) -> Model:
    if sentence:
        # Gale and Church's priors. Inside a paragraph and its translation a sentence is far more
        # often split or joined than dropped: a fragment with no cognates still joins its neighbour.
        return Model(ratio, weights[0], weights[1], -math.log(0.89), -math.log(0.005), -math.log(0.0445),
                      -math.log(0.011), -math.log(0.003), _PART_SENTENCE)
    # A paragraph is almost always translated by one paragraph.
    return Model(ratio, weights[0], weights[1], -math.log(0.94), -math.log(_P_SKIP), -math.log(_P_MERGE),
                  -math.log(0.001), -math.log(0.001), _PART)
