"""`tmcheck memory …` and `tmcheck suggest` as users run them, and the bad input they meet.

Each test that takes ``memory`` runs twice: with an SQLite file and with a database on the
PostgreSQL test server (conftest.memory_location); the SQLite-only ones take ``tmp_path``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cli_helpers import run_cli
from conftest import ROOT, memory_env, memory_exists, memory_snapshot

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
    r = run_cli("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), str(BILINGUAL / "crime.en-fr.po"),
                "--no-vectors", env=memory_env(memory), timeout=300)
    assert r.returncode == 0, r.stderr
    assert "segments added to 'crime'" in r.stdout
    again = run_cli("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), "--no-vectors",
                    env=memory_env(memory), timeout=300)
    assert " 0 segments added" in again.stdout and "already there" in again.stdout

    listed = run_cli("memory", "list", env=memory_env(memory), timeout=300).stdout
    assert "crime" in listed and "un-agendas" in listed and "bundled" in listed

    stats = json.loads(run_cli("memory", "stats", "--format", "json", env=memory_env(memory), timeout=300).stdout)
    assert stats["yours"]["segments"] > 0 and stats["bundled"]["segments"] >= 150

    found = json.loads(run_cli("memory", "search", "Adoption de l’ordre du jour et organisation des travaux",
                               "--format", "json", env=memory_env(memory), timeout=300).stdout)
    assert found["lang"] == "fr"
    assert found["matches"][0]["target"].startswith("Adoption of the agenda and organization of work")
    assert found["matches"][0]["score"] >= 95

    out = tmp_path / "export.tmx"
    r = run_cli("memory", "export", "-o", str(out), env=memory_env(memory), timeout=300)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").count("<tu ") == stats["yours"]["segments"]

    r = run_cli("memory", "remove", "crime", env=memory_env(memory), timeout=300)
    assert r.returncode == 0 and "removed" in r.stdout
    assert "crime " not in run_cli("memory", "list", env=memory_env(memory), timeout=300).stdout
    assert "bundled memory" in _one_line_error(run_cli("memory", "remove", "un-agendas",
                                                       env=memory_env(memory), timeout=300))


def test_search_shows_differences_and_the_translation(memory):
    r = run_cli("memory", "search",
                "Pour l’examen de ce point, la Conférence disposera du rapport du Secrétariat sur "
                "l’application de la Convention des Nations Unies contre la criminalité transnationale organisée et des "
                "Protocoles s’y rapportant.", "--lang", "fr", env=memory_env(memory), timeout=300)
    assert r.returncode == 0, r.stderr
    assert "[-sera saisie-]{+disposera+}" in r.stdout
    assert "en: For its consideration of this item, the Conference will have before it" in r.stdout


def test_concordance(memory):
    r = run_cli("memory", "search", "souhaitera peut-être", "--format", "json", "--lang", "fr",
                env=memory_env(memory), timeout=300)
    data = json.loads(r.stdout)
    assert len(data["concordance"]) >= 3
    assert all("souhaitera peut-être" in m["source"] for m in data["concordance"])


def test_import_document_pair(memory):
    r = run_cli("memory", "import", "--source", str(GOLDEN / "wg-tip-2016.fr.md"), "--target",
                str(GOLDEN / "wg-tip-2016.en.md"), "--no-vectors", "--name", "wg-tip",
                env=memory_env(memory), timeout=300)
    assert r.returncode == 0, r.stderr
    data = json.loads(run_cli("memory", "search", "Adoption of the report.", "--lang", "en", "--format", "json",
                              env=memory_env(memory), timeout=300).stdout)
    assert {"source": "Adoption of the report.", "target": "Adoption du rapport.", "memory": "wg-tip", "score": 100,
            "kind": "fuzzy"} in data["matches"]


# -- suggest -----------------------------------------------------------------------------------------

def test_suggest_draft_json_contract(memory, tmp_path):
    draft = tmp_path / "annotations.fr.md"
    draft.write_text(DRAFT_FR, encoding="utf-8")
    r = run_cli("suggest", str(draft), "--no-semantic", "--format", "json", env=memory_env(memory), timeout=300)
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
    r = run_cli("suggest", "--text", "No documents are currently planned under this item.", "--lang", "en",
                "--no-semantic", env=memory_env(memory), timeout=300)
    assert r.returncode == 0, r.stderr
    assert "No documents are currently [-envisaged-]{+planned+} under this item." in r.stdout
    assert "fr: Aucun document n’est actuellement prévu au titre de ce point." in r.stdout


# -- bad input ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["xxe.tmx", "malformed.tmx", "billion-laughs.xlf", "truncated.xliff", "de-en.tmx",
                                  "not-a-memory.tmx", "syntax-error.po", "no-lang-columns.tsv"])
def test_hostile_or_broken_file_leaves_the_memory_untouched(memory, name):
    assert run_cli("memory", "import", str(BILINGUAL / "crime.fr-en.tsv"), "--no-vectors",
                   env=memory_env(memory), timeout=300).returncode == 0
    before = memory.read_bytes() if isinstance(memory, Path) else memory_snapshot(memory)
    _one_line_error(run_cli("memory", "import", str(BILINGUAL / "crime.fr-en.po"), str(BILINGUAL / name),
                            "--no-vectors", env=memory_env(memory), timeout=300))
    # the good file given first was not imported either
    assert (memory.read_bytes() if isinstance(memory, Path) else memory_snapshot(memory)) == before


def test_not_a_memory(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Liste des participants\n", encoding="utf-8")
    assert "not a tmcheck memory" in _one_line_error(run_cli("memory", "list", env=memory_env(notes), timeout=300))
    assert "not a tmcheck memory" in _one_line_error(run_cli("suggest", "--text", "Débat général.", "--no-semantic",
                                                             env=memory_env(notes), timeout=300))
    assert notes.read_text(encoding="utf-8") == "Liste des participants\n"
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    assert "not a tmcheck memory" in _one_line_error(
        run_cli("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), "--no-vectors",
                env=memory_env(foreign), timeout=300))


def test_locked_memory(tmp_path):
    memory = tmp_path / "memory.sqlite"
    assert run_cli("memory", "import", str(BILINGUAL / "crime.fr-en.tsv"), "--no-vectors",
                   env=memory_env(memory), timeout=300).returncode == 0
    other = sqlite3.connect(memory)
    other.execute("BEGIN IMMEDIATE")
    try:
        msg = _one_line_error(run_cli("memory", "import", str(BILINGUAL / "crime.fr-en.po"), "--no-vectors",
                                      env=memory_env(memory), timeout=300))
        assert "locked" in msg
    finally:
        other.rollback()
        other.close()


def test_missing_files_and_usage(memory, tmp_path):
    assert "no such file" in _one_line_error(run_cli("memory", "import", str(tmp_path / "nope.tmx"),
                                                     env=memory_env(memory), timeout=300))
    assert "nothing to import" in _one_line_error(run_cli("memory", "import", env=memory_env(memory), timeout=300))
    assert "go together" in _one_line_error(run_cli("memory", "import", "--source", str(GOLDEN / "wg-tip-2016.fr.md"),
                                                    env=memory_env(memory), timeout=300))
    assert "one of them" in _one_line_error(run_cli("suggest", env=memory_env(memory), timeout=300))
    assert not memory_exists(memory)  # none of that created a memory


def test_unknown_encoder(memory):
    msg = _one_line_error(run_cli("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), "--encoder", "word2vec",
                                  env=memory_env(memory), timeout=300))
    assert "unknown encoder 'word2vec'" in msg
    assert not memory_exists(memory)
    assert "unknown encoder" in _one_line_error(run_cli("suggest", "--text", "Débat général.", "--encoder", "bert",
                                                        env=memory_env(memory), timeout=300))


def test_semantic_search_is_cross_lingual(memory):
    """Vectors computed at import; an English query finds the French-side wording of a pair by meaning."""
    r = run_cli("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), env=memory_env(memory), timeout=300)
    assert r.returncode == 0, r.stderr
    stats = json.loads(run_cli("memory", "stats", "--format", "json", env=memory_env(memory), timeout=300).stdout)
    assert stats["yours"]["vectors"]["use-multilingual-v3"] == 2 * stats["yours"]["segments"]
    r = run_cli("memory", "search", "Le but était de renforcer la lutte contre les faux médicaments.", "--lang", "fr",
                "--semantic", "--min", "95", "--format", "json", env=memory_env(memory), timeout=300)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["matches"] and all(m["kind"] == "semantic" for m in data["matches"])
    best = data["matches"][0]
    assert best["memory"] == "crime" and best["source"].startswith("L'objectif était d'intensifier la lutte")
    assert best["target"] == "Its aim was to step up the fight against counterfeit medicines."
