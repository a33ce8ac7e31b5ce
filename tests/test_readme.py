"""Every command the README shows, run as written in a fresh virtual environment.

The package is installed (not editable) into a new venv from a copy of the checkout, as a user's
`pip install .` does, so the bundled glossary and memories are the installed, read-only ones.
The README's placeholder files (draft.fr.md, drafts/, annotations.po...) are made from the golden
drafts and the bilingual fixtures in a scratch folder that is also HOME, so that no command reads
or writes anything of the machine's. Each line runs through bash, in the README's order (the
memory commands build on each other); it must exit 0 or 1 (1: findings), never 2, and say
nothing on stderr that looks like a traceback.

Lines that cannot run unattended are listed in NOT_RUN with the reason; a README line that is
neither run nor listed fails the test, so the README cannot grow an untested command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from docx_drafts import docx_from_markdown
from memory_formats import format_1_memory

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GOLDEN = ROOT / "tests" / "golden"
BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual"

# README lines not run here, each with its reason (matched by their start).
NOT_RUN = {
    "pip install \".[test]\" && python -m pytest": "the test command itself",
    "pip install \".[postgres]\"": "needs a PostgreSQL server (the memory suite runs against one in CI)",
    "tmcheck review draft.fr.md --serve": "a server that runs until stopped (tests/test_review_web.py drives it)",
    "tmcheck memory copy": "copies to $TMCHECK_MEMORY, a PostgreSQL URL (tests/test_memory_postgres.py)",
    "python bench/": "benchmarks, minutes each, never run as tests",
    "taskset -c 0 python bench/": "a benchmark on one core, never run as a test",
}
class _Pair(NamedTuple):
    fr: str
    en: str


# Lines that read the terminal: what the editor types.
INPUT = {"tmcheck review draft.fr.md ": "s\nq\n"}


def _commands() -> list[tuple[int, str]]:
    """(line number, command) of every ```sh block, continuation lines joined, comments cut."""
    out, block, pending = [], False, None
    for n, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            block = line.strip() == "```sh"
            continue
        if not block:
            continue
        text = line if pending is None else pending[1] + " " + line.strip()
        start = n if pending is None else pending[0]
        if text.rstrip().endswith("\\"):
            pending = (start, text.rstrip()[:-1].rstrip())
            continue
        pending = None
        command = re.sub(r"\s+#.*$", "", text).strip()  # a comment after two spaces or more
        if command and not command.startswith("#"):
            out.append((start, command))
    return out


def _not_run(command: str) -> str | None:
    return next((why for start, why in NOT_RUN.items() if command.startswith(start)), None)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh venv with tmcheck installed from a copy of the checkout (its dependencies from the
    machine's site-packages: no network)."""
    base = tmp_path_factory.mktemp("readme-venv")
    src = base / "src"
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        path = ROOT / name
        if path.is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, src / name)
    # The wheel is built by this interpreter's setuptools (a new venv's own is too old to build
    # one without the wheel package), then installed into the venv as a user's pip would.
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "--no-index", "-w", str(base / "dist"), str(src)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    env_dir = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(env_dir)], check=True)
    pip = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
                          "--no-index", *map(str, (base / "dist").glob("tmcheck-*.whl"))], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr
    shutil.rmtree(src)  # nothing may read the checkout's copy: the installed package alone
    return env_dir


