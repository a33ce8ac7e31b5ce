#!/usr/bin/env python3
"""tmcheck's message catalogs, built with Babel: extract the messages of the code, merge them into
each language's catalog, compile the catalogs tmcheck reads at run time.

    python .ci/messages.py            # extract, update every .po, compile every .mo
    python .ci/messages.py extract    # tmcheck/locale/tmcheck.pot only (a new language's template)
    python .ci/messages.py compile    # the .mo files from the .po files (after editing a .po)

The .mo files are committed (an installed tmcheck reads them with the stdlib gettext, never with
Babel); tests/test_messages.py fails when one differs from its .po, or when a message of the code
has no translation or its placeholders differ from the translation's.

A new message: mark it in the code (``_("...{name}...").format(name=...)``; ``N_`` for a
module-level text translated where used), run this script, translate the new entries of
tmcheck/locale/fr/LC_MESSAGES/tmcheck.po (they are marked fuzzy or empty), run ``compile``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tmcheck"
LOCALE = PACKAGE / "locale"
DOMAIN = "tmcheck"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
# The stdlib gettext reads the catalogs: msgids and plural forms as Babel writes them.
METHOD_MAP = [("**.py", "python")]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("Translators:",)


def extract():
    """The catalog of every message marked in tmcheck/ (a babel.messages.Catalog)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    from tmcheck import __version__

    catalog = Catalog(project="tmcheck", version=__version__, msgid_bugs_address=None,
                      copyright_holder=None, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), METHOD_MAP, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True):
        if filename.startswith("locale/"):
            continue
        catalog.add(message, None, [(f"tmcheck/{filename}", lineno)], auto_comments=comments, context=context)
    # The messages of the bundled declarative rules (data, translated where a finding is made).
    import yaml

    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or []:
            if rule.get("message"):
                catalog.add(rule["message"], None, [(f"rules/{path.name}", 0)], flags=("python-brace-format",))
    return catalog


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists())


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_po(lang: str):
    from babel.messages.pofile import read_po as read

    with open(po_path(lang), "rb") as fp:
        return read(fp, locale=lang, domain=DOMAIN)


def compiled(lang: str) -> bytes:
    """The .mo of a language's .po, as ``compile`` writes it (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, read_po(lang), use_fuzzy=False)
    return out.getvalue()


def _write_po(catalog, path: Path, **options) -> None:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    # Files without line numbers: a .po that changes only when its messages do (and merges cleanly).
    write_po(out, catalog, width=100, sort_output=False, omit_header=False, include_lineno=False, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    action = argv[0] if argv else "all"
    if action not in ("all", "extract", "update", "compile"):
        print(__doc__)
        return 2
    if action in ("all", "extract", "update"):
        template = extract()
        print(f"{len(template)} messages in tmcheck/")
        if action == "extract":  # for a new language's translator; not committed
            _write_po(template, TEMPLATE)
            print(f"{TEMPLATE.relative_to(ROOT)} written")
        else:
            for lang in languages():
                catalog = read_po(lang)
                created = catalog.creation_date  # the template's is now: kept, so that a run changes nothing else
                catalog.update(template, no_fuzzy_matching=False)
                catalog.creation_date = created
                _write_po(catalog, po_path(lang), ignore_obsolete=True)
                missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
                print(f"{po_path(lang).relative_to(ROOT)}: {len(missing)} to translate")
    if action in ("all", "compile"):
        for lang in languages():
            mo = po_path(lang).with_suffix(".mo")
            mo.write_bytes(compiled(lang))
            print(f"{mo.relative_to(ROOT)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
