"""TM601: a number of the source that the translation gives differently, or not at all."""

from __future__ import annotations

import re
from typing import Iterator

from ..lang.latin1 import is_latin1, latin1_lower, with_ascii_digits
from ..lang.number_patterns import common, lang_patterns
from ..lang.number_scan import Scan
from ..lang.number_values import canon
from ..lang.numbers import find_numbers, mismatches, pair_by_slot, without_counterpart
from ..lang.text import lowered, lowered_words
from ..facts.analysis import Analysis, PairAnalysis
from ..i18n import _
from .base import ComparisonRule, Difference
from .messages import quoted
from .pair_symbols import references


def _numbers(analysis: Analysis, pieces) -> list[tuple]:
    """(piece, number) for the numbers of the pieces that are not part of a date or a symbol."""
    out = []
    refs = references(analysis, pieces)
    for piece in pieces:
        text = piece.paragraph.text[piece.start:piece.end]
        out.extend((piece, n) for n in find_numbers(text, analysis.lang, _excluded(analysis, piece, refs)))
    return out


def _excluded(analysis: Analysis, piece, refs: list[tuple]) -> list[tuple[int, int]]:
    """The spans of the piece's dates and symbols (``refs``: references() of its pair side), from
    the piece's start."""
    exclude = [m.span for m in analysis.mentions_in(piece.paragraph, piece.start, piece.end)]
    exclude += [(a, b) for q, a, b, _ in refs if q is piece]
    return [(a - piece.start, b - piece.start) for a, b in exclude]


_DIGIT = re.compile(r"\d")


def _no_digit_past_label(pieces) -> bool:
    """Whether a side is one piece with no digit but those of the paragraph number it may open
    with: the first condition of _label_alone, the cheapest, asked of both sides first."""
    if len(pieces) != 1:
        return False
    piece = pieces[0]
    text = piece.paragraph.text[piece.start:piece.end]
    label = common().paragraph.match(text)
    return not _DIGIT.search(text, label.end() if label else 0)


def _label_alone(analysis: Analysis, pieces) -> list[tuple] | None:
    """What _numbers reads in a side that holds no number but perhaps the paragraph number it opens
    with ("61. In the past ...", where the French has no number): [] or that paragraph number,
    which is never compared. None where the side may hold another number, to be read in full.

    Three quarters of the UNPC pairs whose digits differ differ only so. This follows
    find_numbers step by step: the paragraph number (read by the scanner itself), then no digit
    after it, no Roman numeral that may be an ordinal, and none of the words that the pass over
    words needs before it reads anything. Asked only of a side _no_digit_past_label let through
    (one piece, no digit past its label): _compare asks that of both sides first."""
    piece = pieces[0]
    text = piece.paragraph.text[piece.start:piece.end]
    lang = analysis.lang
    label = common().paragraph.match(text)
    if lang == "fr" and common().roman_hint.search(text):
        return None
    low = text.lower()
    words = lang_patterns(lang)
    # cue_words for maybe_words, as the pass over words asks them (lang/number_words.read_words)
    if words.maybe_ordinal.search(low) or not words.cue_words.isdisjoint(lowered_words(text)):
        return None
    if label is None:
        return []  # no digit at all
    scan = Scan(text, lang, _excluded(analysis, piece, references(analysis, pieces)))
    if not scan.paragraph():
        return None  # not a paragraph number there ("15 January ...", a symbol): read in full
    return [(piece, n) for n in scan.out]


def format_number(value: str, lang: str) -> str:
    """'1200.5' as the language writes it: '1,200.5' in English, '1 200,5' in French (UN style)."""
    whole, _, frac = value.partition(".")
    if len(whole) > 4 or (lang == "en" and len(whole) == 4 and not (1800 <= int(whole) <= 2100)):
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        whole = ("," if lang == "en" else "\u00a0").join(groups)
    if frac:
        return whole + ("." if lang == "en" else ",") + frac
    return whole


# A number with its scale word ("$1,731.5 million", "1 731,3 millions"): what comes before the
# figure, the figure, the space, the word.
_SCALED = re.compile(r"(\D*)(\d[\d.,\s\u00a0\u202f]*?)([\s\u00a0\u202f]+)([^\W\d_]+)")


def written_like(value: str, n, lang: str) -> str:
    """``value`` (canonical) as the translation's number ``n`` writes its own: in the language's
    digits, and with the same scale word ("1,731.3 million" where it has "1,731.5 million", not
    "1,731,300,000")."""
    m = _SCALED.fullmatch(n.written)
    if m:
        scale = lang_patterns(lang).scale.get(m.group(4).lower())
        if scale:
            whole, _, frac = value.partition(".")
            mantissa = canon(whole, frac, 1 - len(str(scale)))  # scale words are powers of ten
            figure = format_number(mantissa, lang)
            # Four digits grouped as the translation groups its own ("1 731,3" beside "1 731,5").
            whole = mantissa.partition(".")[0]
            sep = next((c for c in m.group(2) if c in (",", " ", "\u00a0", "\u202f")), None) if len(whole) == 4 else None
            if sep and (sep == ",") == (lang == "en") and figure.startswith(whole):
                figure = whole[0] + sep + figure[1:]
            return m.group(1) + figure + m.group(3) + m.group(4)
    return format_number(value, lang)


