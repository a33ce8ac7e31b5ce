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
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from itertools import repeat
from math import erfc, log, sqrt
from typing import NamedTuple

from .folding import fold_text
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


# --- features ----------------------------------------------------------------------------------

_SYMBOL = re.compile(r"[A-Za-z0-9][\w.()-]*(?:/[\w.()-]+)+")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+|[ \u00a0\u202f]\d{3}(?!\d))*")
_WORD = re.compile(r"[^\W\d_]{4,}")
_TABLE_LABEL = re.compile(r"\s*(\d{1,2})\s*\(?([a-z])\)(?=\s|$)")




# French words whose English translation does not begin with the same four letters, among the
# commonest of UN documents. Folded (no accents, lower case); both sides are cut to four letters.
_FR_EN = """
etat:state etats:states droit:right droits:rights droit:law homme:human hommes:human femme:women
femmes:women œuvre:implementation enfant:child enfants:children fille:girl filles:girls pays:country pays:countries
conseil:council securite:security assemblee:assembly rapport:report travail:work travaux:work
groupe:group paix:peace mise:implementation oeuvre:implementation annee:year annees:years
mois:month jour:day jours:days gouvernement:government gouvernements:governments comite:committee
mesure:measure mesures:measures sante:health lutte:combat lutte:fight contre:against
pauvrete:poverty victime:victim enquete:investigation appui:support aide:assistance aide:aid
fonds:fund ressources:resources besoins:needs besoin:need ordre:agenda point:item seance:meeting
reunion:meeting reunions:meetings traite:treaty traite:trafficking armes:weapons arme:weapon
nucleaire:nuclear nucleaires:nuclear desarmement:disarmament mondial:global mondiale:global
monde:world donnees:data bureau:office nouveau:new nouvelle:new premier:first premiere:first
deuxieme:second troisieme:third quatrieme:fourth cinquieme:fifth sixieme:sixth septieme:seventh
huitieme:eighth neuvieme:ninth dixieme:tenth unies:united nations:nations secretaire:secretary
general:general generale:general personnes:persons trafic:trafficking drogue:drug drogues:drugs
eau:water terre:land jeunes:young jeunes:youth agees:older handicapees:disabilities
handicap:disability autochtones:indigenous emploi:employment marche:market marches:markets
echange:exchange echanges:exchanges croissance:growth entreprises:enterprises entreprise:business
prise:taking compte:account cadre:framework plan:plan objectif:goal objectifs:goals cible:target
cibles:targets durable:sustainable durables:sustainable changements:change changement:change
climatiques:climate climatique:climate egalite:equality sexes:gender genre:gender reseau:network
reseaux:networks societe:society civile:civil membres:members membre:member partenaires:partners
partenariat:partnership renforcement:strengthening renforcer:strengthen capacites:capacity
capacite:capacity elaboration:development elaborer:develop fourniture:provision fournir:provide
prevention:prevention prevenir:prevent reduction:reduction reduire:reduce risque:risk risques:risks
catastrophes:disaster catastrophe:disaster niveau:level niveaux:levels echelle:scale
chef:head chefs:heads declaration:declaration observations:comments observation:observation
dispositions:provisions disposition:provision loi:law lois:laws projet:draft projets:projects
examen:review examiner:consider etude:study etudes:studies enseignement:education ecole:school
ecoles:schools soins:care logement:housing securitaire:security alimentaire:food alimentation:food
paragraphe:paragraph paragraphes:paragraphs annexe:annex presente:present present:present
suite:follow donner:give donnee:given tenue:held tenu:held decide:decided prie:requests
engage:urges invite:invites souligne:stresses note:notes prend:takes rappelant:recalling
rappelle:recalls reaffirmant:reaffirming considerant:considering notant:noting sachant:aware
consciente:conscious soulignant:stressing accueille:welcomes felicite:commends exprime:expresses
"""


def _fr_en_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for item in _FR_EN.split():
        fr, en = item.split(":")
        a, b = fr[:4], en[:4]
        if a != b and len(en) >= 4:
            table.setdefault(a, set()).add(b)
    return {k: frozenset(v) for k, v in table.items()}


_TABLE: dict[str, frozenset[str]] | None = None


