"""A large file's segment-local rules run in worker processes: the findings must be the same."""

from __future__ import annotations

import csv
import os
from collections import Counter

import pytest

from conftest import SAMPLE, SHARED, needs
from tmcheck.documents.pairs import from_segments
from tmcheck.engine import Linter, Options, pair_rules
from tmcheck.workers import usable_cores

CRIME = SHARED / "data" / "unpc" / "unpc-dev-crime.fr-en.tsv"


def _key(findings):
    return sorted((f.code, f.span.start.line, f.span.start.column, f.message, f.suggestion) for f in findings)


@needs(CRIME)
@pytest.mark.skipif(not hasattr(os, "fork") or usable_cores() < 2, reason="needs fork and two usable cores")
def test_parallel_and_serial_runs_agree(monkeypatch):
    with open(CRIME, encoding="utf-8") as fh:
        rows = [(r["fr"], r["en"]) for r in csv.DictReader(fh, delimiter="\t")]
    # A few errors of each kind, so that there is something to agree on.
    rows[3] = (rows[3][0], rows[3][1].replace("2015", "2016"))
    rows.append(("L'ONUDC a organisé 12 ateliers le mardi 17 mai 2016 (résolution 7/1).",
                 "UNDOC organized 21 workshops on Tuesday, 17 June 2016 (resolution 7/2)."))
    # A slip the source does not settle (it names no body): the translation's own rule says so.
    rows.append(("Il a également organisé un atelier régional.", "UNDOC also organized a regional workshop."))
    monkeypatch.setattr(pair_rules, "PARALLEL_PAIRS", 10**9)
    serial = Linter(Options()).lint_bitext(from_segments("crime.tsv", rows, "fr", "en"))
    monkeypatch.setattr(pair_rules, "PARALLEL_PAIRS", 10)
    parallel = Linter(Options()).lint_bitext(from_segments("crime.tsv", rows, "fr", "en"))
    assert _key(serial) == _key(parallel)
    # (UNDOC where the source has ONUDC is TM103's: the source says which acronym is due.)
    assert {f.code for f in parallel} >= {"TM101", "TM103", "TM205", "TM305", "TM601"}


def _rows():
    with open(CRIME, encoding="utf-8") as fh:
        rows = [(r["fr"], r["en"]) for r in csv.DictReader(fh, delimiter="\t")]
    rows[3] = (rows[3][0], rows[3][1].replace("2015", "2016"))
    rows.append(("L'ONUDC a organisé 12 ateliers le mardi 17 mai 2016 (résolution 7/1).",
                 "UNDOC organized 21 workshops on Tuesday, 17 June 2016 (resolution 7/2)."))
    return rows


def _everything(findings):
    return [(f.code, f.span, f.message, f.suggestion, f.fingerprint, f.related) for f in findings]


def _counting_forks(monkeypatch) -> list:
    """The tasks of every worker forked from now on (each still forked and run)."""
    from tmcheck import workers

    forked = []
    real_worker = workers.Worker

    def counted(task):
        forked.append(task)
        return real_worker(task)

    monkeypatch.setattr(workers, "Worker", counted)
    return forked


@needs(CRIME)
@pytest.mark.skipif(not hasattr(os, "fork") or usable_cores() < 2, reason="needs fork and two usable cores")
def test_slices_shared_out_give_the_serial_findings_in_order(monkeypatch):
    rows = _rows()
    monkeypatch.setattr(pair_rules, "PARALLEL_PAIRS", 10**9)
    serial = Linter(Options()).lint_bitext(from_segments("crime.tsv", rows, "fr", "en"))
    monkeypatch.setattr(pair_rules, "PARALLEL_PAIRS", 10)
    monkeypatch.setattr(pair_rules, "SLICE_PAIRS", 7)  # some twenty slices, taken in turn by both processes
    parallel = Linter(Options()).lint_bitext(from_segments("crime.tsv", rows, "fr", "en"))
    assert _everything(parallel) == _everything(serial)


