"""``tmcheck glossary validate``: every problem of a glossary folder at once, each with its file:line.

``tmcheck lint`` stops at the first problem (load.py); a terminologist fixing a glossary wants them
all. Errors are what lint refuses or what makes the checks wrong; warnings are for a reviewer:

errors    syntax, structure, missing language, duplicate id, the same term in two entries
          (duplicate, or translated two ways), a forbidden variant equal to an official form or to
          another entry's accepted short form, an unknown parent, a list field that is not a list
warnings  an acronym that is a near miss of another entry's acronym (one edit apart) and does not
          match its own title's initials while the other does (UNDOC for "United Nations Office
          on Drugs and Crime"); one acronym naming two entries in a language (OMD); an unknown key

``load.validate`` (what `tmcheck lint` refuses) is the subset LINT_REFUSES of these errors, so a
folder this module passes is one ``load_glossary`` accepts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..documents.folding import APOSTROPHES, fold_text
from ..errors import InputError
from ..i18n import _, quoted
from ..named_tuples import NamedTuple
from .load import (compose, entry_lines, entry_problem, file_problem, glossary_files, missing_term, read_entry, read_file,
                   shown_id, yaml_problem)
from .model import LANGS, Entry

ENTRY_KEYS = {"id", "kind", "status", "en", "fr", "symbols", "parent", "notes", "accepted"}
# The warnings an entry may mark as reviewed and kept ("accepted: [near-miss-acronym DPO]").
ACCEPTABLE = ("near-miss-acronym", "ambiguous-acronym")
SIDE_KEYS = {"term", "acronym", "short", "forbidden"}


# What `tmcheck lint` refuses to load (load.validate); every other error is for terminologists to fix
# but leaves the matcher sound.
LINT_REFUSES = frozenset({"duplicate-id", "unknown-parent", "forbidden-is-official"})


class Issue(NamedTuple):
    severity: str  # error | warning
    where: str  # file.yaml:line
    code: str  # a short name: duplicate-id, conflicting-translation, near-miss-acronym...
    message: str
    entry_id: str = ""
    subject: str = ""  # what an entry's "accepted" names besides the code: the other acronym
    accepted_by: tuple[str, ...] = ()  # entries whose "accepted" covers this warning (any of them)

    def line(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"

    def json(self) -> dict:
        return {"severity": self.severity, "where": self.where, "code": self.code, "message": self.message,
                "entry": self.entry_id or None}


def key(form: str) -> str:
    """How two terms are compared: apostrophes and spacing folded, case ignored (the matcher ignores
    it, so two terms that differ only in case collide); accents are kept."""
    return " ".join(form.translate(APOSTROPHES).split()).casefold()


# -- parsing, leniently ---------------------------------------------------------------------------

class Parsed(NamedTuple):
    entries: list[Entry]
    issues: list[Issue]


def parse_text(name: str, text: str) -> Parsed:
    """The entries of one glossary file, and what is wrong with it (never raises)."""
    import yaml  # only when a file is parsed: a warm lint loads the glossary from the cache

    try:
        node, data = compose(text)
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        where = f"{name}:{line}" if line else name
        return Parsed([], [Issue("error", where, "syntax", _("invalid glossary YAML: {reason}").format(reason=problem))])
    if data is None:
        return Parsed([], [])
    problem = file_problem(data)
    if problem:
        return Parsed([], [Issue("error", f"{name}:1", "structure", problem)])
    lines = entry_lines(node)
    entries, issues = [], []
    for i, raw in enumerate(data["entries"]):
        where = f"{name}:{lines[i] if i < len(lines) else '?'}"
        entry_id = raw.get("id") if isinstance(raw, dict) else None
        entry_id = entry_id if isinstance(entry_id, str) else ""
        issues.extend(_unknown_keys(raw, entry_id, where))
        problem = entry_problem(raw)
        if problem:
            code = "missing-language" if missing_term(raw) else "structure"
            issues.append(Issue("error", where, code, problem, entry_id))
            continue
        entries.append(read_entry(raw, where))
    return Parsed(entries, issues)


def _unknown_keys(raw, entry_id: str, where: str) -> list[Issue]:
    """Keys the checks never read (a typo such as 'acronyms:' leaves the form unused). Wrong types
    (a list field that is not a list: load.py would read "UNODC" as five one-letter forms) are the
    schema's errors (load.entry_problem)."""
    if not isinstance(raw, dict):
        return []
    name = shown_id(entry_id)
    found = []
    for k in raw:
        if k not in ENTRY_KEYS:
            found.append(Issue("warning", where, "unknown-key", _("entry '{id}' has an unknown key {key} (known: {known})").format(
                id=name, key=shown(k), known=", ".join(sorted(ENTRY_KEYS))), entry_id))
    for lang in LANGS:
        side = raw.get(lang)
        for k in side if isinstance(side, dict) else ():
            if k not in SIDE_KEYS:
                found.append(Issue("warning", where, "unknown-key", _("entry '{id}' has an unknown key '{key}' (known: {known})").format(
                    id=name, key=f"{lang}.{shown_id(k)}", known=", ".join(sorted(SIDE_KEYS))), entry_id))
    return found


