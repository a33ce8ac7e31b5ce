"""TBX, the terminology exchange format (ISO 30042): export TBX v3 in the TBX-Basic dialect (DCA
style); import TBX v3 and the older TBX-Basic 2.0 (<martif>, termEntry/langSet/tig).

How an entry maps (export, and import of what tmcheck exported):

    entry                 <conceptEntry id="ID">
    kind, status          <note>tmcheck-kind: office</note>, <note>tmcheck-status: proposed</note>
    symbols               <note>tmcheck-symbols: CTOC/COP/WG.4/; CTOC/COP/WG.5/</note>
    parent                <ref type="crossReference" target="PARENT">PARENT</ref>
    notes                 <note>...</note>
    en / fr               <langSec xml:lang="en|fr">
    term                  <termSec><term/> termType fullForm, administrativeStatus preferredTerm-admn-sts
    acronym               termType acronym, preferredTerm-admn-sts
    short                 termType shortForm, admittedTerm-admn-sts
    forbidden             termType variant, deprecatedTerm-admn-sts

A TBX file from another tool: in each language the first preferred (or unmarked) full form is the
term, an acronym or abbreviation the acronym, deprecated, superseded or not-recommended terms are
forbidden variants, the others accepted short forms; a definition is kept in the notes; a concept
without an English and a French term is skipped (and reported). Languages other than English and
French are ignored.

XML is parsed by lxml with entity resolution, DTD loading and network access off; a file whose
DOCTYPE declares entities is refused (the check of tmcheck/documents/bilingual.py).
"""

from __future__ import annotations

from pathlib import Path

from ..documents.safe_xml import parse_safe_xml
from ..errors import InputError
from ..i18n import _
from ..named_tuples import NamedTuple
from .csvio import unique_id
from .edit import join_list, new_entry, split_list
from .model import LANGS, Entry, Terms

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA = ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
          "TBXcoreStructV03_TBX-Basic_integrated.rng")
PREFIX = "tmcheck-"

FORBIDDEN_STATUS = {"deprecated", "superseded", "notrecommended", "obsolete", "forbidden", "rejected"}
ACRONYM_TYPES = {"acronym", "abbreviation", "initialism", "abbreviatedform"}


# -- export -----------------------------------------------------------------------------------------

def write_tbx(entries: list[Entry], title: str = "tmcheck glossary") -> bytes:
    # lxml only when TBX is written; reading goes through documents.safe_xml's guarded parser (start-up cost)
    from lxml import etree

    def sub(parent, tag, text=None, **attrs):
        el = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", **attrs)
        if text is not None:
            el.text = text
        return el

    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS}, type="TBX-Basic", style="dca")
    root.set(XML_LANG, "en")
    header = sub(root, "tbxHeader")
    desc = sub(header, "fileDesc")
    sub(sub(desc, "titleStmt"), "title", title)
    sub(sub(desc, "sourceDesc"), "p", "Exported by tmcheck glossary export: UN terminology, English and French.")
    body = sub(sub(root, "text"), "body")
    for e in entries:
        ce = sub(body, "conceptEntry", id=e.id)
        sub(ce, "note", f"{PREFIX}kind: {e.kind}")
        sub(ce, "note", f"{PREFIX}status: {e.status}")
        if e.symbols:
            sub(ce, "note", f"{PREFIX}symbols: {join_list(e.symbols)}")
        if e.parent:
            sub(ce, "ref", e.parent, type="crossReference", target=e.parent)
        if e.notes:
            sub(ce, "note", e.notes)
        for lang in LANGS:
            side = e.side(lang)
            ls = sub(ce, "langSec")
            ls.set(XML_LANG, lang)
            forms = [(side.term, "fullForm", "preferredTerm-admn-sts")]
            if side.acronym:
                forms.append((side.acronym, "acronym", "preferredTerm-admn-sts"))
            forms += [(s, "shortForm", "admittedTerm-admn-sts") for s in side.short]
            forms += [(s, "variant", "deprecatedTerm-admn-sts") for s in side.forbidden]
            for text, term_type, status in forms:
                ts = sub(ls, "termSec")
                sub(ts, "term", text)
                sub(ts, "termNote", term_type, type="termType")
                sub(ts, "termNote", status, type="administrativeStatus")
    etree.indent(root, space="  ")
    xml = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    model = (f'<?xml-model href="{SCHEMA}" type="application/xml" '
             f'schematypens="http://relaxng.org/ns/structure/1.0"?>\n').encode()
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + model + xml


# -- import -----------------------------------------------------------------------------------------

class Imported(NamedTuple):
    entries: list[Entry]
    skipped: list[tuple[str, str]]  # (concept, why)


