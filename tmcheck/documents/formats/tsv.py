"""TSV bilingual files: a header row naming the fr and en columns (region variants allowed), and
optionally an id (doc_id) and a note column; one unit per row."""

from __future__ import annotations

import re

from ...errors import InputError
from ...i18n import _, ngettext
from .languages import read_direction
from .units import Bilingual, Unit, short


def read_tsv(name: str, text: str, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    header = [h.strip() for h in lines[0].rstrip("\r").split("\t")]
    columns: dict[str, int] = {}
    id_col = note_col = None
    for i, h in enumerate(header):
        low = h.lower()
        if re.fullmatch(r"(fr|en)(?:[-_][a-z]{2,4})?", low):
            lang = low[:2]
            if lang in columns:
                raise InputError(_("{path}: the TSV header has two '{lang}' columns ({one}, {other})").format(
                    path=f"{name}:1", lang=lang, one=header[columns[lang]], other=h))
            columns[lang] = i
        elif low in ("doc_id", "docid", "id") and id_col is None:
            id_col = i
        elif low in ("note", "notes", "comment", "comments") and note_col is None:
            note_col = i
    if len(columns) < 2:
        found = ", ".join(short(h, 20) for h in header) or _("(nothing)")
        raise InputError(_("{path}: TSV needs 'fr' and 'en' columns in its header; found: {found}").format(
            path=f"{name}:1", found=found))
    first = "fr" if columns["fr"] < columns["en"] else "en"
    src, tgt = read_direction(name, "TSV", None, None, opt_src, opt_tgt, default_src=first)
    si, ti = columns[src], columns[tgt]
    width = len(header)
    units: list[Unit] = []
    for number in range(2, len(lines) + 1):
        row = lines[number - 1]
        if row.endswith("\r"):
            row = row[:-1]
        if not row.strip():
            continue  # blank lines (the last "line" after the final newline, too)
        fields = row.split("\t")
        if len(fields) != width:
            if len(fields) < width:
                raise InputError(ngettext("{path}: TSV row has {n} field, the header has {width}",
                                          "{path}: TSV row has {n} fields, the header has {width}", len(fields)).format(
                    path=f"{name}:{number}", n=len(fields), width=width))
            if any(f.strip() for f in fields[width:]):
                raise InputError(_("{path}: TSV row has {n} fields, the header has {width} (a tab inside a field?)").format(
                    path=f"{name}:{number}", n=len(fields), width=width))
        source, target = fields[si], fields[ti]
        column = sum(len(f) for f in fields[:ti]) + ti + 1
        uid = f"row {number}"
        if id_col is not None and fields[id_col].strip():
            uid = f"row {number} ({fields[id_col].strip()})"
        note = fields[note_col].strip() if note_col is not None else ""
        state = "translated" if target.strip() else "untranslated"
        group = fields[id_col].strip() if id_col is not None else ""
        units.append(Unit(uid, source, target, number, number, column, state, note, group))
    return Bilingual(name, "tsv", src, tgt, units, text)