class _Unit(NamedTuple):
    """What the program compares of a paragraph, a sentence, or several merged."""

    length: int
    kind: str
    anchors: frozenset[str]  # "S..." symbols, "N..." numbers, "L..." labels
    labels: frozenset[str]  # the leading label(s), for conflicts
    lex: frozenset[str]  # cognate prefixes (the French side's also translated through the table)
    own: frozenset[str]  # the prefixes of the text itself
    nw: float  # their total weight (filled in once the weights are known)
    parts: tuple[tuple[frozenset[str], float, frozenset[str]], ...]  # (lex, nw, anchors) of each merged part


def _labels(text: str, kind: str) -> set[str]:
    found: set[str] = set()
    cells = text.split("\t") if kind == "table-row" else [text]
    for cell in cells:
        label = parse_label(cell)
        if label is not None:
            if label.number is not None or label.letter:
                found.add(f"L{label.number if label.number is not None else ''}{label.letter or ''}")
            else:
                head = cell.lstrip().split(".", 1)[0]
                found.add("L" + head)
            continue
        m = _TABLE_LABEL.match(cell)
        if m:
            found.add(f"L{m.group(1)}{m.group(2)}")
    return found


def _unit(text: str, kind: str, french: bool, table: dict[str, frozenset[str]]) -> _Unit:
    anchors: set[str] = set()
    if "/" in text:
        def symbol(m: re.Match) -> str:
            tok = m.group(0).rstrip(".,;:)(-")
            if any(c.isdigit() for c in tok):
                anchors.add("S" + tok.upper())
                return " "
            return m.group(0)
        rest = _SYMBOL.sub(symbol, text)
    else:
        rest = text
    for m in _NUMBER.finditer(rest):
        digits = "".join(c for c in m.group(0) if c.isdigit()).lstrip("0") or "0"
        anchors.add("N" + digits)
    labels = _labels(text, kind)
    anchors.update(labels)
    own = frozenset(w[:4] for w in _WORD.findall(fold_text(text)))
    lex = own
    if french and own:
        extra = [table[w] for w in own if w in table]
        if extra:
            lex = own.union(*extra)
    return _Unit(len(text), kind, frozenset(anchors), frozenset(labels), lex, own, 0.0, ())


def _weigh(units: list[_Unit], lexw: dict[str, float]) -> list[_Unit]:
    out = []
    for u in units:
        nw = sum(lexw.get(p, 1.0) for p in u.own)
        out.append(u._replace(nw=nw, parts=((u.lex, nw, u.anchors),)))
    return out


def _merge(units: list[_Unit], lexw: dict[str, float]) -> _Unit:
    first = units[0]
    if len(units) == 2:
        second = units[1]
        own = first.own | second.own
        common = first.own & second.own
        nw = first.nw + second.nw - (sum(map(lexw.get, common, repeat(1.0))) if common else 0.0)
        return _Unit(first.length + second.length + 1,
                     first.kind if first.kind == second.kind else "mixed",
                     first.anchors | second.anchors, first.labels, first.lex | second.lex, own, nw,
                     first.parts + second.parts)
    kinds = {u.kind for u in units}
    own = frozenset().union(*(u.own for u in units))
    return _Unit(
        sum(u.length for u in units) + len(units) - 1,
        first.kind if len(kinds) == 1 else "mixed",
        frozenset().union(*(u.anchors for u in units)),
        first.labels,
        frozenset().union(*(u.lex for u in units)),
        own,
        sum(lexw.get(p, 1.0) for p in own),
        tuple(p for u in units for p in u.parts),
    )


# --- costs -------------------------------------------------------------------------------------

_S2 = 6.8  # Gale and Church's variance of the length ratio, per character
_SQRT2 = math.sqrt(2.0)
_SQRT_HALF = math.sqrt(0.5)
_S2_HALF = _S2 / 2.0


class _Model(NamedTuple):
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


def _shared(s: _Unit, t: _Unit, lexw: dict[str, float]) -> float:
    """Total weight of the cognate prefixes ``s`` and ``t`` share."""
    if s.nw <= 0 or t.nw <= 0:
        return 0.0
    return sum(map(lexw.get, s.lex & t.lex, repeat(1.0)))


def _cost_x(s: _Unit, t: _Unit, x: float, model: _Model) -> float:
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