# "\d\d*", not "\d+": a pattern that opens with a single class has the regex engine scan for it in
# one tight loop, where a repeat first has it try the pattern at every character.
_DIGIT_RUN = re.compile(r"\d\d*(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d+)?")
_LATIN1_DIGIT_RUN = with_ascii_digits(_DIGIT_RUN)  # for a Latin-1 text: both sides of every pair are read
_NOT_DIGIT = re.compile(r"\D")
# Ordinals in words are compared with each other ("huitième" / "ninth"): a pair with one is read.
_ORDINAL_WORDS = (r"i[eè]mes?\b|premi[eè]re?s?\b|\b(?:first|second|third|fifth|eighth|ninth|twelfth)\b"
                  r"|(?:four|six|seven|ten|eleven|teen|ie)th\b")
_ORDINAL_WORD = re.compile(_ORDINAL_WORDS)  # in lowercased text: re.I costs four times more
_ORDINAL_WORD_ANY_CASE = re.compile(_ORDINAL_WORDS, re.I)


_DECIMAL_COMMA = re.compile(r"(\d+),(\d+)")


def _unspaced_lists(one: list, other: list) -> tuple[list, list]:
    """A list whose comma lost its space ("règles 2, 7,10 et 11" where the translation has "rules
    2, 7, 10 and 11") reads as a decimal on one side and two numbers on the other: the same
    figures, nothing changed."""
    one, other = list(one), list(other)
    for x in list(one):
        m = _DECIMAL_COMMA.fullmatch(x.written)
        if not m:
            continue
        a = next((n for n in other if n.written == m.group(1)), None)
        b = next((n for n in other if n.written == m.group(2) and n is not a), None)
        if a is not None and b is not None:
            one.remove(x)
            other.remove(a)
            other.remove(b)
    return one, other


def _digits(text: str) -> list[str]:
    runs = (_LATIN1_DIGIT_RUN if is_latin1(text) else _DIGIT_RUN).findall(text)
    if not runs:  # most texts: no need to sort nothing
        return runs
    # A run without separators is its own digits: most are, and they skip the substitution.
    return sorted(run if run.isdigit() else _NOT_DIGIT.sub("", run) for run in runs)


# Every branch of _ORDINAL_WORDS holds one of these: a text with none has no ordinal word.
_ORDINAL_CUES = ("th", "ieme", "ième", "premi", "first", "second")


def _has_ordinal_word(text: str) -> bool:
    low = latin1_lower(text) or lowered(text)
    if low is None:
        return _ORDINAL_WORD_ANY_CASE.search(text) is not None
    return any(cue in low for cue in _ORDINAL_CUES) and _ORDINAL_WORD.search(low) is not None


def _compare(pa: PairAnalysis) -> Iterator[Difference]:
    """The numbers each side has that the other does not: "changed" where both sides lost one,
    "one-sided" where only one did."""
    for pair in pa.pairs:
        # The same figures on both sides, whatever their separators ("1 000,5" and "1,000.5" are
        # both 10005 here): nothing to report, and no need to read them one by one.
        source_text, target_text = pair.source_text, pair.target_text
        if _digits(source_text) == _digits(target_text) and not (
                _has_ordinal_word(source_text) and _has_ordinal_word(target_text)):
            continue
        src = tgt = None
        if _no_digit_past_label(pair.source) and _no_digit_past_label(pair.target):
            src = _label_alone(pa.source, pair.source)
            tgt = _label_alone(pa.target, pair.target) if src is not None else None
        if src is None or tgt is None:
            src = _numbers(pa.source, pair.source)
            tgt = _numbers(pa.target, pair.target)
        if not src and not tgt:
            continue
        yield from _differences(pa, pair, src, tgt)


