"""A large file's segment-local rules run in worker processes: the findings must be the same."""

from __future__ import annotations

import csv
import os

import pytest

from conftest import SHARED, needs
from tmcheck.documents.pairs import from_segments
from tmcheck.engine import Linter, Options, runner

CRIME = SHARED / "data" / "unpc" / "unpc-dev-crime.fr-en.tsv"


def _key(findings):
    return sorted((f.code, f.span.start.line, f.span.start.column, f.message, f.suggestion) for f in findings)


@needs(CRIME)
@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")
def test_parallel_and_serial_runs_agree(monkeypatch):
    with open(CRIME, encoding="utf-8") as fh:
        rows = [(r["fr"], r["en"]) for r in csv.DictReader(fh, delimiter="\t")]
    # A few errors of each kind, so that there is something to agree on.
    rows[3] = (rows[3][0], rows[3][1].replace("2015", "2016"))
    rows.append(("L'ONUDC a organisé 12 ateliers le mardi 17 mai 2016 (résolution 7/1).",
                 "UNDOC organized 21 workshops on Tuesday, 17 June 2016 (resolution 7/2)."))
    monkeypatch.setattr(runner, "PARALLEL_PAIRS", 10**9)
    serial = Linter(Options()).lint_bitext(from_segments("crime.tsv", rows, "fr", "en"))
    monkeypatch.setattr(runner, "PARALLEL_PAIRS", 10)
    parallel = Linter(Options()).lint_bitext(from_segments("crime.tsv", rows, "fr", "en"))
    assert _key(serial) == _key(parallel)
    assert {f.code for f in parallel} >= {"TM101", "TM205", "TM305", "TM601"}