@needs(CRIME)
@pytest.mark.skipif(not hasattr(os, "fork") or usable_cores() < 2, reason="needs fork and two usable cores")
def test_an_error_in_a_rule_stops_a_parallel_run(monkeypatch):
    from tmcheck.checks.pair_numbers import NumberMismatch
    from tmcheck.errors import InputError

    def check(self, pa):
        raise InputError("raised by a rule")

    monkeypatch.setattr(NumberMismatch, "check", check)
    monkeypatch.setattr(pair_rules, "PARALLEL_PAIRS", 10)
    monkeypatch.setattr(pair_rules, "SLICE_PAIRS", 7)
    with pytest.raises(InputError, match="raised by a rule"):
        Linter(Options()).lint_bitext(from_segments("crime.tsv", _rows(), "fr", "en"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_worker_hands_back_its_result_or_its_error():
    from tmcheck.workers import Worker, WorkerError
    from tmcheck.errors import InputError

    assert Worker(lambda: {"pid": os.getpid()}).result()["pid"] != os.getpid()

    def fail():
        raise InputError("raised in a worker")

    with pytest.raises(InputError, match="raised in a worker") as caught:
        Worker(fail).result()
    assert isinstance(caught.value.__cause__, WorkerError) and "fail" in str(caught.value.__cause__)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_tickets_are_each_taken_once():
    from tmcheck.workers import Tickets, Worker

    tickets = Tickets(40)
    try:
        worker = Worker(lambda: [n for n in tickets])
        mine = list(tickets)
        theirs = worker.result()
    finally:
        tickets.close()
    assert sorted(mine + theirs) == list(range(40))


# -- a large PO file read in two halves at once -------------------------------------------------

_PO_HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: fr\\n"\n\n'
_PO_ENTRIES = [
    '#. extracted\n#: doc.c:1\nmsgctxt "a"\nmsgid "Le Groupe de travail"\nmsgstr "The Working Group"\n',
    '# translator\n#, fuzzy\nmsgid "Point 4"\nmsgstr "Item 4"\n',
    'msgid "un"\nmsgid_plural "deux"\nmsgstr[0] "one"\nmsgstr[1] "two"\n',
    'msgid "Ordre "\n"du jour"\nmsgstr ""\n"Agenda"\n',
    'msgid ""\n"Rapport du Secrétariat sur "\n"l’application"\nmsgstr ""\n"Report of the Secretariat on "\n"implementation"\n',
    '#~ msgid "ancien"\n#~ msgstr "old"\n',
    'msgctxt "b"\nmsgid "Vienne, 17 mai 2016"\n\nmsgstr "Vienna, 17 May 2016"\n',
    '#| msgid "avant"\nmsgid "après"\nmsgstr "after"\n',
]


def _po(tmp_path, n: int, tail: str = "") -> str:
    body = "\n".join(_PO_ENTRIES[i % len(_PO_ENTRIES)].replace('msgid "', f'msgid "{i} ', 1) for i in range(n))
    path = tmp_path / "big.po"
    path.write_text(_PO_HEADER + body + tail, encoding="utf-8")
    return str(path)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_po_file_read_in_two_halves_reads_as_a_whole(monkeypatch, tmp_path):
    from tmcheck.documents import formats
    from tmcheck.documents.formats import po

    path = _po(tmp_path, 60)
    monkeypatch.setattr(po, "PARALLEL_PO_LINES", 10**9)
    whole = formats.read_bilingual(path)
    monkeypatch.setattr(po, "PARALLEL_PO_LINES", 10)
    lines = open(path, encoding="utf-8").read().split("\n")
    k = po._po_halfway(lines)
    halves = po._parse_po_halves(lines, k)
    assert halves is not None  # it is read in halves, wrapped msgid "" lines in the second half and all
    assert [(e.msgid, e.msgstr, e.linenum) for e in halves[1]] == [(e.msgid, e.msgstr, e.linenum) for e in
                                                                   po._polib_read("\n".join(lines), lines)]
    assert formats.read_bilingual(path) == whole


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_an_error_in_the_second_half_is_reported_as_for_the_whole(monkeypatch, tmp_path):
    from tmcheck.documents import formats
    from tmcheck.documents.formats import po
    from tmcheck.errors import InputError

    path = _po(tmp_path, 60, tail='\nmsgid "x"\nmsgstr "y" "z"\n')
    messages = []
    for lines in (10**9, 10):
        monkeypatch.setattr(po, "PARALLEL_PO_LINES", lines)
        with pytest.raises(InputError) as caught:
            formats.read_bilingual(path)
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and "PO syntax error" in messages[0]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_no_halves_where_polib_would_take_a_later_entry_for_the_header():
    from tmcheck.documents.formats import po

    # A header-like entry three quarters down: in the second half, where polib reading afresh would
    # take it for the header (the whole file's reading keeps it as an entry).
    lines = (_PO_ENTRIES[0] * 30 + 'msgid ""\nmsgstr "x"\n\n' + _PO_ENTRIES[0] * 10).split("\n")
    k = po._po_halfway(lines)
    assert k is not None and k <= lines.index('msgid ""')
    assert po._parse_po_halves(lines, k) is None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_one_usable_core_forks_no_worker(monkeypatch, tmp_path):
    """Pinned to one core (taskset -c 0), a worker would only add its cost: a large PO file is read
    whole and its pairs judged in this process, with the findings of a run that forks."""
    from tmcheck import workers
    from tmcheck.documents.formats import po

    path = _po(tmp_path, 60)
    monkeypatch.setattr(po, "PARALLEL_PO_LINES", 10)
    monkeypatch.setattr(pair_rules, "PARALLEL_PAIRS", 10)
    monkeypatch.setattr(pair_rules, "SLICE_PAIRS", 7)
    forked = _counting_forks(monkeypatch)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    two = Linter(Options()).lint_paths([path]).findings
    assert len(forked) == 2  # the PO file's second half, and one worker judging slices
    forked.clear()
    monkeypatch.setattr(workers, "usable_cores", lambda: 1)
    one = Linter(Options()).lint_paths([path]).findings
    assert forked == []
    assert two and _everything(one) == _everything(two)


# -- a large draft: its paragraph-local rules judged in slices ----------------------------------

def _draft(tmp_path) -> str:
    """The real 2012 agenda, then UNPC paragraphs, with slips for the local rules (misspelt weekday,
    impossible date, a title's variant) and for the document-wide ones (a
    weekday that does not match its date, a misspelt acronym)."""
    with open(CRIME, encoding="utf-8") as fh:
        paragraphs = [r["fr"] for r in csv.DictReader(fh, delimiter="\t")]
    slips = [
        "La réunion se tiendra le mecredi 17 octobre 2012 à Vienne.",
        "La session s'est tenue le 31 juin 2016 au Centre international de Vienne.",
        "Le Groupe de travail sur la traite des personne se réunira le mardi 10 octobre 2012.",
        "Le rapport de l'ONUCD sur les drogues (voir CTOC/COP/WG.2/2012/1) a été présenté.",
    ]
    for k in range(60):  # every 11th paragraph: some start a slice, some end one
        paragraphs.insert(5 + 11 * k, slips[k % len(slips)])
    path = tmp_path / "grand-projet.fr.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return str(path)


@needs(CRIME)
@needs(SAMPLE)
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_large_draft_judged_in_slices_gives_the_serial_findings_in_order(monkeypatch, tmp_path):
    from tmcheck import workers
    from tmcheck.engine import draft_rules

    path = _draft(tmp_path)
    monkeypatch.setattr(draft_rules, "PARALLEL_PARAGRAPHS", 10**9)
    serial = Linter(Options()).lint_paths([path]).findings
    forked = _counting_forks(monkeypatch)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    monkeypatch.setattr(draft_rules, "PARALLEL_PARAGRAPHS", 10)
    monkeypatch.setattr(draft_rules, "SLICE_PARAGRAPHS", 7)  # many slices, taken in turn by both processes
    parallel = Linter(Options()).lint_paths([path]).findings
    assert len(forked) == 1
    assert _everything(parallel) == _everything(serial)
    # Local rules and document-wide ones both found something to agree on.
    codes = Counter(f.code for f in parallel)
    assert {"TM201", "TM101"} <= set(codes) and min(codes[c] for c in ("TM202", "TM203", "TM302")) >= 15


@needs(CRIME)
@needs(SAMPLE)
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_large_draft_on_one_core_forks_no_worker(monkeypatch, tmp_path):
    from tmcheck import workers
    from tmcheck.engine import draft_rules

    path = _draft(tmp_path)
    monkeypatch.setattr(draft_rules, "PARALLEL_PARAGRAPHS", 10)
    monkeypatch.setattr(workers, "usable_cores", lambda: 1)
    monkeypatch.setattr(workers, "Worker", lambda task: pytest.fail("forked on one core"))
    assert Linter(Options()).lint_paths([path]).findings


# -- a local rule may read a fact of the whole document ------------------------------------------

_NAMED_FIRST = ("Rapport de la Conférence des États parties à la Convention des Nations Unies contre la corruption "
                "sur les travaux de sa sixième session.",
                "Report of the Conference of the States Parties to the United Nations Convention against Corruption "
                "on its sixth session.")
# A word glued to the next: TM302 reads "Conference_of the Parties" as a slip of a body the document
# names (the Conference of the States Parties, in the first paragraph), far from this one.
_SLIP_FAR_AWAY = ("La Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale "
                  "organisée s'est réunie à Vienne.",
                  "The Conference_of the Parties to the United Nations Convention against Transnational Organized "
                  "Crime met in Vienna.")


def _filler(n):
    return [(f"La réunion a examiné le point {i} de son ordre du jour.",
             f"The meeting considered item {i} of its agenda.") for i in range(n)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_slice_of_a_draft_reads_the_bodies_the_whole_draft_names(monkeypatch, tmp_path):
    from tmcheck import workers
    from tmcheck.engine import draft_rules

    path = tmp_path / "far.en.txt"
    rows = [_NAMED_FIRST, *_filler(60), _SLIP_FAR_AWAY]
    path.write_text("\n\n".join(en for _fr, en in rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(draft_rules, "PARALLEL_PARAGRAPHS", 10**9)
    serial = Linter(Options(select=["TM302"])).lint_paths([str(path)]).findings
    assert [(f.code, f.text) for f in serial] == [("TM302", "Conference_of the Parties")]
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    monkeypatch.setattr(draft_rules, "PARALLEL_PARAGRAPHS", 10)
    monkeypatch.setattr(draft_rules, "SLICE_PARAGRAPHS", 7)
    assert _everything(Linter(Options(select=["TM302"])).lint_paths([str(path)]).findings) == _everything(serial)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_slice_of_a_pair_file_reads_the_bodies_the_whole_translation_names(monkeypatch):
    from tmcheck import workers

    rows = [_NAMED_FIRST, *_filler(60), _SLIP_FAR_AWAY]
    monkeypatch.setattr(pair_rules, "PARALLEL_PAIRS", 10**9)
    serial = Linter(Options(select=["TM302"])).lint_bitext(from_segments("far.tsv", rows, "fr", "en"))
    assert [(f.code, f.text) for f in serial] == [("TM302", "Conference_of the Parties")]
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    monkeypatch.setattr(pair_rules, "PARALLEL_PAIRS", 10)
    monkeypatch.setattr(pair_rules, "SLICE_PAIRS", 7)
    assert _everything(Linter(Options(select=["TM302"])).lint_bitext(from_segments("far.tsv", rows, "fr", "en"))) == \
        _everything(serial)
