"""The bundled glossary loads and validates; a broken one is refused with a one-line reason."""

from __future__ import annotations

import pytest

from tmcheck.errors import InputError
from tmcheck.glossary import find_terms, load_glossary
from tmcheck.resources import glossary_dir

ENTRY = """\
  - id: {id}
    kind: office
    en: {{term: {en}, acronym: {ea}}}
    fr: {{term: {fr}, acronym: {fa}{extra}}}
"""


def _write(tmp_path, *entries):
    folder = tmp_path / "g"
    folder.mkdir(exist_ok=True)
    (folder / "a.yaml").write_text("entries:\n" + "".join(entries), encoding="utf-8")
    return folder


def test_bundled_glossary_is_complete():
    g = load_glossary(glossary_dir(), use_cache=False)
    assert len(g.entries) >= 250
    assert len([e for e in g.entries.values() if e.kind in ("organization", "office", "mission") and e.en.acronym]) >= 150
    for acronyms in (("UNODC", "ONUDC"), ("UNDP", "PNUD"), ("UNAIDS", "ONUSIDA"), ("UNHCR", "HCR"), ("WHO", "OMS"),
                     ("UNOCI", "ONUCI"), ("ECLAC", "CEPALC"), ("UNICEF", "UNICEF")):
        en, fr = acronyms
        assert g.acronyms["en"][en] == g.acronyms["fr"][fr], acronyms
    for series, body in (("CTOC/COP/WG.4/2016/1", "Working Group on Trafficking in Persons"),
                         ("CTOC/COP/WG.7/2015/3", "Working Group on the Smuggling of Migrants"),
                         ("CTOC/COP/WG.6/2014/2", "Working Group on Firearms")):
        assert g.entry(g.series_of(series)).en.term == body


def test_bundled_glossary_knows_the_un_system():
    """Real acronyms of the UN system (missions, treaties, programmes) are official, in both
    languages, so that none is taken for a slip; accepted second spellings are never flagged."""
    g = load_glossary(glossary_dir(), use_cache=False)
    assert len(g.entries) >= 885
    for en, fr in (("UNMHA", "MINUAAH"), ("NPT", "TNP"), ("CTBT", "TICE"), ("CWC", "CIAC"), ("ATT", "TCA"),
                   ("ICCPR", "PIDCP"), ("ICESCR", "PIDESC"), ("AFISMA", "MISMA"), ("CTED", "DECT"), ("IPCC", "GIEC"),
                   ("BINUH", "BINUH"), ("UNCCD", "CNULCD"), ("OIC", "OCI"), ("ISIL", "EIIL")):
        assert g.acronyms["en"][en] == g.acronyms["fr"][fr], (en, fr)
    # MISMA recurs in French UN text; with MISCA official and MISMA unknown it was one letter from a slip.
    assert "MISMA" in g.known_acronyms
    text = "the Organization for the Prohibition of Chemical Weapons and the Organisation of Islamic Cooperation"
    assert [(t.entry_id, t.role) for t in find_terms(g, text, "en")] == [("opcw", "short"), ("oic", "short")]


def test_acronym_forbidden_by_an_entry_of_another_file_is_refused(tmp_path):
    """An acronym that an entry of another file forbids is refused by validate and by lint's load,
    whichever file comes first."""
    from tmcheck.glossary.checks import validate_folder

    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "a.yaml").write_text("entries:\n" + ENTRY.format(id="a", en="Office A", ea="OA", fr="Bureau A", fa="BA",
                                                               extra=", forbidden: [OBQ]"), encoding="utf-8")
    (folder / "b.yaml").write_text("entries:\n" + ENTRY.format(id="b", en="Office B", ea="OB", fr="Bureau B", fa="OBQ",
                                                               extra=""), encoding="utf-8")
    report = validate_folder(folder)
    assert [(i.code, i.where) for i in report.errors] == [("forbidden-is-official", "a.yaml:2")]
    assert "'OBQ' is forbidden in entry 'a' but is the official acronym of 'b' (b.yaml:2)" in report.errors[0].message
    with pytest.raises(InputError, match="a.yaml:2: 'OBQ' is forbidden in entry 'a' but is the official acronym of 'b'"):
        load_glossary(folder, use_cache=False)


def test_titles_are_found_longest_first():
    g = load_glossary(glossary_dir())
    text = "la Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée"
    terms = find_terms(g, text, "fr")
    assert [(text[t.start:t.end], t.role) for t in terms][0] == (
        "Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée", "term")


@pytest.mark.parametrize("lang,text,found", [
    # A footnote mark as text extracted from a PDF or Word writes it: the title still ends there.
    ("en", "the consolidated budget for the United Nations Office on Drugs and Crime1 provides information",
     "United Nations Office on Drugs and Crime"),
    ("en", "as reported by the Advisory Committee on Administrative and Budgetary Questions12, the posts",
     "Advisory Committee on Administrative and Budgetary Questions"),
    ("fr", "le budget consolidé de l'Office des Nations Unies contre la drogue et le crime2.",
     "Office des Nations Unies contre la drogue et le crime"),
    # Not a footnote: four digits, a letter after the digits, a form that ends with a number.
    ("en", "the United Nations Office on Drugs and Crime2016 report", "United Nations"),
    ("en", "the United Nations Office on Drugs and Crime1a report", "United Nations"),
    ("en", "the Group of 771 members", None),
])
def test_a_title_before_a_footnote_mark_is_found(lang, text, found):
    g = load_glossary(glossary_dir())
    terms = [text[t.start:t.end] for t in find_terms(g, text, lang)]
    if found is None:
        assert "Group of 77" not in terms, terms
    else:
        assert terms[0] == found, terms


