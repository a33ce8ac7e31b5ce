"""Messages in French and English: the catalog is complete and agrees with the code, the language is
chosen as the README says, and a French translator's run reads as UN French."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from conftest import load_script
from cli_helpers import imports_of_cli, run_cli

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
NBSP = "\u00a0"


def _tool():
    return load_script(ROOT / ".ci" / "messages.py")


@pytest.fixture(scope="module")
def tool():
    return _tool()


@pytest.fixture(scope="module")
def french(tool):
    return tool.read_po("fr")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _pairs(message):
    """(English, French) for each form of a message (singular and plural)."""
    ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    if len(ids) == 2:  # French: msgstr[0] for 0 and 1, msgstr[1] for more
        return [(ids[0], strings[0]), (ids[1], strings[1] if len(strings) > 1 else "")]
    return [(ids[0], strings[0])]


def test_every_message_of_the_code_has_its_french_translation(tool, french):
    missing = []
    for message in tool.extract():
        if not message.id:
            continue
        translated = french.get(message.id, context=message.context)
        if translated is None or translated.fuzzy or not all(s for _, s in _pairs(translated)):
            missing.append(message.id)
    assert not missing, f"translate these in tmcheck/locale/fr/LC_MESSAGES/tmcheck.po (python .ci/messages.py): {missing}"


def test_placeholders_are_the_same_in_both_languages(french):
    wrong = []
    for message in french:
        if not message.id:
            continue
        for english, translation in _pairs(message):
            if _fields(english) != _fields(translation):
                wrong.append((english, translation))
            # Every translation formats with the values the code gives.
            translation.format(**{name: "x" for name in _fields(english)})
    assert not wrong, wrong


def test_babel_finds_nothing_wrong_in_the_catalog(french):
    from babel.messages.checkers import checkers

    problems = []
    for message in french:
        if not message.id:
            continue
        for check in checkers:
            try:
                check(french, message)
            except Exception as exc:  # TranslationError
                problems.append((message.id, str(exc)))
    assert not problems, problems


def test_french_typography_is_the_house_style(french):
    """Guillemets with non-breaking spaces inside, a non-breaking space before ':' and '%', none
    before ';', '?' or '!', and never an English quote around the draft's text. A colon glued to what
    follows is not punctuation and takes no space: a place (file.csv:12, {path}:{line}), a URL
    (postgresql://) or a name (st:NAME)."""
    bad = []
    for message in french:
        if not message.id:
            continue
        for _, text in _pairs(message):
            text = text.replace("tmcheck: ", "")  # the program's name before its messages, as every tool writes it
            problems = [
                "'{" in text or "}'" in text,
                re.search(r"«(?!\u00a0)|(?<!\u00a0)»", text) is not None,
                re.search(r"(?<!\u00a0):(?![\w{/])", text) is not None and "--" not in text,
                re.search(r"(?<!\u00a0)%", text) is not None,
                re.search(r"\s[;?!]", text) is not None,
            ]
            if any(problems):
                bad.append(text)
    assert not bad, bad


def test_the_shipped_mo_is_the_po_compiled(tool):
    for lang in tool.languages():
        mo = tool.po_path(lang).with_suffix(".mo")
        assert mo.exists(), f"{mo} missing: run python .ci/messages.py compile"
        assert mo.read_bytes() == tool.compiled(lang), f"{mo} is older than its .po: run python .ci/messages.py compile"


# -- the language chosen ------------------------------------------------------------------------------

# Nothing chooses the language of messages but what a test sets (run_cli removes a None variable).
LOCALE_FREE = dict.fromkeys(("TMCHECK_MESSAGES", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"))


def _lint(*args, **env):
    """tmcheck lint as a user starts it under a locale: a fresh process, which reads it at start-up."""
    return run_cli("lint", *args, cwd=ROOT, env={**LOCALE_FREE, **env}, subprocess=True, timeout=120)


def test_golden_french_report_of_a_french_translators_run():
    """LANG=fr_FR.UTF-8 tmcheck lint draft.fr.md: the report in French, the draft's text as written."""
    run = _lint("tests/golden/wg-tip-2016-drift.fr.md", LANG="fr_FR.UTF-8")
    assert run.returncode == 1, run.stderr
    assert run.stderr == ""
    assert run.stdout == (GOLDEN / "wg-tip-2016-drift.fr.md.expected-fr").read_text(encoding="utf-8")


def test_the_english_golden_reports_do_not_depend_on_the_locale():
    run = _lint("tests/golden/wg-tip-2016-drift.fr.md", "--messages", "en", LANG="fr_FR.UTF-8")
    assert run.stdout == (GOLDEN / "wg-tip-2016-drift.fr.md.expected").read_text(encoding="utf-8")


def _summary(outcome) -> str:
    return outcome.stdout.strip().splitlines()[-1]


DRAFT = str(GOLDEN / "wg-tip-2016-drift.fr.md")


def test_messages_option_overrides_the_environment_and_the_locale(monkeypatch):
    monkeypatch.setenv("TMCHECK_MESSAGES", "fr")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert _summary(run_cli("lint", "--messages", "en", DRAFT)).startswith("1 file checked: 12 error(s)")
    assert _summary(run_cli("--messages", "en", "lint", DRAFT)).startswith("1 file checked")
    monkeypatch.setenv("TMCHECK_MESSAGES", "en")
    assert _summary(run_cli("lint", "--messages", "fr", DRAFT)).startswith(f"1 fichier vérifié{NBSP}: 12 erreur(s)")


def test_tmcheck_messages_comes_before_the_locale(monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setenv("TMCHECK_MESSAGES", "fr")
    assert _summary(run_cli("lint", DRAFT)).startswith("1 fichier vérifié")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setenv("TMCHECK_MESSAGES", "en")
    assert _summary(run_cli("lint", DRAFT)).startswith("1 file checked")


@pytest.mark.parametrize("variables, language", [
    ({"LANG": "fr_CA.UTF-8"}, "fr"),
    ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LC_ALL": "C", "LC_MESSAGES": "fr_FR.UTF-8"}, "en"),
    ({"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({}, "en"),
])
def test_the_locale_chooses_when_nothing_else_does(monkeypatch, variables, language):
    for name in ("TMCHECK_MESSAGES", "LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    outcome = run_cli("lint", DRAFT)
    assert _summary(outcome).startswith("1 fichier vérifié" if language == "fr" else "1 file checked")
    assert outcome.stderr == ""  # a locale tmcheck has no catalog for is English, without a note


def test_a_missing_catalog_gives_english_and_one_note(monkeypatch, tmp_path):
    from tmcheck import i18n

    monkeypatch.setenv("TMCHECK_MESSAGES", "es")
    outcome = run_cli("lint", DRAFT)
    assert _summary(outcome).startswith("1 file checked")
    assert outcome.stderr == "tmcheck: note: the message catalog for 'es' is missing; messages are in English\n"
    # The French catalog itself gone (a broken install): English, one note, the run goes on.
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    outcome = run_cli("lint", "--messages", "fr", DRAFT)
    assert outcome.code == 1
    assert _summary(outcome).startswith("1 file checked")
    assert outcome.stderr.splitlines() == ["tmcheck: note: the message catalog for 'fr' is missing; messages are in English"]


def test_json_messages_follow_the_language_and_keys_do_not(monkeypatch):
    monkeypatch.setenv("TMCHECK_MESSAGES", "fr")
    out = json.loads(run_cli("lint", "--format", "json", DRAFT).stdout)
    first = out["findings"][0]
    assert first["code"] == "TM203" and first["rule"] == "impossible-date" and first["severity"] == "error"
    assert first["message"] == f"«{NBSP}31 juin{NBSP}» n'existe pas{NBSP}: le mois de juin n'a pas de 31"
    assert set(out["summary"]) >= {"files", "findings", "errors", "warnings", "infos"}


def test_input_errors_in_french(monkeypatch, tmp_path):
    from cli_helpers import assert_refused

    monkeypatch.setenv("TMCHECK_MESSAGES", "fr")
    assert_refused(run_cli("lint", tmp_path / "absent.md"), "fichier ou dossier introuvable")
    (tmp_path / "empty.md").write_text("")
    assert_refused(run_cli("lint", tmp_path / "empty.md"), f"empty.md{NBSP}: fichier vide")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02binary")
    assert_refused(run_cli("lint", tmp_path / "binary.md"), "fichier binaire")
    (tmp_path / "latin.md").write_bytes(b"caf\x81\x8d")
    assert_refused(run_cli("lint", tmp_path / "latin.md"), "ni UTF-8")
    (tmp_path / "bad.po").write_text('msgid "a\nmsgstr "b"\n')
    assert_refused(run_cli("lint", tmp_path / "bad.po"), "erreur de syntaxe PO")


def test_errors_of_the_config_the_glossary_the_memory_and_the_review_file_in_french(tmp_path):
    """--messages fr: an error of each part of tmcheck comes out in French, on one line, exit 2."""
    from cli_helpers import assert_refused

    draft = tmp_path / "note.en.md"
    draft.write_text("The session will open on Wednesday, 6 September 2016.\n", encoding="utf-8")
    config = tmp_path / "bad.toml"
    config.write_text('colour = "red"\n')
    assert_refused(run_cli("lint", "--messages", "fr", "--config", config, draft),
                   f"bad.toml{NBSP}: paramètre(s) inconnu(s) «{NBSP}colour{NBSP}» (paramètres connus{NBSP}: ")
    glossary = tmp_path / "glossary"
    assert run_cli("glossary", "init", glossary, cwd=tmp_path).code == 0
    refused = assert_refused(run_cli("glossary", "edit", "no-such-entry", "--glossary", glossary, "--set", "notes=x",
                                     "--messages", "fr"))
    assert refused == (f"tmcheck: aucune entrée «{NBSP}no-such-entry{NBSP}» dans le glossaire "
                       f"(voir «{NBSP}tmcheck glossary search{NBSP}»)")
    notes = tmp_path / "notes.txt"
    notes.write_text("Liste des participants\n", encoding="utf-8")
    assert_refused(run_cli("memory", "list", "--messages", "fr", env={"TMCHECK_MEMORY": str(notes)}, timeout=300),
                   f"notes.txt{NBSP}: ce n'est pas une mémoire tmcheck")
    (tmp_path / "note.en.md.review.yaml").write_text("draft: note.en.md\ndecisions:\n  - fingerprint: [unclosed\n",
                                                     encoding="utf-8")
    assert_refused(run_cli("lint", "--messages", "fr", draft),
                   f"note.en.md.review.yaml{NBSP}: fichier de décisions non valide{NBSP}: erreur de syntaxe YAML")
    # The same errors in English without --messages (the tests' language): the French came from the catalog.
    assert_refused(run_cli("lint", draft), "note.en.md.review.yaml: not a valid review file: YAML syntax error")


def test_errors_of_the_readers_and_the_glossary_file_in_french(tmp_path):
    """--messages fr: a broken glossary, TSV, XLIFF or Word file is refused in French, on one line,
    exit 2; the same errors in English without it (the French came from the catalog)."""
    from cli_helpers import assert_refused

    draft = tmp_path / "note.en.md"
    draft.write_text("The session will open on Wednesday, 6 September 2016.\n", encoding="utf-8")
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "terms.yaml").write_text("entries:\n  - id: [unclosed\n", encoding="utf-8")
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("de\tit\nHallo\tCiao\n", encoding="utf-8")
    xliff = tmp_path / "note.xlf"
    xliff.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                     '<file source-language="de" target-language="fr" original="x" datatype="plaintext"><body>'
                     '<trans-unit id="1"><source>Hallo</source><target>Bonjour</target></trans-unit>'
                     '</body></file></xliff>\n', encoding="utf-8")
    docx = tmp_path / "draft.docx"
    docx.write_bytes(b"PK\x03\x04 not really a zip archive")
    cases = [
        (("lint", "--glossary", glossary, draft),
         f"terms.yaml:3{NBSP}: YAML de glossaire non valide{NBSP}: ", "terms.yaml:3: invalid glossary YAML: "),
        (("lint", tsv),
         f"pairs.tsv:1{NBSP}: l'en-tête d'un fichier TSV doit avoir des colonnes «{NBSP}fr{NBSP}» et «{NBSP}en{NBSP}»",
         "pairs.tsv:1: TSV needs 'fr' and 'en' columns in its header; found: de, it"),
        (("lint", xliff),
         f"note.xlf{NBSP}: tmcheck ne vérifie que les langues fr et en; langue trouvée{NBSP}: de",
         "note.xlf: tmcheck checks languages fr and en only, found de (XLIFF source-language)"),
        (("lint", docx), f"draft.docx{NBSP}: fichier .docx non valide (BadZipFile", "draft.docx: not a valid .docx file (BadZipFile"),
    ]
    for args, french, english in cases:
        assert_refused(run_cli(*args, "--messages", "fr", cwd=tmp_path), french)
        assert_refused(run_cli(*args, cwd=tmp_path), english)


def test_glossary_validate_in_french_keeps_its_codes(tmp_path):
    """The issues of glossary validate are in French, their codes are not (a missing term is
    missing-language whatever the language of its message)."""
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "terms.yaml").write_text("entries:\n  - id: half\n    en: {term: Half}\n", encoding="utf-8")
    run = run_cli("glossary", "validate", "--glossary", glossary, "--format", "json", "--messages", "fr")
    assert run.code == 2, run.stderr
    issues = json.loads(run.stdout)["issues"]
    assert [(i["code"], i["message"]) for i in issues] == [
        ("missing-language", f"l'entrée «{NBSP}half{NBSP}» n'a pas de terme «{NBSP}fr{NBSP}» "
                             f"(«{NBSP}en{NBSP}» et «{NBSP}fr{NBSP}» sont tous deux obligatoires)")]


def test_schema_problems_in_french(tmp_path):
    """What a file's schema expects (shapes.py's x-say) and what was found come out in French, the
    user's own text in guillemets; in English, as before."""
    cases = [
        ("entries:\n  - id: half\n    kind: 5\n    en: {term: Half}\n    fr: {term: Moitié}\n",
         "kind doit être l'une des valeurs body, country, ", ", et non le nombre 5",
         "kind must be one of body, country, ", ", not the number 5"),
        ("entries:\n  - id: half\n    kind: bogus\n    en: {term: Half}\n    fr: {term: Moitié}\n",
         "kind doit être l'une des valeurs body, ", f", et non «{NBSP}bogus{NBSP}»",
         "kind must be one of body, ", ", not 'bogus'"),
        ("entries: 5\n",
         f"(entries doit être une liste d'au plus 200000{NBSP}éléments (entrées), et non le nombre 5)", "",
         "(entries must be a list of entries (at most 200000), not the number 5)", ""),
        ("entries:\n  - id: half\n    kind: [a, b]\n    en: {term: Half}\n    fr: {term: Moitié}\n",
         "kind doit être l'une des valeurs ", f"et non une liste de 2{NBSP}éléments",
         "kind must be one of ", "not a list of 2"),
    ]
    for i, (yaml_text, french, french_end, english, english_end) in enumerate(cases):
        glossary = tmp_path / f"glossary{i}"
        glossary.mkdir()
        (glossary / "terms.yaml").write_text(yaml_text, encoding="utf-8")
        for args, wanted, end in ((("--messages", "fr"), french, french_end), ((), english, english_end)):
            run = run_cli("glossary", "validate", "--glossary", glossary, *args)
            assert run.code == 2, run.stderr
            line = next(line for line in run.stdout.splitlines() if ": error: " in line)
            assert wanted in line and line.endswith(end), line
    run = run_cli("glossary", "validate", "--glossary", tmp_path / "glossary0", "--messages", "fr")
    assert run.stderr.strip().endswith("0 entrée, 1 erreur, 0 avertissement"), run.stderr


def test_the_draft_text_is_never_translated(monkeypatch):
    """The words quoted from the draft stay as written, in an English draft read in French."""
    from conftest import lint_text
    from tmcheck import i18n

    i18n.choose("fr")
    findings = lint_text("The meeting will be held on Wednesday, 6 September 2016, in Vienna.\n", "en")
    messages = [f.message for f in findings if f.code == "TM201"]
    assert messages == [f"le 6 septembre 2016 est un mardi, et non un mercredi («{NBSP}Wednesday{NBSP}»)"]
    assert [f.suggestion for f in findings if f.code == "TM201"] == ["Tuesday"]


def test_tm201_says_the_weekday_once():
    from conftest import lint_text

    findings = lint_text("The meeting will be held on Wednesday, 6 September 2016, in Vienna.\n", "en")
    assert [f.message for f in findings if f.code == "TM201"] == ["6 September 2016 is a Tuesday, not a Wednesday"]


def test_french_names_of_bodies_take_their_article():
    from tmcheck import i18n
    from tmcheck.checks.messages import of_body, the_body

    i18n.choose("fr")
    assert of_body("Groupe de travail sur la traite des personnes") == "du Groupe de travail sur la traite des personnes"
    assert of_body("Conférence des Parties") == "de la Conférence des Parties"
    assert of_body("Assemblée générale") == "de l'Assemblée générale"
    assert of_body("Haut-Commissariat des Nations Unies pour les réfugiés").startswith("du Haut-Commissariat")
    assert of_body("Working Group on Firearms") == f"de l'organe «{NBSP}Working Group on Firearms{NBSP}»"
    assert the_body("Commission des stupéfiants") == "la Commission des stupéfiants"
    i18n.choose("en")
    assert of_body("Conference of the Parties") == "of the Conference of the Parties"


def test_a_plain_lint_imports_no_babel():
    run, imported = imports_of_cli("lint", "--messages", "fr", "tests/golden/wg-tip-2016.fr.md", cwd=ROOT,
                                   env=LOCALE_FREE, timeout=120)
    assert run.returncode == 0 and imported, run.stderr
    assert not [m for m in imported if m.startswith('babel.messages')], 'babel.messages imported'


def test_html_report_labels_in_french(monkeypatch, tmp_path):
    monkeypatch.setenv("TMCHECK_MESSAGES", "fr")
    out = tmp_path / "report.html"
    assert run_cli("lint", DRAFT, "--format", "html", "-o", out).code == 1
    page = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page
    assert f"Suggestion{NBSP}:" in page and "15 constats" in page
    assert f"le 6 septembre 2016 est un mardi, et non un jeudi" in page


def test_quoted_is_repr_in_english_and_guillemets_in_french():
    """The user's own text in a message: as repr quotes it in English, in guillemets on one line in French."""
    from tmcheck import i18n

    try:
        i18n.choose("en")
        assert i18n.quoted("bogus") == "'bogus'" and i18n.quoted("it's\n") == repr("it's\n")
        i18n.choose("fr")
        assert i18n.quoted("two\nlines") == f"«{NBSP}two lines{NBSP}»"
    finally:
        i18n.reset()


def test_one_entry_is_singular_in_both_languages(tmp_path):
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "terms.yaml").write_text("entries:\n  - id: half\n    en: {term: Half}\n    fr: {term: Moitié}\n",
                                         encoding="utf-8")
    english = run_cli("glossary", "validate", "--glossary", glossary)
    assert english.code == 0 and english.stderr.strip().endswith(": 1 entry, 0 errors, 0 warnings"), english.stderr
    french = run_cli("glossary", "validate", "--glossary", glossary, "--messages", "fr")
    assert french.code == 0, french.stderr
    assert french.stderr.strip().endswith(f"{NBSP}: 1 entrée, 0 erreur, 0 avertissement"), french.stderr
