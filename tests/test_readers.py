"""Reading drafts: markup is invisible to the checks, positions point into the original file."""

from __future__ import annotations

import pytest

from conftest import SAMPLE, lint_text, needs
from tmcheck.documents import read_document, read_text
from tmcheck.documents.segment import parse_label, sentences
from tmcheck.errors import InputError


def _at(findings, code):
    return [(f.span.start.line, f.span.start.column, f.span.end.column) for f in findings if f.code == code]


def test_markdown_markup_is_invisible_but_positions_are_original():
    text = ("# Ordre du jour provisoire\n\n"
            "Le **rapport** de l'<b>UNDOC</b> sera présenté par le <i>Secrétariat</i>.\n")
    found = lint_text(text, "fr", ["TM101"], fmt="md", path="a.md")
    line = text.splitlines()[2]
    col = line.index("UNDOC") + 1
    assert _at(found, "TM101") == [(3, col, col + 5)]


def test_acronym_split_by_bold_markup_is_read_whole():
    text = "Le rapport de l'ON**UDC** est publié.\n"
    doc = read_text("a.md", text, "md")
    assert doc.paragraphs[0].text == "Le rapport de l'ONUDC est publié."


def test_markdown_heading_list_and_pipe_table():
    text = "## Annexe\n\n- premier point\n- second point\n\n| Date | Point |\n|---|---|\n| Mardi 18 octobre | 4 |\n"
    doc = read_text("a.md", text, "md")
    kinds = [(p.kind, p.text) for p in doc.paragraphs]
    assert ("heading", "Annexe") in kinds
    assert ("list-item", "premier point") in kinds and ("list-item", "second point") in kinds
    assert ("table-row", "Mardi 18 octobre \t 4") in kinds or any(k == "table-row" and "Mardi 18 octobre" in t for k, t in kinds)


def test_tab_separated_rows_are_table_rows():
    doc = read_text("a.txt", "Mardi 18 octobre\t10 heures-13 heures\t4\tRecensement des besoins\n", "txt")
    assert doc.paragraphs[0].kind == "table-row"
    assert doc.paragraphs[0].text.split("\t")[0] == "Mardi 18 octobre"


PDF_TEXT = """\
CTOC/COP/WG.4/2016/1

La réunion du Groupe de travail sur la traite des personnes s'ouvrira le mardi
6 septembre 2016 à 10 heures. Le Groupe de travail examinera l'application des
recommandations adoptées à sa réunion tenue à Vienne du 6 au 8 novembre 2015, et
la criminalité transna-
tionale organisée.

V.16-04512 2

CTOC/COP/WG.4/2016/1

Au titre de ce point, le Groupe de travail sera saisi d'une note du Secrétariat
sur les bonnes pratiques (CTOC/COP/WG.4/2016/2). Le vingt-cinquième rapport sera
présenté par l'ONUDC, qui a établi la note.

CTOC/COP/WG.4/2016/1
"""


def test_pdf_text_joins_lines_drops_furniture_and_rejoins_hyphenated_words():
    doc = read_text("a.txt", PDF_TEXT, "txt")
    assert doc.format == "pdf-text"
    texts = [p.text for p in doc.paragraphs]
    assert not any(t.startswith("V.16-04512") or t == "CTOC/COP/WG.4/2016/1" for t in texts)
    assert any("le mardi 6 septembre 2016 à 10 heures" in t for t in texts)
    assert any("criminalité transnationale organisée" in t for t in texts)
    assert any("Le vingt-cinquième rapport" in t for t in texts)  # a real compound keeps its hyphen


def test_pdf_text_finding_points_at_the_original_line():
    # 6 September 2016 was a Tuesday; write Wednesday to make the weekday wrong across a line break.
    text = PDF_TEXT.replace("le mardi\n6 septembre", "le mercredi\n6 septembre")
    found = lint_text(text, "fr", ["TM201"])
    assert [(f.span.start.line, f.suggestion) for f in found] == [(3, "mardi")]
    line = text.splitlines()[2]
    assert found[0].span.start.column == line.index("mercredi") + 1


@needs(SAMPLE)
def test_sample_reads_agenda_items_and_annex_rows():
    doc = read_document(SAMPLE)
    texts = [p.text for p in doc.paragraphs]
    assert "1. Questions d'organisation:" in texts
    assert any(t.startswith("2 Suite donnée") and t.endswith("19 et 20 octobre 2010") for t in texts)
    assert "Mercredi 17 octobre" in texts


def test_docx_paragraph_number_is_the_line(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Ordre du jour provisoire et annotations", level=1)
    d.add_paragraph("1. Ouverture de la réunion.")
    d.add_paragraph("La réunion s'ouvrira le mercredi 7 septembre 2016 à 10 heures, au Centre international de Vienne.")
    table = d.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text = "Mardi 6 septembre"
    table.rows[0].cells[1].text = "1"
    table.rows[0].cells[2].text = "Ouverture de la réunion"
    path = tmp_path / "draft.fr.docx"
    d.save(path)
    doc = read_document(path)
    assert doc.format == "docx"
    assert [p.kind for p in doc.paragraphs] == ["heading", "text", "text", "table-row"]
    from tmcheck.engine import Linter, Options

    found = Linter(Options(lang="fr", select=["TM201"])).lint_document(doc)
    # 7 September 2016 was a Wednesday: only the third paragraph would be wrong if it said otherwise.
    assert found == []
    doc.paragraphs[2].text = doc.paragraphs[2].text.replace("mercredi 7", "jeudi 7")
    found = Linter(Options(lang="fr", select=["TM201"])).lint_document(doc)
    assert [(f.span.start.line, f.suggestion) for f in found] == [(3, "mercredi")]


@pytest.mark.parametrize("data,message", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x00\x01\x02binary\x00", "binary file"),
    (b"%PDF-1.7\n...", "binary file"),
])
def test_bad_input_is_one_clear_error(tmp_path, data, message):
    path = tmp_path / "draft.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_document(path)


