"""The bodies that meet, as a draft names them: a glossary entry of a body's kind, or a generic name
("the Working Group", "la Conférence") that stands for the one body of the document it can only
mean (alias), or for itself ("generic:Working Group"); the body whose document it is (own_body);
and when two names are one body (same_body)."""

from __future__ import annotations

import re
from collections import Counter

from ..lang.text import PerLanguage
from .symbols import canonical_symbol

# What "the Working Group" or "la Conférence" means when a document names its own bodies without
# their full titles (resolved by alias(), kept apart from the glossary's entries otherwise).
GENERIC = PerLanguage(
    fr=r"\b(Bureau élargi|Bureau|Groupe de travail|groupe d'experts|Conférence|Commission|Comité|Assemblée générale)\b",
    en=r"\b(extended Bureau|Bureau|Working Group|expert group|Conference|Commission|Committee|General Assembly)\b",
)
BODY_KINDS = {"organ", "body", "working-group", "meeting"}

# The heading of a document: the body, then "Sixième session", then "Vienne, 15-19 octobre 2012",
# each on its own line, within its first paragraphs.
HEADER_PARAGRAPHS = 16
# Where it is held: "Vienne, ", "St. Petersburg, Russian Federation, ", "Saint-Pétersbourg (Fédération
# de Russie), ": the city (group 1, the venue), then the country where it is away from a headquarters.
HEADER_PLACE = r"([A-Z][^\d,;:()]{1,40}?)\s*(?:\([^\d()]{1,40}\)|,\s*[A-Z][^\d,;:()]{1,40})?,\s*"
_PLACE_THEN_DATES = re.compile(HEADER_PLACE + r"\d")


def _header_body(analysis) -> str | None:
    """The body named last in the heading above its place and dates."""
    for k, p in enumerate(analysis.paragraphs[:HEADER_PARAGRAPHS]):
        if _PLACE_THEN_DATES.match(p.text) and len(p.text) < 80:
            for q in reversed(analysis.paragraphs[max(0, k - 6):k]):
                named = [t for t in analysis.terms(q) if t.role in ("term", "short")
                         and analysis.glossary.entry(t.entry_id).kind in BODY_KINDS]
                if named and len(q.text) <= 160:
                    return named[-1].entry_id
            return None
    return None

def own_body(analysis) -> str | None:
    """The body whose document this is: the owner of the series of its own symbol."""
    def find():
        own = next((s for p in analysis.paragraphs[:8] for s in analysis.symbols(p)), None)
        owner = analysis.glossary.series_of(canonical_symbol(own.text)) if own else None
        if owner:
            return owner
        # A PDF extraction drops the symbol with the running heads: the body its heading names
        # last above the place and dates ("Conférence des Parties ... / Groupe de travail sur la
        # traite des personnes / Vienne, 6-8 septembre 2016"), else the first it names.
        header = _header_body(analysis)
        if header:
            return header
        return next((t.entry_id for p in analysis.paragraphs[:8] for t in analysis.terms(p)
                     if t.role in ("term", "short") and analysis.glossary.entry(t.entry_id).kind in BODY_KINDS), None)

    return analysis.memo("own-body", find)


def body_class(analysis, body: str) -> str:
    """The generic name a body goes by ("Groupe de travail" for every working group), so that "le
    Groupe de travail" and its full title can be taken for the same body."""
    if body.startswith("generic:"):
        return body.split(":", 1)[1].lower()
    term = analysis.glossary.entry(body).side(analysis.lang).term
    g = GENERIC[analysis.lang].search(term)  # "Open-ended Intergovernmental Working Group on ..."
    return g.group(1).lower() if g else body


def same_body(analysis, a: str, b: str) -> bool:
    """The same body, or a generic name and a full title it may stand for."""
    if a == b:
        return True
    if a.startswith("generic:") or b.startswith("generic:"):
        return body_class(analysis, a) == body_class(analysis, b)
    return False


def alias(analysis, noun: str) -> str:
    """'the Working Group' -> the working group the document is about: the one whose series its
    own symbol belongs to, else the one it names in full clearly more often than any other."""
    return analysis.memo("generic-aliases", dict).get(noun) or _resolve_alias(analysis, noun)


def _resolve_alias(analysis, noun: str) -> str:
    g = analysis.glossary
    key = noun.lower()

    def fits(entry_id: str) -> bool:
        e = g.entry(entry_id)
        return e.kind in BODY_KINDS and e.side(analysis.lang).term.lower().startswith(key)

    votes = Counter({entry_id: n for entry_id, n in _named_bodies(analysis).items() if fits(entry_id)})
    owner = own_body(analysis)
    if owner and fits(owner):
        votes[owner] += 1000
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        resolved = ranked[0][0]
    else:
        resolved = "generic:" + noun
    analysis.memo("generic-aliases", dict)[noun] = resolved
    return resolved


def _named_bodies(analysis) -> Counter:
    """How often the draft names each body by a glossary term or short form, in the order of their
    first mention: counted once for every generic name alias() resolves."""
    def count():
        g = analysis.glossary
        return Counter(t.entry_id for p in analysis.paragraphs for t in analysis.terms(p)
                       if t.role in ("term", "short") and g.entry(t.entry_id).kind in BODY_KINDS)

    return analysis.memo("named-bodies", count)


def body_name(analysis, body: str) -> str:
    if body.startswith("generic:"):
        return body.split(":", 1)[1]
    return analysis.glossary.entry(body).side(analysis.lang).term
