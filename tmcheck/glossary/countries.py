"""Official country names as glossary entries (``tmcheck glossary import FILE --format countries``).

Two tables are understood, recognized by their header (../shared/data/countries/README.md):

- UNTERM (``iso3, m49, kind, fr, en``; a "short" and a "formal" row per State): one entry per State,
  id ``country-<iso3>``, the short name as the term and the formal name as an accepted form. The
  sorting article in parentheses ("Afghanistan (l')", "Netherlands (the)") and the observer-State
  mark ("*") are dropped, as is the formal name's leading article ("la République ...");
- UNSD M49 (``level, m49, fr, en``): one entry per row of level "country", id ``country-m49-<code>``,
  except the codes an entry's notes already give ("M49 384"), so that M49 fills in what UNTERM
  lacks. M49 names are statistical names, not always the UN's (it writes "Ivory Coast" in English
  for Côte d'Ivoire): review what it adds.

Apostrophes are written straight, as everywhere in the glossary. Entries are of kind "country".
"""

from __future__ import annotations

import re
from pathlib import Path

from ..documents.folding import APOSTROPHES
from ..documents.formats.units import one_line
from ..errors import InputError
from ..i18n import _
from .model import Entry, Terms

_SORT_ARTICLE = re.compile(r"\s*\((?:l'|la|le|les|the)\)\s*$", re.IGNORECASE)
_LEADING_ARTICLE = {"en": re.compile(r"^the\s+"), "fr": re.compile(r"^(?:la|le|les)\s+|^l'")}
_M49_NOTE = re.compile(r"\bM49 (\d{3})\b")


def _clean(name: str) -> tuple[str, bool]:
    """The name with straight apostrophes, without the observer mark; and whether it had one."""
    name = " ".join(name.translate(APOSTROPHES).split())
    observer = name.endswith("*")
    return name.rstrip("*").strip(), observer


def short_name(name: str) -> str:
    return _SORT_ARTICLE.sub("", _clean(name)[0])


def formal_name(name: str, lang: str) -> str:
    return _LEADING_ARTICLE[lang].sub("", _clean(name)[0], count=1)


def read_countries(path: Path, text: str, existing: list[Entry] = ()) -> list[Entry]:
    text = text.removeprefix("\ufeff")
    rows = [line.rstrip("\r").split("\t") for line in text.split("\n") if line.strip()]
    if not rows:
        raise InputError(_("{path}: empty file").format(path=path))
    header = [h.strip().lower() for h in rows[0]]
    if {"iso3", "m49", "kind", "fr", "en"} <= set(header):
        return _unterm(path, header, rows[1:])
    if {"level", "m49", "fr", "en"} <= set(header):
        known = {m for e in existing for m in _M49_NOTE.findall(e.notes)}
        return _m49(path, header, rows[1:], known)
    raise InputError(_("{path}:1: not a country-name table: the header needs iso3, m49, kind, fr, en (UNTERM) or "
                       "level, m49, fr, en (UNSD M49); found {header}").format(path=path, header=', '.join(header)))


def _fields(path: Path, header: list[str], rows: list[list[str]]):
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise InputError(_("{path}:{number}: {n} fields, the header has {n2}").format(
                path=path, number=number, n=len(row), n2=len(header)))
        yield number, dict(zip(header, (c.strip() for c in row)))


def _unterm(path: Path, header: list[str], rows: list[list[str]]) -> list[Entry]:
    states: dict[str, dict] = {}
    for number, row in _fields(path, header, rows):
        iso3 = row["iso3"].lower()
        if not re.fullmatch(r"[a-z]{3}", iso3):
            raise InputError(_("{path}:{number}: iso3 {iso3!r} is not a three-letter code").format(
                path=path, number=number, iso3=one_line(row['iso3'])))
        if row["kind"] not in ("short", "formal"):
            raise InputError(_("{path}:{number}: kind {kind!r} (expected short or formal)").format(
                path=path, number=number, kind=one_line(row['kind'])))
        state = states.setdefault(iso3, {"m49": row["m49"], "line": number})
        state[row["kind"]] = row
    entries = []
    for iso3, state in states.items():
        short, formal = state.get("short"), state.get("formal")
        if short is None:
            raise InputError(_("{path}:{line}: {iso3} has no short name").format(
                path=path, line=state['line'], iso3=iso3.upper()))
        sides, observer = {}, False
        for lang in ("en", "fr"):
            term = short_name(short[lang])
            observer = observer or _clean(short[lang])[1]
            accepted = ()
            if formal is not None:
                f = formal_name(formal[lang], lang)
                if f and f != term:
                    accepted = (f,)
            sides[lang] = Terms(term, None, accepted, ())
        code = f"{int(state['m49']):03d}" if state["m49"].isdigit() else state["m49"]
        notes = f"UNTERM country name (ISO 3166 {iso3.upper()}, M49 {code})."
        if sides["en"].short:
            notes += " The formal name is an accepted form."
        if observer:
            notes += " Non-member observer State."
        entries.append(Entry(f"country-{iso3}", "country", "official", sides["en"], sides["fr"], (), None, notes,
                             f"{path.name}:{state['line']}"))
    return entries


def _m49(path: Path, header: list[str], rows: list[list[str]], known: set[str]) -> list[Entry]:
    entries = []
    for number, row in _fields(path, header, rows):
        if row["level"] != "country":
            continue
        code = row["m49"].zfill(3)
        if code in known:
            continue
        en, fr = _clean(row["en"])[0], _clean(row["fr"])[0]
        entries.append(Entry(f"country-m49-{code}", "country", "official", Terms(en), Terms(fr), (), None,
                             f"UNSD M49 name (M49 {code}); not in UNTERM's list: check it against UNTERM.",
                             f"{path.name}:{number}"))
    return entries
