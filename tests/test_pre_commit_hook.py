"""The pre-commit hook offered at the repository's root (.pre-commit-hooks.yaml): its shape as
pre-commit reads it, the files it passes to tmcheck, and its entry run as pre-commit runs it."""

from __future__ import annotations

import re
import shlex
import shutil

import yaml

from conftest import ROOT
from cli_helpers import run_cli
from tmcheck.documents.formats import BILINGUAL_SUFFIXES, DRAFT_SUFFIXES

# The tags of identify (the library pre-commit uses) that the hook may name.
IDENTIFY_TAGS = {"markdown", "plain-text", "pofile", "xliff", "tsv", "text", "xml"}


def _hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return next(h for h in hooks if h["id"] == "tmcheck-lint")


def test_hook_shape():
    hook = _hook()
    assert hook["language"] == "python" and hook["entry"] == "tmcheck lint" and hook["name"]
    assert set(hook["types_or"]) <= IDENTIFY_TAGS
    assert {"markdown", "pofile", "xliff"} <= set(hook["types_or"])


def test_hook_files_are_the_suffixes_tmcheck_reads():
    files = re.compile(_hook()["files"])
    for suffix in (DRAFT_SUFFIXES - {".docx"}) | BILINGUAL_SUFFIXES:
        assert files.search(f"drafts/A-71-150{suffix}"), suffix
        assert files.search(f"drafts/A-71-150{suffix.upper()}"), suffix
    for other in ("setup.py", "tmcheck.toml", "README.rst", "logo.png", "notes.md.bak"):
        assert not files.search(other), other


def test_hook_entry_fails_a_commit_with_findings(tmp_path):
    """pre-commit runs the entry with the staged file names appended."""
    draft = tmp_path / "annotations.fr.md"
    shutil.copy(ROOT / "tests" / "golden" / "wg-tip-2016-drift.fr.md", draft)
    clean = tmp_path / "annotations.en.md"
    shutil.copy(ROOT / "tests" / "golden" / "wg-tip-2016.en.md", clean)
    program, *args = shlex.split(_hook()["entry"])
    assert program == "tmcheck"
    r = run_cli(*args, draft, clean)
    assert r.code == 1 and "TM203" in r.stdout
    assert run_cli(*args, clean).code == 0
