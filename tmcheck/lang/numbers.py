"""Numbers as French and English UN documents write them, normalised for comparing a translation.

``find_numbers(text, lang)`` returns every number of ``text`` with a canonical value, so that
"1 200" and "1,200", "20 %", "20 p. 100" and "20 per cent", "trois" and "three", "6e" and "sixth",
"1,5 million" and "1.5 million" compare equal. ``mismatches(fr_numbers, en_numbers)`` tells which
digit numbers of either side have no counterpart on the other.

Kinds:

* cardinal  -- digits in the language's format: French "1 000" (space, U+00A0 or U+202F between
               groups of three), "1 000,5", "0,25", also "18.561" (a point before three digits
               groups thousands, as in law numbers) and "16.4" (a point before one or two digits is
               a decimal point in French too); English "1,000", "1,000.5", "0.25" (and "10 000"
               with a no-break or thin space, never a plain one). Digits with a
               scale word ("1,5 million", "2 milliards" = "2 billion" = 2000000000). Words from
               "zéro"/"zero" up to "milliard"/"billion" ("vingt et un", "quatre-vingt-dix-sept",
               "deux cents", "two hundred and fifty", "trois millions", "a thousand"), "et demi" /
               "and a half" (+ 0.5), approximations ("une quarantaine" = 40, "a dozen" = 12),
               periods ("décennal", "decade" = 10; "biennal", "biennium" = 2).
               Years; both ends of a range ("2014-2015", and "2014-15" or "2014/15" read as 2014
               and 2015; "20142020", a range that lost its dash, as two years); decades ("1990s",
               "années 60" = 1960). Times as the hour on a 24-hour clock, then the minutes unless
               00: "10 heures", "15 h 30", "10 a.m.", "3.30 p.m." (15 and 30), "10:30", "1100
               hours", "midi"/"noon" (12), "minuit"/"midnight" (0).
* percent   -- "20 %", "20%", "20 pour cent", "20 p. 100", "20 per cent", "20 percent", "vingt pour
               cent", and "la moitié" / "half" (50, in words); the first number of a range takes
               the percent of the second ("20-30 %", "entre 20 et 30 %", "20 to 30 per cent").
* ordinal   -- "1er", "1re", "2e", "2ème", "3rd", "8th", "huitième", "vingt et unième", "cent trente
               et unième", "premier", "twenty-fifth", "first"; a Roman numeral with a French
               ordinal ending ("XXIe siècle", "chapitre Ier"). A first day ("1er juin", "du 1er au
               4 juillet") and "article 1er" / "article premier" are cardinals (the English writes
               "1 June", "article 1"); "Premier Ministre" and "the Premier" hold no number.
* ref       -- digits joined by slashes with no letter ("70/1", "55/25", "2/6", "17/10/2016") or by
               several points ("1.2.3"): compared as written.
* paragraph -- the number that opens a text: "20. The values ...", "3. Prend acte", "1) ", "(1) ",
               "2.26 The Office", "6 Il est entendu" (a number, then a capitalised word that is not a
               month). The English side often keeps it while the French does not: never compared.

Footnote markers -- one to three digits glued to a word ("Crime1", "liberté13") or to punctuation
after a word ("(Malvinas)1", "Yugoslavia;1", "range\"18"), and a number glued to a year ("septembre
201442", "2014-20151", "2014.42") -- are cardinals with ``note`` True: they are kept and matched, but
never reported when alone, since the UN corpora often keep them on one side only.

Never numbers: "un", "une", "one" alone (an article, a pronoun: "vingt et un", "un million", "one
hundred" do count); English "hundreds", "millions" without a number; digits glued to a capital letter
(codes: "G20", "UF6", "CO2", "H1N1", "COVID-19", "235U", "5G"; but "Euro131" is a sum); digits in a
slashed token with a letter (document symbols: "A/69/767", "CTOC/COP/2016/6", "E/CN.15/2015/13"),
URLs and e-mail addresses; "1'" (a misread "l'"); square and cubic units ("km2").

``without_counterpart`` and ``pair_by_slot`` then tell, among the numbers left on each side, which
stand in the same place (the same neighbouring word, "paragraphe 1" / "paragraph 4", "neuf postes" /
"0 posts"; or the only one of its kind on each side): a number changed, not one added or dropped.

``words`` is True when a number is not written in Arabic digits (words, Roman numerals): a translator
may rephrase those freely ("trois" / "the three", "biennal" / "two-year"), so ``mismatches`` uses them
as counterparts and reports them only when the other side has another number in words in their place
("eighth session" / "neuvième session").

Pure functions, no I/O; patterns are compiled once per language, on first use. The scanner is
in parts: lang/number_patterns.py (patterns and word tables), lang/number_scan.py (the pass over
digits), lang/number_words.py (the pass over words), lang/number_values.py (:class:`Number` and
canonical values); this module compares the numbers of a text and its translation.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Sequence

from .number_patterns import LOOSE, common, fold
from .number_scan import Scan, overlaps
from .number_values import Number, canon, is_year
from .number_words import read_words

__all__ = ["Number", "find_numbers", "comparable", "mismatches", "without_counterpart", "pair_by_slot", "same_slot"]

_DIGIT = re.compile(r"\d")


def find_numbers(text: str, lang: str, exclude: Sequence[tuple[int, int]] = ()) -> list[Number]:
    """Every number of ``text`` (in ``lang``, "fr" or "en") in text order; numbers overlapping a span
    of ``exclude`` (a symbol, a date the caller has read) are left out."""
    scan = Scan(text, lang, exclude)
    start = scan.paragraph()
    if _DIGIT.search(text, start):
        scan.digits(start)
    if lang == "fr":
        scan.roman_ordinals()
    read_words(scan)
    return [x for x in scan.finish() if not overlaps(x.span, scan.blocked)]


def _key(n: Number) -> tuple[str, str]:
    if n.kind == "ref":
        return "ref", " ".join(n.written.split())
    return n.kind, n.value


def comparable(numbers: Iterable[Number]) -> Counter:
    """The multiset of (group, value) to compare across languages, paragraph numbers left out:
    groups "cardinal", "ordinal", "percent" compare canonical values, "ref" the text as written
    (spaces normalised)."""
    return Counter(_key(n) for n in numbers if n.kind != "paragraph")


_CROSS = {"cardinal": "ordinal", "ordinal": "cardinal"}


def _readings(x: Number) -> list[tuple[str, str]]:
    """The keys a digit number may stand for: its own; for "26.659" or "1,000" the other reading of
    the separator; for "20152" a year with a footnote mark glued to it ("pour 20152;" / "for
    2015;2": UN style groups five digits, "20 152" and "20,152")."""
    k = _key(x)
    if x.kind in ("cardinal", "percent"):
        m = common().ambiguous.match(x.written)
        if m:
            return [k, (x.kind, canon(m.group(1) + m.group(2))), (x.kind, canon(m.group(1), m.group(2)))]
        w = x.written
        if x.kind == "cardinal" and 5 <= len(w) <= 6 and w.isdigit() and is_year(w[:4]):
            return [k, ("cardinal", w[:4])]
    return [k]


def mismatches(src: Sequence[Number], tgt: Sequence[Number]) -> tuple[list[Number], list[Number]]:
    """The digit numbers of ``src`` with no counterpart in ``tgt``, and those of ``tgt`` with none in
    ``src``, in text order.

    A counterpart has the same group and value (a "ref" the same text), in digits or in words; a
    number in words may also stand for a digit number of the other of cardinal/ordinal ("première
    partie" / "part 1", "douzième réunion" / "COP 12"). Numbers are paired one for one, but a value
    written more often on one side than on the other is reported only when the other side also
    has a number without counterpart: a translation may repeat "the 15-working-day limit" or say
    "24 heures sur 24" once, while "2011 ... 2011" for "2011 ... 2012" is a change. "26.659" and
    "1,000" may be read either way (decimal or grouped), and four digits that are not a year may be
    a range that lost its dash ("aged 1564" / "15-64 ans").

    Never reported: footnote markers (``note``), paragraph numbers, a cardinal 1 (the other side
    may say "un", "une", "one", which are never read as numbers), and a number in words, unless
    the other side has a number of the same kind in words without counterpart either: "eighth" /
    "neuvième" is a change, while "trois" / "4" (only the "4" is reported) or "trois" / nothing may
    be a rephrasing. Loose readings ("moitié", "décennal", "une quarantaine", "midi") are never
    reported."""
    src_counts, tgt_counts = _counts(src), _counts(tgt)
    hard_src, soft_src = _unmatched(src, tgt_counts)
    hard_tgt, soft_tgt = _unmatched(tgt, src_counts)
    hard_src, hard_tgt = _lost_dashes(hard_src, hard_tgt, tgt_counts[0])
    hard_tgt, hard_src = _lost_dashes(hard_tgt, hard_src, src_counts[0])
    hard_src, soft_src, hard_tgt, soft_tgt = map(_not_one, (hard_src, soft_src, hard_tgt, soft_tgt))
    miss_src = hard_src + (soft_src if hard_tgt or soft_tgt else [])
    miss_tgt = hard_tgt + (soft_tgt if hard_src or soft_src else [])
    # Numbers in words are reported when both sides have one of the same kind without counterpart:
    # "eighth session" / "neuvième session" is a change, "trois" / "4" may be a rephrasing.
    words_src, words_tgt = _words_without(src, tgt_counts[0]), _words_without(tgt, src_counts[0])
    kinds_src, kinds_tgt = {x.kind for x in words_src}, {x.kind for x in words_tgt}
    miss_src += [x for x in words_src if x.kind in kinds_tgt]
    miss_tgt += [x for x in words_tgt if x.kind in kinds_src]
    return sorted(miss_src, key=lambda x: x.span), sorted(miss_tgt, key=lambda x: x.span)


def _counts(nums: Sequence[Number]) -> tuple[Counter, Counter]:
    """(how many times each key is written, counting the other readings of a year with its footnote
    mark, how many times in words)."""
    every: Counter = Counter()
    words: Counter = Counter()
    for x in nums:
        if x.kind != "paragraph":
            every[_key(x)] += 1
            if x.words:
                words[_key(x)] += 1
            elif not x.note:
                # "20152" also answers a "2015" of the other side (a year and its footnote mark).
                for k in _readings(x)[1:]:
                    if k[1] == x.written[:4]:
                        every[k] += 1
    return every, words


def _unmatched(nums: Sequence[Number], other: tuple[Counter, Counter]) -> tuple[list[Number], list[Number]]:
    """(numbers whose value the other side lacks, numbers the other side has fewer times)."""
    every, words = other
    used: Counter = Counter()
    hard, soft = [], []
    # Numbers in words take their counterparts first, one each: in "Trois (3) hommes" /
    # "Three (4) men" the "three" answers "trois", and the 3 is left without a counterpart.
    for x in nums:
        if x.kind == "paragraph" or not x.words:
            continue
        for k in [_key(x)] + ([(_CROSS[x.kind], x.value)] if x.kind in _CROSS else []):
            if used[k] < every[k]:
                used[k] += 1
                break
    for x in nums:
        if x.kind == "paragraph" or x.words or x.note:
            continue
        keys = [k for k in _readings(x) if every[k]]
        if not keys and x.kind in _CROSS and words[(_CROSS[x.kind], x.value)]:
            keys = [(_CROSS[x.kind], x.value)]
        if not keys:
            hard.append(x)
            continue
        free = [k for k in keys if used[k] < every[k]]
        if free:
            used[free[0]] += 1
        else:
            soft.append(x)
    return hard, soft


def _lost_dashes(a: list[Number], b: list[Number], b_keys: Counter) -> tuple[list[Number], list[Number]]:
    for x in list(a):
        w = x.written
        if x.kind == "cardinal" and len(w) == 4 and w.isdigit() and not is_year(w):
            lo, hi = str(int(w[:2])), str(int(w[2:]))
            if int(lo) < int(hi) and b_keys[("cardinal", lo)] and b_keys[("cardinal", hi)]:
                a.remove(x)
                b = [y for y in b if not (y.kind == "cardinal" and y.value in (lo, hi))]
    return a, b


def _not_one(xs: list[Number]) -> list[Number]:
    return [x for x in xs if not (x.kind == "cardinal" and x.value == "1")]


def _words_without(nums: Sequence[Number], every: Counter) -> list[Number]:
    """Numbers in words without counterpart, leaving out loose readings ("moitié", "biennal")."""
    return [x for x in nums if x.words and x.kind != "paragraph" and not every[_key(x)]
            and not (x.kind in _CROSS and every[(_CROSS[x.kind], x.value)])
            and not (x.kind == "cardinal" and x.value == "1") and x.written.lower() not in LOOSE]


# --------------------------------------------------------------------------------------------------
# Numbers in the same slot


# Words that name the same slot in French and English and share no stem ("point 9" / "item 9").
_SLOT_WORDS = {
    "point": "item", "points": "items", "an": "year", "ans": "years", "année": "year", "années": "years",
    "jour": "day", "jours": "days", "mois": "month", "semaine": "week", "semaines": "weeks",
    "heure": "hour", "heures": "hours", "fois": "times", "pays": "countries", "état": "state",
    "états": "states", "séance": "meeting", "séances": "meetings", "réunion": "meeting",
    "réunions": "meetings", "niveau": "level", "femmes": "women", "enfants": "children",
    "hommes": "men", "personnes": "people", "postes": "posts", "alinéa": "subparagraph",
    "par": "para", "tableau": "table", "tableaux": "tables", "chapitre": "chapter", "annexe": "annex",
}
_SLOT_SAME = {frozenset((fold(fr), en)) for fr, en in _SLOT_WORDS.items()}
_NEIGHBOUR = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SKIP_BEFORE = frozenset({"le", "la", "les", "l", "de", "des", "du", "d", "au", "aux", "à", "en", "the", "of",
                          "in", "to", "at", "a", "an", "et", "and", "for", "pour", "sur", "on", "by", "par"})


def _neighbours(text: str, n: Number) -> tuple[str, list[str]]:
    """The word before a number (articles and prepositions passed over) and the two words after
    it (an English adjective comes before its noun: "3 regional projects" / "trois projets")."""
    before = [w.group(0) for w in _NEIGHBOUR.finditer(text, max(0, n.span[0] - 40), n.span[0])]
    while before and before[-1].lower() in _SKIP_BEFORE and len(before) > 1:
        before.pop()
    after = [w.group(0).lower() for w in _NEIGHBOUR.finditer(text, n.span[1], min(len(text), n.span[1] + 40))][:2]
    return (before[-1].lower() if before else ""), after


def _same_word(a: str, b: str) -> bool:
    """One word in French and English: the same, the same stem ("paragraphe" / "paragraph",
    "catégorie" / "category", "postes" / "posts"), or a pair of _SLOT_WORDS ("point" / "item")."""
    if not a or not b:
        return False
    a, b = fold(a).replace("ç", "c"), fold(b).replace("ç", "c")
    if a == b or frozenset((a, b)) in _SLOT_SAME:
        return True
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= 4 and n * 2 >= min(len(a), len(b))


def same_slot(a_text: str, a: Number, b_text: str, b: Number) -> bool:
    """Do two numbers of a source and its translation stand in the same words: the same word
    before them ("paragraphe 1" / "paragraph 4") or after them ("neuf postes" / "0 posts",
    "1 P-5" / "4 P-5")?"""
    (ab, aa), (bb, ba) = _neighbours(a_text, a), _neighbours(b_text, b)
    if aa[:1] and aa[:1] == ba[:1] and not aa[0].isdigit():
        return True  # "1 P-5" / "4 P-5"
    return _same_word(ab, bb) or any(x[:1].isalpha() and _same_word(x, y) for x in aa for y in ba)


def without_counterpart(nums: Sequence[Number], other: Sequence[Number]) -> list[Number]:
    """The numbers of ``nums`` whose value ``other`` does not have in any reading, the ones
    ``mismatches`` never reports included: a cardinal 1 (the other side may say "one"), a number
    in words ("neuf"), but not a loose reading ("une trentaine", "biennal") nor a footnote mark."""
    keys = comparable(other)
    out = []
    for x in nums:
        if x.kind in ("paragraph", "ref") or x.note or x.written.lower() in LOOSE:
            continue
        if any(keys[k] for k in _readings(x)) or (x.kind in _CROSS and keys[(_CROSS[x.kind], x.value)]):
            continue
        out.append(x)
    return out


_COMPARABLE_KINDS = {"cardinal": "n", "ordinal": "n", "percent": "p"}


def _may_pair(x: Number, y: Number) -> bool:
    """A number in words stands only for a number of its own kind, never a year ("quatrième
    Conférence" is not "(1995)")."""
    if not (x.words or y.words):
        return True
    return x.kind == y.kind and not is_year(x.value) and not is_year(y.value)


def _magnitude(x: Number) -> int:
    return len(x.value.partition(".")[0])


def pair_by_slot(a: Sequence[tuple[str, Number]], b: Sequence[tuple[str, Number]]) -> list[tuple[Number, Number]]:
    """Numbers of one side and of the other (each without a counterpart across, each given with
    the text its span points into) that take the same place: first those with the same
    neighbouring word ("paragraphe 1" / "paragraph 4", "1 P-5" / "4 P-5"), then, among the rest,
    the only ones of their kind on each side: a figure for a figure ("point 9" / "item 1"), a
    number in words only for a figure of the same order ("trois" / "6", "neuf" / "0"), since a
    translation may convert a unit ("quatre hectares" / "10-acre"). Each is paired once."""
    pairs: list[tuple[Number, Number]] = []
    left_a, left_b = list(a), list(b)
    for item in list(left_a):
        a_text, x = item
        kind = _COMPARABLE_KINDS.get(x.kind)
        hit = next(((t, y) for t, y in left_b if _COMPARABLE_KINDS.get(y.kind) == kind and _may_pair(x, y)
                    and same_slot(a_text, x, t, y)), None)
        if hit is not None:
            pairs.append((x, hit[1]))
            left_b.remove(hit)
            left_a.remove(item)
    for kind in set(_COMPARABLE_KINDS.values()):
        xs = [x for _, x in left_a if _COMPARABLE_KINDS.get(x.kind) == kind]
        ys = [y for _, y in left_b if _COMPARABLE_KINDS.get(y.kind) == kind]
        if len(xs) == 1 and len(ys) == 1 and _may_pair(xs[0], ys[0]) and (
                not (xs[0].words or ys[0].words) or _magnitude(xs[0]) == _magnitude(ys[0])):
            pairs.append((xs[0], ys[0]))
    return pairs
