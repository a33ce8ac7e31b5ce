"""Mutated inputs for every reader, from real seeds: the fuzz test (tests/test_fuzz.py: fixed seeds,
a few hundred cases per reader, in this process) and the long run (bench/fuzz_readers.py: thousands
per reader, each in a child process with a time and memory limit) draw them from here.

A case is the files to write in a fresh folder and the command line to run there; the outcome of
a run must be 0 or 1 (read and checked), or 2 with one line on stderr that is not an internal error
(refused), within 10 s.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"

# What hostile or unlucky files hold: markup left open, nesting, entities, encodings, control bytes.
TOKENS = [
    b"<!--", b"-->", b"<!-- tmcheck: ignore ", b"<!-- tmcheck: ignore TM201 -->", b"[", b"]", b"](", b"(", b")",
    b"**", b"__", b"*", b"\\", b"|", b"|---|", b"\t", b"\n", b"\r", b"\r\n", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe",
    b"\xed\xa0\x80", b"\xc3", b"\xe2\x80\x99", b"\xc2\xa0", b"\xe2\x80\xaf", b"-", b" -\n", b"...", b"!!!", b"\xe2\x80\xa6",
    b"<", b">", b"&", b"&amp;", b"&#xD800;", b"&#0;", b"&nbsp;", b"&x;", b'"', b"'", b"<![CDATA[", b"]]>", b"<?", b"?>",
    b'<!DOCTYPE x [<!ENTITY x "y">]>', b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">', b'<cp hex="D800"/>', b'<cp hex="110000"/>',
    b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>', b"<ph>", b"</ph>", b"<sub>",
    b"{", b"}", b": ", b"- ", b"&a", b"*a", b"!!python/object:os.system", b"%YAML 1.1\n", b"---\n", b"...\n",
    b"msgid ", b"msgstr ", b'msgid ""\n', b'"\\', b"#, fuzzy\n", b"msgctxt ", b"[severity]\n", b"= ", b'"""',
    b"le 6 septembre 2016 ", b"Monday, 6 September 2016 ", b"UNODC ", b"ONUDC ", b"CTOC/COP/WG.2/2012/1 ", b"1 000,5 ",
    b"20 per cent ", b"mardi 31 juin 2016 ", b"12. ", b"a) ", b"Point 4. ",
]


def mutate(data: bytes, rng: random.Random, rounds: int | None = None, big: bool = False) -> bytes:
    """``data`` with a few random edits: bytes flipped, spans deleted, duplicated or repeated many
    times, tokens inserted (once or hundreds of times; thousands with ``big``, as the long run does)."""
    buf = bytearray(data)
    for _ in range(rounds or rng.randint(1, 6)):
        n = len(buf)
        op = rng.random()
        pos = rng.randint(0, n)
        if op < 0.15 and n:
            i = rng.randrange(n)
            buf[i] = rng.randrange(256)
        elif op < 0.3 and n:
            end = min(n, pos + rng.randint(1, 200))
            del buf[pos:end]
        elif op < 0.45 and n:
            a = rng.randrange(n)
            piece = buf[a:a + rng.randint(1, 300)]
            buf[pos:pos] = piece * rng.choice([1, 1, 2, 10, 100] if big else [1, 1, 2, 10])
        elif op < 0.9:
            token = rng.choice(TOKENS)
            times = rng.choice([1, 1, 1, 2, 5, 50, 1000, 5000] if big else [1, 1, 1, 2, 5, 50, 300])
            buf[pos:pos] = token * times
        else:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 20)))
    return bytes(buf)


# -- seeds ---------------------------------------------------------------------------------------------


def _read(path: Path, fallback: str) -> bytes:
    return path.read_bytes() if path.exists() else fallback.encode("utf-8")


_DRAFT_FR = ("# Ordre du jour provisoire\n\n1. Ouverture de la session.\n\nLa session s'ouvrira le mardi "
             "17 octobre 2016 à 10 heures. Le rapport de l'UNDOC (CTOC/COP/WG.2/2012/1) sera présenté.\n\n"
             "| Date | Point |\n|---|---|\n| Lundi 6 septembre 2016 | 1 |\n")


def _docx(text: str) -> bytes:
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
                         for line in text.replace("&", "&amp;").replace("<", "&lt;").splitlines() if line.strip())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {W}><w:body>{paragraphs}'
                                        "</w:body></w:document>")
    return buf.getvalue()


def _docx_mutant(seed_text: str, rng: random.Random, big: bool) -> bytes:
    """A .docx whose document part is mutated (mutating the ZIP bytes alone mostly breaks the CRC)."""
    data = _docx(seed_text)
    if rng.random() < 0.2:
        return mutate(data, rng, big=big)
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            part = src.read(name)
            z.writestr(name, mutate(part, rng, big=big) if name == "word/document.xml" or rng.random() < 0.2 else part)
    return buf.getvalue()


def _head(data: bytes, size: int | None) -> bytes:
    """The first ``size`` bytes, cut at a line end (the whole when ``size`` is None)."""
    if size is None or len(data) <= size:
        return data
    cut = data.rfind(b"\n", 0, size)
    return data[:cut + 1 if cut > 0 else size]


