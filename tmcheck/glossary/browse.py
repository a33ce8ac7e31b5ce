"""``tmcheck glossary search``: an entry by any of its forms, in either language."""

from __future__ import annotations

from ..documents.folding import fold_text
from ..named_tuples import NamedTuple
from .model import LANGS, Entry

_ROLE_ORDER = {"id": 0, "acronym": 1, "term": 2, "short": 3, "forbidden": 4}


class Hit(NamedTuple):
    entry: Entry
    form: str
    lang: str  # en | fr | "" for the id
    role: str  # id | term | acronym | short | forbidden
    rank: tuple


def _fold(s: str) -> str:
    return " ".join(fold_text(s).split())


def search_entries(entries: list[Entry], query: str, lang: str | None = None) -> list[Hit]:
    """Entries with a form containing ``query`` (case, accents and apostrophes folded): exact
    matches first, then forms starting with it, then the rest; one hit per entry (its best)."""
    q = _fold(query)
    if not q:
        return []
    best: dict[str, Hit] = {}
    for e in entries:
        forms = [(e.id, "", "id")]
        for side_lang in LANGS:
            if lang and side_lang != lang:
                continue
            side = e.side(side_lang)
            forms.append((side.term, side_lang, "term"))
            if side.acronym:
                forms.append((side.acronym, side_lang, "acronym"))
            forms += [(s, side_lang, "short") for s in side.short]
            forms += [(s, side_lang, "forbidden") for s in side.forbidden]
        for form, form_lang, role in forms:
            f = _fold(form)
            at = f.find(q)
            if at < 0:
                continue
            closeness = 0 if f == q else 1 if at == 0 else 2
            rank = (closeness, _ROLE_ORDER[role], len(f))
            hit = Hit(e, form, form_lang, role, rank)
            if e.id not in best or rank < best[e.id].rank:
                best[e.id] = hit
    return sorted(best.values(), key=lambda h: (h.rank, h.entry.id))