def test_duplicate_id_is_refused(tmp_path):
    folder = _write(tmp_path, ENTRY.format(id="x", en="Office A", ea="OA", fr="Bureau A", fa="BA", extra=""),
                    ENTRY.format(id="x", en="Office B", ea="OB", fr="Bureau B", fa="BB", extra=""))
    with pytest.raises(InputError, match="duplicate glossary id 'x'"):
        load_glossary(folder, use_cache=False)


def test_acronym_official_and_forbidden_is_refused(tmp_path):
    folder = _write(tmp_path, ENTRY.format(id="a", en="Office A", ea="OAB", fr="Bureau A", fa="BA", extra=""),
                    ENTRY.format(id="b", en="Office B", ea="OB", fr="Bureau B", fa="BB", extra=", forbidden: [OAB]"))
    with pytest.raises(InputError, match="'OAB' is forbidden in entry 'b' but is the official acronym of 'a'"):
        load_glossary(folder, use_cache=False)


def test_missing_language_and_bad_yaml(tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "a.yaml").write_text("entries:\n  - id: a\n    en: {term: Office A}\n", encoding="utf-8")
    with pytest.raises(InputError, match="a.yaml:2: entry 'a' has no 'fr' term"):
        load_glossary(folder, use_cache=False)
    (folder / "a.yaml").write_text("entries:\n  - id: a\n    en: {term: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid glossary YAML"):
        load_glossary(folder, use_cache=False)


def test_cache_is_rebuilt_when_a_file_changes(tmp_path):
    folder = _write(tmp_path, ENTRY.format(id="a", en="Office of Alpha Affairs", ea="OAA", fr="Bureau des affaires alpha", fa="BAA", extra=""))
    assert "OAA" in load_glossary(folder).known_acronyms
    import os
    import time

    (folder / "a.yaml").write_text("entries:\n" + ENTRY.format(id="a", en="Office of Beta Affairs", ea="OBA", fr="Bureau des affaires bêta", fa="BAB", extra=""), encoding="utf-8")
    later = time.time() + 5
    os.utime(folder / "a.yaml", (later, later))
    g = load_glossary(folder)
    assert "OBA" in g.known_acronyms and "OAA" not in g.known_acronyms


def test_a_word_table_is_emptied_past_its_limit(monkeypatch):
    # Per-word results are kept for every draft a glossary checks: a review server running for days
    # must not keep every word it ever read.
    from tmcheck.glossary import model
    from tmcheck.glossary import load_glossary
    from tmcheck.resources import glossary_dir

    g = load_glossary(glossary_dir())
    monkeypatch.setattr(model, "WORD_TABLE_LIMIT", 3)
    table = g.word_table("test:words")
    table.update({"un": 1, "deux": 2, "trois": 3})
    assert g.word_table("test:words") == {"un": 1, "deux": 2, "trois": 3}
    table["quatre"] = 4
    assert g.word_table("test:words") == {}
    assert g.word_table("test:words") is table


def _forms_by_search(index, low):
    """The forms in ``low`` as FormIndex.find must find them: every place of every form, kept where
    it starts and ends on a word boundary."""
    def word(c):
        return c.isalnum() or c == "_"

    out = set()
    for key, (length, values) in index.items():
        start = low.find(key)
        while start >= 0:
            stop = start + length
            if not (start > 0 and word(low[start - 1]) and word(low[start])) and not (
                    stop < len(low) and word(low[stop]) and word(low[stop - 1])):
                out.add((start, stop, values))
            start = low.find(key, start + 1)
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_index_finds_every_form_a_search_of_each_finds(lang):
    # FormIndex reads a text with a space for what is no word character (past Latin-1: any
    # character) and keys each prefix after a space: the same forms, at the same places, as a
    # search of each form, beside letters, digits and punctuation past Latin-1 ("œ", "č", "–"),
    # glued to words, at the text's start and end, and where a form is written with another
    # punctuation ("d-" for "d'").
    import random

    g = load_glossary(glossary_dir())
    index = g.automata.get(lang)
    keys = [key for key, _ in index.items()]
    rnd = random.Random(13)
    pieces = rnd.sample(keys, 300) + [k.replace("'", "-").replace(" ", "\u2013") for k in rnd.sample(keys, 40)] + [
        k[:-1] for k in rnd.sample(keys, 40)] + [" ", " ", ", ", "'", "-", "œ", "č", "\u2013", "\u2026", "x", "é",
                                                 "1", "_", "(", "\n"]
    found = 0
    for _ in range(3000):
        low = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 6)))
        expected = _forms_by_search(index, low)
        got = index.find(low)
        assert len(got) == len(set(got)) and set(got) == expected, low
        found += len(expected)
    assert found > 1000
