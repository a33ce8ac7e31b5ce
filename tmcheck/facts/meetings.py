"""Meetings and sessions as a draft names them, each mention with what identifies it: the body that
met, its number ("sa huitième session", "its sixth meeting"), its dates, its venue, and the symbol of
its report.

A meeting is named in many ways: "À sa huitième session, tenue à Vienne du 17 au 21 octobre 2016",
"la réunion du Groupe de travail tenue les 19 et 20 octobre 2010", "its fifty-eighth and fifty-ninth
sessions, held from 9 to 17 March 2015 and from 14 to 22 March 2016, respectively", "Report on the
meeting of the Working Group held in Vienna on 2 and 3 June 2019 (CTOC/COP/WG.4/2019/2)". Each is
read here into mentions: the words that name a meeting are read into anchors (meeting_nouns.py),
each bound here to its dates, its body (bodies.py says which names are one body) and its report;
entities.py links mentions that share an identifier.

Only dates whose role is an event (facts.dates) date a meeting: a deadline, a letter's date or an
adoption date never does.
"""

from __future__ import annotations

import re

from ..documents.model import Paragraph
from ..lang.text import OF_THE, PerLanguage
from ..named_tuples import NamedTuple
from .bodies import BODY_KINDS, GENERIC, HEADER_PARAGRAPHS, HEADER_PLACE, alias, own_body, same_body
from .dates import EVENT, DateFact
from .meeting_nouns import Anchor, MeetingWords, anchors, definite_only
from .symbols import canonical_symbol, joint_groups

_POSSESSIVE = PerLanguage(re.I, fr=r"\b(?:sa|son|ses|leur|leurs)\s+$", en=r"\b(?:its|their)\s+$")
_REPORT = PerLanguage(re.I, fr=r"\brapports?\b", en=r"\breports?\b")
# A venue stands right before the dates: "tenue à Vienne du 17 au 21 octobre", "held in Vienna on
# 2 June", "(Vienne, 17-21 octobre 2016)" (so that "Trafficking in Persons" is no venue).
_VENUE = PerLanguage(fr=r"(?:\bà |\()([A-Z][\w'-]+(?:[ -](?:[A-Z][\w'-]+|de|du))*)[\s,]*(?:le |les )?$",
                     en=r"(?:\bin |\()([A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)*)[\s,]*(?:on )?$")
_FUTURE = PerLanguage(re.I, fr=r"\b(?:se tiendr\w+|s'ouvrir\w+|aura lieu|auront lieu|prévue?s?|prochaine)\b",
                      en=r"\b(?:will|to be held|shall|next|scheduled|planned)\b")
_RESPECTIVELY = re.compile(r"\b(?:respectivement|respectively)\b", re.I)
# How far a meeting's name may stand before its dates, in characters.
_REACH = 160


class MeetingMention(NamedTuple):
    paragraph: Paragraph
    start: int  # the dates where the mention has dates, else the meeting's name
    end: int
    body: str | None  # a glossary entry id, or "generic:Working Group" for a name the glossary lacks
    ordinal: int | None
    kind: str
    dates: DateFact | None
    report: str | None  # canonical symbol of its report
    venue: str | None
    tense: str | None  # held | future
    siblings: int  # meetings named together with this one and covered by the same report
    position: int  # this one's rank among them (0 for a meeting named alone)
    sentence: tuple[int, int]
    antecedent: tuple[int, int, int] | None = None  # "that meeting": the key of the mention it points to
    report_span: tuple[int, int] | None = None  # where the report's symbol is written

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.paragraph.index, self.start, self.end)


def read_meetings(analysis, dates: list[DateFact]) -> list[MeetingMention]:
    """Every meeting mention of the draft, in order."""
    by_paragraph: dict[int, list[DateFact]] = {}
    for d in dates:
        if d.role == EVENT:
            by_paragraph.setdefault(d.paragraph.index, []).append(d)
    out: list[MeetingMention] = _header(analysis, by_paragraph)
    for p in analysis.paragraphs:
        words = MeetingWords(p.text)  # found once for the paragraph and its sentences
        if not words.within():
            continue
        event_dates = by_paragraph.get(p.index, [])
        for a, b in analysis.sentences(p):
            if words.within(a, b):
                out.extend(_sentence_meetings(analysis, p, (a, b), [d for d in event_dates if a <= d.start < b], out,
                                              words))
    return out


