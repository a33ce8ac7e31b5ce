"""How the translation may write a title of the source (TM403): which titles it must give as titles,
and the spellings that still count as the official one (case, accents, plural, elision, -ise/-ize)."""

from __future__ import annotations

import re

from ..glossary.index import content_words
from ..lang.text import fold_text

_TITLE_KINDS = {"body", "working-group", "meeting", "office", "organization", "instrument", "mission"}
_BODY_KINDS = {"body", "working-group", "meeting"}


def asks_for_title(entry, form: str) -> bool:
    """Which titles of the source the translation must give as titles: those of the bodies of the
    conferences (commissions, working groups, meetings), and any other title of three content
    words or more. "United Nations", "African Union" or "Security Council" are often rendered "l'ONU",
    "the Union" or "il", as the translator sees fit."""
    if entry.kind in _BODY_KINDS:
        return True
    return entry.kind in _TITLE_KINDS and content_words(form) >= 3


# English -ise/-ize spellings ("Organisation for the Prohibition of Chemical Weapons", as the OPCW
# writes its name, and "Organization", as UN English writes every other): one word either way.
_ISE = re.compile(r"i[sz](?=ation|ations|e|ed|es|ing)(?!\w*(?:is|iz))")


def loose_pattern(term: str, lang: str) -> re.Pattern:
    """A term as the translation may inflect it: any case and accents, singular or plural, elision,
    and in English either of the -ise/-ize spellings."""
    words = re.findall(r"[^\W\d_]+|\d+", fold_text(term))
    parts = []
    for w in words:
        if lang == "en" and len(w) > 5 and _ISE.search(w, 3):
            a = _ISE.search(w, 3).start()
            parts.append(re.escape(w[:a]) + "i[sz]" + re.escape(w[a + 2:]) + "s?")
            continue
        if len(w) <= 3:
            parts.append(re.escape(w))
        elif lang == "en" and w.endswith("ies"):
            parts.append(re.escape(w[:-3]) + "(?:y|ies)")
        elif lang == "en" and w.endswith("y"):
            parts.append(re.escape(w[:-1]) + "(?:y|ies)")
        elif w.endswith(("s", "x")) and not w.endswith("ss"):
            parts.append(re.escape(w[:-1]) + "(?:s|x|es)?")
        else:
            parts.append(re.escape(w) + "(?:s|x|es|'s)?")
    joiner = r"(?:\s+|'\s*|\s*-\s*)" if lang == "fr" else r"(?:\s+|\s*-\s*)"
    return re.compile(r"(?<!\w)" + joiner.join(parts) + r"(?!\w)")


def attempted(title: str, folded_target: str) -> bool:
    """Does the translation hold most of the title's content words (a title written, if wrongly)?"""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", fold_text(title))]
    present = sum(1 for w in words if re.search(r"(?<!\w)" + re.escape(w[:-1]), folded_target))
    return bool(words) and present * 2 >= len(words) + 1


def capitalised_as_written(form: str, written: str) -> bool:
    """"États Membres" names the UN's Member States; "États membres" (of another body) does not, and
    "le secrétariat du Réseau" is not the Secretariat: a capitalised word of the glossary form must be
    capitalised in the text (its first word may not be, after an article)."""
    fw, ww = form.split(), written.split()
    if len(fw) != len(ww):
        return True
    return all(not f[:1].isupper() or w[:1].isupper() or (i == 0 and f.lower() in _ARTICLES)
               for i, (f, w) in enumerate(zip(fw, ww)))


_ARTICLES = {"the", "la", "le", "les", "l'"}
