"""The memory store: import from every format, exact and fuzzy scores, the index against brute force,
concordance, export, removal, and what a damaged, foreign, locked or read-only memory does.

The tests of the store run on both backends (the ``memory_location`` fixture: an SQLite file, then
a database on the PostgreSQL test server); the last ones are about SQLite files."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from conftest import ROOT, UNPC, needs
from tmcheck.errors import InputError
from tmcheck.memory.fuzzy import differences, render_diff, score
from tmcheck.memory.library import aligned_units, read_units
from tmcheck.memory.normalize import normalize
from tmcheck.memory.store import MemoryStore, Unit

BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual"
BUNDLED = ROOT / "memories" / "un-agendas.fr-en.tmx"

PAIRS = [
    Unit("Ouverture de la session.", "Opening of the session."),
    Unit("Adoption de l’ordre du jour et organisation des travaux.", "Adoption of the agenda and organization of work."),
    Unit("Pour l’examen de ce point, la Conférence sera saisie du rapport du Secrétariat sur l’application de la "
         "Convention.", "For its consideration of this item, the Conference will have before it the report of the "
         "Secretariat on the implementation of the Convention."),
    Unit("Aucun document n’est actuellement prévu au titre de ce point.",
         "No documentation is currently envisaged under this item."),
    Unit("La session se tiendra à Vienne du 10 au 12 octobre 2016.",
         "The session will be held in Vienna from 10 to 12 October 2016."),
]


@pytest.fixture
def store(memory_location):
    s = MemoryStore.open(memory_location)
    s.import_units(PAIRS, name="agendas")
    yield s
    s.close()


# -- scores -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Adoption de l'ordre du jour", "Adoption de l’ordre du jour"),
    ("Adoption  de l’ordre\u00a0du jour", "Adoption de l’ordre du jour"),
    ("Le <b>rapport</b> du Secrétariat", "Le rapport du Secrétariat"),
    ("le rapport intitulé « Vers l’avenir »", "le rapport intitulé «\u202fVers l’avenir\u202f»"),
    ("the report entitled “Towards the future”", 'the report entitled "Towards the future"'),
])
def test_100_only_for_the_same_text_after_normalising(a, b):
    assert score(normalize(a), normalize(b)) == 100


@pytest.mark.parametrize("a, b", [
    ("Adoption de l’ordre du jour.", "adoption de l’ordre du jour."),  # case counts, as in CAT tools
    ("La Conférence sera saisie du rapport.", "La Conference sera saisie du rapport."),  # so do accents
    ("The session will be held on 10 October.", "The session will be held on 11 October."),
])
def test_any_visible_difference_scores_below_100(a, b):
    assert 90 <= score(normalize(a), normalize(b)) <= 99


def test_differences_show_what_the_draft_changed():
    memory = "Pour l’examen de ce point, la Conférence sera saisie du rapport du Secrétariat."
    draft = "Pour examiner ce point, la Conférence disposera du rapport du Secrétariat."
    assert render_diff(differences(draft, memory)) == (
        "Pour [-l’examen de-]{+examiner+} ce point, la Conférence [-sera saisie-]{+disposera+} du rapport du Secrétariat.")


# -- store ------------------------------------------------------------------------------------------

def test_exact_and_fuzzy_lookups(store):
    exact = store.fuzzy("Adoption de l'ordre du jour et organisation des travaux.", "fr")
    assert exact[0].score == 100 and exact[0].target == "Adoption of the agenda and organization of work."
    near = store.fuzzy("The session will be held in Geneva from 10 to 12 October 2016.", "en")
    assert near and 80 <= near[0].score < 100 and near[0].target.startswith("La session se tiendra à Vienne")
    assert near[0].memory == "agendas"
    assert store.fuzzy("The Commission on Narcotic Drugs adopted three resolutions.", "en") == []


def test_min_score_filters(store):
    query = "Aucun document n’a été prévu pour ce point."
    some = store.fuzzy(query, "fr", min_score=60)
    assert some and some[0].score < 90
    assert store.fuzzy(query, "fr", min_score=some[0].score + 1) == []


def test_reimport_adds_no_duplicates(store):
    again = store.import_units(PAIRS + [Unit("Questions diverses.", "Other matters.")], name="agendas")
    assert (again.added, again.duplicates) == (1, len(PAIRS))
    assert len(store) == len(PAIRS) + 1


def test_pairs_differing_only_in_spacing_or_quotes_are_duplicates(store):
    again = store.import_units([Unit("Adoption de l'ordre  du jour et organisation des travaux.",
                                     "Adoption of the agenda and organization of work.")], name="other")
    assert again.added == 0 and again.duplicates == 1


def test_empty_sides_are_skipped(memory_location):
    with MemoryStore.open(memory_location) as s:
        stats = s.import_units([Unit("Ouverture de la session.", ""), Unit("  ", "Opening")], name="x")
        assert (stats.added, stats.skipped) == (0, 2)


def test_concordance(store):
    found = store.concordance("ordre du jour", "fr")
    assert [m.target for m in found] == ["Adoption of the agenda and organization of work."]
    assert store.concordance("this item", "en")[0].kind == "concordance"
    assert len(store.concordance("this item", "en")) == 2
    assert store.concordance("ordre du mois", "fr") == []


def test_remove_takes_segments_out_of_the_index(store):
    store.import_units([Unit("Questions diverses.", "Other matters.")], name="misc")
    assert store.remove("agendas") == len(PAIRS)
    assert store.fuzzy("Ouverture de la session.", "fr") == []
    assert store.concordance("session", "fr") == []
    assert store.fuzzy("Questions diverses.", "fr")[0].score == 100
    postings = sum(store.stats()["index_tokens"].values())
    assert 0 < postings < 10  # only "misc"'s tokens are left
    with pytest.raises(InputError, match="no memory named 'agendas'"):
        store.remove("agendas")


def test_an_import_after_removing_the_last_memory(store):
    """Ids go on from the largest kept one, so the removed memory's are given again: the lengths
    (and places) recorded for them must give way to the new segments'."""
    long = [Unit(u.fr + " Le rapport sera publié en six langues.", u.en + " The report will be issued in six languages.")
            for u in PAIRS[2:4]]
    assert store.import_units(long, name="long").added == 2  # ids 6 and 7
    assert store.remove("long") == 2
    short = [Unit("Questions diverses.", "Other matters."), Unit("Clôture de la session.", "Closure of the session.")]
    assert store.import_units(short, name="short").added == 2  # ids 6 and 7 again
    for unit in short:
        assert [(m.score, m.target) for m in store.fuzzy(unit.fr, "fr", limit=1)] == [(100, unit.en)]
        near = store.fuzzy(unit.fr.replace(".", " ;"), "fr", min_score=70)
        assert near and near[0].target == unit.en
    assert store.fuzzy("Ouverture de la session.", "fr")[0].score == 100  # the first memory's still found