def shown(value) -> str:
    """A key or value as a message quotes it: on one line, and short."""
    return quoted(shown_id(value))


# -- the rules --------------------------------------------------------------------------------------

def check_entries(entries: list[Entry], warnings: bool = True) -> list[Issue]:
    """Every issue of these entries; without ``warnings``, the errors only (load.validate, on
    each rebuild of lint's compiled glossary, needs no near-miss search)."""
    issues: list[Issue] = []
    by_id: dict[str, Entry] = {}
    for e in entries:
        if e.id in by_id:
            issues.append(Issue("error", e.source, "duplicate-id", _("duplicate glossary id '{id}' (first at {source})").format(id=e.id, source=by_id[e.id].source), e.id))
        else:
            by_id[e.id] = e
    issues += _term_collisions(entries)
    issues += _forbidden_collisions(entries)
    for e in entries:
        if e.parent and e.parent not in by_id:
            issues.append(Issue("error", e.source, "unknown-parent", _("entry '{id}' has unknown parent '{parent}'").format(id=e.id, parent=e.parent), e.id))
    if not warnings:
        return issues
    issues += _accepted(entries, _ambiguous_acronyms(entries) + near_miss_acronyms(entries))
    return issues


def _accepted(entries: list[Entry], warnings: list[Issue]) -> list[Issue]:
    """The warnings no entry has marked as reviewed and kept, and a warning for each mark that
    matches no warning (left behind when the cause went away), so that marks never pile up unseen."""
    marks = {(e.id, a.casefold()) for e in entries for a in e.accepted}  # acronyms in any case (sida)
    used: set[tuple[str, str]] = set()
    kept = []
    for w in warnings:
        mark = f"{w.code} {w.subject}".casefold()
        hit = [(eid, mark) for eid in w.accepted_by if (eid, mark) in marks]
        if hit:
            used.update(hit)
        else:
            kept.append(w)
    for e in entries:
        for a in e.accepted:
            if (e.id, a.casefold()) in used:
                continue
            code = a.split(" ", 1)[0]
            why = (_("entry '{id}': accepted '{accepted}' matches no warning of 'tmcheck glossary validate'; remove it")
                   if code in ACCEPTABLE else
                   _("entry '{id}': accepted '{accepted}' is not a warning that can be accepted (one of: {codes}, "
                     "then the form)"))
            kept.append(Issue("warning", e.source, "unused-acceptance",
                              why.format(id=e.id, accepted=a, codes=", ".join(ACCEPTABLE)), e.id))
    return kept


def _term_collisions(entries: list[Entry]) -> list[Issue]:
    """The same official term in two entries: a duplicate when both translate it alike, a conflict
    when they do not (the matcher ignores case, so case does not tell two terms apart)."""
    issues = []
    for lang in LANGS:
        other = "fr" if lang == "en" else "en"
        first: dict[str, Entry] = {}
        for e in entries:
            k = key(e.side(lang).term)
            if k not in first:
                first[k] = e
                continue
            a = first[k]
            if a.id == e.id:
                continue
            ta, tb = a.side(other).term, e.side(other).term
            if key(ta) == key(tb):
                issues.append(Issue("error", e.source, "duplicate-term",
                                    _("'{term}' ({lang}) is already the term of '{other}' ({source}), with the same translation: a duplicate entry").format(
                                        term=e.side(lang).term, lang=lang, other=a.id, source=a.source), e.id))
            else:
                issues.append(Issue("error", e.source, "conflicting-translation",
                                    _("'{term}' ({lang}) has two translations: '{translation}' in '{id}' and '{other_translation}' in '{other}' ({source})").format(
                                        term=e.side(lang).term, lang=lang, translation=tb, id=e.id, other_translation=ta,
                                        other=a.id, source=a.source), e.id))
    return issues