def _cost(s: _Unit, t: _Unit, model: _Model) -> float:
    cost = _cost_x(s, t, _shared(s, t, model.lexw), model)
    if len(s.parts) > 1:
        cost += _uncovered(s, t, model)
    if len(t.parts) > 1:
        cost += _uncovered(t, s, model)
    return cost


def _part_cost(x: float, nw: float, anchors: frozenset[str], other: _Unit, model: _Model) -> float:
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


def _uncovered(merged: _Unit, other: _Unit, model: _Model) -> float:
    """Cost of the parts of a merge that ``other`` does not seem to translate."""
    cost = 0.0
    lexw = model.lexw
    for lex, nw, anchors in merged.parts:
        x = sum(map(lexw.get, lex & other.lex, repeat(1.0))) if nw > 0 and other.nw > 0 else 0.0
        cost += _part_cost(x, nw, anchors, other, model)
    return cost


def _confidence(s: _Unit, t: _Unit, model: _Model) -> float:
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


def _weights(source: list[_Unit], target: list[_Unit]) -> tuple[dict[str, float], dict[str, float]]:
    """Weights of anchors and of cognate prefixes: 1 for what one paragraph a side has, less for
    what many have."""
    df_s: dict[str, int] = {}
    df_t: dict[str, int] = {}
    lf_s: dict[str, int] = {}
    lf_t: dict[str, int] = {}
    for units, df, lf in ((source, df_s, lf_s), (target, df_t, lf_t)):
        for u in units:
            for a in u.anchors:
                df[a] = df.get(a, 0) + 1
            for q in u.lex:
                lf[q] = lf.get(q, 0) + 1
    weights: dict[str, float] = {}
    for a in set(df_s) | set(df_t):
        n = max(df_s.get(a, 0), df_t.get(a, 0))
        base = 1.5 if a[0] == "S" else 1.0
        if a[0] == "N" and len(a) <= 2:
            base = 0.5  # a one-digit number says little
        weights[a] = base / n
    total = max(len(source), len(target), 1)
    norm = math.log(1.0 + total)
    lexw: dict[str, float] = {}
    for q in set(lf_s) | set(lf_t):
        n = max(lf_s.get(q, 0), lf_t.get(q, 0))
        lexw[q] = math.log(1.0 + total / n) / norm
    return weights, lexw


# --- the dynamic program -----------------------------------------------------------------------

_Step = tuple[int, int, int, int, float]  # source units [i0, i1), target units [j0, j1), confidence

_INF = float("inf")


def _program(S: list[_Unit], T: list[_Unit], model: _Model, moves: tuple[tuple[int, int], ...],
             lo: list[int], hi: list[int]) -> list[tuple[int, int, int, int, float]]:
    """Best path through the band lo[i] <= j <= hi[i]; returns (i0, i1, j0, j1, confidence) steps."""
    n, m = len(S), len(T)
    lexw = model.lexw
    merged_s: dict[int, list] = {1: [None] + S}
    merged_t: dict[int, list] = {1: [None] + T}
    for k in {di for di, _ in moves if di > 1}:
        merged_s[k] = [None] * k + [_merge(S[i - k:i], lexw) for i in range(k, n + 1)]
    for k in {dj for _, dj in moves if dj > 1}:
        merged_t[k] = [None] * k + [_merge(T[j - k:j], lexw) for j in range(k, m + 1)]
    priors = {(1, 1): model.prior11, (2, 1): model.prior21, (1, 2): model.prior21, (2, 2): model.prior22,
              (3, 1): model.prior31, (1, 3): model.prior31}
    pairs = [(k, di, dj, priors[(di, dj)], merged_s[di], merged_t[dj])
             for k, (di, dj) in enumerate(moves) if di and dj]
    skips = [(k, di, dj) for k, (di, dj) in enumerate(moves) if not (di and dj)]
    skip = model.prior10
    cost, back = _tables(lo, hi)
    pair_cost = _cost
    for i in range(n + 1):
        li = lo[i]
        row, brow = cost[i], back[i]
        for j in range(li, hi[i] + 1):
            if i == 0 and j == 0:
                continue
            best, how = _INF, -1
            for k, di, dj in skips:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                c = cost[pi][pj - lo[pi]] + skip
                if c < best:
                    best, how = c, k
            for k, di, dj, prior, ms, mt in pairs:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                prev = cost[pi][pj - lo[pi]]
                if prev == _INF:
                    continue
                c = prev + prior + pair_cost(ms[i], mt[j], model)
                if c < best:
                    best, how = c, k
            row[j - li], brow[j - li] = best, how
    return _backtrack(back, lo, moves, merged_s, merged_t, model, n, m)


