"""The words that name a meeting: its nouns ("session", "réunion", "meeting", "Congrès"), the verbs by
which a body meets ("s'est réuni", "will meet"), and the ordinals, kinds and pointers written before
a noun ("ses cinquante-huitième et cinquante-neuvième sessions", "its resumed sixth session", "that
meeting"), read into anchors. meetings.py binds each anchor to its body and dates."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterator

from ..lang.latin1 import latin1_lower
from ..lang.ordinals import ordinal_value
from ..lang.text import lowered, occurrences
from ..named_tuples import NamedTuple

# Meeting nouns; "séance" (a sitting within a session) is not a meeting of its own.
_NOUN = re.compile(r"(?<![\w-])(sessions?|réunions?|meetings?|séances|Congrès|Congress(?:es)?)(?![\w-])", re.I)
_PLURAL = {"sessions", "réunions", "meetings", "séances", "congresses"}
# "The resources available will allow for six meetings, on 6, 7 and 8 September 2016": sittings,
# counted; their days are the days of the session or meeting they make up.
_CARDINALS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fourteen",
              "sixteen", "twenty", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
              "douze", "quatorze", "seize", "vingt"}
# Verbs by which a body meets ("le Groupe de travail s'est réuni les 18 et 19 mai 2016"): the body is
# their subject, and each date after them is one of its meetings.
_MEET = re.compile(r"(?<![\w-])(?:s'est réunie?s?|se sont réunie?s|se réunira|se réuniront|se réunirait|se réuniraient|"
                   r"s'était réunie?s?|met|will meet|would meet|meets|reconvened)(?![\w-])", re.I)
# Adjectives that make another kind of meeting of the same number ("twenty-ninth special session").
_KIND_BEFORE = {"special": "special session", "resumed": "resumed session", "reconvened": "resumed session",
                "extraordinary": "special session"}
_KIND_AFTER = re.compile(r"\s+(extraordinaires?|reprises?)\b", re.I)
_SKIP_BEFORE = {"regular", "ordinary", "annual", "ordinaire", "intergovernmental", "intersessional",
                "open-ended", "high-level", "first-ever", "plenary", "plénières", "formal", "informal"}
_LIST_JOIN = {"et", "and", ","}
_ADJECTIVES = _SKIP_BEFORE | set(_KIND_BEFORE)  # the words skipped between an ordinal and its noun
_IN_A_LIST = _LIST_JOIN | _ADJECTIVES  # and between two ordinals of a list
_POINTING = {"that", "this", "these", "those", "cette", "ce", "cet", "ces", "ladite", "même"}
_DEFINITE = {"the", "its", "their", "la", "le", "sa", "son", "leur"}
_CLOSES = re.compile(r"\s*(?:[(),.;]|$)")


class Anchor(NamedTuple):
    """A meeting noun, with the ordinals written before it ("ses cinquante-huitième et
    cinquante-neuvième sessions": [58, 59])."""

    start: int  # of the ordinals, else of the noun
    end: int  # of the noun (and of "extraordinaire" after it)
    ordinals: tuple[int, ...]
    kind: str  # session | meeting | special session | resumed session | congress | sittings
    plural: bool
    pointing: bool = False  # "that meeting", "cette session": a meeting named before



# Where a match of _NOUN or _MEET may start, read from the words it holds in lower case: a noun
# starts with its cue ("réuni" for "réunion", "meet" for "meeting"); a verb holds its cue so many
# characters after its start ("s'est réunie": "réuni" 6 after, "will meet": "meet" 5 after). Both
# patterns, case-blind and opening with a look-behind, take a step per character; found from these
# cues by plain substring searches, they are tried only where a match may start.
_NOUN_CUES = ("session", "réuni", "meet", "séances", "congrès", "congress")
_MEET_CUES = (("réuni", (3, 6, 8)), ("met", (0,)), ("meet", (0, 5, 6)), ("reconvened", (0,)))
_CUES = tuple(dict.fromkeys([*_NOUN_CUES, *(cue for cue, _ in _MEET_CUES)]))  # a paragraph with none names no meeting


class MeetingWords:
    """Where meeting nouns and verbs by which a body meets may start in a text, found once for the
    text and each of its sentences."""

    __slots__ = ("text", "nouns", "verbs")
    nouns: list[int] | tuple[()] | None
    verbs: list[int] | tuple[()] | None

    def __init__(self, text: str):
        self.text = text
        # None where re.IGNORECASE matches letters lower() does not give
        low = latin1_lower(text) or lowered(text)
        if low is None:
            self.nouns = self.verbs = None  # searched in full
            return
        if not any(cue in low for cue in _CUES):
            self.nouns = self.verbs = ()  # most paragraphs: no cue at all, decided by a few scans
            return
        self.nouns = sorted(i for cue in _NOUN_CUES for i in occurrences(low, cue))
        self.verbs = sorted(i - k for cue, offsets in _MEET_CUES for i in occurrences(low, cue) for k in offsets
                            if i >= k)

    def within(self, start: int = 0, end: int | None = None) -> bool:
        """Whether ``text[start:end]`` holds a meeting noun or a verb by which a body meets."""
        text = self.text
        end = len(text) if end is None else end
        if self.nouns is None:
            return bool(_NOUN.search(text, start, end) or _MEET.search(text, start, end))
        return (next(_matches(_NOUN, self.nouns, text, start, end), None) is not None
                or next(_matches(_MEET, self.verbs, text, start, end), None) is not None)


    def nouns_in(self, start: int, end: int) -> Iterator[re.Match]:
        """The meeting nouns of ``text[start:end]``: ``_NOUN.finditer(text, start, end)``."""
        return _matches(_NOUN, self.nouns, self.text, start, end)

    def verbs_in(self, start: int, end: int) -> Iterator[re.Match]:
        """The verbs by which a body meets of ``text[start:end]``: ``_MEET.finditer(text, start, end)``."""
        return _matches(_MEET, self.verbs, self.text, start, end)


def _matches(pattern: re.Pattern, starts, text: str, start: int, end: int) -> Iterator[re.Match]:
    """``pattern.finditer(text, start, end)``, tried only at ``starts`` (sorted) where known: each
    match from where the search would find it, the leftmost one after the last."""
    if starts is None:
        yield from pattern.finditer(text, start, end)
        return
    # From the first place within the bounds to the last (a paragraph of many sentences asks for
    # each: the places of the others are never walked).
    for k in range(bisect_left(starts, start), len(starts)):
        i = starts[k]
        if i >= end:
            return
        if i < start:  # within an earlier match
            continue
        m = pattern.match(text, i, end)  # a match that starts at i is what a search finds there
        if m:
            yield m
            start = m.end()


_WORD_BEFORE = re.compile(r"[^\W\d_][\w'-]*|\d+(?:e|è|ème|er|re|st|nd|rd|th)\b|,")


def _words_before(text: str, end: int, floor: int) -> list[tuple[int, int, str]]:
    """The words before ``end`` (at most eight), nearest first: (start, end, word)."""
    # Searched within the bounds (the same words as in the slice: the pattern looks at nothing
    # before its start), and only the last eight read into tuples.
    found = list(_WORD_BEFORE.finditer(text, max(floor, end - 120), end))
    return [(m.start(), m.end(), m.group(0)) for m in reversed(found[-8:])]


def anchors(text: str, start: int, end: int, words: MeetingWords | None = None) -> list[Anchor]:
    """The meeting nouns of ``text[start:end]`` with the ordinals written before them; ``words``,
    the text's MeetingWords where already found."""
    found = words or MeetingWords(text)
    out = []
    for m in found.nouns_in(start, end):
        noun = m.group(1).lower()
        kind = "meeting" if noun.startswith(("meeting", "réunion", "séance")) else "congress" if noun.startswith("congr") else "session"
        plural = noun in _PLURAL
        after = _KIND_AFTER.match(text, m.end())
        stop = m.end()
        if after:
            word = after.group(1).lower()
            kind = "special session" if word.startswith("extra") else "resumed session"
            stop = after.end()
        words = _words_before(text, m.start(), start)
        i = 0
        while i < len(words) and words[i][2].lower() in _ADJECTIVES:
            if words[i][2].lower() in _KIND_BEFORE:
                kind = _KIND_BEFORE[words[i][2].lower()]
            i += 1
        ordinals: list[int] = []
        first = m.start()
        while i < len(words):
            n, used = _ordinal_at(words, i)
            if n is None:
                break
            ordinals.append(n)
            first = words[i + used - 1][0]
            i += used
            # "its 15th, 26th and resumed 27th meetings": a list, an adjective or two inside.
            j = i
            while j < len(words) and j - i < 3 and words[j][2].lower() in _IN_A_LIST:
                j += 1
            if j > i and any(w[2].lower() in _LIST_JOIN for w in words[i:j]) and len(ordinals) < 12 \
                    and j < len(words) and _ordinal_at(words, j)[0] is not None:
                i = j
                continue
            break
        # "its resumed sixth session", "la reprise de sa sixième session"
        if any(w[2].lower() in ("resumed", "reconvened", "reprise") for w in words[i:i + 3]) and ordinals:
            kind = "resumed session"
        if plural and not ordinals and (i < len(words) and (words[i][2].lower() in _CARDINALS or words[i][2].isdigit())):
            kind = "sittings"
        elif noun == "séances":
            continue  # sittings of a day, not a meeting
        pointing = not ordinals and i < len(words) and (
            words[i][2].lower() in _POINTING
            # "the report on the meeting (X)", "sur sa réunion.": a meeting named before
            or (words[i][2].lower() in _DEFINITE and _CLOSES.match(text, stop) is not None))
        out.append(Anchor(first, stop, tuple(reversed(ordinals)), kind, plural, pointing))
    for m in found.verbs_in(start, end):
        out.append(Anchor(m.start(), m.end(), (), "meeting", True))
    out.sort(key=lambda x: x.start)
    return out


def _ordinal_at(words: list[tuple[int, int, str]], i: int) -> tuple[int | None, int]:
    """The ordinal ending at words[i] (nearest first): "vingt et unième" is three words."""
    for used in (3, 2, 1):
        if i + used > len(words):
            continue
        phrase = " ".join(w[2] for w in reversed(words[i:i + used]))
        n = ordinal_value(phrase)
        if n:
            return n, used
    return None, 0



def definite_only(text: str, anchor: Anchor) -> bool:
    """"the meeting" rather than "that meeting": weaker, so only a meeting of its own kind."""
    return not any(w in _POINTING for w in text[max(0, anchor.start - 12):anchor.start].lower().split()[-1:])


def last_noun(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The last meeting noun in ``text[start:end]`` and its span, or None."""
    last = None
    for m in _NOUN.finditer(text, start, end):
        last = m
    return None if last is None else (last.start(1), last.end(1), last.group(1))