def _local(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def parse_tbx(path: Path, data: bytes):
    """The root element of a TBX file, parsed as the bilingual readers parse XML."""
    name = str(path)
    root = parse_safe_xml(name, data, remove_pis=True)
    if _local(root) not in ("tbx", "martif"):
        raise InputError(_("{path}: not a TBX file (root element <{root}>, expected <tbx> or <martif>)").format(
            path=name, root=_local(root)))
    return root


def read_tbx(path: Path, data: bytes, kind: str | None = None, status: str | None = None,
             taken: set[str] = frozenset()) -> Imported:
    root = parse_tbx(path, data)
    entries, skipped, ids = [], [], set(taken)
    concepts = [el for el in root.iter() if _local(el) in ("conceptEntry", "termEntry")]
    for n, ce in enumerate(concepts, start=1):
        label = ce.get("id") or _("concept {n}").format(n=n)
        where = f"{path.name}:{ce.sourceline}" if ce.sourceline else path.name
        meta = {"kind": kind, "status": status, "symbols": "", "parent": None}
        notes = []
        sides: dict[str, Terms] = {}
        for child in ce:
            local = _local(child)
            if local in ("note", "descrip", "admin", "ref", "xref", "descripGrp"):
                _concept_info(child, meta, notes)
            elif local in ("langSec", "langSet"):
                lang = (child.get(XML_LANG) or child.get("lang") or "").lower().replace("_", "-").split("-")[0]
                if lang not in LANGS:
                    continue
                side = _language(child, notes)
                if side is not None and lang not in sides:
                    sides[lang] = side
        missing = [lang for lang in LANGS if lang not in sides]
        if missing:
            skipped.append((label, _("no {lang} term").format(lang=" or ".join(missing)) if len(missing) == 1
                               else _("no en or fr term")))
            continue
        entry_id = ce.get("id") or unique_id(sides["en"], ids)
        try:
            e = new_entry(entry_id, meta["kind"] or "term", meta["status"] or "official", sides["en"], sides["fr"],
                          tuple(split_list(meta["symbols"])), meta["parent"], " ".join(notes))
        except InputError as exc:
            skipped.append((label, str(exc)))
            continue
        ids.add(e.id)
        entries.append(e._replace(source=where))
    if not concepts:
        raise InputError(_("{path}: no concept entries (<conceptEntry> or <termEntry>) in this TBX file").format(path=path))
    return Imported(entries, skipped)


def _concept_info(el, meta: dict, notes: list[str]) -> None:
    local, typ = _local(el), (el.get("type") or "")
    if local == "descripGrp":
        for child in el:
            _concept_info(child, meta, notes)
        return
    text = _text(el)
    if not text and local != "ref":
        return
    if local == "note":
        for field in ("kind", "status", "symbols"):
            if text.startswith(f"{PREFIX}{field}:"):
                meta[field] = text.split(":", 1)[1].strip()
                return
        notes.append(text)
    elif local == "ref" and typ == "crossReference":
        meta["parent"] = (el.get("target") or text).lstrip("#") or None
    elif local == "descrip" and typ == "definition":
        notes.append(f"Definition: {text}")


def _language(ls, notes: list[str]) -> Terms | None:
    forms = []  # (text, term type, status)
    for el in ls.iter():
        local = _local(el)
        if local in ("termSec", "tig", "ntig"):
            term = next((t for t in el.iter() if _local(t) == "term"), None)
            if term is None or not _text(term):
                continue
            term_type, status = "", ""
            for note in el.iter():
                nl, typ = _local(note), (note.get("type") or "")
                if (nl == "termNote" and typ == "termType") or nl == "termType":
                    term_type = _text(note).lower()
                elif (nl == "termNote" and typ == "administrativeStatus") or nl == "administrativeStatus":
                    status = _norm_status(_text(note))
            forms.append((_text(term), term_type, status))
        elif local == "descrip" and (el.get("type") or "") == "definition" and _text(el):
            notes.append(f"Definition ({ls.get(XML_LANG) or ''}): {_text(el)}")
    forbidden = [t for t, _, s in forms if s in FORBIDDEN_STATUS]
    allowed = [(t, ty, s) for t, ty, s in forms if s not in FORBIDDEN_STATUS]
    acronym = next((t for t, ty, _ in allowed if ty in ACRONYM_TYPES), None)
    rest = [(t, ty, s) for t, ty, s in allowed if t != acronym]
    term = (next((t for t, ty, s in rest if s in ("preferred", "") and ty in ("fullform", "")), None)
            or next((t for t, _, _ in rest), None))
    if term is None:
        if acronym is None:
            return None
        term, acronym = acronym, None  # only an acronym: it is the term
    short = tuple(dict.fromkeys(t for t, _, _ in rest if t != term))
    return Terms(term, acronym, short, tuple(dict.fromkeys(forbidden)))


def _norm_status(value: str) -> str:
    v = value.strip().lower().replace("-admn-sts", "").replace(" ", "").replace("-", "")
    return v.removesuffix("term")