# The heading of a document: "Sixième session" then "Vienne, 15-19 octobre 2012" on its own line.
_PLACE_AND_DATES = re.compile(HEADER_PLACE + "$")


def _header(analysis, by_paragraph: dict[int, list[DateFact]]) -> list[MeetingMention]:
    """The meeting a document is for, as its heading gives it: the body, then "Sixth session",
    then "Vienna, 15-19 October 2012", each a line of its own."""
    paragraphs = analysis.paragraphs[:HEADER_PARAGRAPHS]
    for k, p in enumerate(paragraphs):
        dates = by_paragraph.get(p.index, [])
        if len(dates) != 1 or dates[0].end < len(p.text.rstrip(" .")):
            continue
        d = dates[0]
        place = _PLACE_AND_DATES.fullmatch(p.text, 0, d.start)
        if not place:
            continue
        ordinal, kind, body = None, "meeting", None
        for q in reversed(paragraphs[max(0, k - 6):k]):
            if len(q.text) > 120:
                continue
            found = anchors(q.text, 0, len(q.text))
            if found and ordinal is None and body is None and found[0].ordinals:
                ordinal, kind = found[0].ordinals[0], found[0].kind
            named = [t for t in analysis.terms(q) if t.role in ("term", "short")
                     and analysis.glossary.entry(t.entry_id).kind in BODY_KINDS]
            if named:
                body = named[0].entry_id
                break
        if body is None:
            own = next((s for q in paragraphs for s in analysis.symbols(q)), None)
            body = analysis.glossary.series_of(canonical_symbol(own.text)) if own else None
        if body is None:
            return []
        return [MeetingMention(p, d.start, d.end, body, ordinal, kind, d, None, place.group(1).strip(), None, 1, 0,
                               (0, len(p.text)))]
    return []


def _sentence_meetings(analysis, p: Paragraph, sentence: tuple[int, int], dates: list[DateFact],
                       before: list[MeetingMention], words: MeetingWords) -> list[MeetingMention]:
    """The meetings a sentence names; ``before``, those named before it (for "that meeting");
    ``words``, the paragraph's MeetingWords."""
    text = p.text
    a, b = sentence
    found = every = anchors(text, a, b, words)
    if not found:
        return []
    respectively = bool(_RESPECTIVELY.search(text, a, b))
    used: set[int] = set()
    # (anchor, ordinal or None, date or None)
    bound: list[tuple[Anchor, int | None, DateFact | None]] = []
    named: dict[int, str] = {}  # bound meetings whose body "respectively" gives
    if respectively:
        bound, named = _respectively(analysis, p, sentence, found, dates)
        used = {d.start for _, _, d in bound if d is not None}
        found = [x for x in found if not any(x is y for y, _, _ in bound)]
    for k, anchor in enumerate(found):
        limit = found[k + 1].start if k + 1 < len(found) else b
        after = [d for d in dates if anchor.end <= d.start < limit and d.start - anchor.end <= _REACH
                 and d.start not in used]
        bound.extend(_bind(anchor, after, respectively, used))
    if not bound:
        return []
    report, covered, report_span = _report_of(analysis, p, sentence, bound, every)
    siblings = sum(1 for i in covered if bound[i][2] is not None) or 1
    out = []
    rank = 0
    for k, (anchor, n, d) in enumerate(bound):
        position = rank
        rank += d is not None and k in covered
        if anchor.pointing and n is None and d is None:
            pointed = _pointed(analysis, p, sentence, anchor, before, out,
                               (report, report_span) if k in covered else (None, None))
            if pointed is not None:
                out.append(pointed)
            continue
        # Counted sittings ("dix séances, du 20 au 24 juin") are those of the document's own meeting.
        body = named.get(k) or (own_body(analysis) if anchor.kind == "sittings" else None) \
            or _body_of(analysis, p, sentence, anchor, d)
        if body is None or (n is None and d is None):
            continue  # nothing says which meeting this is
        if d is not None and _other_body_between(analysis, p, anchor, d, body):
            continue
        start, end = (d.start, d.end) if d is not None else (anchor.start, anchor.end)
        out.append(MeetingMention(p, start, end, body, n, anchor.kind, d,
                                  report if k in covered else None,
                                  _venue(analysis.lang, text, anchor.end, d.start if d else anchor.end + 60, b),
                                  "future" if _FUTURE[analysis.lang].search(text, a, end) else "held",
                                  siblings if k in covered else 1, position if k in covered and siblings > 1 else 0,
                                  sentence, None, report_span if k in covered else None))
    return out


