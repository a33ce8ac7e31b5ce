"""XLIFF files, 1.2 (segmented trans-units of Okapi and Trados SDLXLIFF too) and 2.x: one unit per
trans-unit or segment that is to be translated; the file's languages give the direction."""

from __future__ import annotations

from ...errors import InputError
from ...i18n import _
from .languages import language, read_direction
from .units import Bilingual, Unit
from .xml_units import Locator, inline_text, notes_text

_XLIFF1_NS = ("urn:oasis:names:tc:xliff:document:1.2", "urn:oasis:names:tc:xliff:document:1.1", "")
_XLIFF2_NS_PREFIX = "urn:oasis:names:tc:xliff:document:2."
_SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"


def read_xliff(name: str, root, ns: str, text: str, etree, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    """An XLIFF file of either version, told by its namespace, else its version attribute."""
    version = (root.get("version") or "").strip()
    if ns.startswith(_XLIFF2_NS_PREFIX) or (not ns and version.startswith("2")):
        return _read_xliff2(name, root, ns, text, etree, opt_src, opt_tgt)
    if ns in _XLIFF1_NS and (ns or version.startswith("1")):
        return _read_xliff1(name, root, ns, text, etree, opt_src, opt_tgt)
    raise InputError(_("{path}: unsupported XLIFF (namespace {ns}, version {version}); tmcheck reads XLIFF 1.2 and 2.x").format(
        path=name, ns=ns or _("none"), version=version or _("none")))


_XLIFF1_FUZZY_CONF = {"draft", "rejectedtranslation", "rejectedsignoff"}


def _xliff1_state(target_el, target: str) -> str:
    if target_el is None or not target.strip():
        return "untranslated"
    state = (target_el.get("state") or "").strip().lower()
    if state in ("new", "needs-translation"):
        return "untranslated"
    if state.startswith("needs-"):
        return "fuzzy"
    return "translated"


def _read_xliff1(name: str, root, ns: str, text: str, etree, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    q = f"{{{ns}}}" if ns else ""
    files = root.findall(f"{q}file")
    if not files:
        raise InputError(_("{path}: XLIFF 1.2 without any <file> element").format(path=name))
    direction = None
    for f in files:
        fs = (f.get("source-language") or "").strip()
        ft = (f.get("target-language") or "").strip()
        file_src = language(name, fs, "XLIFF source-language") if fs else None
        file_tgt = language(name, ft, "XLIFF target-language") if ft else None
        this = read_direction(name, "XLIFF", file_src, file_tgt, opt_src, opt_tgt)
        if direction is not None and this != direction:
            raise InputError(_("{path}: the XLIFF <file> elements disagree on languages ({one} and {other})").format(
                path=name, one=f"{direction[0]}→{direction[1]}", other=f"{this[0]}→{this[1]}"))
        direction = this
    src, tgt = direction  # type: ignore[misc]
    locator = Locator(text, root, ("trans-unit", "target", "mrk"))
    units: list[Unit] = []
    sdl_seg = f"{{{_SDL_NS}}}seg"
    for n, (group, tu) in enumerate(_by_file(files, f"{q}trans-unit"), start=1):
        if (tu.get("translate") or "").strip().lower() == "no":
            continue
        uid = (tu.get("id") or "").strip() or f"trans-unit {n}"
        line, column = locator.start(tu)
        target_el = tu.find(f"{q}target")
        note = notes_text(tu.findall(f"{q}note"), etree)
        seg_source = tu.find(f"{q}seg-source")
        src_mrks = [m for m in seg_source.iter(f"{q}mrk") if m.get("mtype") == "seg"] if seg_source is not None else []
        tgt_mrks = {}
        if target_el is not None:
            tgt_mrks = {m.get("mid"): m for m in target_el.iter(f"{q}mrk") if m.get("mtype") == "seg"}
        if src_mrks and (target_el is None or tgt_mrks):
            # Segmented trans-unit (Okapi, Trados SDLXLIFF): one unit per <mrk mtype="seg">.
            conf = {s.get("id"): (s.get("conf") or "").lower() for s in tu.iter(sdl_seg)}
            for mrk in src_mrks:
                mid = mrk.get("mid") or ""
                tmrk = tgt_mrks.get(mid)
                source = inline_text(mrk, etree)
                target = inline_text(tmrk, etree)
                state = _xliff1_state(target_el if tmrk is not None else None, target)
                if state == "translated" and conf.get(mid) in _XLIFF1_FUZZY_CONF:
                    state = "fuzzy"
                tl, tc = locator.after(tmrk) if tmrk is not None else (line, column)
                units.append(Unit(f"{uid}#{mid}", source, target, line, tl, tc, state, note, group))
            continue
        source = inline_text(tu.find(f"{q}source"), etree)
        target = inline_text(target_el, etree)
        state = _xliff1_state(target_el, target)
        tl, tc = locator.after(target_el) if target_el is not None else (line, column)
        units.append(Unit(uid, source, target, line, tl, tc, state, note, group))
    return Bilingual(name, "xliff", src, tgt, units, text)


def _by_file(files: list, tag: str):
    """(document, element) for each ``tag`` element of the ``<file>`` elements, in order. A file of
    several ``<file>`` elements (a CAT tool's project: one per document translated) holds that many
    documents, each named by its ``original`` (else its id, else its place), as a TSV's doc_id
    names them: what one document says is not read as evidence for another. One ``<file>``: one
    document, unnamed."""
    for k, f in enumerate(files, start=1):
        group = ((f.get("original") or f.get("id") or "").strip() or f"file {k}") if len(files) > 1 else ""
        for element in f.iter(tag):
            yield group, element


# XLIFF 2.x ---------------------------------------------------------------------------------------


def _read_xliff2(name: str, root, ns: str, text: str, etree, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    q = f"{{{ns}}}" if ns else ""
    fs = (root.get("srcLang") or "").strip()
    ft = (root.get("trgLang") or "").strip()
    file_src = language(name, fs, "XLIFF srcLang") if fs else None
    file_tgt = language(name, ft, "XLIFF trgLang") if ft else None
    src, tgt = read_direction(name, "XLIFF", file_src, file_tgt, opt_src, opt_tgt)
    locator = Locator(text, root, ("unit", "segment", "target"))
    units: list[Unit] = []
    files = root.findall(f"{q}file") or [root]
    for n, (group, unit) in enumerate(_by_file(files, f"{q}unit"), start=1):
        if (unit.get("translate") or "").strip().lower() == "no":
            continue
        uid = (unit.get("id") or "").strip() or f"unit {n}"
        notes_el = unit.find(f"{q}notes")
        note = notes_text(notes_el.findall(f"{q}note"), etree) if notes_el is not None else ""
        segments = unit.findall(f"{q}segment")
        for k, segment in enumerate(segments, start=1):
            line, column = locator.start(unit if len(segments) == 1 else segment)
            source = inline_text(segment.find(f"{q}source"), etree)
            target_el = segment.find(f"{q}target")
            target = inline_text(target_el, etree)
            state_name = (segment.get("state") or "").strip().lower()
            if target_el is None or not target.strip():
                state = "untranslated"
            elif state_name == "initial":
                state = "fuzzy"  # a target not yet confirmed by anyone (prefilled from TM or MT)
            else:
                state = "translated"
            tl, tc = locator.after(target_el) if target_el is not None else (line, column)
            sid = uid if len(segments) == 1 else f"{uid}#{k}"
            units.append(Unit(sid, source, target, line, tl, tc, state, note, group))
    return Bilingual(name, "xliff", src, tgt, units, text)
