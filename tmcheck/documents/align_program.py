"""The aligner's dynamic program (documents/align.py): the best path of moves through a band around
the expected path, widened and rerun where the path touches its edge."""

from __future__ import annotations

from bisect import bisect_left
from itertools import repeat

from .align_costs import Model, pair_confidence, pair_cost, pair_cost_x, part_cost
from .align_units import Unit, merge


_Step = tuple[int, int, int, int, float]  # source units [i0, i1), target units [j0, j1), confidence
_INF = float("inf")
PARAGRAPH_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
SENTENCE_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))


def program(S: list[Unit], T: list[Unit], model: Model, moves: tuple[tuple[int, int], ...],
            lo: list[int], hi: list[int]) -> list[tuple[int, int, int, int, float]]:
    """Best path through the band lo[i] <= j <= hi[i]; returns (i0, i1, j0, j1, confidence) steps."""
    n, m = len(S), len(T)
    lexw = model.lexw
    merged_s: dict[int, list] = {1: [None] + S}
    merged_t: dict[int, list] = {1: [None] + T}
    for k in {di for di, _ in moves if di > 1}:
        merged_s[k] = [None] * k + [merge(S[i - k:i], lexw) for i in range(k, n + 1)]
    for k in {dj for _, dj in moves if dj > 1}:
        merged_t[k] = [None] * k + [merge(T[j - k:j], lexw) for j in range(k, m + 1)]
    priors = {(1, 1): model.prior11, (2, 1): model.prior21, (1, 2): model.prior21, (2, 2): model.prior22,
              (3, 1): model.prior31, (1, 3): model.prior31}
    pairs = [(k, di, dj, priors[(di, dj)], merged_s[di], merged_t[dj])
             for k, (di, dj) in enumerate(moves) if di and dj]
    skips = [(k, di, dj) for k, (di, dj) in enumerate(moves) if not (di and dj)]
    skip = model.prior10
    cost, back = _tables(lo, hi)
    cost_of = pair_cost  # a local name: the inner loop's lookups
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
                c = prev + prior + cost_of(ms[i], mt[j], model)
                if c < best:
                    best, how = c, k
            row[j - li], brow[j - li] = best, how
    return _backtrack(back, lo, moves, merged_s, merged_t, model, n, m)


class _Pairs:
    """What the paragraph program needs of S and T, computed once however often the band widens:
    the merged neighbours, and every pair's cost once asked for."""

    __slots__ = ("S", "T", "model", "MS", "MT", "common_s", "common_t", "xs", "costs", "stride")

    def __init__(self, S: list[Unit], T: list[Unit], model: Model):
        n, m = len(S), len(T)
        lexw = model.lexw
        self.S, self.T, self.model = S, T, model
        self.MS = [None, None] + [merge(S[i - 2:i], lexw) for i in range(2, n + 1)]
        self.MT = [None, None] + [merge(T[j - 2:j], lexw) for j in range(2, m + 1)]
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
            c = model.prior11 + pair_cost_x(S[i - 1], T[j - 1], x_of(i - 1, j - 1), model)
        elif move == 4:  # 1-2
            s_, a, b = S[i - 1], T[j - 2], T[j - 1]
            xa, xb = x_of(i - 1, j - 2), x_of(i - 1, j - 1)
            x = xa + xb
            common = self.common_t[j]
            if xa and xb and common:
                x -= sum(map(model.lexw.get, common & s_.lex, repeat(1.0)))
            c = (model.prior21 + pair_cost_x(s_, self.MT[j], x, model)
                 + part_cost(xa, a.nw, a.anchors, s_, model) + part_cost(xb, b.nw, b.anchors, s_, model))
        else:  # 2-1
            t_, a, b = T[j - 1], S[i - 2], S[i - 1]
            xa, xb = x_of(i - 2, j - 1), x_of(i - 1, j - 1)
            x = xa + xb
            common = self.common_s[i]
            if xa and xb and common:
                x -= sum(map(model.lexw.get, common & t_.lex, repeat(1.0)))
            c = (model.prior21 + pair_cost_x(self.MS[i], t_, x, model)
                 + part_cost(xa, a.nw, a.anchors, t_, model) + part_cost(xb, b.nw, b.anchors, t_, model))
        self.costs[key] = c
        return c


def _paragraph_program(pairs: _Pairs, lo: list[int], hi: list[int]) -> list[tuple[int, int, int, int, float]]:
    """The program for moves 1-1, 1-0, 0-1, 2-1 and 1-2 (as :func:`program`, in half the time:
    a merge reuses the shared prefixes of the pairs it contains)."""
    S, T, model = pairs.S, pairs.T, pairs.model
    n, m = len(S), len(T)
    skip = model.prior10
    pair_cost = pairs.cost
    cost, back = _tables(lo, hi)
    # moves: 0 = 1-1, 1 = 1-0, 2 = 0-1, 3 = 2-1, 4 = 1-2 (as PARAGRAPH_MOVES)
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
    return _backtrack(back, lo, PARAGRAPH_MOVES, units_s, units_t, model, n, m)


def _tables(lo: list[int], hi: list[int]) -> tuple[list[list[float]], list[list[int]]]:
    """The cost and back-pointer tables of a banded program, row i holding columns lo[i]..hi[i]."""
    cost = [[_INF] * (hi[i] - lo[i] + 1) for i in range(len(lo))]
    back = [[-1] * (hi[i] - lo[i] + 1) for i in range(len(lo))]
    cost[0][0 - lo[0]] = 0.0
    return cost, back


def _backtrack(back, lo, moves, units_s, units_t, model: Model, n: int, m: int) -> list[tuple[int, int, int, int, float]]:
    """The best path from the end of the table back to its start, as (i0, i1, j0, j1, confidence)."""
    steps: list[tuple[int, int, int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = back[i][j - lo[i]]
        if k < 0:
            raise RuntimeError("alignment band lost the path")  # pragma: no cover
        di, dj = moves[k]
        confidence = pair_confidence(units_s[di][i], units_t[dj][j], model) if di and dj else 0.0
        steps.append((i - di, i, j - dj, j, confidence))
        i, j = i - di, j - dj
    steps.reverse()
    return steps


def _chain(S: list[Unit], T: list[Unit]) -> list[tuple[int, int]]:
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


def _diagonal(S: list[Unit], T: list[Unit]) -> tuple[list[int], list[tuple[int, int] | None]]:
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


def banded(S: list[Unit], T: list[Unit], model: Model, moves: tuple[tuple[int, int], ...],
           width: int = 4, widths: list[int] | None = None) -> tuple[list[_Step], list[int]]:
    """The program in a band around the expected path; where the best path touches the band's
    edge, the band is widened there (three times, then three times again...) and the program rerun."""
    n, m = len(S), len(T)
    full = max(n, m)
    center, box = _diagonal(S, T) if full > width else (None, None)
    widths = widths or [width] * (n + 1)
    pairs = _Pairs(S, T, model) if moves == PARAGRAPH_MOVES else None
    while True:
        if center is None:
            lo, hi = [0] * (n + 1), [m] * (n + 1)
        else:
            lo, hi = _band(center, box, m, widths)
        if pairs is not None:
            steps = _paragraph_program(pairs, lo, hi)
        else:
            steps = program(S, T, model, moves, lo, hi)
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
