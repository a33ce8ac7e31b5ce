"""TMX 1.4 files: one unit per <tu> that has a variant (<tuv>) in the source language; the header's
srclang, when it names one, gives the direction."""

from __future__ import annotations

from ...errors import InputError
from ...i18n import _
from .languages import language, norm_lang, read_direction
from .units import Bilingual, Unit, short
from .xml_units import Locator, inline_text, notes_text

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_tmx(name: str, root, text: str, etree, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    header = root.find("header")
    srclang = (header.get("srclang") or "").strip() if header is not None else ""
    file_src = None
    if srclang and srclang.lower() != "*all*":
        file_src = language(name, srclang, _("TMX header srclang"))
    src, tgt = read_direction(name, "TMX", file_src, None, opt_src, opt_tgt, default_src="fr")
    locator = Locator(text, root, ("tu", "seg"))
    units: list[Unit] = []
    variants = _Variants(src)
    for n, tu in enumerate(root.iter("tu"), start=1):
        src_tuv, tgt_tuv, notes = variants.of(tu)
        if src_tuv is None:
            continue  # nothing to check in this direction
        uid = (tu.get("tuid") or "").strip() or f"tu {n}"
        line, column = locator.start(tu)
        source = inline_text(src_tuv.find("seg"), etree)
        if tgt_tuv is None:
            units.append(Unit(uid, source, "", line, line, column, "untranslated", notes_text(notes, etree)))
            continue
        seg = None
        for child in tgt_tuv:
            if child.tag == "seg":
                seg = child
                break
            if child.tag == "note":
                notes.append(child)
        target = inline_text(seg, etree)
        target_line, target_column = locator.after(seg) if seg is not None else (line, column)
        note = notes_text(notes, etree) if notes else ""
        state = "translated" if target.strip() else "untranslated"
        units.append(Unit(uid, source, target, line, target_line, target_column, state, note))
    if variants.others and not {src, tgt} <= variants.seen:
        found = ", ".join(sorted(variants.others))
        raise InputError(_("{path}: tmcheck checks languages fr and en only, found {found}{where}").format(
            path=name, found=short(found, 40), where=" (TMX tuv xml:lang)"))
    return Bilingual(name, "tmx", src, tgt, units, text)


class _Variants:
    """The source and target variants of each <tu>, and the languages met on the way: a file whose
    variants are all in other languages is refused once every <tu> is read."""

    def __init__(self, src: str):
        self.src = src
        self.others: set[str] = set()
        self.seen: set[str] = set()
        self.langs: dict[str, str | None] = {}  # xml:lang as written -> fr, en or None

    def of(self, tu) -> tuple:
        """The first source and first target <tuv> of ``tu`` (None when missing), and its notes."""
        src_tuv = tgt_tuv = None
        notes = []
        langs = self.langs
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                code = child.get(_XML_LANG) or child.get("lang") or ""
                if code not in langs:
                    langs[code] = norm_lang(code)
                lang = langs[code]
                if lang is None:
                    self.others.add(code.strip() or "(none)")
                    continue
                self.seen.add(lang)
                if lang == self.src:
                    if src_tuv is None:
                        src_tuv = child
                elif tgt_tuv is None:
                    tgt_tuv = child
            elif tag == "note":
                notes.append(child)
        return src_tuv, tgt_tuv, notes
