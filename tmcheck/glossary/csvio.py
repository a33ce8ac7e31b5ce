"""The glossary as a spreadsheet: CSV (comma) or TSV (tab), one entry a row.

Header (export writes every column; import needs en_term and fr_term, the rest is optional)::

    id,kind,status,en_term,en_acronym,en_short,en_forbidden,fr_term,fr_acronym,fr_short,fr_forbidden,symbols,parent,notes

List columns (*_short, *_forbidden, symbols) hold their items separated by "; " (a ";" inside an
item is written "\\;"). A row without an id gets one made from its English acronym or title.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import InputError
from ..i18n import _
from .edit import join_list, new_entry, slug, split_list
from .model import LANGS, Entry, Terms

MAX_FIELD = 64 * 1024  # a cell larger than this is not a term or a note (csv's own limit is 128 kB)
COLUMNS = ("id", "kind", "status",
           "en_term", "en_acronym", "en_short", "en_forbidden",
           "fr_term", "fr_acronym", "fr_short", "fr_forbidden",
           "symbols", "parent", "notes")


def write_csv(entries: list[Entry], delimiter: str = ",") -> str:
    """CSV quotes as spreadsheets do; TSV never quotes (no field may hold a tab or a line break)."""
    out = io.StringIO()
    if delimiter == "\t":
        class w:  # the csv writer's interface
            @staticmethod
            def writerow(row):
                out.write("\t".join(row) + "\n")
    else:
        w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    w.writerow(COLUMNS)
    for e in entries:
        row = [e.id, e.kind, e.status]
        for lang in LANGS:
            side = e.side(lang)
            row += [side.term, side.acronym or "", join_list(side.short), join_list(side.forbidden)]
        row += [join_list(e.symbols), e.parent or "", e.notes]
        if delimiter == "\t" and any("\t" in c or "\n" in c for c in row):
            raise InputError(_("entry '{id}' has a tab or a line break in a field: export it as CSV").format(id=e.id))
        w.writerow(row)
    return out.getvalue()


def read_csv(path: Path, text: str, delimiter: str | None = None, kind: str | None = None,
             status: str | None = None, taken: set[str] = frozenset()) -> list[Entry]:
    """The entries of a CSV or TSV file (``delimiter`` None: tab for .tsv/.tab, else comma); an id
    made for a row without one avoids ``taken``."""
    text = text.removeprefix("\ufeff")
    if delimiter is None:
        delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    if delimiter == "\t":
        reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    csv.field_size_limit(MAX_FIELD)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(_("{path}:{line_num}: malformed CSV ({reason})").format(
            path=path, line_num=reader.line_num, reason=' '.join(str(exc).split()))) from None
    if not rows:
        raise InputError(_("{path}: empty file").format(path=path))
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        shown = ", ".join(_shown(h) for h in unknown[:10]) + (", …" if len(unknown) > 10 else "")
        raise InputError(_("{path}:1: unknown column(s) {shown} (the header is {columns})").format(
            path=path, shown=shown, columns=','.join(COLUMNS)))
    for need in ("en_term", "fr_term"):
        if need not in header:
            raise InputError(_("{path}:1: the header needs an '{need}' column (the header is {columns})").format(
                path=path, need=need, columns=','.join(COLUMNS)))
    entries, ids = [], set(taken)
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            raise InputError(_("{path}:{number}: {n} fields, the header has {n2}").format(
                path=path, number=number, n=len(row), n2=len(header)))
        get = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
        sides = {}
        for lang in LANGS:
            term = get.get(f"{lang}_term", "")
            if not term:
                raise InputError(_("{path}:{number}: no {lang} term (both en_term and fr_term are required)").format(
                    path=path, number=number, lang=lang))
            sides[lang] = Terms(term, get.get(f"{lang}_acronym") or None, tuple(split_list(get.get(f"{lang}_short", ""))),
                                tuple(split_list(get.get(f"{lang}_forbidden", ""))))
        entry_id = get.get("id") or unique_id(sides["en"], ids)
        try:
            e = new_entry(entry_id, get.get("kind") or kind or "term", get.get("status") or status or "official",
                          sides["en"], sides["fr"], tuple(split_list(get.get("symbols", ""))), get.get("parent") or None,
                          get.get("notes", ""))
        except InputError as exc:
            raise InputError(_("{path}:{number}: {exc}").format(path=path, number=number, exc=exc)) from None
        ids.add(e.id)
        entries.append(e._replace(source=f"{path.name}:{number}"))
    return entries


def _shown(value: str, limit: int = 40) -> str:
    """A cell as a message quotes it: as written when it is short and printable, else escaped (a
    quoted cell may hold line breaks) and shortened."""
    if value.isprintable() and len(value) <= limit:
        return value
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def unique_id(en: Terms, taken: set[str]) -> str:
    base = slug(en.acronym) if en.acronym else slug(en.term)
    entry_id, n = base, 2
    while entry_id in taken:
        entry_id, n = f"{base}-{n}", n + 1
    return entry_id
