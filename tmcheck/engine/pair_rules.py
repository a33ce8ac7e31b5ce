"""The rules run over a source and its translation: on a large file, the rules that judge each
segment alone run slice by slice in several processes; where a pair rule and a draft rule flag
the same text for the same family, the pair rule's finding is kept; and a title the translation
writes almost right is reported once, by TM302 at its words."""

from __future__ import annotations

import bisect

from ..facts.analysis import PairAnalysis
from ..findings import Finding
from .slices import judged_in_slices

# A file this large has its segment-local rules judged by as many processes as there are cores.
PARALLEL_PAIRS = 1500
# The processes take slices of this many pairs in turn, so that they finish together whatever
# each slice costs; setting up a slice costs about a millisecond.
SLICE_PAIRS = 200


def run_rules(pa, rules, glossary, options) -> list[Finding]:
    """Run the rules over a source and its translation; on a large file, the rules that judge each
    segment alone run slice by slice in several processes (engine.slices). The findings are the
    same either way, and in the same order."""
    bitext = pa.bitext
    if len(bitext.pairs) >= PARALLEL_PAIRS:
        for doc in (bitext.source, bitext.target):
            doc.line_starts  # found once here, not again in each slice's copy of the document
    return judged_in_slices(pa, rules, len(bitext.pairs), PARALLEL_PAIRS, SLICE_PAIRS,
                            lambda a, b: _slice_analysis(pa, a, b, glossary, options), _judge)


def _judge(analysis, rule_classes) -> list[Finding]:
    out: list[Finding] = []
    for rule_class in rule_classes:
        out.extend(rule_class().check(analysis if rule_class.scope == "pair" else analysis.target))
    return out


def prefer_pair_findings(found: list[Finding], rules) -> list[Finding]:
    """Where a rule that compares with the source and a rule that reads the translation alone flag
    the same text for the same family (TM205 "the month differs from the source's" and TM201 "this
    weekday does not match this date"), the source knows better: keep its finding only."""
    pair_codes = {r.code for r in rules if r.scope == "pair"}
    by_family: dict[tuple[str, str], list[Finding]] = {}
    for f in found:
        if f.code in pair_codes:
            by_family.setdefault((f.code[:3], f.span.path), []).append(f)
    if not by_family:
        return found

    def start(f: Finding):
        return f.span.start.line, f.span.start.column

    def end(f: Finding):
        return f.span.end.line, f.span.end.column

    # Each family's pair findings by start, with the furthest end reached so far: a finding
    # overlaps one of them when one that starts before its end reaches past its start (a look-up
    # by bisection, not a pass over every pair finding for every finding).
    index = {}
    for key, group in by_family.items():
        group.sort(key=start)
        reach, furthest = [], None
        for p in group:
            furthest = end(p) if furthest is None else max(furthest, end(p))
            reach.append(furthest)
        index[key] = ([start(p) for p in group], reach)

    def overlapped(f: Finding) -> bool:
        starts, reach = index.get((f.code[:3], f.span.path), ((), ()))
        k = bisect.bisect_left(starts, end(f))  # the pair findings that start before f ends
        return k > 0 and reach[k - 1] > start(f)

    return [f for f in found if f.code in pair_codes or not overlapped(f)]


def one_finding_per_title_slip(found: list[Finding]) -> list[Finding]:
    """A title the translation writes almost right is one slip, which two rules see: TM302 at the
    near miss ("Islamic State of Iraq and the Levant"), and TM403 over the translation, since the
    official title of the source's does not stand in it. Keep TM302's, which points at the words
    and fixes them: a TM403 finding whose suggestion a TM302 finding inside its span makes."""
    near: dict[tuple[str, str], list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    for f in found:
        if f.code == "TM302" and f.suggestion:
            s = f.span
            near.setdefault((s.path, f.suggestion), []).append(((s.start.line, s.start.column), (s.end.line, s.end.column)))
    if not near:
        return found
    for spans in near.values():
        spans.sort()

    def covered(f: Finding) -> bool:
        # The TM302 findings of the same fix that start inside the span (found by bisection: a
        # file of many segments with the same slip is not read once per finding).
        s = f.span
        start, end = (s.start.line, s.start.column), (s.end.line, s.end.column)
        spans = near.get((s.path, f.suggestion), ())
        k = bisect.bisect_left(spans, (start,))
        while k < len(spans) and spans[k][0] < end:
            if spans[k][1] <= end:
                return True
            k += 1
        return False

    return [f for f in found if f.code != "TM403" or not covered(f)]


def _slice_analysis(pa: PairAnalysis, a: int, b: int, glossary, options):
    """The analysis of pairs a to b alone, each side restricted to the paragraphs of those pairs
    (paragraph indices kept: analyses key on them), each side's whole that of ``pa``."""
    bitext = pa.bitext
    # documents.pairs only for a pair file, copy only for a file checked in slices (start-up cost)
    import copy

    from ..documents.pairs import Bitext

    pairs = bitext.pairs[a:b]
    sides = []
    for doc, attr in ((bitext.source, "source"), (bitext.target, "target")):
        keep = {id(piece.paragraph): piece.paragraph for pair in pairs for piece in getattr(pair, attr)}
        view = copy.copy(doc)
        view.paragraphs = sorted(keep.values(), key=lambda p: p.index)
        sides.append(view)
    part = PairAnalysis(Bitext(sides[0], sides[1], pairs, bitext.source_lang, bitext.target_lang), glossary, options)
    part.source.whole, part.target.whole = pa.source, pa.target  # see Analysis.document_memo
    return part