def _bind(anchor: Anchor, after: list[DateFact], respectively: bool, used: set[int]):
    """(anchor, ordinal or None, date or None) for each meeting an anchor names, with the dates
    that follow it (``after``); the dates taken are added to ``used``."""
    if len(anchor.ordinals) >= 2:
        # "ses cinquante-huitième et cinquante-neuvième sessions, du ... et du ..., respectivement"
        if after and after[0].mention.kind == "list" and len(after[0].days) == len(anchor.ordinals):
            # "at its 21st and 27th meetings, on 15 and 29 December 2014": a day each.
            used.add(after[0].start)
            return [(anchor, n, _one_day(after[0], day)) for n, day in zip(anchor.ordinals, after[0].days)]
        paired = after[:len(anchor.ordinals)]
        if len(paired) == len(anchor.ordinals) and (respectively or len(after) == len(anchor.ordinals)):
            used.update(d.start for d in paired)
            return [(anchor, n, d) for n, d in zip(anchor.ordinals, paired)]
        return [(anchor, n, None) for n in anchor.ordinals]
    n = anchor.ordinals[0] if anchor.ordinals else None
    if anchor.plural and n is None:
        # "les réunions du groupe d'experts ont été tenues du 24 au 26 novembre 2009 et du 27 au
        # 29 juin 2012": one meeting per date.
        used.update(d.start for d in after)
        return [(anchor, None, d) for d in after]
    d = after[0] if after else None
    if d is not None:
        used.add(d.start)
    return [(anchor, n, d)]


def _pointed(analysis, p: Paragraph, sentence: tuple[int, int], anchor: Anchor, before: list[MeetingMention],
             out: list[MeetingMention], report: tuple) -> MeetingMention | None:
    """"At that meeting, ... contained in the report on that meeting (X)": the meeting named just
    before (the same or the last three paragraphs), of the same kind. ``report``: the report the
    anchor is covered by and its span, or (None, None).

    Its own kind is kept: "that session" for a meeting is a slip (TM309); "that meeting" after a
    session is one of its sittings, no mention of the session. Two other meetings named in the
    sentence ("approved the agenda for its seventh session at its sixth session, as contained in
    the report on that session"): which one is meant, nothing says."""
    here = {(m.body, m.ordinal, m.kind) for m in out if m.kind in _NAMED}
    antecedent = None if len(here) > 1 else next(
        (m for m in reversed(before + out) if m.kind in _NAMED
         and m.paragraph.group == p.group and m.paragraph.index >= p.index - 3), None)
    symbol, span = report
    if antecedent is not None and (anchor.kind == antecedent.kind or (
            anchor.kind == "session" and antecedent.kind == "meeting"
            and (not definite_only(p.text, anchor)
                 # "the report on the session (CTOC/COP/WG.4/2011/8)": the report is in the series
                 # of the body whose meeting was named, so this is that meeting
                 or (symbol and analysis.glossary.series_of(symbol) == antecedent.body)))):
        return MeetingMention(p, anchor.start, anchor.end, antecedent.body, antecedent.ordinal,
                              anchor.kind, None, symbol, None, None, 1, 0, sentence, antecedent.key, span)
    return None


_NAMED = ("meeting", "session")

