"""Pieces of finding messages that depend on the language of the messages (tmcheck.i18n): a
meeting's kind, and "of the <body>" and "the <body>", whose French forms depend on the body name's first word."""

from __future__ import annotations

from ..i18n import N_, _, language, pgettext

_KINDS = {"session": N_("session"), "meeting": N_("meeting"), "congress": N_("congress"),
          "sittings": N_("sittings")}


def kind_name(kind: str, article: bool = False) -> str:
    """A meeting's kind (facts.meetings: session, meeting, congress, sittings) in the messages'
    language; with ``article``, as the subject of a message ("session" in English, "la session"
    in French)."""
    if kind not in _KINDS:
        return kind
    if article:
        # Spelled out for extraction: the English subject has no article, the French one has.
        return {"session": pgettext("subject", "session"), "meeting": pgettext("subject", "meeting"),
                "congress": pgettext("subject", "congress"), "sittings": pgettext("subject", "sittings")}[kind]
    return _(_KINDS[kind])


# French: "du Groupe de travail", "de la Conférence", "de l'Assemblée", by the name's first word.
_MASCULINE = frozenset("""groupe comité conseil bureau secrétariat fonds programme haut-commissariat
    tribunal mécanisme forum sommet congrès segment organe département corps réseau séminaire atelier
    colloque dialogue débat""".split())
_FEMININE = frozenset("""conférence commission cour réunion sous-commission session division section
    mission force plateforme table convention consultation journée équipe""".split())
_ELIDED = tuple("aeiouyâàéèêîïôûAEIOUYÂÀÉÈÊÎÏÔÛ")  # "Haut-Commissariat": an aspirated h


def _gender(name: str) -> str | None:
    """How French introduces ``name``: "elided" (l'Assemblée), "m" (le Groupe), "f" (la
    Conférence), or None when its first word is not known (an English name)."""
    first = name.split(" ", 1)[0].lower()
    known = first in _MASCULINE or first in _FEMININE or first in {"office", "assemblée", "organisation", "institut",
                                                                    "instance", "organe", "agence"}
    if known and name.startswith(_ELIDED):
        return "elided"
    return "m" if first in _MASCULINE else "f" if first in _FEMININE else None


def of_body(name: str) -> str:
    """"of the <name>" in English; in French the contracted article the first word asks for
    ("du Groupe de travail", "de la Conférence des Parties", "de l'Assemblée générale"), or
    "de l'organe « <name> »" for a name whose gender is not known (an English name)."""
    if language() != "fr":
        return f"of the {name}"
    return {"elided": "de l'", "m": "du ", "f": "de la "}.get(_gender(name), "de l'organe «\u00a0") + name + (
        "" if _gender(name) else "\u00a0»")


def the_body(name: str) -> str:
    """"the <name>" in English; "le Groupe de travail", "la Conférence", "l'Assemblée" in French."""
    if language() != "fr":
        return f"the {name}"
    return {"elided": "l'", "m": "le ", "f": "la "}.get(_gender(name), "l'organe «\u00a0") + name + (
        "" if _gender(name) else "\u00a0»")


_DOCUMENT_KINDS = {"report": N_("report"), "note": N_("note"), "conference room paper": N_("conference room paper")}


def document_kind(kind: str) -> str:
    """A kind of document as facts.documents names it (report, note...), in the messages' language
    where tmcheck knows it, else as the draft wrote it."""
    return _(_DOCUMENT_KINDS[kind]) if kind in _DOCUMENT_KINDS else kind


def quoted(texts) -> str:
    """Texts of the draft, each quoted as the messages' language quotes ('x', « x »), joined by
    commas."""
    # The catalog's one quoting form (i18n.quoted's), without the repr that i18n.quoted gives
    # English: the draft's text is shown as written.
    form = pgettext("quote", "'{text}'")
    return ", ".join(form.format(text=t) for t in texts)
