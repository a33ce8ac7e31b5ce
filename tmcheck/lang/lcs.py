"""How alike two texts are, as rapidfuzz measures it (the Indel similarity: twice the longest common
subsequence over the two lengths), and where they agree, computed in Python for the few
comparisons a short draft makes: importing rapidfuzz costs a tenth of its lint.

The longest common subsequence is counted a letter (or word) of ``b`` at a time over a bit vector
of ``a``: Hyyrö's bit-parallel algorithm, as rapidfuzz's own Python fallback
(rapidfuzz.distance.LCSseq_py, MIT) writes it, so that the figures and the alignment are
rapidfuzz's to the last tie (tests/lang/test_lcs.py compares them). A handful of integer
operations a letter, however long ``a`` is.
"""

from __future__ import annotations

import sys

# Comparisons made in Python before rapidfuzz is imported: a short draft makes a few dozen (a
# hundred sentences cost ~4 ms, the import ~10 ms); a long one makes thousands, which rapidfuzz's C
# does forty times quicker.
PYTHON_COMPARISONS = 400
# Nor a text longer than this: each letter costs Python an operation on integers as long as the
# other text, rapidfuzz's C a machine word at a time (a hostile title of a megabyte).
PYTHON_LONGEST = 2000
_compared = 0


def _fuzz(longest: int):
    """rapidfuzz.fuzz once imported (by another rule, or here past PYTHON_COMPARISONS or for a
    text longer than PYTHON_LONGEST), else None."""
    fuzz = sys.modules.get("rapidfuzz.fuzz")
    if fuzz is None and (_compared >= PYTHON_COMPARISONS or longest > PYTHON_LONGEST):
        from rapidfuzz import fuzz  # past the budget: its C pays for its import
    return fuzz


def similarity(a: str, b: str, cutoff: float = 0) -> float:
    """rapidfuzz's ``fuzz.ratio`` of ``a`` and ``b`` (100 times twice their longest common
    subsequence over their lengths), or 0 below ``cutoff``: the same figure from rapidfuzz once
    it is imported, from Python before."""
    global _compared
    fuzz = _fuzz(max(len(a), len(b)))
    if fuzz is not None:
        return fuzz.ratio(a, b, score_cutoff=cutoff)
    _compared += 1
    return _ratio(_masks(a), len(a), b, cutoff)


def best_match(query: str, choices: list[str], cutoff: float) -> tuple[str, float, int] | None:
    """rapidfuzz's ``process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff)``:
    (choice, score, index) of the best, the first on a tie, or None."""
    global _compared
    fuzz = _fuzz(max(len(query), max(map(len, choices), default=0)))
    if fuzz is not None:
        from rapidfuzz import process  # loaded with rapidfuzz.fuzz (asked for that)

        return process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    _compared += len(choices)
    masks = _masks(query)  # once for every choice (the ratio is symmetric)
    best = None
    for i, choice in enumerate(choices):
        score = _ratio(masks, len(query), choice, cutoff)
        if score >= cutoff and (best is None or score > best[1]):
            best = (choice, score, i)
    return best


def _masks(a) -> dict:
    """Each item of ``a`` -> the bits of the places it holds."""
    masks: dict = {}
    bit = 1
    for c in a:
        masks[c] = masks.get(c, 0) | bit
        bit <<= 1
    return masks


# Letters of ``b`` _ratio reads between two looks at whether ``cutoff`` is still within reach.
_STRIDE = 24


def _ratio(masks: dict, n: int, b: str, cutoff: float) -> float:
    """The ratio of the text of length ``n`` whose _masks are ``masks`` and ``b``, or 0 below
    ``cutoff``: given up as soon as the letters of ``b`` left could not bring the LCS up to the
    cutoff (a sentence far from a standard one is read half-way)."""
    total = n + len(b)
    if not total:
        return 100.0
    v = ones = (1 << n) - 1  # the zeros of v, within n bits, count the LCS so far
    need = cutoff * total / 200  # the LCS the cutoff asks
    get = masks.get
    for start in range(0, len(b), _STRIDE):
        # a letter of b that the other text lacks changes nothing: left out in C
        for m in filter(None, map(get, b[start:start + _STRIDE])):
            u = v & m
            v = (v + u) | (v - u)
        left = len(b) - start - _STRIDE
        if left > 0 and n - (v & ones).bit_count() + left < need:
            return 0.0
    score = 200.0 * (n - (v & ones).bit_count()) / total
    return score if score >= cutoff else 0.0


def _matrix(a, b) -> list[int]:
    """The bit vector after each item of ``b``."""
    v = ones = (1 << len(a)) - 1
    get = _masks(a).get
    rows = []
    for c in b:
        u = v & get(c, 0)
        v = ((v + u) | (v - u)) & ones
        rows.append(v)
    return rows


def matches(a, b) -> list[tuple[int, int]]:
    """The pairs (i, j), ascending, of a longest common subsequence of the sequences ``a`` and
    ``b`` (of words, say): rapidfuzz's ``Indel.opcodes`` alignment, read back from the end as it
    reads it, common start and end first; rapidfuzz's own once imported, or for a long text."""
    n, m = len(a), len(b)
    if "rapidfuzz.distance" in sys.modules or max(n, m) > PYTHON_LONGEST:
        from rapidfuzz.distance import Indel  # loaded already, or worth its import

        return [(op.src_start + k, op.dest_start + k) for op in Indel.opcodes(a, b) if op.tag == "equal"
                for k in range(op.src_end - op.src_start)]
    prefix = 0
    while prefix < n and prefix < m and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < n - prefix and suffix < m - prefix and a[n - 1 - suffix] == b[m - 1 - suffix]:
        suffix += 1
    core_a, core_b = a[prefix:n - suffix], b[prefix:m - suffix]
    pairs = []
    if core_a and core_b:
        rows = _matrix(core_a, core_b)
        col, row = len(core_a), len(core_b)
        while row and col:
            if rows[row - 1] >> (col - 1) & 1:  # deletion
                col -= 1
            else:
                row -= 1
                if not (row and not rows[row - 1] >> (col - 1) & 1):  # not an insertion: a match
                    col -= 1
                    pairs.append((prefix + col, prefix + row))
        pairs.reverse()
    return ([(i, i) for i in range(prefix)] + pairs
            + [(n - suffix + k, m - suffix + k) for k in range(suffix)])