def test_windows_1252_is_read_with_a_notice(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes("Le rapport de l'ONUDC sur les États Membres.\n".encode("cp1252"))
    doc = read_document(path)
    assert "États Membres" in doc.paragraphs[0].text
    assert doc.notices and "Windows-1252" in doc.notices[0]


def test_huge_file_is_refused(tmp_path, monkeypatch):
    from tmcheck.documents import formats

    monkeypatch.setattr(formats, "DRAFT_MAX_BYTES", 1000)
    path = tmp_path / "draft.txt"
    path.write_text("Le rapport. " * 200, encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        read_document(path)


def test_corrupt_docx_is_refused(tmp_path):
    path = tmp_path / "draft.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="not a valid .docx"):
        read_document(path)


@pytest.mark.parametrize("text,expected", [
    ("1. Questions d'organisation:", (1, None, False)),
    ("a) Ouverture de la réunion;", (None, "a", False)),
    ("(b) Adoption of the agenda", (None, "b", False)),
    ("Point 4. Recensement des besoins", (4, None, True)),
    ("Item 4. Review of implementation", (4, None, True)),
    ("12. The Working Group may wish to", (12, None, False)),
])
def test_un_numbering_labels(text, expected):
    label = parse_label(text)
    assert (label.number, label.letter, label.keyword) == expected


def test_sentences_know_abbreviations_and_symbols():
    fr = ("M. Fedotov a présenté le rapport (CTOC/COP/WG.2/2012/2). Mme Ruiz, p. ex., a pris la parole. "
          "Voir le doc. E/CN.15/2016/1. La séance est levée.")
    spans = sentences(fr)
    got = [fr[a:b] for a, b in spans]
    assert got == ["M. Fedotov a présenté le rapport (CTOC/COP/WG.2/2012/2).",
                   "Mme Ruiz, p. ex., a pris la parole.",
                   "Voir le doc. E/CN.15/2016/1.",
                   "La séance est levée."]
    en = "12. Mr. Smith (United States) spoke. See para. 4 of the report, e.g. on No. 5. It was adopted."
    got = [en[a:b] for a, b in sentences(en)]
    assert got == ["12.", "Mr. Smith (United States) spoke.", "See para. 4 of the report, e.g. on No. 5.", "It was adopted."]


@pytest.mark.parametrize("text", [
    "M. Fedotov spoke. Mme Ruiz... Then « Oui. » ended. WG.2 met.. A. Smith.",
    "It ended. « Non ! » dit-il. Why? 3. Next… Done.",
    "No stop at all", ".. . .A. B.", "See p. 4. End. 2012. Done.\u2019 Then.",
])
def test_boundaries_are_the_pattern_s_matches(text):
    """The boundaries tried at each full stop are those the pattern's own search finds."""
    from tmcheck.documents import segment

    for begin in range(len(text) + 1):
        assert ([m.span() for m in segment._boundaries(text, begin)]
                == [m.span() for m in segment._BOUNDARY.finditer(text, begin)])


def _docx_with_doctype(tmp_path, name: str, doctype: str, body: str):
    docx = pytest.importorskip("docx")
    import io
    import zipfile

    d = docx.Document()
    d.add_paragraph("MARKER")
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as out:
        for item in src.namelist():
            data = src.read(item)
            if item == "word/document.xml":
                xml = data.decode("utf-8")
                xml = xml.replace("?>", "?>" + doctype, 1).replace("MARKER", body)
                data = xml.encode("utf-8")
            out.writestr(item, data)
    return path


def test_docx_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    path = _docx_with_doctype(tmp_path, "xxe.docx", f'<!DOCTYPE w:document [<!ENTITY e SYSTEM "file://{secret}">]>',
                              "Bonjour &e; fin")
    try:
        doc = read_document(path)
    except InputError:
        return  # refused outright: also safe
    assert "TOP-SECRET" not in doc.source


def test_docx_entity_bomb_is_refused(tmp_path):
    levels = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefg", "bcdefgh"))
    path = _docx_with_doctype(tmp_path, "bomb.docx", f"<!DOCTYPE w:document [{levels}]>", "Bonjour &h; fin")
    with pytest.raises(InputError, match=r"XML with a DTD \(a DOCTYPE\) or XInclude is not allowed"):
        read_document(path)


def test_recurring_headings_are_content_not_running_heads():
    # "Documentation" heads each item's list of documents: it recurs like a running head but is content.
    text = PDF_TEXT + "".join(f"\n\nDocumentation\n\nNote du Secrétariat sur le point {n} (CTOC/COP/WG.4/2016/{n})\n"
                              for n in range(2, 6))
    doc = read_text("a.txt", text, "txt")
    texts = [p.text for p in doc.paragraphs]
    assert texts.count("Documentation") == 4
    assert "CTOC/COP/WG.4/2016/1" not in texts  # the running head still goes
