"""The language of tmcheck's messages: English, or French from the catalog in tmcheck/locale.

Chosen by ``--messages fr|en``, else ``$TMCHECK_MESSAGES``, else the locale (``LC_ALL``, then
``LC_MESSAGES``, then ``LANG``, the first one set). A locale tmcheck has no catalog for (de_DE, C)
gives English without a word; a language asked for by name whose catalog is missing gives English
and one note (:func:`choose` returns it, the CLI prints it).

Only the messages are translated: rule codes and names, severities, JSON and SARIF keys stay as
they are, and the draft's own text quoted in a message is a placeholder value, never translated.
The stdlib ``gettext`` reads the compiled catalog (Babel builds it: tools/messages.py), so that a
lint imports nothing more.

Messages are translated when they are made (a check's finding, an error), in the language chosen
at that moment: module-level texts are marked with :func:`N_` and translated where they are used.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "tmcheck"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")  # English is the source language: it needs no catalog

_translations: _gettext.NullTranslations | None = None
_language: str | None = None


def N_(message: str) -> str:
    """Marks a message for extraction where it cannot be translated yet (a module-level constant)."""
    return message


def _(message: str) -> str:
    return _current().gettext(message)


def pgettext(context: str, message: str) -> str:
    return _current().pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current().ngettext(singular, plural, n)


def quoted(text) -> str:
    """The user's own text (a key, a value) quoted in a message: ``'text'`` in English, as
    ``repr`` quotes it, ``« text »`` in French, on one line."""
    template = pgettext("quote", "'{text}'")
    if template == "'{text}'":  # English: repr, whose escapes keep a line break visible
        return repr(str(text))
    return template.format(text=" ".join(str(text).split()))


def language() -> str:
    """The language messages are given in now: ``en`` or ``fr``."""
    _current()
    return _language or "en"


def _current() -> _gettext.NullTranslations:
    if _translations is None:
        choose(None)
    return _translations  # type: ignore[return-value]


def _from_locale() -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in LANGUAGES else None
    return None


def requested() -> tuple[str, bool]:
    """The language asked for, and whether it was asked for by name (``$TMCHECK_MESSAGES``) rather
    than found in the locale."""
    named = os.environ.get("TMCHECK_MESSAGES", "").strip().lower()
    if named:
        return named, True
    return _from_locale() or "en", False


def choose(explicit: str | None) -> str | None:
    """Set the language of messages: ``explicit`` (``--messages``) if given, else as the environment
    says. Returns a one-line note when the language asked for has no catalog here (messages are then
    in English), else None."""
    global _translations, _language
    wanted, named = (explicit.strip().lower(), True) if explicit else requested()
    wanted = wanted.split(".")[0].split("_")[0].split("-")[0] or "en"
    note = None
    if wanted == "en":
        _translations, _language = _gettext.NullTranslations(), "en"
        return None
    try:
        with open(LOCALE_DIR / wanted / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as fp:
            _translations, _language = _gettext.GNUTranslations(fp), wanted
    except (OSError, ValueError) as exc:  # no such catalog, or a damaged one
        _translations, _language = _gettext.NullTranslations(), "en"
        if named or wanted in LANGUAGES:
            why = "damaged" if isinstance(exc, ValueError) else "missing"
            note = f"the message catalog for '{wanted}' is {why}; messages are in English"
    return note


def reset() -> None:
    """Forget the choice: the next message looks at the environment again (tests)."""
    global _translations, _language
    _translations, _language = None, None