def _respectively(analysis, p: Paragraph, sentence: tuple[int, int], found: list[Anchor], dates: list[DateFact]):
    """"Le Groupe a tenu sa sixième session et la reprise de sa sixième session à Vienne du 1er au 5
    juin 2015 et à Saint-Pétersbourg les 3 et 4 novembre 2015, respectivement": the meetings named
    before the first date, paired in order with the dates after them (or with the days of one
    list of days); "The Working Group on ... and the Working Group on ... will meet on 15 and 16
    October and on 17 and 18 October 2012, respectively": the bodies, when one verb or noun names
    their meetings. Returns the pairs, and the bodies so given by their rank."""
    if not dates:
        return [], {}
    first = dates[0].start
    units = [(anchor, n) for anchor in found if anchor.end <= first
             for n in (anchor.ordinals or (None,))]
    bodies: list[str] = []
    if len(units) == 1 and units[0][1] is None:
        a = sentence[0]
        terms = [t for t in analysis.terms(p) if a <= t.start < units[0][0].start and t.role in ("term", "short")
                 and analysis.glossary.entry(t.entry_id).kind in BODY_KINDS]
        if len(terms) >= 2:
            bodies = [t.entry_id for t in terms]
            units = [units[0]] * len(bodies)
    after = [d for d in dates if d.start >= max((x.end for x, _ in units), default=first)]
    if len(units) < 2:
        return [], {}
    named = dict(enumerate(bodies))
    if len(after) == len(units):
        return [(anchor, n, d) for (anchor, n), d in zip(units, after)], named
    if len(after) == 1 and after[0].mention.kind == "list" and len(after[0].days) == len(units):
        return [(anchor, n, _one_day(after[0], day)) for (anchor, n), day in zip(units, after[0].days)], named
    return [], {}


def _one_day(d: DateFact, day) -> DateFact:
    """One day of a list of days, each the date of another meeting."""
    return d._replace(days=(day,), covered=frozenset((day,)))


def _report_of(analysis, p: Paragraph, sentence: tuple[int, int], bound, every: list[Anchor]) -> tuple[str | None, set[int], tuple[int, int] | None]:
    """The symbol of the report on the last meeting (or meetings) a sentence names, and which of
    ``bound`` it covers: a symbol in parentheses right after the meeting's name or dates, or
    after a "report(s)"/"rapport(s)" that follows them, with no other meeting named between
    ("the provisional agenda for its seventh session, contained in the report on that session
    (X)" is no report on the seventh session)."""
    text = p.text
    a, b = sentence
    ends = [d.end if d is not None else anchor.end for anchor, _, d in bound]
    last = max(ends)
    final = bound[ends.index(last)][0]
    # The meetings the report is on: those of the last anchor, or all that "respectively" pairs.
    covered = {i for i, (anchor, _, _) in enumerate(bound) if anchor is final}
    if len({id(anchor) for anchor, _, _ in bound}) > 1 and all(d is not None for _, _, d in bound) \
            and _RESPECTIVELY.search(text, a, b):
        covered = set(range(len(bound)))
    for group in joint_groups(text, analysis.symbols(p)):
        s = group[0]
        if not (last <= s.start < b):
            continue
        span = (s.start, group[-1].end)
        if any(last <= x.start < s.start for x in every):
            return None, set(), None  # another meeting named between: "the report on that session"
        between = text[last:s.start]
        if re.fullmatch(r"[\s,]*\(\s*", between):
            return canonical_symbol(s.text), covered, span
        if _REPORT[analysis.lang].search(between) and not re.search(r"\d{4}", between) and len(between) < 200:
            return canonical_symbol(s.text), covered, span
        # A report named before the meetings ("Rapport de la réunion ..., tenue du 27 au 29 juin
        # 2012 (UNODC/CCPCJ/EG.1/2012/4)"): the symbol closes the title.
        if (_REPORT[analysis.lang].search(text, a, min(bound[0][0].start + 1, b)) and len(between) < 80
                and re.search(r"\(\s*$", between) and not re.search(r"\d{4}", between)):
            return canonical_symbol(s.text), covered, span
        return None, set(), None
    return None, set(), None


def _venue(lang: str, text: str, start: int, end: int, stop: int) -> str | None:
    m = _VENUE[lang].search(text[max(start, end - 80):min(end, stop)])
    return m.group(1) if m else None


def _other_body_between(analysis, p: Paragraph, anchor: Anchor, d: DateFact, body: str) -> bool:
    """"À sa huitième session, la Conférence a décidé que le Groupe de travail se réunirait le 6
    septembre": the date is another body's meeting, not the session's."""
    text = p.text
    after = anchor.end + len(OF_THE.match(text, anchor.end).group(0))
    for t in analysis.terms(p):
        if anchor.end <= t.start < d.start and t.start != after and t.role in ("term", "short"):
            e = analysis.glossary.entry(t.entry_id)
            if e.kind in BODY_KINDS and t.entry_id != body and not _is_parent(analysis, t.entry_id, body):
                return True
    terms = analysis.terms(p)
    for g in GENERIC[analysis.lang].finditer(text, anchor.end, d.start):
        if any(t.start <= g.start() < t.end for t in terms):
            continue  # "Working Group" inside "Open-ended Intergovernmental Working Group on ..."
        if g.start() != after and not same_body(analysis, alias(analysis, g.group(1)), body):
            return True
    return False