def _scratch(folder: Path) -> None:
    """The README's placeholder files, from real-looking UN drafts of the repository."""
    for lang in ("fr", "en"):
        shutil.copy(GOLDEN / f"wg-tip-2016-drift.{lang}.md", folder / f"draft.{lang}.md")
        shutil.copy(GOLDEN / f"wg-tip-2016.{lang}.md", folder / f"A.{lang}.md")
        (folder / "drafts").mkdir(exist_ok=True)
        shutil.copy(GOLDEN / f"wg-tip-2016-drift.{lang}.md", folder / "drafts" / f"wg-tip-2016.{lang}.md")
        docx_from_markdown((GOLDEN / f"wg-tip-2016-drift.{lang}.md").read_text(encoding="utf-8"),
                           folder / f"draft.{lang}.docx")
    shutil.copy(GOLDEN / "wg-tip-2016-drift.fr.txt", folder / "draft.fr.txt")
    shutil.copy(BILINGUAL / "crime.fr-en.po", folder / "annotations.po")
    shutil.copy(BILINGUAL / "crime.en-fr.po", folder / "project.po")
    shutil.copy(BILINGUAL / "crime.fr-en.tmx", folder / "project.tmx")
    shutil.copy(BILINGUAL / "crime.en-fr.tsv", folder / "pairs.tsv")
    (folder / "tmcheck.toml").write_text("", encoding="utf-8")


def test_every_readme_command_runs_as_written(venv, tmp_path):
    commands = _commands()
    assert len(commands) > 40, "the README's command blocks were not found"
    work = tmp_path / "work"
    work.mkdir()
    _scratch(work)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMCHECK_", "XDG_", "PYTHON"))}
    env.update(HOME=str(work), XDG_CACHE_HOME=str(work / ".cache"), XDG_DATA_HOME=str(work / ".local" / "share"),
               PATH=f"{venv / 'bin'}:{env.get('PATH', '')}", TMCHECK_MESSAGES="en", LC_ALL="C.UTF-8")
    # Made as a user has them before the README's commands: a team's glossary, an older memory.
    subprocess.run(["bash", "-c", "tmcheck glossary init my-glossary"], cwd=work, env=env, check=True,
                   capture_output=True)
    format_1_memory(work / "old-memory.sqlite", [_Pair("Point 1. Ouverture de la session", "Item 1. Opening of the session"),
                                                 _Pair("Adoption de l'ordre du jour", "Adoption of the agenda")])
    # ../shared, where the README's import example reads the country names, is beside the checkout.
    shared = ROOT.parent / "shared"
    if shared.is_dir():
        (work.parent / "shared").symlink_to(shared)
    ran, failures = 0, []
    for line, command in commands:
        if _not_run(command):
            continue
        if command.startswith("pip install . && "):  # set-up: installed above; run what follows
            command = command[len("pip install . && "):]
            if command.startswith("tmcheck lint tests/"):
                (work / "tests").mkdir(exist_ok=True)
                shutil.copytree(GOLDEN, work / "tests" / "golden", dirs_exist_ok=True)
        if "../shared/" in command and not shared.is_dir():
            continue
        stdin = next((text for start, text in INPUT.items() if (command + " ").startswith(start)), "")
        r = subprocess.run(["bash", "-c", command], cwd=work, env=env, input=stdin, capture_output=True,
                           text=True, timeout=300)
        ran += 1
        if r.returncode not in (0, 1) or "Traceback" in r.stderr:
            failures.append(f"README.md:{line}: `{command}` exited {r.returncode}: {r.stderr.strip()[-400:]}")
    assert not failures, "\n".join(failures)
    assert ran >= 35


def test_the_readme_search_example_finds_its_segment(venv, tmp_path):
    """The README's fuzzy search example finds a segment of the bundled memories (it found nothing once)."""
    command = next(c for _, c in _commands() if c.startswith("tmcheck memory search") and "--min" in c)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMCHECK_", "XDG_", "PYTHON"))}
    env.update(HOME=str(tmp_path), PATH=f"{venv / 'bin'}:{env.get('PATH', '')}", TMCHECK_MESSAGES="en")
    r = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "fr: Pour l" in r.stdout and "en: For its consideration of this item" in r.stdout, r.stdout


def test_every_readme_line_is_run_or_says_why_not():
    """A command neither run nor listed in NOT_RUN would be an untested claim; NOT_RUN entries
    that match nothing are stale."""
    commands = [c for _, c in _commands()]
    for start in NOT_RUN:
        assert any(c.startswith(start) for c in commands), f"NOT_RUN entry matches no README line: {start}"