def _differences(pa: PairAnalysis, pair, src: list[tuple], tgt: list[tuple]) -> Iterator[Difference]:
    """The differences of one pair's numbers (``src``, ``tgt``: (piece, number), as _numbers)."""
    src_n, tgt_n = [n for _, n in src], [n for _, n in tgt]
    lost, extra = mismatches(src_n, tgt_n)
    if lost and extra:
        lost, extra = _unspaced_lists(lost, extra)
        extra, lost = _unspaced_lists(extra, lost)
    where = {id(n): piece for piece, n in tgt}
    text_of = {id(n): piece.paragraph.text[piece.start:piece.end] for piece, n in src + tgt}
    changed = _changed_in_place(src_n, tgt_n, lost, extra, text_of)
    paired = {id(n) for pair_ in changed for n in pair_}
    for x, n in changed:
        piece = where[id(n)]
        a, b = piece.start + n.span[0], piece.start + n.span[1]
        right = written_like(x.value, n, pa.target_lang) if x.kind == n.kind == "cardinal" and not n.words else None
        yield Difference("changed", piece.paragraph, a, b, _("'{written}' where the source has '{source}'").format(
            written=n.written, source=x.written), right)
    for n in extra:
        if id(n) in paired:
            continue
        piece = where[id(n)]
        a, b = piece.start + n.span[0], piece.start + n.span[1]
        if not lost:
            yield Difference("one-sided", piece.paragraph, a, b,
                             _("'{written}' is not in the source").format(written=n.written))
            continue
        right = None
        if len(lost) == 1 and len(extra) == 1 and lost[0].kind == n.kind == "cardinal" and not n.words:
            right = written_like(lost[0].value, n, pa.target_lang)
        yield Difference("changed", piece.paragraph, a, b, _("'{written}' where the source has {sources}").format(
            written=n.written, sources=quoted(x.written for x in lost)), right)
    if not extra:
        first = pair.target[0]
        for n in lost:
            if id(n) in paired:
                continue
            yield Difference("one-sided", first.paragraph, first.start, first.end,
                             _("the source's number '{source}' is missing from the translation").format(
                                 source=n.written))


def _changed_in_place(src_n: list, tgt_n: list, lost: list, extra: list, text_of: dict) -> list[tuple]:
    """A number on one side only may have its counterpart in the same place on the other side
    among the numbers mismatches() never reports: "paragraphe 1 e)" / "paragraph 4 (e)", "neuf
    postes" / "0 posts", "Point 9" / "Item 1". Then it was changed, not added: (source number,
    target number) for each."""
    changed: list[tuple[object, object]] = []
    if extra and not lost:
        others = [x for x in without_counterpart(src_n, tgt_n)]
        changed = pair_by_slot([(text_of[id(n)], n) for n in extra if not n.words],
                               [(text_of[id(x)], x) for x in others])
        changed = [(x, n) for n, x in changed]
    elif lost and not extra:
        others = [y for y in without_counterpart(tgt_n, src_n)]
        changed = pair_by_slot([(text_of[id(n)], n) for n in lost if not n.words],
                               [(text_of[id(y)], y) for y in others])
    return changed


class NumberMismatch(ComparisonRule):
    """A number of the source that the translation gives differently.

    Why:
        Figures are facts: "1 200 cas" must be "1,200 cases", whatever each language's format
        ("1 000,5" = "1,000.5", "20 %" = "20 per cent", "trois" = "three", "1er" = "1st", "10 h 45"
        = "10.45 a.m.", "une trentaine" = "some 30"). A number is changed when the other side has
        another in its place: the same word before or after it ("paragraphe 1 e)" / "paragraph 4
        (e)", "neuf postes" / "0 posts", "(1 P-5" / "(4 P-5"), or the only other one of its kind.
        The paragraph number that English versions keep and French ones drop, footnote marks
        ("2015;2"), and the digits inside symbols, resolution numbers and dates (checked by TM305
        and TM205), are left out. A number with no counterpart at all is TM602.

    Fix:
        Give the translation the source's number (the suggestion, where exactly one differs).

    Bad (fr):
        En 2015, 1 200 victimes ont été recensées dans 20 % des États parties.
        ->
        In 2015, 1,500 victims were identified in 20 per cent of States parties.

    Good (fr):
        En 2015, 1 200 victimes ont été recensées dans 20 % des États parties.
        ->
        In 2015, 1,200 victims were identified in 20 per cent of States parties.

    Bad (en):
        The Working Group received replies from 38 States parties, 20 per cent more than in 2015.
        ->
        Le Groupe de travail a reçu des réponses de 36 États parties, soit 20 % de plus qu'en 2015.

    Good (en):
        The Working Group received replies from 38 States parties, 20 per cent more than in 2015.
        ->
        Le Groupe de travail a reçu des réponses de 38 États parties, soit 20 % de plus qu'en 2015.
    """

    code = "TM601"
    name = "number-mismatch"
    severity = "error"
    part = "changed"
    compare = staticmethod(_compare)


class NumberMissing(ComparisonRule):
    """A number written on one side only: in the source and not in the translation, or the reverse.

    Why:
        A figure left out or added may be a lost phrase; it may also be the translator's
        restructuring ("l'exercice biennal 2014-2015" as "the biennium"), so it is information
        for the reviser, not an error. A number that changed is TM601.

    Fix:
        Check that the translation says everything the source says.

    Bad (fr):
        Au total, 37 recommandations ont été formulées.
        ->
        Recommendations were issued.

    Good (fr):
        Au total, 37 recommandations ont été formulées.
        ->
        In all, 37 recommendations were issued.

    Bad (en):
        In all, 37 recommendations were issued.
        ->
        Des recommandations ont été formulées.

    Good (en):
        In all, 37 recommendations were issued.
        ->
        Au total, 37 recommandations ont été formulées.
    """

    code = "TM602"
    name = "number-missing"
    severity = "info"
    part = "one-sided"
    compare = staticmethod(_compare)


RULES = [NumberMismatch, NumberMissing]
