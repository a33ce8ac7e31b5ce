"""`tmcheck memory …` and `tmcheck suggest` as users run them, and the bad input they meet.

Each test that takes ``memory`` runs twice: with an SQLite file and with a database on the
PostgreSQL test server (conftest.memory_location); the SQLite-only ones take ``tmp_path``."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, memory_exists, memory_snapshot

BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual"
GOLDEN = ROOT / "tests" / "golden"

DRAFT_FR = """\
# Ordre du jour provisoire annoté

1. Questions d’organisation

a) Ouverture de la session

La dixième session de la Conférence s’ouvrira le lundi 10 octobre 2016 à 10 heures.

2. Examen de l’application de la Convention

Pour examiner ce point, la Conférence disposera du rapport du Secrétariat sur l’application de la Convention des Nations Unies contre la criminalité transnationale organisée et des Protocoles s’y rapportant.

Aucun document n’est actuellement prévu au titre de ce point.

Les tomates de la cantine étaient délicieuses hier soir.
"""


def run(*args, memory, cwd: Path | None = None):
    env = dict(os.environ, TMCHECK_MEMORY=str(memory))
    return subprocess.run([sys.executable, "-m", "tmcheck", *args], cwd=cwd or ROOT, capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture
def memory(memory_location):
    return memory_location


def _one_line_error(r):
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tmcheck: "), r.stderr
    assert "Traceback" not in r.stderr
    return lines[0]


# -- import, list, stats, search, export, remove -----------------------------------------------------

def test_import_list_search_export_remove(memory, tmp_path):
    r = run("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), str(BILINGUAL / "crime.en-fr.po"), "--no-vectors",
            memory=memory)
    assert r.returncode == 0, r.stderr
    assert "segments added to 'crime'" in r.stdout
    again = run("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), "--no-vectors", memory=memory)
    assert " 0 segments added" in again.stdout and "already there" in again.stdout

    listed = run("memory", "list", memory=memory).stdout
    assert "crime" in listed and "un-agendas" in listed and "bundled" in listed

    stats = json.loads(run("memory", "stats", "--format", "json", memory=memory).stdout)
    assert stats["yours"]["segments"] > 0 and stats["bundled"]["segments"] >= 150

    found = json.loads(run("memory", "search", "Adoption de l’ordre du jour et organisation des travaux",
                           "--format", "json", memory=memory).stdout)
    assert found["lang"] == "fr"
    assert found["matches"][0]["target"].startswith("Adoption of the agenda and organization of work")
    assert found["matches"][0]["score"] >= 95

    out = tmp_path / "export.tmx"
    r = run("memory", "export", "-o", str(out), memory=memory)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").count("<tu ") == stats["yours"]["segments"]

    r = run("memory", "remove", "crime", memory=memory)
    assert r.returncode == 0 and "removed" in r.stdout
    assert "crime " not in run("memory", "list", memory=memory).stdout
    assert "bundled memory" in _one_line_error(run("memory", "remove", "un-agendas", memory=memory))


def test_search_shows_differences_and_the_translation(memory):
    r = run("memory", "search", "Pour l’examen de ce point, la Conférence disposera du rapport du Secrétariat sur "
            "l’application de la Convention des Nations Unies contre la criminalité transnationale organisée et des "
            "Protocoles s’y rapportant.", "--lang", "fr", memory=memory)
    assert r.returncode == 0, r.stderr
    assert "[-sera saisie-]{+disposera+}" in r.stdout
    assert "en: For its consideration of this item, the Conference will have before it" in r.stdout


def test_concordance(memory):
    r = run("memory", "search", "souhaitera peut-être", "--format", "json", "--lang", "fr", memory=memory)
    data = json.loads(r.stdout)
    assert len(data["concordance"]) >= 3
    assert all("souhaitera peut-être" in m["source"] for m in data["concordance"])


def test_import_document_pair(memory):
    r = run("memory", "import", "--source", str(GOLDEN / "wg-tip-2016.fr.md"), "--target",
            str(GOLDEN / "wg-tip-2016.en.md"), "--no-vectors", "--name", "wg-tip", memory=memory)
    assert r.returncode == 0, r.stderr
    data = json.loads(run("memory", "search", "Adoption of the report.", "--lang", "en", "--format", "json",
                          memory=memory).stdout)
    assert {"source": "Adoption of the report.", "target": "Adoption du rapport.", "memory": "wg-tip", "score": 100,
            "kind": "fuzzy"} in data["matches"]


# -- suggest -----------------------------------------------------------------------------------------

def test_suggest_draft_json_contract(memory, tmp_path):
    draft = tmp_path / "annotations.fr.md"
    draft.write_text(DRAFT_FR, encoding="utf-8")
    r = run("suggest", str(draft), "--no-semantic", "--format", "json", memory=memory)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    by_line = {s["line"]: s for s in data["suggestions"]}
    assert set(by_line[11]) == {"path", "line", "text", "matches"}
    assert by_line[11]["path"] == str(draft)
    best = by_line[11]["matches"][0]
    assert set(best) == {"score", "kind", "source", "target", "memory"}
    assert best["kind"] == "fuzzy" and 75 <= best["score"] < 100 and best["memory"] == "un-agendas"
    assert best["source"].startswith("Pour l’examen de ce point, la Conférence sera saisie du rapport du Secrétariat")
    assert best["target"].startswith("For its consideration of this item")
    assert by_line[13]["matches"][0]["score"] == 100
    assert 15 not in by_line  # nothing standard about the canteen


def test_suggest_text(memory):
    r = run("suggest", "--text", "No documents are currently planned under this item.", "--lang", "en", "--no-semantic",
            memory=memory)
    assert r.returncode == 0, r.stderr
    assert "No documents are currently [-envisaged-]{+planned+} under this item." in r.stdout
    assert "fr: Aucun document n’est actuellement prévu au titre de ce point." in r.stdout


# -- bad input ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["xxe.tmx", "malformed.tmx", "billion-laughs.xlf", "truncated.xliff", "de-en.tmx",
                                  "not-a-memory.tmx", "syntax-error.po", "no-lang-columns.tsv"])
def test_hostile_or_broken_file_leaves_the_memory_untouched(memory, name):
    assert run("memory", "import", str(BILINGUAL / "crime.fr-en.tsv"), "--no-vectors", memory=memory).returncode == 0
    before = memory.read_bytes() if isinstance(memory, Path) else memory_snapshot(memory)
    _one_line_error(run("memory", "import", str(BILINGUAL / "crime.fr-en.po"), str(BILINGUAL / name), "--no-vectors",
                        memory=memory))
    # the good file given first was not imported either
    assert (memory.read_bytes() if isinstance(memory, Path) else memory_snapshot(memory)) == before


def test_not_a_memory(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Liste des participants\n", encoding="utf-8")
    assert "not a tmcheck memory" in _one_line_error(run("memory", "list", memory=notes))
    assert "not a tmcheck memory" in _one_line_error(run("suggest", "--text", "Débat général.", "--no-semantic",
                                                         memory=notes))
    assert notes.read_text(encoding="utf-8") == "Liste des participants\n"
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    assert "not a tmcheck memory" in _one_line_error(
        run("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), "--no-vectors", memory=foreign))


def test_locked_memory(tmp_path):
    memory = tmp_path / "memory.sqlite"
    assert run("memory", "import", str(BILINGUAL / "crime.fr-en.tsv"), "--no-vectors", memory=memory).returncode == 0
    other = sqlite3.connect(memory)
    other.execute("BEGIN IMMEDIATE")
    try:
        msg = _one_line_error(run("memory", "import", str(BILINGUAL / "crime.fr-en.po"), "--no-vectors",
                                  memory=memory))
        assert "locked" in msg
    finally:
        other.rollback()
        other.close()


def test_missing_files_and_usage(memory, tmp_path):
    assert "no such file" in _one_line_error(run("memory", "import", str(tmp_path / "nope.tmx"), memory=memory))
    assert "nothing to import" in _one_line_error(run("memory", "import", memory=memory))
    assert "go together" in _one_line_error(run("memory", "import", "--source", str(GOLDEN / "wg-tip-2016.fr.md"),
                                                memory=memory))
    assert "one of them" in _one_line_error(run("suggest", memory=memory))
    assert not memory_exists(memory)  # none of that created a memory


def test_unknown_encoder(memory):
    msg = _one_line_error(run("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), "--encoder", "word2vec",
                              memory=memory))
    assert "unknown encoder 'word2vec'" in msg
    assert not memory_exists(memory)
    assert "unknown encoder" in _one_line_error(run("suggest", "--text", "Débat général.", "--encoder", "bert",
                                                    memory=memory))


def test_semantic_search_is_cross_lingual(memory):
    """Vectors computed at import; an English query finds the French-side wording of a pair by meaning."""
    r = run("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), memory=memory)
    assert r.returncode == 0, r.stderr
    stats = json.loads(run("memory", "stats", "--format", "json", memory=memory).stdout)
    assert stats["yours"]["vectors"]["use-multilingual-v3"] == 2 * stats["yours"]["segments"]
    r = run("memory", "search", "Le but était de renforcer la lutte contre les faux médicaments.", "--lang", "fr",
            "--semantic", "--min", "95", "--format", "json", memory=memory)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["matches"] and all(m["kind"] == "semantic" for m in data["matches"])
    best = data["matches"][0]
    assert best["memory"] == "crime" and best["source"].startswith("L'objectif était d'intensifier la lutte")
    assert best["target"] == "Its aim was to step up the fight against counterfeit medicines."