class _Pairs:
    """What the paragraph program needs of S and T, computed once however often the band widens:
    the merged neighbours, and every pair's cost once asked for."""

    __slots__ = ("S", "T", "model", "MS", "MT", "common_s", "common_t", "xs", "costs", "stride")

    def __init__(self, S: list[_Unit], T: list[_Unit], model: _Model):
        n, m = len(S), len(T)
        lexw = model.lexw
        self.S, self.T, self.model = S, T, model
        self.MS = [None, None] + [_merge(S[i - 2:i], lexw) for i in range(2, n + 1)]
        self.MT = [None, None] + [_merge(T[j - 2:j], lexw) for j in range(2, m + 1)]
        self.common_s = [None, None] + [S[i - 2].lex & S[i - 1].lex for i in range(2, n + 1)]
        self.common_t = [None, None] + [T[j - 2].lex & T[j - 1].lex for j in range(2, m + 1)]
        self.xs: dict[int, float] = {}
        self.costs: dict[int, float] = {}
        self.stride = m + 1

    def x(self, i: int, j: int) -> float:
        """Weight of the prefixes S[i] and T[j] share."""
        key = i * self.stride + j
        v = self.xs.get(key)
        if v is None:
            a, b = self.S[i], self.T[j]
            v = sum(map(self.model.lexw.get, a.lex & b.lex, repeat(1.0))) if a.nw > 0 and b.nw > 0 else 0.0
            self.xs[key] = v
        return v

    def cost(self, move: int, i: int, j: int) -> float:
        """Cost of the pairing move (0: 1-1, 3: 2-1, 4: 1-2) that ends at cell (i, j)."""
        key = (i * self.stride + j) * 5 + move
        c = self.costs.get(key)
        if c is not None:
            return c
        S, T, model, x_of = self.S, self.T, self.model, self.x
        if move == 0:
            c = model.prior11 + _cost_x(S[i - 1], T[j - 1], x_of(i - 1, j - 1), model)
        elif move == 4:  # 1-2
            s_, a, b = S[i - 1], T[j - 2], T[j - 1]
            xa, xb = x_of(i - 1, j - 2), x_of(i - 1, j - 1)
            x = xa + xb
            common = self.common_t[j]
            if xa and xb and common:
                x -= sum(map(model.lexw.get, common & s_.lex, repeat(1.0)))
            c = (model.prior21 + _cost_x(s_, self.MT[j], x, model)
                 + _part_cost(xa, a.nw, a.anchors, s_, model) + _part_cost(xb, b.nw, b.anchors, s_, model))
        else:  # 2-1
            t_, a, b = T[j - 1], S[i - 2], S[i - 1]
            xa, xb = x_of(i - 2, j - 1), x_of(i - 1, j - 1)
            x = xa + xb
            common = self.common_s[i]
            if xa and xb and common:
                x -= sum(map(model.lexw.get, common & t_.lex, repeat(1.0)))
            c = (model.prior21 + _cost_x(self.MS[i], t_, x, model)
                 + _part_cost(xa, a.nw, a.anchors, t_, model) + _part_cost(xb, b.nw, b.anchors, t_, model))
        self.costs[key] = c
        return c


