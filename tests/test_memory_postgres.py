"""What the PostgreSQL backend adds: the bad locations a user meets (a wrong URL, a refused connection,
a database that is not a memory, another format, a connection lost mid-import), passwords never
printed, importers racing, many processes at once, the same results as SQLite, and moving a memory
between backends (``memory copy``) or to the current format (``memory migrate``)."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_helpers import run_cli, start_cli
from conftest import ROOT, UNPC, memory_env, memory_exists, memory_snapshot, needs
from memory_formats import format_1_memory
from tmcheck.errors import InputError
from tmcheck.memory.library import read_units
from tmcheck.memory.store import MemoryStore, Unit

BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual"
BUNDLED = ROOT / "memories" / "un-agendas.fr-en.tmx"


def one_line_error(r) -> str:
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tmcheck: "), r.stderr
    return lines[0]


def _url_with_password(url: str, password: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    user = parts.username or "postgres"
    host = parts.netloc.split("@")[-1]
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))


# -- bad locations ------------------------------------------------------------------------------------

def test_refused_connection_is_one_line_and_hides_the_password():
    pytest.importorskip("psycopg")
    url = "postgresql://translator:S3cretPassw0rd@127.0.0.1:9/memory"  # nothing listens on port 9
    for args in (("memory", "list"), ("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), "--no-vectors"),
                 ("suggest", "--text", "Débat général.", "--no-semantic")):
        msg = one_line_error(run_cli(*args, env=memory_env(url), subprocess=True))
        assert "cannot connect to the PostgreSQL server" in msg
        assert "S3cretPassw0rd" not in msg and "translator:***@127.0.0.1:9" in msg


@pytest.mark.parametrize("url, expected", [
    ("postgresql://postgres@/tmcheck?host=/tmp&port=notaport", "PostgreSQL"),
    ("postgresql://postgres@/tmcheck?nosuchoption=1", "not a valid PostgreSQL URL"),
    ("mysql://root:pw@localhost/tm", "not a memory location"),
])
def test_wrong_url(url, expected, tmp_path):
    pytest.importorskip("psycopg")
    msg = one_line_error(run_cli("memory", "stats", env=memory_env(url), subprocess=True))
    assert expected in msg and "pw@" not in msg


def test_a_database_with_other_tables_is_not_a_memory(postgres):
    url = postgres.database()
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices(id int)")
    msg = one_line_error(run_cli("memory", "import", str(BILINGUAL / "crime.fr-en.tmx"), "--no-vectors",
                                 env=memory_env(url), subprocess=True))
    assert "not a tmcheck memory (the database has other tables)" in msg
    with psycopg.connect(url, autocommit=True) as conn:  # nothing was created beside them
        assert conn.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 1


def test_another_programs_meta_table_is_not_a_memory(postgres):
    url = postgres.database()
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE meta(key text primary key, value text)")
        conn.execute("INSERT INTO meta VALUES ('application', 'wiki')")
    assert "not a tmcheck memory" in one_line_error(run_cli("memory", "list", env=memory_env(url), subprocess=True))


@pytest.mark.parametrize("version, expected", [(1, "run 'tmcheck memory migrate'"), (3, "a newer tmcheck made it")])
def test_a_memory_of_another_format_is_refused(postgres, version, expected):
    url = postgres.database()
    with MemoryStore.open(url) as s:
        s.import_units([Unit("Questions diverses.", "Other matters.")], name="misc")
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = %s WHERE key = 'format'", (str(version),))
    msg = one_line_error(run_cli("memory", "search", "Questions diverses.", "--lang", "fr",
                                 env=memory_env(url), subprocess=True))
    assert f"format {version}; this tmcheck reads format 2" in msg and expected in msg


def test_migrate_a_current_memory_says_so(postgres):
    url = postgres.database()
    with MemoryStore.open(url) as s:
        s.import_units([Unit("Questions diverses.", "Other matters.")], name="misc")
    assert "already a memory of format 2" in one_line_error(run_cli("memory", "migrate",
                                                                    env=memory_env(url), subprocess=True))


def test_lost_connection_during_import_rolls_back(postgres, tmp_path):
    """The server ends the importing connection while its transaction has written rows: one line,
    exit 2, and the memory is as it was."""
    import psycopg

    from tmcheck.memory.backends.postgres import _WRITE_LOCK

    url = postgres.database()
    with MemoryStore.open(url) as s:
        s.import_units(read_units(BUNDLED).units, name="un-agendas")
    before = memory_snapshot(url)
    lines = ["fr\ten"] + [f"{u.fr} ({i})\t{u.en} ({i})".replace("\n", " ")
                          for u in read_units(BUNDLED).units for i in range(1, 121)]
    big = tmp_path / "big.tsv"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = start_cli("memory", "import", str(big), "--no-vectors", cwd=ROOT, env=memory_env(url))
    pid = None
    deadline = time.monotonic() + 60
    with psycopg.connect(url, autocommit=True) as admin:
        while pid is None and proc.poll() is None and time.monotonic() < deadline:
            # this test's database only: the server may serve others (never end their imports)
            row = admin.execute("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = %s "
                                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                                (_WRITE_LOCK,)).fetchone()
            pid = row[0] if row else None
            time.sleep(0.005)
        assert pid is not None, "the import ended before its connection could be cut"
        time.sleep(0.3)  # let it write rows inside the transaction
        assert admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0]
    out, err = proc.communicate(timeout=120)
    msg = one_line_error(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    assert "connection" in msg and "Traceback" not in err
    assert memory_snapshot(url) == before


# -- many at once ---------------------------------------------------------------------------------------

def test_two_importers_racing_add_each_pair_once(postgres, tmp_path):
    url = postgres.database()
    src = BILINGUAL / "crime.fr-en.tmx"
    procs = [start_cli("memory", "import", str(src), "--no-vectors", "--name", f"copy{i}",
                       cwd=ROOT, env=memory_env(url))
             for i in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    with MemoryStore.open(url) as s:
        assert len(s) == len({(u.fr, u.en) for u in read_units(src).units})
        assert sum(i.segments for i in s.memories()) == len(s)


def test_importers_and_searchers_at_once(postgres, tmp_path):
    """bench/bench_concurrency.py, small: overlapping files imported by 3 processes again and again
    while 4 search; the memory ends with exactly the union of the files, and nothing failed."""
    url = postgres.database()
    out = tmp_path / "conc.json"
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_concurrency.py"), url, "--importers", "3",
                        "--searchers", "4", "--seconds", "5", "--pairs", "150", "--json", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    assert res["segments"] == res["union"] == res["distinct_pairs"] and res["lost"] == res["extra"] == 0
    assert res["errors"] == [] and set(res["exit_codes"]) == {0}
    assert res["imports"] >= 3 * res["files"]  # each importer went through its files at least once
    assert min(res["searches_per_searcher"]) > 0 and res["found"] > 0


# -- the same memory on both backends ---------------------------------------------------------------------

@needs(UNPC)
def test_same_results_on_both_backends(postgres, tmp_path):
    from tmcheck.memory.normalize import normalize  # noqa: F401 -- the store's own, used by both

    with open(UNPC, encoding="utf-8") as fh:
        rows = [Unit(r["fr"], r["en"]) for r in csv.DictReader(fh, delimiter="\t")]
    url = postgres.database()
    with MemoryStore.open(tmp_path / "m.sqlite") as lite, MemoryStore.open(url) as pg:
        assert lite.import_units(rows, name="unpc") == pg.import_units(rows, name="unpc")
        queries = [(u.fr[:-7], "fr") for u in rows[::80]] + [(u.en[5:], "en") for u in rows[::80]] + \
                  [("Questions diverses", "fr"), ("Adoption of the agenda", "en")]
        found = 0
        for text, lang in queries:
            a = lite.fuzzy(text, lang, min_score=60, limit=5)
            assert a == pg.fuzzy(text, lang, min_score=60, limit=5), text
            found += bool(a)
            assert lite.concordance(text.split(",")[0][:25], lang) == pg.concordance(text.split(",")[0][:25], lang)
        assert found > len(queries) // 2
        assert lite.stats()["index_tokens"] == pg.stats()["index_tokens"]


# -- candidates read by row address (places) ---------------------------------------------------------

def _lookups(store, units):
    return [store.fuzzy(u.fr[:-3] + " ;", "fr", min_score=60) for u in units] + \
           [store.fuzzy(u.en[2:], "en", min_score=60) for u in units]


def _by_id_count(store):
    """Count the candidates the store reads by id (the slow way) from now on."""
    calls = []
    by_id = store._scoring_texts_by_id
    store._scoring_texts_by_id = lambda lang, ids: calls.extend(ids) or by_id(lang, ids)
    return calls


def test_lookups_read_their_candidates_by_row_address(postgres, tmp_path):
    units = [u for u in read_units(BUNDLED).units[:120]]
    url = postgres.database()
    with MemoryStore.open(tmp_path / "m.sqlite") as lite, MemoryStore.open(url) as pg:
        lite.import_units(units[:60], name="a")
        pg.import_units(units[:60], name="a")
        lite.import_units(units[60:], name="b")
        pg.import_units(units[60:], name="b")
        by_id = _by_id_count(pg)
        expected = _lookups(lite, units[::7])
        assert _lookups(pg, units[::7]) == expected and sum(map(bool, expected)) > len(expected) // 2
        assert by_id == []
        # Places pointing at other rows (a table rewritten while a reader holds them): each row
        # found is checked to be the one asked for, the rest read by id; the same matches.
        generation, places = pg._place_cache
        pg._place_cache = (generation, places[::-1].copy())
        with pg._errors("read"):
            from tmcheck.memory.normalize import normalize

            assert sorted(pg._scoring_texts("fr", [3, 50, 99])) == [(i, normalize(pg.pairs([i])[i][1])) for i in (3, 50, 99)]
        pg._place_cache = (generation, places[::-1].copy())
        assert _lookups(pg, units[::7]) == expected and by_id


def test_a_rewritten_table_is_read_by_id_until_the_next_write(postgres):
    import psycopg

    units = [u for u in read_units(BUNDLED).units[:80]]
    url = postgres.database()
    with MemoryStore.open(url) as s:
        s.import_units(units[:40], name="a")
        s.import_units(units[40:], name="b")
        expected = _lookups(s, units[::9])
        s.remove("a")
        after_removal = _lookups(s, units[::9])
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM FULL segments")  # a new file, the rows moved up into the removed ones' room
    with MemoryStore.open(url) as s:
        by_id = _by_id_count(s)
        assert _lookups(s, units[::9]) == after_removal and by_id  # by id: the places are another file's
        s.import_units(units[:40], name="a")  # rewrites the places
        by_id.clear()
        texts = [[m[:5] for m in found] for found in _lookups(s, units[::9])]  # the same but for the ids
        assert texts == [[m[:5] for m in found] for found in expected] and by_id == []


def test_a_memory_made_before_places_gains_them_at_its_next_write(postgres):
    """The migration of a memory made by an earlier tmcheck: read by id as before (nothing to run
    first), and its first write transaction records every segment's place; no segment is touched."""
    import psycopg

    units = [u for u in read_units(BUNDLED).units[:60]]
    url = postgres.database()
    with MemoryStore.open(url) as s:
        s.import_units(units, name="a")
        expected = _lookups(s, units[::7])
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE places")
        conn.execute("DELETE FROM meta WHERE key = 'places'")
        before = conn.execute("SELECT * FROM segments ORDER BY id").fetchall()
    with MemoryStore.open(url) as s:
        by_id = _by_id_count(s)
        assert _lookups(s, units[::7]) == expected and by_id
        generation = s.generation
        with s.transaction():
            pass
        assert s.generation == generation  # derived data: no cache is made stale by it
    with MemoryStore.open(url) as s:
        by_id = _by_id_count(s)
        assert _lookups(s, units[::7]) == expected and by_id == []
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT * FROM segments ORDER BY id").fetchall() == before


