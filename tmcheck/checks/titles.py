"""TM302, TM303: official titles written almost right, and agenda item titles repeated with other
wording."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from itertools import compress

from ..facts.analysis import Analysis
from ..facts.model import Facts
from ..facts.names import near_names_by_paragraph, paragraph_words
from ..facts.wording import describe
from ..glossary.index import TITLE_KINDS
from ..glossary.index import TITLE_STOPWORDS as _STOP
from ..lang.lcs import similarity
from ..lang.text import as_written, word_spans
from ..i18n import N_, _
from .base import Rule

class TitleVariant(Rule):
    """A near miss of an official title: a word changed, misspelt, added or dropped in the name of
    a body, an office or an instrument.

    Why:
        Official titles are fixed by the bodies that created them ("Conference of the States
        Parties to the United Nations Convention against Corruption", but "Conference of the
        Parties to the United Nations Convention against Transnational Organized Crime"); a title
        that is almost right is wrong, and readers search documents by exact titles.

    Fix:
        Write the official title given as suggestion (or one of its accepted short forms). A title
        written with other capitals than its official ones ("Organisation mondiale de la santé")
        is reported as information.

    Bad (fr):
        Le Groupe de travail sur la traite de personnes tiendra sa réunion à Vienne.

    Good (fr):
        Le Groupe de travail sur la traite des personnes tiendra sa réunion à Vienne.

    Bad (en):
        The Working Group on the Trafficking in Persons will meet in Vienna.

    Good (en):
        The Working Group on Trafficking in Persons will meet in Vienna.
    """

    code = "TM302"
    name = "title-variant"
    severity = "warning"
    local = True

    def check(self, analysis: Analysis):
        near = near_names_by_paragraph(analysis)
        for p in analysis.paragraphs:
            spans = list(_similar_titles(analysis, p))
            # Slips of a word's number, of a small word, or a dropped word, in names short and long.
            if p.index in near:
                spans += [(n.start, n.end, n.official) for n in near[p.index]
                          if not any(a < n.end and n.start < b for a, b, _ in spans)]
            if spans:
                # A wrong form the glossary lists within the near miss: TM401 reports that slip,
                # with its fix (a second finding for one slip would be noise).
                wrong = [(t.start, t.end) for t in analysis.terms(p) if t.role == "forbidden"]
                spans = [x for x in spans if not any(a < x[1] and x[0] < b for a, b in wrong)]
            for start, end, official in sorted(spans):
                written = p.text[start:end]
                suggestion = as_written(official, written)
                yield self.finding(analysis, p, start, end,
                                   _("'{written}' is not the official title; write '{right}'").format(
                                       written=written, right=suggestion), suggestion)
            for t in _other_capitals(analysis, p):
                written = p.text[t.start:t.end]
                right = as_written(t.form, written)
                f = self.finding(analysis, p, t.start, t.end,
                                 _("'{written}' is not capitalized as the official title: '{right}'").format(
                                     written=written, right=right), right)
                # Information: a title's capitals change with its time ("new urban agenda" until the
                # Habitat III conference adopted it) and with a document's own usage.
                f.severity = "info"
                yield f


def _other_capitals(analysis: Analysis, p):
    """The official titles (of bodies, offices and instruments, three words or more) the paragraph
    writes with other capitals than the glossary's past their first word ("Organisation mondiale de
    la santé", "Convention on the Elimination of all Forms of Discrimination Against Women"); not
    in a heading, nor in a line whose words are mostly capitalized (a title-case heading), nor a
    word written in capitals, nor words begun in lower case or running into a longer name."""
    if p.kind == "heading":
        return
    g = analysis.glossary
    title_case = None  # read once a title differs (a long line may hold many)
    for t in analysis.terms(p):
        if t.role != "term":
            continue
        written = p.text[t.start:t.end].replace("\u2019", "'")
        if written == t.form:
            continue
        words, forms = written.split(" "), t.form.split(" ")
        if len(words) != len(forms) or len(forms) < 3 or words[1:] == forms[1:] \
                or g.entry(t.entry_id).kind not in TITLE_KINDS:
            continue
        # Begun in lower case, the words describe rather than name ("an open-ended working group on
        # the Smuggling of Migrants Protocol", "the new urban agenda" before its adoption); followed
        # by a capitalized word, they are part of a longer name.
        if written[:1].islower() or _CAPITAL_AFTER.match(p.text, t.end):
            continue
        if any(w != f and w.isupper() and len(w) > 1 for w, f in zip(words, forms)):
            continue
        if title_case is None:
            title_case = _title_case(p.text)
        if title_case:
            return
        yield t


_CAPITAL_AFTER = re.compile(r" [A-ZÀ-Ý]")


def _title_case(text: str) -> bool:
    """Most of the words of four letters or more capitalized: a title-case line, whose capitals say
    nothing of a title's."""
    words = [w for w in text.split() if len(w) > 3 and w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def _similar_titles(analysis: Analysis, p):
    """Near misses of long titles by similarity (a word changed, added or dropped): (start, end,
    official form)."""
    g, lang = analysis.glossary, analysis.lang
    forms = g.titles.get(lang, {})
    if not forms:
        return
    folded, words = paragraph_words(analysis, p)
    count = len(words)
    first_words = _first_words(g, lang)
    if count < 3 or first_words.isdisjoint(words):
        return  # no word any title starts with (a paragraph in three), decided in C
    # _best_near_miss by the words it reads: a document writes its titles again and again.
    seen = analysis.memo("title-near-misses", dict)
    spans = covered = None  # read at the first near miss
    after = 0  # a near miss found, the next starts after it
    # Where two words start a title (a word before the last two): the places of words that start
    # one are found in C, and the pair read there (a word in twenty).
    for i in compress(range(count - 2), map(first_words.__contains__, words)):
        pair = words[i], words[i + 1]
        if i < after or pair not in forms:
            continue
        windows = _by_window(g, lang, pair)
        # What _best_near_miss reads: the words as far as the longest window.
        run = words[i:i + next(reversed(windows))]
        hit = seen.get(run, False)
        if hit is False:
            hit = seen[run] = _best_near_miss(run, windows)
        if not hit:
            continue
        if spans is None:
            spans = word_spans(folded, words)
            covered = [(t.start, t.end) for t in analysis.terms(p) if t.role in ("term", "short", "forbidden")]
        end_index, form = i + hit[0], hit[1]
        start, end = spans[i][0], spans[end_index][1]
        # Written as a title the glossary knows (official, short or forbidden): not a slip.
        if any(a <= start and end <= b for a, b in covered):
            continue
        yield start, end, form.text
        after = end_index + 1


def _first_words(g, lang: str) -> frozenset[str]:
    """The first words of the titles _similar_titles compares, built once per glossary."""
    return g.derived(f"title-first-words:{lang}", lambda: frozenset(first for first, _ in g.titles[lang]))


def _by_window(g, lang: str, first_words: tuple[str, str]) -> dict[int, tuple[list, list, list, list]]:
    """For each length of window in words, the forms it is compared with (those of one word more, as
    many, one fewer), sorted by the length of their words joined: (those lengths, the joined words,
    [(rank in candidates, form, its number of words)], the _letters of joined words as read). Built
    once per glossary and first words: "United Nations" starts some seventy English titles."""
    def build():
        table: dict[int, list[tuple]] = {}
        for rank, form in enumerate(g.titles[lang][first_words]):
            n = len(form.words)
            joined = " ".join(form.words)
            for length in (n - 1, n, n + 1):
                table.setdefault(length, []).append((len(joined), rank, joined, form, n))
        for items in table.values():
            items.sort(key=lambda x: x[:2])
        letters: dict[str, tuple[int, ...]] = {}  # _within_reach's, filled as it reads them
        return {length: ([x[0] for x in items], [x[2] for x in items], [(x[1], x[3], x[4]) for x in items], letters)
                for length, items in sorted(table.items())}

    return g.derived(f"title-windows:{lang}:{' '.join(first_words)}", build)


def _best_near_miss(words: tuple[str, ...], windows):
    """The official form that the folded ``words`` almost spell from their first, and where the
    near miss ends (the index of its last word).

    Each form is scored against the windows of one word fewer, as many and one more words than it
    has; the best score wins, the first form in ``candidates`` (then the shortest window) on a tie."""
    # Until rapidfuzz is loaded (by a title within reach or another rule), an exact bound spares its
    # import (a tenth of a short draft's lint) when no form can come near the words.
    if "rapidfuzz" not in sys.modules and not _within_reach(words, windows):
        return None
    # Asked of sys.modules once imported: an import statement inside a function costs a call of
    # the import machinery each time (its fromlist is read in Python).
    fuzz, process = sys.modules.get("rapidfuzz.fuzz"), sys.modules.get("rapidfuzz.process")
    if fuzz is None or process is None:
        from rapidfuzz import fuzz, process  # imported once a title is in sight

    best = None  # (score, (rank, window length - form length), end index, form)
    count = len(words)
    for length, (lengths, targets, forms, _) in windows.items():  # shortest first
        j = length - 1
        if j >= count:
            break
        if length < 3:
            continue
        window = " ".join(words[:length])
        w = len(window)
        last = words[j]
        # A ratio of 90, the lower threshold, needs a form of 9/11 to 11/9 the window's length;
        # rapidfuzz scores those at once and keeps the few near 90 or more (margins for rounding:
        # the exact tests follow).
        lo = bisect_left(lengths, w * 90 / 110 - 1)
        hi = bisect_right(lengths, w * 110 / 90 + 1)
        if lo == hi:
            continue
        if hi - lo == 1:
            # One form (most windows): scored alone, for half what process.extract costs (the
            # tests below ask more than 89.9).
            score = fuzz.ratio(window, targets[lo])
            found = ((None, score, 0),) if score >= 89.9 else ()
        else:
            found = process.extract(window, targets[lo:hi], scorer=fuzz.ratio, score_cutoff=89.9, limit=None)
        for _, score, k in found:  # score: fuzz.ratio(window, target)
            target = targets[lo + k]
            rank, form, n = forms[lo + k]
            if window == target:
                return None  # the official form itself (in another case)
            # Only titles long enough that one slip leaves most of them intact.
            threshold = 90 if n >= 5 else 94
            if 2 * min(w, len(target)) * 100 < threshold * (w + len(target)):
                continue
            # A near miss changes a title inside; a window that stops early ("Département des
            # opérations de") or runs into the next words is a different name, not a slip.
            if last in _STOP or (length != n and fuzz.ratio(last, form.words[-1]) < 75):
                continue
            order = (rank, length - n)
            if score >= threshold and (best is None or score > best[0] or (score == best[0] and order < best[1])):
                best = (score, order, j, form)
    if best is None:
        return None
    return best[2], best[3]


def _within_reach(words: tuple[str, ...], windows) -> bool:
    """False when _best_near_miss is sure to find nothing: no form of ``windows`` scores the 89.9
    it asks of rapidfuzz against the window of its length, or a window is a form itself (it
    gives up there). The ratio (Indel similarity, 200·LCS / (|a| + |b|)) is at most 200 times the
    letters the two share (counted with repeats) over their lengths (89 leaves a margin for
    rounding), and is computed exactly where that bound allows it."""
    reach = False
    for length, (lengths, targets, _, target_letters) in windows.items():
        if length < 3 or length > len(words):
            continue
        window = " ".join(words[:length])
        w = len(window)
        lo = bisect_left(lengths, w * 90 / 110 - 1)
        hi = bisect_right(lengths, w * 110 / 90 + 1)
        near = targets[lo:hi]
        if window in near:
            return False  # the official form itself (in another case)
        if reach:
            continue
        letters = _letters(window)
        for target in near:
            its_letters = target_letters.get(target)
            if its_letters is None:
                its_letters = target_letters[target] = _letters(target)
            # The bound first (counted in C), then the ratio itself for the few it lets through.
            if 200 * sum(map(min, letters, its_letters)) >= 89 * (w + len(target)) \
                    and similarity(window, target) >= 89.9:
                reach = True
                break
    return reach


# The letters a folded title is counted by; any other character counts in one more place, which
# over-counts what two texts share, so the bound stays a bound.
_ALPHABET = "abcdefghijklmnopqrstuvwxyz "


def _letters(text: str) -> tuple[int, ...]:
    """How many times ``text`` has each letter of _ALPHABET, then every other character."""
    counts = tuple(map(text.count, _ALPHABET))
    return (*counts, len(text) - sum(counts))


# -- agenda titles ----------------------------------------------------------------------------

class AgendaTitleMismatch(Rule):
    """An agenda item's title repeated with other wording: in the annotations' headings, the
    organization-of-work annex, or "Point 4."/"Item 4.".

    Why:
        The provisional agenda is adopted as written; every repetition of an item's title in the same
        document must reproduce it, or readers cannot tell whether the item changed. An official
        short title in place of a full one ("Convention contre la criminalité organisée") is allowed.

    Fix:
        Repeat the title as the agenda writes it (the suggestion).

    Bad (fr):
        1. Questions d'organisation.
        2. Examen de l'application de la Convention.

        2. Examen de la mise en œuvre de la Convention

    Good (fr):
        1. Questions d'organisation.
        2. Examen de l'application de la Convention.

        2. Examen de l'application de la Convention

    Bad (en):
        1. Organizational matters.
        2. Review of the implementation of the Convention.

        2. Review of the application of the Convention

    Good (en):
        1. Organizational matters.
        2. Review of the implementation of the Convention.

        2. Review of the implementation of the Convention
    """

    code = "TM303"
    name = "agenda-title-mismatch"
    severity = "warning"

    def check(self, analysis: Analysis):
        for c in Facts.of(analysis).item_conflicts:
            label = c.at.label_text
            agenda_text = c.agenda.title_text()
            related = [self.related_over(analysis, c.agenda.title, _("item {label} in the agenda").format(label=label))]
            if c.other is not None:
                # The title of another item, word for word: say so, rather than list every word.
                other = c.other.label_text
                message = _(_OTHER_ITEM[c.at.place]).format(label=label, other=other)
                related.append(self.related_over(analysis, c.other.title,
                                                 _("item {label} in the agenda").format(label=other)))
            else:
                message = _(_PLACES[c.at.place]).format(label=label, changes=describe(c.changes))
            yield self.finding_over(analysis, c.at.title, message, agenda_text, related=related)


_OTHER_ITEM = {"heading": N_("item {label} in the annotations has the title of item {other} of the agenda: "
                              "its number or its title is wrong"),
               "programme": N_("item {label} in the organization of work has the title of item {other} of the "
                                "agenda: its number or its title is wrong")}
_PLACES = {"heading": N_("title of item {label} in the annotations differs from the agenda: {changes}"),
           "programme": N_("title of item {label} in the organization of work differs from the agenda: {changes}")}



RULES = [TitleVariant, AgendaTitleMismatch]