def _forbidden_collisions(entries: list[Entry]) -> list[Issue]:
    """A forbidden variant that is an official term or acronym (any entry, either language: what
    load.py refuses), or another entry's accepted short form in the same language (the draft that
    writes the short form would be told it is wrong)."""
    issues = []
    official: dict[str, tuple[Entry, str]] = {}
    for e in entries:
        for lang in LANGS:
            side = e.side(lang)
            if side.acronym:
                official.setdefault(side.acronym, (e, "acronym"))
            official.setdefault(side.term, (e, "term"))
    shorts: dict[tuple[str, str], Entry] = {}
    for e in entries:
        for lang in LANGS:
            for s in e.side(lang).short:
                shorts.setdefault((lang, s), e)
    for e in entries:
        for lang in LANGS:
            for bad in e.side(lang).forbidden:
                if bad in official:
                    other, role = official[bad]
                    if other.id == e.id:
                        said = (_("'{form}' is forbidden in entry '{id}' but is its own official acronym") if role == "acronym"
                                else _("'{form}' is forbidden in entry '{id}' but is its own official term"))
                    else:
                        said = (_("'{form}' is forbidden in entry '{id}' but is the official acronym of '{other}' ({source})")
                                if role == "acronym" else
                                _("'{form}' is forbidden in entry '{id}' but is the official term of '{other}' ({source})"))
                    issues.append(Issue("error", e.source, "forbidden-is-official",
                                        said.format(form=bad, id=e.id, other=other.id, source=other.source), e.id))
                    continue
                other = shorts.get((lang, bad))
                if other is not None and other.id != e.id:
                    issues.append(Issue("error", e.source, "forbidden-is-short",
                                        _("'{form}' is forbidden in entry '{id}' but is an accepted short form of '{other}' ({source})").format(
                                            form=bad, id=e.id, other=other.id, source=other.source), e.id))
    return issues


def _ambiguous_acronyms(entries: list[Entry]) -> list[Issue]:
    """One acronym naming two entries in one language: the checks take it for the last one."""
    issues = []
    for lang in LANGS:
        named: dict[str, list[Entry]] = {}
        for e in entries:
            a = e.side(lang).acronym
            if a:
                named.setdefault(a, []).append(e)
        for a, es in named.items():
            ids = list(dict.fromkeys(x.id for x in es))
            if len(ids) > 1:
                issues.append(Issue("warning", es[-1].source, "ambiguous-acronym",
                                    _("{lang} acronym '{acronym}' names {n} entries ({ids}); the checks read it as '{last}'").format(
                                        lang=lang, acronym=a, n=len(ids), ids=", ".join(ids), last=ids[-1]),
                                    es[-1].id, a, tuple(ids)))
    return issues


# -- near-miss acronyms -----------------------------------------------------------------------------

def acronym_letters(acronym: str) -> list[str]:
    """What an acronym's initials may be: its letters, without a plural s (SDGs), a suffix after a
    hyphen (UN-Habitat) or a leading UN/ONU/NU that the title leaves implicit (UNODA: Office for
    Disarmament Affairs)."""
    a = fold_text(acronym)
    if "-" in a:
        a = a.split("-", 1)[0]
    a = re.sub(r"[^a-z]", "", a)
    out = [a]
    if acronym.endswith("s") and acronym[:-1].isupper():
        out.append(a[:-1])
    for prefix in ("onu", "un", "nu"):
        for c in list(out):
            if c.startswith(prefix) and len(c) > len(prefix):
                out.append(c[len(prefix):])
    return [c for c in out if c]


def fits_title(acronym: str, titles) -> bool:
    """Whether the acronym's letters are the title's initials in order (a word may give more than
    its first letter, any word may give none): UNODC fits "United Nations Office on Drugs and
    Crime", UNDOC does not."""
    for title in titles:
        words = tuple(re.findall(r"[a-z0-9]+", fold_text(title)))
        for letters in acronym_letters(acronym):
            if _fits(letters, words):
                return True
    return False