def test_copy_between_backends_and_back(postgres, tmp_path):
    np = pytest.importorskip("numpy")

    class Encoder:  # small vectors, so that the copy can be seen to carry them
        name, dim = "test-encoder", 4

        def encode(self, texts):
            v = np.array([[len(t), t.count("e") + 1, 1, 2] for t in texts], dtype="float32")
            return v / np.linalg.norm(v, axis=1, keepdims=True)

    first, back = tmp_path / "first.sqlite", tmp_path / "back.sqlite"
    with MemoryStore.open(first) as s:
        for f in ("crime.fr-en.tmx", "crime.en-fr.po"):
            loaded = read_units(BILINGUAL / f)
            s.import_units(loaded.units, name=f.split(".")[1], source_lang=loaded.source_lang, origin=f,
                           encoder=Encoder())
    url = postgres.database()
    r = run_cli("memory", "copy", str(first), url, subprocess=True)
    assert r.returncode == 0, r.stderr
    assert "segments added" in r.stdout
    assert run_cli("memory", "copy", str(first), url,
                   subprocess=True).stdout.count(" 0 segments added") == 1  # idempotent
    r = run_cli("memory", "copy", url, str(back), subprocess=True)
    assert r.returncode == 0, r.stderr
    snap = [memory_snapshot(x) for x in (first, url, back)]
    for s in snap[1:]:
        # memories (names, origins, dates, counts), segments (ids aside: a copy numbers them anew), index, vectors
        assert s[0] == snap[0][0] and s[2:4] == snap[0][2:4]
        assert sorted(x[1:] for x in s[1]) == sorted(x[1:] for x in snap[0][1])
    def by_text(location):
        with MemoryStore.open(location) as s:
            ids, blobs = s.vectors("test-encoder", "fr")
            texts = s.pairs(ids)
            return {texts[i][1]: blob for i, blob in zip(ids, blobs)}

    assert by_text(first) == by_text(url) == by_text(back) and len(by_text(first)) == snap[0][0][0][3] + snap[0][0][1][3]
    assert "onto itself" in one_line_error(run_cli("memory", "copy", str(first), str(first), subprocess=True))