def test_export_reads_back(store, tmp_path):
    from tmcheck.memory.tmx import write_tmx

    out = tmp_path / "out.tmx"
    out.write_bytes(write_tmx(store.segments()))
    back = read_units(out)
    assert back.source_lang == "fr"
    assert [(u.fr, u.en) for u in back.units] == [(u.fr, u.en) for u in PAIRS]


def test_every_format_imports(memory_location):
    with MemoryStore.open(memory_location) as s:
        for name in ("crime.fr-en.tmx", "crime.en-fr.tmx", "crime.fr-en.po", "crime.en-fr.po", "crime.fr-en.tsv",
                     "crime.en-fr.tsv", "crime.fr-en.xliff", "crime.en-fr.xlf"):
            loaded = read_units(BILINGUAL / name)
            assert loaded.units, name
            stats = s.import_units(loaded.units, name=name, source_lang=loaded.source_lang)
            assert stats.added + stats.duplicates == len(loaded.units)
        # The French side is stored as French whatever the file's direction.
        from tmcheck.lang.detect import detect_language

        for _, name, fr, en, _ in s.segments():
            if len(fr.split()) >= 5:
                assert (detect_language(fr), detect_language(en)) == ("fr", "en"), (name, fr, en)
        hit = s.fuzzy("Its aim was to step up the fight against counterfeit medicines.", "en")
        assert hit and hit[0].score == 100 and hit[0].target.startswith("L'objectif était d'intensifier")


def test_bundled_memory_reads_as_french_to_english():
    loaded = read_units(BUNDLED)
    assert loaded.source_lang == "fr" and len(loaded.units) >= 150
    pairs = {u.fr: u.en for u in loaded.units}
    assert pairs["Questions d’organisation:"] == "Organizational matters:"


def test_document_pair_aligned_into_pairs():
    loaded = aligned_units(ROOT / "tests/golden/wg-tip-2016.fr.md", ROOT / "tests/golden/wg-tip-2016.en.md")
    assert loaded.source_lang == "fr" and len(loaded.units) > 30
    by_fr = {u.fr: u.en for u in loaded.units}
    # Item numbers and letters are the document's, not the phrasing's: they are not kept.
    assert by_fr["Ouverture de la réunion;"] == "Opening of the meeting;"
    assert by_fr["Questions diverses."] == "Other matters."
    assert by_fr["Vienne, 6-8 septembre 2016"] == "Vienna, 6-8 September 2016"


# -- the index finds what a full scan finds -----------------------------------------------------------

def _edit(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(words))
        op = rng.choice(("substitute", "delete", "insert"))
        if op == "substitute":
            words[i] = rng.choice(vocabulary)
        elif op == "delete" and len(words) > 3:
            del words[i]
        else:
            words.insert(i, rng.choice(vocabulary))
    return " ".join(words)