def _is_parent(analysis, entry_id: str, child: str) -> bool:
    e = analysis.glossary.entries.get(child)
    return e is not None and e.parent == entry_id


def _body_of(analysis, p: Paragraph, sentence: tuple[int, int], anchor: Anchor, d: DateFact | None) -> str | None:
    """Whose meeting: the body named right after the noun ("session de la Conférence"), else,
    after "sa"/"its", the body the sentence is about; a name the glossary does not know ("le Groupe
    de travail") stands for the one body of the document it can only mean, or for itself."""
    lang = analysis.lang
    text = p.text
    a, b = sentence
    bodies = [t for t in analysis.terms(p) if a <= t.start < b and t.role in ("term", "short")
              and analysis.glossary.entry(t.entry_id).kind in BODY_KINDS]
    after = anchor.end + len(OF_THE.match(text, anchor.end).group(0))
    named = next((t.entry_id for t in bodies if t.start == after), None)
    if named:
        return named
    generic = GENERIC[lang].match(text, after)
    if generic:
        return alias(analysis, generic.group(1))
    start = anchor.start
    if _after_possessive(lang, text[a:start]):
        # "sa"/"its": the body it points back to, named in full or by its generic name, nearest
        # before it ("The Special Committee considered ... at its 276th meeting, and at the 1st
        # meeting of the Working Group"); where none is named before, the one it points forward
        # to, nearest after ("In its resolution 6/1, adopted at its sixth session, ..., the
        # Conference decided").
        named = [(t.start >= start, abs(t.start - start), t.start, t.entry_id) for t in bodies]
        named += [(g.start() >= start, abs(g.start() - start), g.start(), "") for g in GENERIC[lang].finditer(text, a, b)
                  if not any(t.start <= g.start() < t.end for t in bodies)]
        if named:
            _, _, at, entry_id = min(named)
            return entry_id or alias(analysis, GENERIC[lang].match(text, at).group(1))
        return _earlier_body(analysis, p, a)  # "It held its fourth and fifth sessions ..."
    before = [t for t in bodies if t.start < start]
    if before:
        return before[-1].entry_id
    near = list(GENERIC[lang].finditer(text, a, start))
    if near:
        return alias(analysis, near[-1].group(1))
    # "À la réunion qu'il a tenue à Vienne le 4 juillet 2012, le Bureau élargi ...": the subject
    # comes after.
    if bodies:
        return min(bodies, key=lambda t: abs(t.start - start)).entry_id
    after_ = next(GENERIC[lang].finditer(text, anchor.end, b), None)
    if after_:
        return alias(analysis, after_.group(1))
    # "La Conférence a tenu sa première session ... Elle a tenu ses quatrième et cinquième
    # sessions ...": the body named last before, in the paragraph; else the document's own.
    return _earlier_body(analysis, p, a)


def _after_possessive(lang: str, before: str) -> bool:
    """Does ``before`` end with "sa"/"its" and blanks (_POSSESSIVE)? Searched from where that word
    may start, before the blanks that end it (the pattern, case-blind and opening with \\b, is
    tried at every character of the text otherwise)."""
    k = len(before.rstrip())  # the blanks: \\s is what str.rstrip() strips
    return k < len(before) and _POSSESSIVE[lang].search(before, max(0, k - 6)) is not None


def _earlier_body(analysis, p: Paragraph, before: int) -> str | None:
    """The body named last before ``before`` in the paragraph, else the document's own."""
    earlier = [t for t in analysis.terms(p) if t.start < before and t.role in ("term", "short")
               and analysis.glossary.entry(t.entry_id).kind in BODY_KINDS]
    generic = list(GENERIC[analysis.lang].finditer(p.text, 0, before))
    if earlier and (not generic or earlier[-1].start >= generic[-1].start()):
        return earlier[-1].entry_id
    if generic:
        return alias(analysis, generic[-1].group(1))
    return own_body(analysis)