@lru_cache(maxsize=4096)
def _fits(a: str, words: tuple[str, ...]) -> bool:
    def go(i: int, k: int) -> bool:
        if i == len(a):
            return True
        if k == len(words):
            return False
        w = words[k]
        j = 0
        while j < len(w) and i + j < len(a) and w[j] == a[i + j]:
            j += 1
            if go(i + j, k + 1):
                return True
        return go(i, k + 1)

    return go(0, 0)


def _titles(e: Entry) -> list[str]:
    return [e.en.term, e.fr.term, *e.en.short, *e.fr.short]


def near_miss_acronyms(entries: list[Entry]) -> list[Issue]:
    """An acronym one edit (substitution, insertion, deletion, swap of neighbours) from another
    entry's acronym is only worth a reviewer's time when it looks like the misspelling: it does not
    match its own title's initials while the other acronym does (UNDOC for "United Nations Office on
    Drugs and Crime", where UNODC is real). Real pairs (UNDP/UNEP, OMS/OMM, ICTY/ICTR), which
    each match their own title, are left alone."""
    # rapidfuzz only when acronyms are compared (start-up cost of a warm lint, which never validates)
    from rapidfuzz.distance import OSA

    acronyms: dict[str, list[Entry]] = {}
    for e in entries:
        for lang in LANGS:
            a = e.side(lang).acronym
            if a and len(a) >= 3:
                acronyms.setdefault(a, [])
                if e not in acronyms[a]:
                    acronyms[a].append(e)
    names = list(acronyms)
    if len(names) < 2:
        return []
    # rapidfuzz only when acronyms are compared (start-up cost of a warm lint, which never validates)
    from rapidfuzz import process

    upper = [a.upper() for a in names]
    distances = process.cdist(upper, upper, scorer=OSA.distance, score_cutoff=1, workers=1)
    issues, seen = [], set()
    for i, j in zip(*(distances == 1).nonzero()):
        a, b = names[i], names[j]
        if upper[i] == upper[j]:
            continue
        for e in acronyms[a]:
            if fits_title(a, _titles(e)) or not fits_title(b, _titles(e)):
                continue
            others = [o for o in acronyms[b] if o.id != e.id]
            if not others or (e.id, a, b) in seen:
                continue
            seen.add((e.id, a, b))
            o = others[0]
            issues.append(Issue(
                "warning", e.source, "near-miss-acronym",
                _("acronym '{acronym}' of '{id}' is one letter from '{other_acronym}' ('{other}', {source}) and does "
                  "not match the initials of its own title, which '{other_acronym}' does: a misspelling?").format(
                    acronym=a, id=e.id, other_acronym=b, other=o.id, source=o.source), e.id, b, (e.id,)))
    return issues


# -- a whole folder ---------------------------------------------------------------------------------

class Report(NamedTuple):
    entries: list[Entry]
    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]


def validate_texts(texts: dict[str, str]) -> Report:
    """Validate the glossary made of these files (name -> text, in load order)."""
    entries: list[Entry] = []
    issues: list[Issue] = []
    for name, text in texts.items():
        parsed = parse_text(name, text)
        entries += parsed.entries
        issues += parsed.issues
    issues += check_entries(entries)
    return Report(entries, _sorted(issues))


def read_texts(folder: Path) -> dict[str, str]:
    """Every glossary file's text, by name, in load order."""
    return {f.name: read_file(f) for f in glossary_files(folder)}


def validate_folder(folder: Path) -> Report:
    if not folder.is_dir():
        raise InputError(_("{path}: glossary folder not found").format(path=folder))
    texts = read_texts(folder)
    if not texts:
        raise InputError(_("{path}: no glossary files (*.yaml) in this folder").format(path=folder))
    return validate_texts(texts)


def _sorted(issues: list[Issue]) -> list[Issue]:
    def order(i: Issue):
        name, _colon, line = i.where.rpartition(":")
        return (i.severity != "error", name or i.where, int(line) if line.isdigit() else 0, i.code)

    return sorted(dict.fromkeys(issues), key=order)