def _entries_head(data: bytes, size: int) -> bytes:
    """A glossary file's first entries, about ``size`` bytes of them, cut between two entries."""
    cut = data.find(b"\n  - id:", size)
    return data if cut == -1 else data[:cut + 1]


def seeds(size: int | None = None) -> dict[str, bytes]:
    """The seed of each reader; ``size`` keeps the drafts' first bytes only (the suite's short run)."""
    golden = ROOT / "tests" / "golden"
    return {
        "md": _head(_read(golden / "wg-tip-2016-drift.fr.md", _DRAFT_FR), size),
        "txt": _head(_read(SHARED / "samples" / "ctoc-cop-wg2-2012-1.fr.txt", _DRAFT_FR), size),
        "po": (FIXTURES / "bilingual" / "crime.fr-en.po").read_bytes(),
        "tmx": (FIXTURES / "bilingual" / "crime.fr-en.tmx").read_bytes(),
        "xliff": (FIXTURES / "bilingual" / "crime.fr-en.xliff").read_bytes(),
        "tsv": (FIXTURES / "bilingual" / "crime.fr-en.tsv").read_bytes(),
        "glossary": _entries_head((ROOT / "glossary" / "terms.yaml").read_bytes(), 6000),
        "rules": (ROOT / "rules" / "house-style.yaml").read_bytes(),
        "review": (b"# tmcheck review decisions\nformat: 1\ndraft: draft.fr.md\ndecisions:\n"
                   b"  - fingerprint: 1f0c2a9d3b4e5f60\n    code: TM201\n    text: mardi\n    context: le mardi 17 octobre\n"
                   b"    decision: dismissed\n    reason: checked\n    by: editor\n    at: '2016-10-01T10:00:00+00:00'\n"),
        "toml": b'select = ["TM1", "TM2"]\nignore = ["TM402"]\nfail-on = "error"\nlang = "fr"\n[severity]\nTM303 = "info"\n',
        "csv": (b"id,kind,status,en_term,en_acronym,en_short,en_forbidden,fr_term,fr_acronym,fr_short,fr_forbidden,"
                b"symbols,parent,notes\nx-office,office,official,Office of X,OX,the Office,Office for X,Bureau de X,BX,"
                b"le Bureau,,X/1/,,a note\n"),
        "tbx": (FIXTURES / "glossary" / "tbx-basic-2.tbx").read_bytes(),
    }


READERS = ("md", "txt", "docx", "po", "tmx", "xliff", "tsv", "glossary", "rules", "review", "toml", "csv", "tbx")


def case(reader: str, rng: random.Random, seed_data: dict[str, bytes],
         big: bool = False) -> tuple[dict[str, bytes], list[str]]:
    """(files to write, relative to a fresh folder; the tmcheck arguments to run there)."""
    draft = {"draft.fr.md": _DRAFT_FR.encode("utf-8")}
    if reader == "docx":
        text = seed_data["md"].decode("utf-8", "replace")
        return {"draft.fr.docx": _docx_mutant(text, rng, big)}, ["lint", "draft.fr.docx"]
    data = mutate(seed_data[reader], rng, big=big)
    if reader in ("md", "txt"):
        name = f"draft.fr.{reader}"
        return {name: data}, ["lint", name] + (["--format", "html", "-o", "report.html"] if rng.random() < 0.2 else [])
    if reader in ("po", "tmx", "tsv"):
        return {f"pairs.{reader}": data}, ["lint", f"pairs.{reader}"]
    if reader == "xliff":
        return {"pairs.xliff": data}, ["lint", "pairs.xliff"]
    if reader == "glossary":
        return {"g/terms.yaml": data, **draft}, ["lint", "--glossary", "g", "draft.fr.md"]
    if reader == "rules":
        return {"r/house.yaml": data, **draft}, ["lint", "--rules", "r", "draft.fr.md"]
    if reader == "review":
        return {"draft.fr.md.review.yaml": data, **draft}, ["lint", "draft.fr.md"]
    if reader == "toml":
        return {"tmcheck.toml": data, **draft}, ["lint", "draft.fr.md"]
    if reader in ("csv", "tbx"):
        glossary = {"g/terms.yaml": seed_data["glossary"]}
        return {f"terms.{reader}": data, **glossary}, ["glossary", "import", f"terms.{reader}", "--glossary", "g",
                                                       "--dry-run"]
    raise ValueError(reader)


def write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def judge(code: int, stderr: str) -> str:
    """'ok', 'refused', or what went wrong."""
    message = stderr.strip()
    if "internal error" in message or "Traceback" in message:
        return "internal error"
    if code in (0, 1):
        return "ok"
    if code == 2:
        lines = [line for line in message.splitlines() if not line.startswith("tmcheck: warning:")
                 and not line.startswith("tmcheck: note:")]
        return "refused" if len(lines) == 1 else f"{len(lines)}-line message"
    return f"exit {code}"