def _paragraph_program(pairs: _Pairs, lo: list[int], hi: list[int]) -> list[tuple[int, int, int, int, float]]:
    """The program for moves 1-1, 1-0, 0-1, 2-1 and 1-2 (as :func:`_program`, in half the time:
    a merge reuses the shared prefixes of the pairs it contains)."""
    S, T, model = pairs.S, pairs.T, pairs.model
    n, m = len(S), len(T)
    skip = model.prior10
    pair_cost = pairs.cost
    cost, back = _tables(lo, hi)
    # moves: 0 = 1-1, 1 = 1-0, 2 = 0-1, 3 = 2-1, 4 = 1-2 (as _PARAGRAPH_MOVES)
    for i in range(n + 1):
        li, hi_i = lo[i], hi[i]
        row, brow = cost[i], back[i]
        if i:
            prow, plo, phi = cost[i - 1], lo[i - 1], hi[i - 1]
        if i > 1:
            pprow, pplo, pphi = cost[i - 2], lo[i - 2], hi[i - 2]
        for j in range(li, hi_i + 1):
            best, how = _INF, -1
            if j > li:  # 0-1
                best, how = row[j - 1 - li] + skip, 2
            if i:
                if plo <= j <= phi:  # 1-0
                    c = prow[j - plo] + skip
                    if c < best:
                        best, how = c, 1
                if j and plo <= j - 1 <= phi:  # 1-1
                    prev = prow[j - 1 - plo]
                    if prev < _INF:
                        c = prev + pair_cost(0, i, j)
                        if c < best:
                            best, how = c, 0
                if j > 1 and plo <= j - 2 <= phi:  # 1-2
                    prev = prow[j - 2 - plo]
                    if prev < _INF:
                        c = prev + pair_cost(4, i, j)
                        if c < best:
                            best, how = c, 4
            if i > 1 and j and pplo <= j - 1 <= pphi:  # 2-1
                prev = pprow[j - 1 - pplo]
                if prev < _INF:
                    c = prev + pair_cost(3, i, j)
                    if c < best:
                        best, how = c, 3
            if i == 0 and j == 0:
                continue
            row[j - li], brow[j - li] = best, how
    units_s = {1: [None] + S, 2: pairs.MS}
    units_t = {1: [None] + T, 2: pairs.MT}
    return _backtrack(back, lo, _PARAGRAPH_MOVES, units_s, units_t, model, n, m)


def _tables(lo: list[int], hi: list[int]) -> tuple[list[list[float]], list[list[int]]]:
    """The cost and back-pointer tables of a banded program, row i holding columns lo[i]..hi[i]."""
    cost = [[_INF] * (hi[i] - lo[i] + 1) for i in range(len(lo))]
    back = [[-1] * (hi[i] - lo[i] + 1) for i in range(len(lo))]
    cost[0][0 - lo[0]] = 0.0
    return cost, back