@needs(UNPC)
def test_index_agrees_with_brute_force_on_real_pairs(memory_location):
    """200 real UN sentences with 1–4 words edited: the indexed lookup's best score equals the best
    score of rapidfuzz over every stored segment."""
    import csv

    from rapidfuzz import fuzz, process

    with open(UNPC, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["fr"].strip() and r["en"].strip()]
    with MemoryStore.open(memory_location) as s:
        s.import_units([Unit(r["fr"], r["en"]) for r in rows], name="unpc")
        rng = random.Random(7)
        misses = []
        for lang in ("fr", "en"):
            ids, texts = s.texts(lang)
            norms = [normalize(t) for t in texts]
            vocabulary = sorted({w for t in texts[:500] for w in t.split() if w.isalpha()})
            for text in rng.sample([t for t in texts if len(t.split()) >= 6], 100):
                query = _edit(text, rng, vocabulary)
                brute = process.extractOne(normalize(query), norms, scorer=fuzz.ratio, score_cutoff=70)
                ours = s.fuzzy(query, lang, min_score=70, limit=1)
                want = 0 if brute is None else min(99, int(brute[1])) if norms[brute[2]] != normalize(query) else 100
                got = ours[0].score if ours else 0
                if got != want:
                    misses.append((query, got, want))
    assert len(misses) <= 2, misses[:5]  # >= 99% of 200


# -- bad memories: SQLite files -------------------------------------------------------------------------

def test_a_text_file_is_not_a_memory(tmp_path):
    p = tmp_path / "notes.sqlite"
    p.write_text("Ordre du jour provisoire\n" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="not a tmcheck memory"):
        MemoryStore.open(p)
    assert p.read_text(encoding="utf-8").startswith("Ordre du jour")


def test_another_programs_database_is_not_a_memory(tmp_path):
    p = tmp_path / "other.sqlite"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="not a tmcheck memory"):
        MemoryStore.open(p)


@pytest.fixture
def sqlite_store(tmp_path):
    s = MemoryStore.open(tmp_path / "memory.sqlite")
    s.import_units(PAIRS, name="agendas")
    yield s
    s.close()


def test_read_only_memory_is_refused_for_writing_with_one_line(sqlite_store, monkeypatch):
    """As root, permissions do not stop a write: the check is simulated (the next test is the real one)."""
    import os

    store = sqlite_store
    path = store.path
    store.close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == path and mode == os.W_OK else real_access(p, mode))
    with pytest.raises(InputError, match="read-only"):
        MemoryStore.open(path)


def test_read_only_memory(sqlite_store):
    import os

    store = sqlite_store
    path = store.path
    store.close()
    os.chmod(path, 0o444)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as a user who can write read-only files")
        with pytest.raises(InputError, match="read-only"):
            MemoryStore.open(path)
        with MemoryStore.open(path, readonly=True) as ro:  # searching still works
            assert ro.fuzzy("Ouverture de la session.", "fr")[0].score == 100
    finally:
        os.chmod(path, 0o644)


@pytest.mark.parametrize("lock", ["IMMEDIATE", "EXCLUSIVE"])  # another writer; another process mid-commit
def test_locked_memory_fails_cleanly_and_stays_as_it_was(sqlite_store, lock):
    store = sqlite_store
    other = sqlite3.connect(store.path, timeout=0.1)
    other.execute(f"BEGIN {lock}")
    try:
        with pytest.raises(InputError, match="locked by another tmcheck process"):
            with MemoryStore.open(store.path, timeout=0.2) as again:
                again.import_units([Unit("Questions diverses.", "Other matters.")], name="misc")
    finally:
        other.rollback()
        other.close()
    assert len(store) == len(PAIRS)
    assert store.fuzzy("Ouverture de la session.", "fr")[0].score == 100


def test_bundled_memories_removed_under_a_reader_are_built_again_not_left_empty(tmp_path, monkeypatch):
    # Another process may remove the cached store between the check that it exists and its opening
    # (cache.drop_older, building another state): opening must not create an empty store in its
    # place, which would stand for the bundled memories from then on.
    from tmcheck.memory import library

    monkeypatch.setenv("TMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    first = library.bundled_store()
    assert first is not None
    segments = first.stats()["segments"]
    first.close()
    real_open = MemoryStore.open
    removed = []

    def open_after_removal(location, *args, **kwargs):
        if not Path(location).name.startswith(".") and not removed:  # the cached store, not a build's temporary
            removed.append(location)
            Path(location).unlink()  # gone between the existence check and the opening
        return real_open(location, *args, **kwargs)

    monkeypatch.setattr(library.MemoryStore, "open", staticmethod(open_after_removal))
    again = library.bundled_store()
    assert removed
    assert Path(removed[0]).exists()  # built again in its place
    assert again.stats()["segments"] == segments > 0
    again.close()
