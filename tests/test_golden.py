"""Golden whole-document cases: agendas with annotations in French and English (Markdown as
exported from Word, and text extracted from PDF), clean and with injected errors of every family.
The expected report of each is a plain text file reviewed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmcheck.engine import Linter, Options
from tmcheck.engine.registry import registry
from tmcheck.report import render

GOLDEN = Path(__file__).parent / "golden"
ROOT = GOLDEN.parent.parent


def _report(name: str) -> str:
    rel = f"tests/golden/{name}"
    result = Linter(Options()).lint_paths([str(ROOT / rel)])
    text = render("text", result.findings, result.files, list(registry()))
    return text.replace(str(ROOT) + "/", "")


@pytest.mark.parametrize("name", sorted(p.name[:-len(".expected")] for p in GOLDEN.glob("*.expected")))
def test_golden_report(name):
    assert _report(name) + "\n" == (GOLDEN / f"{name}.expected").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["wg-tip-2016.en.md", "wg-tip-2016.fr.md", "wg-tip-2016.fr.txt"])
def test_clean_drafts_stay_clean(name):
    result = Linter(Options()).lint_paths([str(GOLDEN / name)])
    assert result.findings == []


def test_drifted_drafts_cover_every_family():
    codes = set()
    for name in ("wg-tip-2016-drift.en.md", "wg-tip-2016-drift.fr.md"):
        codes |= {f.code for f in Linter(Options()).lint_paths([str(GOLDEN / name)]).findings}
    assert {c[:3] for c in codes} >= {"TM1", "TM2", "TM3", "TM4"}
    assert codes >= {"TM101", "TM102", "TM201", "TM202", "TM203", "TM204", "TM301", "TM302", "TM303", "TM304", "TM401", "TM402"}
