"""The shapes of the files users give tmcheck, as JSON Schema, and one way to check data against them.

Each file is parsed (within bounds: see safe_yaml.py and engine/config.py), then checked against its
shape here before any code reads it, so that a number where a list belongs, a list where a word
belongs or a 5,000-character "term" is one line naming the file, the line where it is known, the
place in the file and what was expected, never an exception deep inside a check.

The schemas are plain JSON Schema (draft 7), compiled on first use by fastjsonschema into Python
functions (a millisecond or two; nothing is compiled on a lint whose glossary cache is warm and
that has no config or review file). Leaves carry an ``x-say``, the text that reads after "must be"
(its N_-marked template and values, see :func:`described`), which :func:`problem` gives in the
language of messages; fastjsonschema ignores the key.
"""

from __future__ import annotations

from typing import Callable

from .i18n import N_, _, ngettext, quoted

# Text on one line: a term, an acronym, a code, a path (control characters, tabs and line breaks
# included, would break the YAML, CSV and TBX files that carry them, and the report lines).
_LINE_PATTERN = "^[^\\x00-\\x1f\\x7f]*$"


def described(template: str, **values) -> dict:
    """A schema's ``x-say``, what it expects, translated when a problem is reported: ``template`` is
    marked N_ where it is written, and a value may be such a text too (a pair of template and
    values)."""
    return {"x-say": (template, values)}


def render(said: tuple, translate: Callable[[str], str]) -> str:
    template, values = said
    return translate(template).format(**{k: render(v, translate) if isinstance(v, tuple) else v
                                         for k, v in values.items()})


def _what(what: str) -> tuple:
    return (what, {})


def line_text(max_length: int, what: str = N_("text on one line"), min_length: int = 0) -> dict:
    return {"type": "string", "minLength": min_length, "maxLength": max_length, "pattern": _LINE_PATTERN,
            **described(N_("{what} (at most {max_length} characters, no tab or line break)"), what=_what(what),
                        max_length=max_length)}


def text(max_length: int, what: str = N_("text")) -> dict:
    return {"type": "string", "maxLength": max_length,
            **described(N_("{what} (at most {max_length} characters)"), what=_what(what), max_length=max_length)}


def one_of(values, what: str | None = None) -> dict:
    values = sorted(values)
    return {"enum": values, **(described(what) if what else
                               described(N_("one of {values}"), values=", ".join(map(str, values))))}


def list_of(item: dict, max_items: int, what: str) -> dict:
    return {"type": "array", "items": item, "maxItems": max_items,
            **described(N_("a list of {what} (at most {max_items})"), what=_what(what), max_items=max_items)}


def nullable(schema: dict) -> dict:
    """``schema``, or nothing (YAML's empty value): said in the schema's own type or enum, so that a
    problem inside a list is reported at its item, not at the list."""
    out = dict(schema, **described(N_("{what} or nothing"), what=schema["x-say"]))
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    else:
        types = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = [*types, "null"]
    return out


# -- glossary (glossary/*.yaml; README.md there) -------------------------------------------------

TERM = {"type": ["string", "number"], "minLength": 1, "maxLength": 500, "pattern": _LINE_PATTERN,
        **described(N_("a term on one line (at most 500 characters)"))}
TERMS = nullable(list_of(TERM, 1000, N_("terms on one line")))
SIDE = {
    "type": "object", **described(N_("a mapping with term, acronym, short and forbidden")),
    "properties": {"term": TERM, "acronym": nullable(TERM), "short": TERMS, "forbidden": TERMS},
}


def glossary_entry(kinds, statuses) -> dict:
    return {
        "type": "object", **described(N_("a mapping (id, kind, status, en, fr...)")),
        "properties": {
            "id": line_text(200, N_("an id"), 1),
            "kind": one_of(kinds),
            "status": one_of(statuses),
            "en": SIDE, "fr": SIDE,
            "symbols": nullable(list_of(line_text(200, N_("a symbol"), 1), 1000, N_("document symbols"))),
            "parent": nullable(line_text(200, N_("an entry id"), 1)),
            "notes": nullable({"type": ["string", "number"], "maxLength": 20000,
                               **described(N_("text (at most 20000 characters)"))}),
            "accepted": nullable(list_of(line_text(200, N_("a warning and the form it is about ('near-miss-acronym DPO')"), 1),
                                         100, N_("accepted warnings"))),
        },
    }


GLOSSARY_FILE = {
    "type": "object", **described(N_("a mapping with a top-level 'entries:' list")), "required": ["entries"],
    "properties": {"entries": list_of({}, 200_000, N_("entries"))},
}

# -- rules (rules/*.yaml) ----------------------------------------------------------------------------

_FORMS = {"type": "object", "minProperties": 1, "maxProperties": 10000,
          "propertyNames": line_text(200, N_("a form"), 1), "additionalProperties": TERM}
RULES_FILE = {
    "type": "object", **described(N_("a mapping with a top-level 'rules:' list")), "additionalProperties": False,
    "properties": {"rules": nullable(list_of({
        "type": "object", **described(N_("a mapping (id, extends, lang, swap...)")),
        "required": ["id", "extends", "lang"],
        "properties": {
            "id": line_text(100, N_("a rule id"), 1),
            "extends": one_of(["consistency", "existence", "substitution"],
                              N_("one of consistency, existence, substitution (the kinds of rule)")),
            "lang": one_of(["en", "fr"]),
            "level": nullable(one_of(["error", "warning", "info"],
                                     N_("one of error, warning, info (Vale's 'suggestion' is 'info' here)"))),
            "message": line_text(500, N_("a message")),
            "swap": dict(_FORMS, **described(N_("a table of 'wrong form: right form' (at least one)"))),
            "either": dict(_FORMS, **described(N_("a table of 'one form: the other form' (at least one)"))),
            "tokens": dict(list_of(line_text(200, N_("a form"), 1), 10000, N_("forms")), minItems=1,
                           **described(N_("a list of forms (at least one, at most 10000)"))),
            "exceptions": nullable(list_of(line_text(500, N_("a phrase"), 1), 10000, N_("phrases"))),
            "ignorecase": {"type": "boolean", **described(N_("true or false"))},
        },
    }, 10000, N_("rules")))},
}

