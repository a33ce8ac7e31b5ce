"""Shared helpers: lint a text in memory, and where the real UN data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "ctoc-cop-wg2-2012-1.fr.txt"
UNPC = SHARED / "data" / "unpc" / "unpc-dev.fr-en.tsv"


# Messages in English for the test process and its subprocesses, whatever the machine's locale: the
# tests that assert English messages depend on it. A test that wants French sets TMCHECK_MESSAGES (or
# removes it and sets LANG) itself.
os.environ["TMCHECK_MESSAGES"] = "en"


@pytest.fixture(autouse=True)
def _messages_chosen_again():
    # A test that chose French (tmcheck --messages fr, in this process) leaves no trace in the next.
    yield
    from tmcheck import i18n

    i18n.reset()


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    # Tests never read or write the user's cache.
    os.environ["TMCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield


def lint_text(text: str, lang: str, select: list[str] | None = None, fmt: str = "txt", path: str = "draft.txt",
              rules: Path | None = None, ignore: list[str] | None = None):
    """``rules``: a declarative rules folder in place of the bundled one (``--rules``)."""
    from tmcheck.documents import read_text
    from tmcheck.engine import Linter, Options

    document = read_text(path, text, fmt)
    return Linter(Options(lang=lang, select=select, ignore=ignore or [], rules=rules)).lint_document(document)


def load_script(path: Path):
    """A script of the repository (bench/*.py, .ci/*.py) as a module, for tests of its parts."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def needs(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not present (../shared is not beside the checkout)")


def lint_pair(source: str, target: str, source_lang: str, select: list[str] | None = None):
    """Lint a source document and its translation, aligned as ``tmcheck lint --source`` aligns them."""
    from tmcheck.documents import read_text
    from tmcheck.documents.align import align
    from tmcheck.documents.pairs import from_alignment
    from tmcheck.engine import Linter, Options

    target_lang = "en" if source_lang == "fr" else "fr"
    s, t = read_text("source.md", source, "md"), read_text("target.md", target, "md")
    s.lang, t.lang = source_lang, target_lang
    bitext = from_alignment(s, t, align(s, t, source_lang, target_lang), source_lang, target_lang)
    return Linter(Options(select=select)).lint_bitext(bitext)


def lint_segments(pairs: list[tuple[str, str]], source_lang: str, select: list[str] | None = None):
    """Lint (source, target) segment pairs as the rows of a TSV file (row n is line n)."""
    from tmcheck.documents.pairs import from_segments
    from tmcheck.engine import Linter, Options

    target_lang = "en" if source_lang == "fr" else "fr"
    return Linter(Options(select=select)).lint_bitext(from_segments("pairs.tsv", pairs, source_lang, target_lang))


# -- memory backends: every memory test runs on SQLite and on PostgreSQL ------------------------------

def _postgres_admin_url() -> str | None:
    """The server the PostgreSQL tests use (``.ci/postgres start`` prints such a URL). Without one
    they are skipped, except where TMCHECK_REQUIRE_POSTGRES=1 (CI), where they fail."""
    url = os.environ.get("TMCHECK_TEST_POSTGRES", "").strip()
    if url:
        return url
    if os.environ.get("TMCHECK_REQUIRE_POSTGRES") == "1":
        pytest.fail("TMCHECK_REQUIRE_POSTGRES=1 but TMCHECK_TEST_POSTGRES is not set: no PostgreSQL server to test")
    pytest.skip("no PostgreSQL server: set TMCHECK_TEST_POSTGRES to a postgresql:// URL (.ci/postgres start DIR "
                "starts one)")


def with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


class PostgresServer:
    """Fresh databases on the test server, dropped after the test."""

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        self.made: list[str] = []

    def admin(self):
        import psycopg

        return psycopg.connect(self.admin_url, autocommit=True)

    def database(self) -> str:
        import uuid

        name = f"tmcheck_t_{uuid.uuid4().hex[:12]}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return with_database(self.admin_url, name)

    def drop_all(self) -> None:
        with self.admin() as conn:
            for name in self.made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.made.clear()


@pytest.fixture
def postgres():
    url = _postgres_admin_url()
    pytest.importorskip("psycopg")
    server = PostgresServer(url)
    try:
        yield server
    finally:
        server.drop_all()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    return request.param


@pytest.fixture
def memory_location(request, backend, tmp_path):
    """Where a test's memory lives: a new SQLite file, or a new database on the test server
    (a str URL; the SQLite one is a Path)."""
    if backend == "sqlite":
        return tmp_path / "memory.sqlite"
    return request.getfixturevalue("postgres").database()


def memory_env(location) -> dict[str, str]:
    """The environment of a command run on this memory (``run_cli(..., env=memory_env(m))``): a user
    sets TMCHECK_MEMORY once rather than --memory on every command."""
    return {"TMCHECK_MEMORY": str(location)}


def memory_exists(location) -> bool:
    """Whether anything made the location a memory (a file, or tmcheck's tables in the database)."""
    if isinstance(location, Path):
        return location.exists()
    import psycopg

    with psycopg.connect(str(location), autocommit=True) as conn:
        return conn.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()[0]


def memory_snapshot(location):
    """Everything a user can see of a memory: its memories, segments, index size, vectors, generation."""
    from tmcheck.memory.store import MemoryStore

    with MemoryStore.open(location, create=False) as s:
        stats = s.stats()
        return ([tuple(i) for i in s.memories()], list(s.segments()), stats["index_tokens"], stats["vectors"],
                stats["generation"])


# -- goldens: files the tests compare outputs with, and the one switch that rewrites them ----------

UPDATE_GOLDEN = os.environ.get("TMCHECK_UPDATE_GOLDEN") == "1"


def assert_golden(path: Path, actual: str) -> None:
    """``actual`` is the content of the golden file ``path``, byte for byte.

    ``TMCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py tests/test_facts.py`` writes every
    golden from the current code instead (tests/golden/README): review the change with git diff."""
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(actual)
        return
    assert path.exists(), f"{path} missing: TMCHECK_UPDATE_GOLDEN=1 writes it"
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs (TMCHECK_UPDATE_GOLDEN=1 rewrites it)"


def stable(output: str, fmt: str) -> str:
    """An output with what depends on the machine or the release replaced: tmcheck's version (the
    JSON report's and facts', SARIF's driver's, the HTML footer's) and the checkout's absolute path, if any."""
    import json

    from tmcheck import __version__

    output = output.replace(str(ROOT) + "/", "")
    if fmt == "json":
        data = json.loads(output)
        assert data["version"] == __version__
        data["version"] = "<version>"
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "sarif":
        data = json.loads(output)
        for run in data["runs"]:
            assert run["tool"]["driver"]["version"] == __version__
            run["tool"]["driver"]["version"] = "<version>"
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        # The report's style sheet, script and their content policy are constants of report/html.py,
        # reviewed in its diff: pinned once each, as placeholders, so that the goldens hold what the
        # findings make (an edit of the style does not rewrite every golden).
        from tmcheck.report.html import CSP, CSS, SCRIPT

        for fixed, token in ((f"<style>{CSS}</style>", "<style><CSS></style>"),
                             (f"<script>{SCRIPT}</script>", "<script><SCRIPT></script>"),
                             (f'content="{CSP}"', 'content="<CSP>"'),
                             (f"<footer>tmcheck {__version__}</footer>", "<footer>tmcheck <version></footer>")):
            assert output.count(fixed) == 1, token
            output = output.replace(fixed, token)
        return output
    return output
