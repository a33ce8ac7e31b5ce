"""documents.word_runs: a Word draft's lines lead back to the runs that hold them, as the reader reads
them (tables, hyperlinks, tabs, text boxes), and runs split or rewritten there keep their formatting."""

from __future__ import annotations

import pytest

from tmcheck.documents.word_runs import Unanchored, body_lines, isolate, pieces, replace

etree = pytest.importorskip("lxml.etree")

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
Q = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body(xml: str):
    return etree.fromstring(f"<w:body {W} {MC}>{xml}</w:body>")


def texts(runs) -> list[str]:
    return ["".join(t.text or "" for t in r.iter(Q + "t")) for r in runs]


def test_lines_read_as_the_reader_reads_them():
    from tmcheck.documents.formats.docx import _text

    b = body("<w:p><w:r><w:t>Mardi 6 septembre</w:t></w:r></w:p>"
             "<w:tbl><w:tr><w:tc><w:p><w:r><w:t xml:space='preserve'>  Mardi </w:t></w:r></w:p></w:tc>"
             "<w:tc><w:p><w:r><w:t>1 </w:t></w:r><w:r><w:t>(a)</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    lines = body_lines(b)
    assert [pieces(line)[0] for line in lines] == ["Mardi 6 septembre", "Mardi\t1 (a)"]
    assert [(p.column, p.length, p.start) for p in pieces(lines[1])[1]] == [(0, 5, 2), (6, 2, 0), (8, 3, 0)]
    assert pieces(lines[0])[0] == _text(lines[0].element)


def test_isolate_splits_runs_at_the_span_and_keeps_their_formatting():
    b = body("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>the UNDOC report</w:t><w:tab/><w:t>next</w:t></w:r></w:p>")
    line = body_lines(b)[0]
    runs = isolate(line, 4, 9)
    assert texts(runs) == ["UNDOC"]
    all_runs = list(line.element.iter(Q + "r"))
    assert texts(all_runs) == ["the ", "UNDOC", " reportnext"]
    assert all(r.find(Q + "rPr/" + Q + "b") is not None for r in all_runs)
    assert all_runs[2].find(Q + "tab") is not None  # the tab stays between the text it separates
    assert pieces(line)[0] == "the UNDOC reportnext"


def test_isolate_across_a_hyperlink():
    b = body("<w:p><w:r><w:t xml:space='preserve'>See the </w:t></w:r><w:hyperlink><w:r><w:t>UNDOC report</w:t></w:r>"
             "</w:hyperlink><w:r><w:t xml:space='preserve'> now.</w:t></w:r></w:p>")
    line = body_lines(b)[0]
    assert texts(isolate(line, 8, 13)) == ["UNDOC"]
    assert texts(isolate(line, 4, 22)) == ["the ", "UNDOC", " report", " n"]


def test_text_in_a_fallback_copy_is_never_anchored():
    box = "<w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent>"
    b = body(f"<w:p><w:r><w:t>Body </w:t></w:r><w:r><mc:AlternateContent><mc:Choice>{box}</mc:Choice>"
             f"<mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r></w:p>")
    line = body_lines(b)[0]
    assert pieces(line)[0] == "Body BoxedBoxed"
    assert texts(isolate(line, 5, 10)) == ["Boxed"]
    with pytest.raises(Unanchored):
        isolate(line, 10, 15)
    with pytest.raises(Unanchored):
        isolate(line, 0, 7)  # from the body into the text box


def test_replace_keeps_shared_characters_in_their_runs_and_drops_emptied_runs():
    b = body("<w:p><w:r><w:t xml:space='preserve'>the </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>UN</w:t></w:r>"
             "<w:r><w:t>DOC</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>-X</w:t></w:r><w:r><w:t xml:space='preserve'> report</w:t></w:r></w:p>")
    line = body_lines(b)[0]
    replace(line, 4, 11, "UNODC")
    assert pieces(line)[0] == "the UNODC report"
    assert texts(line.element.iter(Q + "r")) == ["the ", "UN", "ODC", " report"]  # the bold "-X" run is gone
    replace(line, 4, 9, "UNODC (Vienna)")
    assert texts(line.element.iter(Q + "r")) == ["the ", "UN", "ODC (Vienna)", " report"]


def test_a_span_over_two_runs_of_one_story_is_anchored_whatever_the_proxies_addresses(monkeypatch):
    """lxml makes a new Python proxy for an element whenever none is alive, at whatever address is
    free: the story of each run is compared as an object, not by id(). Allocations between the
    lookups (here forced; in a run, the garbage collector's) used to make one body two stories, and
    a fix was refused at random ("the text at 32:160 is no longer 'UNDOC'")."""
    import tmcheck.documents.word_runs as word_runs

    real, kept = word_runs._story, []

    def story_after_allocations(run):
        kept.append([etree.Element("x") for _ in range(4)])  # they take the address a dropped proxy freed
        return real(run)

    monkeypatch.setattr(word_runs, "_story", story_after_allocations)
    document = etree.fromstring(f"<w:document {W}><w:body><w:p><w:r><w:t>the UN</w:t></w:r>"
                                f"<w:r><w:t>DOC report</w:t></w:r></w:p></w:body></w:document>")
    line = body_lines(document[0])[0]
    del document  # no proxy of the body is kept alive by the test
    replace(line, 4, 9, "UNODC")
    assert pieces(line)[0] == "the UNODC report"