# -- review decisions (DRAFT.review.yaml) and proposals --------------------------------------------

REVIEW_FILE = {
    "type": "object", **described(N_("a mapping with 'draft:' and a 'decisions:' list")),
    "properties": {
        "format": {"type": "integer", **described(N_("a number"))},
        "draft": nullable(text(4096, N_("a file name"))),
        "decisions": nullable(list_of({
            "type": "object", **described(N_("a mapping (fingerprint, decision, code, text...)")),
            "required": ["fingerprint", "decision"],
            "properties": {
                "fingerprint": line_text(100, N_("a fingerprint"), 1),
                "decision": one_of(["accepted", "dismissed", "fixed"]),
                "code": nullable(line_text(20, N_("a rule code"))),
                "rule": nullable(line_text(200, N_("a declarative rule's id (house-style.en-per-cent)"))),
                "text": nullable(text(100_000)), "context": nullable(text(100_000)),
                "reason": nullable(text(10_000)), "by": nullable(text(200)), "at": nullable(text(100)),
            },
        }, 1_000_000, N_("decisions"))),
    },
}

PROPOSALS_FILE = {
    "type": "object", **described(N_("a mapping with a 'proposals:' list")),
    "properties": {"proposals": nullable(list_of({"type": "object", **described(N_("a mapping"))}, 100_000,
                                                 N_("proposals")))},
}

# -- tmcheck.toml / [tool.tmcheck] --------------------------------------------------------------------

_CODES = {"anyOf": [line_text(100, N_("a rule code")), list_of(line_text(100, N_("a rule code")), 1000, N_("rule codes"))],
          **described(N_("a list of rule codes, names or families"))}
CONFIG = {
    "type": "object", **described(N_("a table of settings")),
    "properties": {
        "select": _CODES, "ignore": _CODES,
        "fail-on": one_of(["error", "warning", "info"]),
        "lang": one_of(["fr", "en", "auto"]),
        "glossary": line_text(1024, N_("a folder path"), 1),
        "rules": line_text(1024, N_("a folder path"), 1),
        "severity": {"type": "object", "maxProperties": 1000,
                     "propertyNames": line_text(100, N_("a rule code"), 1),
                     "additionalProperties": one_of(["error", "warning", "info"]),
                     **described(N_("a table of CODE = \"error|warning|info\""))},
    },
}


# -- checking ---------------------------------------------------------------------------------------

_COMPILED: dict[int, Callable] = {}


def _validator(schema: dict) -> Callable:
    key = id(schema)
    if key not in _COMPILED:
        # fastjsonschema only when data is checked: a warm lint checks none (start-up cost)
        import fastjsonschema

        _COMPILED[key] = fastjsonschema.compile(schema)
    return _COMPILED[key]


class Problem:
    """Where data departs from its shape: the path of keys and indexes, and what was expected."""

    def __init__(self, path: list, message: str):
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return self.message


def problem(data, schema: dict) -> Problem | None:
    """The first place where ``data`` departs from ``schema``, or None."""
    # fastjsonschema only when data is checked: a warm lint checks none (start-up cost)
    import fastjsonschema

    try:
        _validator(schema)(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        path = list(exc.path[1:])  # "data" first
        where = _dotted(path) or _("the file")
        definition = exc.definition if isinstance(exc.definition, dict) else {}
        if exc.rule == "required":
            missing = [k for k in exc.rule_definition if not (isinstance(exc.value, dict) and k in exc.value)]
            return Problem(path, _("{where} needs {keys}").format(
                where=where, keys=", ".join(quoted(k) for k in missing)))
        if exc.rule == "additionalProperties" and "properties" in definition:
            extra = sorted(str(k) for k in (exc.value or {}) if k not in definition["properties"])
            return Problem(path, _("{where}: unknown key(s) {keys} (known: {known})").format(
                where=where, keys=", ".join(map(quoted, extra)), known=", ".join(sorted(definition["properties"]))))
        if exc.rule == "propertyNames":
            return Problem(path, _("{where}: every key must be {expected}").format(
                where=where, expected=said(definition["propertyNames"]) or _("text")))
        expected = said(definition) or exc.message.replace("data", where, 1)
        return Problem(path, _("{where} must be {expected}, not {found}").format(
            where=where, expected=expected, found=found(exc.value)))
    return None


def said(definition: dict) -> str | None:
    """What a schema expects, in the language of messages (None where it does not say)."""
    if "x-say" in definition:
        return render(definition["x-say"], _)
    return None


def _dotted(path: list) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if str(step).isdigit() else (f".{step}" if out else str(step))
    return out


def found(value) -> str:
    """What a value is, in a few words, for a message (never the whole of a long value)."""
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        shown = " ".join(value.split())
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        if len(value) > 40 or shown != value:
            return _("{n} characters of text ({text})").format(n=len(value), text=quoted(shown))
        return quoted(value)
    if isinstance(value, (list, tuple)):
        return ngettext("a list of {n}", "a list of {n}", len(value)).format(n=len(value))
    if isinstance(value, dict):
        return ngettext("a mapping of {n} key", "a mapping of {n} keys", len(value)).format(n=len(value))
    return type(value).__name__