def test_copy_from_nowhere(tmp_path):
    dst = tmp_path / "dst.sqlite"
    assert "no such memory" in one_line_error(run_cli("memory", "copy", str(tmp_path / "none.sqlite"), str(dst),
                                                      subprocess=True))
    assert not dst.exists()


# -- migrate: an SQLite memory of format 1 -------------------------------------------------------------

def test_migrate_a_format_1_memory(tmp_path):
    path = tmp_path / "old.sqlite"
    pairs = [u for u in read_units(BUNDLED).units[:40]]
    format_1_memory(path, pairs)
    msg = one_line_error(run_cli("memory", "list", env=memory_env(path), subprocess=True))
    assert "format 1" in msg and "tmcheck memory migrate" in msg
    r = run_cli("memory", "migrate", env=memory_env(path), subprocess=True)
    assert r.returncode == 0, r.stderr
    assert "migrated from format 1 to 2 (40 segments)" in r.stdout
    with MemoryStore.open(path) as s:
        assert [tuple(i) for i in s.memories()] == [("agendas", "a.tmx", "fr", 40, "2024-05-01 10:00:00")]
        assert [(fr, en, note) for _, _, fr, en, note in s.segments()] == [(u.fr, u.en, "n") for u in pairs]
        assert s.fuzzy(pairs[5].fr, "fr")[0].score == 100
        assert s.stats()["vectors"] == {"enc": 2}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "old.sqlite"] or \
        sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite"]  # nothing left beside it
    assert "already a memory of format 2" in one_line_error(run_cli("memory", "migrate",
                                                                    env=memory_env(path), subprocess=True))


def test_opening_a_read_only_store_for_vectors_says_so(tmp_path):
    """A memory opened read-only cannot gain vectors: one line, not a half-written file."""
    np = pytest.importorskip("numpy")
    path = tmp_path / "m.sqlite"
    with MemoryStore.open(path) as s:
        s.import_units([Unit("Questions diverses.", "Other matters.")], name="misc")

    class Encoder:
        name, dim = "e", 2

        def encode(self, texts):
            return np.ones((len(texts), 2), dtype="float32") / np.sqrt(2)

    with MemoryStore.open(path, readonly=True) as ro:
        with pytest.raises(InputError, match="read-only"):
            ro.ensure_vectors(Encoder())
    assert memory_exists(path)
