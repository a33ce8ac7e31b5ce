"""TM302, TM303: official titles written almost right, and agenda item titles repeated with other
wording."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass


from ..documents.model import Paragraph
from ..documents.segment import parse_label, sentences
from ..glossary.index import TITLE_STOPWORDS as _STOP
from ..lang.text import COMPARABLE_WORD as _WORD
from ..lang.text import as_written, comparable_words, fold_text, trie_pattern
from ..facts.analysis import Analysis
from .base import Rule

class TitleVariant(Rule):
    """A near miss of an official title: a word changed, added or dropped in the name of a body,
    an office or an instrument.

    Why:
        Official titles are fixed by the bodies that created them ("Conference of the States
        Parties to the United Nations Convention against Corruption", but "Conference of the
        Parties to the United Nations Convention against Transnational Organized Crime"); a title
        that is almost right is wrong, and readers search documents by exact titles.

    Fix:
        Write the official title given as suggestion (or one of its accepted short forms).

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
        forms = analysis.glossary.titles.get(analysis.lang, {})
        anchors = _anchor_pattern(analysis.glossary, analysis.lang)
        for p in analysis.paragraphs:
            if not anchors.search(fold_text(p.text)):
                continue  # no official title starts here: most paragraphs, decided in C
            tokens = comparable_words(p.text)
            covered = [(t.start, t.end) for t in analysis.terms(p) if t.role in ("term", "short", "forbidden")]
            i = 0
            while i < len(tokens) - 2:
                start = tokens[i][0]
                candidates = forms.get((tokens[i][2], tokens[i + 1][2]))
                if not candidates:
                    i += 1
                    continue
                hit = _best_near_miss(p.text, tokens, i, candidates)
                end = tokens[hit[0]][1] if hit else 0
                # Written as a title the glossary knows (official, short or forbidden): not a slip.
                if not hit or any(a <= start and end <= b for a, b in covered):
                    i += 1
                    continue
                end_index, form = hit
                written = p.text[start:end]
                suggestion = as_written(form.text, written)
                yield self.finding(analysis, p, start, end,
                                   f"'{written}' is not the official title; write '{suggestion}'", suggestion)
                i = end_index + 1


def _anchor_pattern(g, lang: str) -> re.Pattern:
    """The first two words of every official title, as one pattern over folded text."""
    cache = g.__dict__.setdefault("_title_anchors", {})
    if lang not in cache:
        firsts = sorted({f"{a} {b}" if not a.endswith("'") else f"{a}{b}" for a, b in g.titles.get(lang, {})},
                        key=len, reverse=True)
        cache[lang] = re.compile(r"(?<!\w)(?:" + trie_pattern(firsts).replace("\\ ", r"\s+") + r")(?!\w)"
                                 if firsts else r"(?!x)x")
    return cache[lang]


_JOINED: dict[tuple[str, ...], str] = {}


def _joined(form) -> str:
    joined = _JOINED.get(form.words)
    if joined is None:
        joined = _JOINED[form.words] = " ".join(form.words)
    return joined


_BY_WINDOW: dict[int, tuple[list, dict]] = {}  # id of a candidate list -> (the list, its table)


def _by_window(candidates) -> dict[int, tuple[list[int], list[str], list[tuple]]]:
    """For each length of window in words, the forms it is compared with (those of one word more, as
    many, one fewer), sorted by the length of their words joined: (those lengths, the joined words,
    [(rank in candidates, form, its number of words)]). Built once per list: "United Nations"
    starts some seventy English titles."""
    cached = _BY_WINDOW.get(id(candidates))
    if cached is None or cached[0] is not candidates:
        table: dict[int, list[tuple]] = {}
        for rank, form in enumerate(candidates):
            n = len(form.words)
            for length in (n - 1, n, n + 1):
                table.setdefault(length, []).append((len(_joined(form)), rank, form, n))
        for items in table.values():
            items.sort(key=lambda x: x[:2])
        cached = _BY_WINDOW[id(candidates)] = (candidates, {
            length: ([x[0] for x in items], [_joined(x[2]) for x in items], [x[1:] for x in items])
            for length, items in sorted(table.items())})
    return cached[1]


def _best_near_miss(text: str, tokens, i: int, candidates):
    """The official form that the words from ``i`` almost spell, and where the near miss ends.

    Each form is scored against the windows of one word fewer, as many and one more words than it
    has; the best score wins, the first form in ``candidates`` (then the shortest window) on a tie."""
    from rapidfuzz import fuzz, process  # imported once a title is in sight

    best = None  # (score, (rank, window length - form length), end index, form)
    for length, (lengths, targets, forms) in _by_window(candidates).items():
        j = i + length - 1
        if length < 3 or j >= len(tokens):
            continue
        window = " ".join(t[2] for t in tokens[i:j + 1])
        w = len(window)
        last = tokens[j][2]
        # A ratio of 90, the lower threshold, needs a form of 9/11 to 11/9 the window's length;
        # rapidfuzz scores those at once and keeps the few near 90 or more (margins for rounding:
        # the exact tests follow).
        lo = bisect_left(lengths, w * 90 / 110 - 1)
        hi = bisect_right(lengths, w * 110 / 90 + 1)
        if lo == hi:
            continue
        for _, _, k in process.extract(window, targets[lo:hi], scorer=fuzz.ratio, score_cutoff=89.9, limit=None):
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
            score = fuzz.ratio(window, target)
            order = (rank, length - n)
            if score >= threshold and (best is None or score > best[0] or (score == best[0] and order < best[1])):
                best = (score, order, j, form)
    if best is None:
        return None
    return best[2], best[3]


# -- agenda titles ----------------------------------------------------------------------------

_TIME = r"(?:\d{1,2}(?:[.:h]\d{2})?\s*(?:heures|h|a\.m\.|p\.m\.)?)"
_ANNEX_ROW = re.compile(
    rf"^(?:[^\t]*\t)*?(?:{_TIME}\s*[-–]\s*{_TIME}\s+)?(?P<num>\d{{1,2}})(?:\s*\(?(?P<sub>[a-z])\))?[\t ]+(?P<title>[^\d\t].*)$"
)


@dataclass
class _Occurrence:
    paragraph: Paragraph
    start: int
    end: int
    key: tuple[int, str | None]


def _strip_title(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " .;:,\t":
        end -= 1
    while start < end and text[start] in " \t":
        start += 1
    return start, end


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
        agenda, after = _agenda(analysis.paragraphs)
        if len(agenda) < 2:
            return
        from rapidfuzz import fuzz

        for occ in _occurrences(analysis.paragraphs[after:], agenda):
            ref = agenda[occ.key]
            a_words = _comparable(analysis, ref.paragraph, ref.start, ref.end)
            b_words = _comparable(analysis, occ.paragraph, occ.start, occ.end)
            if [w for w, _ in a_words] == [w for w, _ in b_words]:
                continue
            similarity = fuzz.ratio(" ".join(w for w, _ in a_words), " ".join(w for w, _ in b_words))
            if similarity < 60:
                continue  # a numbered paragraph of prose, not a repetition of the title
            diff = _describe(a_words, b_words)
            label = f"{occ.key[0]}{' ' + occ.key[1] + ')' if occ.key[1] else ''}"
            agenda_text = ref.paragraph.text[ref.start:ref.end]
            yield self.finding(
                analysis, occ.paragraph, occ.start, occ.end,
                f"title of item {label} differs from the agenda: {diff}", agenda_text,
                related=[self.related(analysis, ref.paragraph, ref.start, ref.end, f"item {label} in the agenda")])


def _agenda(paragraphs: list[Paragraph]) -> tuple[dict[tuple[int, str | None], _Occurrence], int]:
    """The first run of items numbered 1, 2, 3... (with lettered sub-items) and where it ends."""
    items: dict[tuple[int, str | None], _Occurrence] = {}
    expected = 1
    current = None
    end_index = 0
    for p in paragraphs:
        label = parse_label(p.text)
        # Numbered prose is not an agenda item's title (sentences are counted only for a label
        # that would be taken: any other one is passed over either way).
        if label and ((label.number == expected and not label.keyword)
                      or (label.letter and label.number is None and current is not None)):
            if len(sentences(p.text[label.end:])) > 2:
                label = None
        if label and label.number == expected and not label.keyword:
            current = expected
            expected += 1
            s, e = _strip_title(p.text, label.end, len(p.text))
            items[(current, label.letter)] = _Occurrence(p, s, e, (current, label.letter))
            end_index = p.index + 1
        elif label and label.letter and label.number is None and current is not None:
            s, e = _strip_title(p.text, label.end, len(p.text))
            items[(current, label.letter)] = _Occurrence(p, s, e, (current, label.letter))
            end_index = p.index + 1
        elif items:
            if len([k for k in items if k[1] is None]) >= 2:
                break
            items, expected, current = {}, 1, None  # a lone "1." was not the agenda
    return items, end_index


def _occurrences(paragraphs: list[Paragraph], agenda):
    current = None
    for p in paragraphs:
        label = parse_label(p.text)
        key = None
        if label and label.number is not None:
            current = label.number
            key = (label.number, label.letter)
            start = label.end
        elif label and label.letter and current is not None and label.number is None:
            key = (current, label.letter)
            start = label.end
        else:
            m = _ANNEX_ROW.match(p.text)
            if not m:
                continue
            key = (int(m.group("num")), m.group("sub"))
            start = m.start("title")
        if key not in agenda:
            continue
        s, e = _strip_title(p.text, start, len(p.text))
        if e > s:
            yield _Occurrence(p, s, e, key)


def _comparable(analysis: Analysis, p: Paragraph, start: int, end: int) -> list[tuple[str, str]]:
    """The title's words, with each glossary title or short form replaced by its entry, so that an
    official short title equals the full one. Pairs of (comparison key, text as written)."""
    out: list[tuple[str, str]] = []
    # Official titles (of bodies, instruments...) and their short titles stand for their entry;
    # a common term's variants ("migrant smuggling") are wording like any other.
    g = analysis.glossary
    terms = [t for t in analysis.terms(p) if start <= t.start and t.end <= end and t.role in ("term", "short")
             and g.entry(t.entry_id).kind not in ("term", "series")]
    pos = start
    text = p.text
    folded = fold_text(text)
    for t in terms + [None]:
        stop = t.start if t else end
        for m in _WORD.finditer(folded, pos, stop):
            out.append((m.group(0), text[m.start():m.end()]))
        if t:
            out.append((f"<{t.entry_id}>", text[t.start:t.end]))
            pos = t.end
    return out


def _describe(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> str:
    import difflib  # only when a title differs

    ops = []
    sm = difflib.SequenceMatcher(a=[w for w, _ in a], b=[w for w, _ in b], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        old = " ".join(t for _, t in a[i1:i2])
        new = " ".join(t for _, t in b[j1:j2])
        if tag == "replace":
            ops.append(f"'{new}' for '{old}'")
        elif tag == "insert":
            ops.append(f"'{new}' added")
        elif tag == "delete":
            ops.append(f"'{old}' missing")
    return "; ".join(ops) or "different wording"


RULES = [TitleVariant, AgendaTitleMismatch]