def _backtrack(back, lo, moves, units_s, units_t, model: _Model, n: int, m: int) -> list[tuple[int, int, int, int, float]]:
    """The best path from the end of the table back to its start, as (i0, i1, j0, j1, confidence)."""
    steps: list[tuple[int, int, int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = back[i][j - lo[i]]
        if k < 0:
            raise RuntimeError("alignment band lost the path")  # pragma: no cover
        di, dj = moves[k]
        confidence = _confidence(units_s[di][i], units_t[dj][j], model) if di and dj else 0.0
        steps.append((i - di, i, j - dj, j, confidence))
        i, j = i - di, j - dj
    steps.reverse()
    return steps


def _chain(S: list[_Unit], T: list[_Unit]) -> list[tuple[int, int]]:
    """Pairs (i, j) that a feature found in exactly one paragraph of each side suggests, thinned to
    the longest chain increasing on both sides (a chance match off the path breaks the chain and
    is dropped)."""
    only_s: dict[str, int] = {}
    for i, u in enumerate(S):
        for f in u.anchors | u.lex:
            only_s[f] = -1 if f in only_s else i
    only_t: dict[str, int] = {}
    for j, u in enumerate(T):
        for f in u.anchors | u.lex:
            only_t[f] = -1 if f in only_t else j
    support: dict[tuple[int, int], int] = {}
    for f, i in only_s.items():
        if i >= 0:
            j = only_t.get(f, -1)
            if j >= 0:
                support[(i, j)] = support.get((i, j), 0) + 1
    points = list(support)
    # Longest chain strictly increasing in i and j: sort by i, j descending within one i, then the
    # longest strictly increasing subsequence of j (patience sorting).
    ordered = sorted(points, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []  # tails[k]: smallest j ending a chain of length k + 1
    tail_at: list[int] = []  # index in ordered of that chain's last point
    back = [-1] * len(ordered)
    for n, (_, j) in enumerate(ordered):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        back[n] = tail_at[k - 1] if k else -1
    chain: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.append(ordered[n])
        n = back[n]
    chain.reverse()
    # A translation shares several rare features with its source, a chance match mostly one: a
    # point of one feature far from the rest of the chain (inside an untranslated stretch) goes.
    kept = []
    for k, (i, j) in enumerate(chain):
        if support[(i, j)] == 1:
            near_before = k > 0 and i - chain[k - 1][0] <= 10
            near_after = k + 1 < len(chain) and chain[k + 1][0] - i <= 10
            if not (near_before or near_after):
                continue
        kept.append((i, j))
    return kept


def _diagonal(S: list[_Unit], T: list[_Unit]) -> tuple[list[int], list[tuple[int, int] | None]]:
    """For each source position 0..n, the target position the best path should pass near: through
    the chain of pairs that rare features pin down, in proportion to lengths between them. And
    where two links of the chain enclose a stretch one side lacks (many more paragraphs on one side
    than on the other), the whole rectangle between them: the path crosses it on a slant no
    proportion can guess."""
    n, m = len(S), len(T)
    cum_s = [0]
    for u in S:
        cum_s.append(cum_s[-1] + u.length + 1)
    cum_t = [0]
    for u in T:
        cum_t.append(cum_t[-1] + u.length + 1)
    knots = [(0, 0)] + [(i + 1, j + 1) for i, j in _chain(S, T)]
    if knots[-1][0] < n and knots[-1][1] < m:
        knots.append((n, m))
    center = [m] * (n + 1)
    box: list[tuple[int, int] | None] = [None] * (n + 1)
    for (a_i, a_j), (b_i, b_j) in zip(knots, knots[1:]):
        span_s = cum_s[b_i] - cum_s[a_i]
        span_t = cum_t[b_j] - cum_t[a_j]
        rows, cols = b_i - a_i, b_j - a_j
        lopsided = abs(rows - cols) > 8 and (rows > 2 * cols or cols > 2 * rows) and (rows + 1) * (cols + 1) <= 40000
        for i in range(a_i, b_i + 1):
            share = (cum_s[i] - cum_s[a_i]) / span_s if span_s else 0.0
            goal = cum_t[a_j] + share * span_t
            center[i] = min(max(bisect_left(cum_t, goal - 1e-9, a_j, b_j + 1), a_j), b_j)
            if lopsided:
                box[i] = (a_j, b_j)
    last_i, last_j = knots[-1]
    for i in range(last_i, n + 1):  # after the last knot (it ends one side): straight on
        center[i] = min(m, last_j + (i - last_i))
    return center, box


def _band(center: list[int], box: list[tuple[int, int] | None], m: int,
          widths: list[int]) -> tuple[list[int], list[int]]:
    """For each source position, the target positions within its width of the expected path (and
    within its box, if any)."""
    n = len(center) - 1
    lo = [max(0, c - w) for c, w in zip(center, widths)]
    hi = [min(m, c + w) for c, w in zip(center, widths)]
    for i, b in enumerate(box):
        if b is not None:
            lo[i] = min(lo[i], max(0, b[0] - 1))
            hi[i] = max(hi[i], min(m, b[1] + 1))
    lo[0], hi[n] = 0, m
    for i in range(1, n + 1):
        lo[i] = max(lo[i], lo[i - 1])
    for i in range(n - 1, -1, -1):
        hi[i] = min(hi[i], hi[i + 1])
    for i in range(n + 1):
        if lo[i] > hi[i]:
            lo[i] = hi[i]
    # Consecutive rows must overlap so that every move can reach the next row.
    for i in range(1, n + 1):
        if lo[i] > hi[i - 1] + 1:
            hi[i - 1] = lo[i]
    return lo, hi


def _banded(S: list[_Unit], T: list[_Unit], model: _Model, moves: tuple[tuple[int, int], ...],
            width: int = 4, widths: list[int] | None = None) -> tuple[list[_Step], list[int]]:
    """The program in a band around the expected path; where the best path touches the band's
    edge, the band is widened there (three times, then three times again...) and the program rerun."""
    n, m = len(S), len(T)
    full = max(n, m)
    center, box = _diagonal(S, T) if full > width else (None, None)
    widths = widths or [width] * (n + 1)
    pairs = _Pairs(S, T, model) if moves == _PARAGRAPH_MOVES else None
    while True:
        if center is None:
            lo, hi = [0] * (n + 1), [m] * (n + 1)
        else:
            lo, hi = _band(center, box, m, widths)
        if pairs is not None:
            steps = _paragraph_program(pairs, lo, hi)
        else:
            steps = _program(S, T, model, moves, lo, hi)
        if center is None:
            return steps, widths
        touched = set()
        for i0, i1, j0, j1, _ in steps:
            for i, j in ((i0, j0), (i1, j1)):
                if (j == lo[i] and lo[i] > 0) or (j == hi[i] and hi[i] < m):
                    touched.add(i)
        touched = {i for i in touched if widths[i] < full}
        if not touched:
            return steps, widths
        before = widths[:]
        for i in touched:
            wider = before[i] * 3
            reach = wider * 2
            for k in range(max(0, i - reach), min(n, i + reach) + 1):
                if widths[k] < wider:
                    widths[k] = wider


# --- public ------------------------------------------------------------------------------------

_PARAGRAPH_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
_SENTENCE_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))


def _model(ratio: float, weights: tuple[dict[str, float], dict[str, float]], sentence: bool) -> _Model:
    if sentence:
        # Gale and Church's priors. Inside a paragraph and its translation a sentence is far more
        # often split or joined than dropped: a fragment with no cognates still joins its neighbour.
        return _Model(ratio, weights[0], weights[1], -math.log(0.89), -math.log(0.005), -math.log(0.0445),
                      -math.log(0.011), -math.log(0.003), _PART_SENTENCE)
    # A paragraph is almost always translated by one paragraph.
    return _Model(ratio, weights[0], weights[1], -math.log(0.94), -math.log(_P_SKIP), -math.log(_P_MERGE),
                  -math.log(0.001), -math.log(0.001), _PART)


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


def _table() -> dict[str, frozenset[str]]:
    global _TABLE
    if _TABLE is None:
        _TABLE = _fr_en_table()
    return _TABLE


class _Context(NamedTuple):
    ratio: float
    weights: tuple[dict[str, float], dict[str, float]]
    french: tuple[bool, bool]


def _align_paragraphs(source: Document, target: Document, source_lang: str, target_lang: str):
    table = _table()
    fr_s, fr_t = _french_sides(source_lang, target_lang)
    S = [_unit(p.text, p.kind, fr_s, table) for p in source.paragraphs]
    T = [_unit(p.text, p.kind, fr_t, table) for p in target.paragraphs]
    bounds = _bounds(fr_s, fr_t)
    ratio = _ratio(sum(u.length for u in S), sum(u.length for u in T), bounds)
    weights = _weights(S, T)
    S, T = _weigh(S, weights[1]), _weigh(T, weights[1])
    model = _model(ratio, weights, sentence=False)
    steps, widths = _banded(S, T, model, _PARAGRAPH_MOVES)
    # A paragraph left untranslated skews the totals (much so in a short document): estimate the
    # ratio again from the pairs found, and align again if it moved.
    pairs = [(S[i0].length, T[j0].length) for i0, i1, j0, j1, _ in steps if i1 - i0 == 1 and j1 - j0 == 1]
    if len(pairs) >= 2:
        again = _ratio(sum(a for a, _ in pairs), sum(b for _, b in pairs), bounds)
        if abs(math.log(again / ratio)) > 0.03:
            ratio = again
            model = model._replace(ratio=ratio)
            steps, _ = _banded(S, T, model, _PARAGRAPH_MOVES, widths=widths)
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
    table = _table()
    fr_s, fr_t = french
    S = [_unit(source_text[a:b], "text", fr_s, table) for a, b in ss]
    T = [_unit(target_text[a:b], "text", fr_t, table) for a, b in ts]
    own = _ratio(sum(u.length for u in S), sum(u.length for u in T), _bounds(fr_s, fr_t))
    if context is None:
        weights = _weights(S, T)
        ratio = own
    else:
        # The document's weights know which words are rare; the pair's own ratio is exact for the
        # whole, the document's keeps an odd pair honest.
        weights = context.weights
        ratio = math.sqrt(own * context.ratio)
    S, T = _weigh(S, weights[1]), _weigh(T, weights[1])
    model = _model(ratio, weights, sentence=True)
    if len(S) == 1 and len(T) == 1:
        return [(tuple(ss), tuple(ts), _confidence(S[0], T[0], model))]
    steps = _program(S, T, model, _SENTENCE_MOVES, [0] * (len(S) + 1), [len(T)] * (len(S) + 1))
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
