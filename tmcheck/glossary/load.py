"""Load and validate the glossary folder.

Parsing YAML and building the Aho–Corasick automata costs more than linting a document, so the
compiled glossary is kept in tmcheck's cache (see tmcheck/cache.py) and rebuilt when a file changes.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import cached
from ..errors import InputError
from ..i18n import _
from .index import build_indexes
from .model import LANGS, Entry, Glossary, Terms

KINDS = {"organ", "body", "working-group", "meeting", "office", "organization", "instrument", "series", "term", "mission",
         "country"}
STATUSES = {"official", "proposed", "deprecated"}
_ENTRY_SHAPE: dict = {}


def entry_shape() -> dict:
    """The schema of an entry (shapes.py), built when a glossary file is parsed: a lint whose
    compiled glossary is cached never imports the schemas."""
    if not _ENTRY_SHAPE:
        # the shapes only when a file is parsed: a warm lint loads the glossary from the cache
        from .. import shapes

        _ENTRY_SHAPE.update(shapes.glossary_entry(KINDS, STATUSES))
    return _ENTRY_SHAPE
MAX_FILE_BYTES = 50 * 1024 * 1024  # the bundled glossary is 120 kB; a file 400 times larger is a mistake


def glossary_files(folder: Path) -> list[Path]:
    """The files of a glossary folder, in the order they are read (later ids may not repeat earlier ones)."""
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))


def load_order(name: str) -> tuple[int, str]:
    """The order of glossary_files, for file names."""
    return (0 if name.endswith(".yaml") else 1, name)


def read_file(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(_("{path}: glossary file too large ({size} MB; the limit is {limit} MB)").format(
                path=path, size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)))
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(_("{path}: glossary file is not UTF-8").format(path=path)) from None
    except OSError as exc:
        raise InputError(_("{path}: cannot read ({reason})").format(path=path, reason=exc.strerror or exc)) from None


def compose(text: str):
    """(node tree, data) of a glossary file's YAML, read within bounds (safe_yaml: no deep nesting,
    no alias); the node tree gives each entry's line. Raises yaml.YAMLError."""
    # PyYAML's bounds only when a file is parsed: a warm lint loads the glossary from the cache
    from .. import safe_yaml

    return safe_yaml.load(text)


def yaml_problem(exc) -> tuple[int | None, str]:
    # PyYAML's bounds only when a file is parsed: a warm lint loads the glossary from the cache
    from .. import safe_yaml

    return safe_yaml.problem(exc)


def file_problem(data) -> str | None:
    """What is wrong with a glossary file's top level, if anything ("entries:" must be a list)."""
    # the shapes only when a file is parsed: a warm lint loads the glossary from the cache
    from .. import shapes

    found = shapes.problem(data, shapes.GLOSSARY_FILE)
    return _("a glossary file needs a top-level 'entries:' list ({problem})").format(problem=found) if found else None


def load_glossary(folder: str | Path, use_cache: bool = True) -> Glossary:
    """The compiled glossary of a folder. A folder whose files hold no entry is an empty glossary:
    the glossary checks then find nothing."""
    folder = Path(folder)
    try:
        if not folder.is_dir():
            raise InputError(_("{path}: glossary folder not found").format(path=folder))
        files = glossary_files(folder)
    except OSError as exc:  # a name too long, a folder that cannot be listed
        raise InputError(_("{path}: cannot read the glossary folder ({reason})").format(
            path=_shown(folder), reason=exc.strerror or exc)) from None
    if not files:
        raise InputError(_("{path}: no glossary files (*.yaml) in this folder").format(path=folder))
    # The code that compiles it is part of the key: a new tmcheck never reads an old index.
    code = sorted(Path(__file__).parent.glob("*.py"))
    return cached("glossary", files + code, lambda: compile_glossary(parse_files(files)), use_cache)


def parse_files(files: list[Path]) -> list[Entry]:
    import yaml  # only when the cache is cold

    entries: list[Entry] = []
    for f in files:
        text = read_file(f)
        try:
            node, data = compose(text)
        except yaml.YAMLError as exc:
            line, problem = yaml_problem(exc)
            where = f":{line}" if line else ""
            raise InputError(_("{path}: invalid glossary YAML: {reason}").format(path=f"{f}{where}", reason=problem)) from None
        if data is None:
            continue
        problem = file_problem(data)
        if problem:
            raise InputError(_("{path}: {problem}").format(path=f, problem=problem))
        lines = entry_lines(node)
        for i, raw in enumerate(data["entries"]):
            where = f"{f.name}:{lines[i] if i < len(lines) else '?'}"
            entries.append(read_entry(raw, where))
    return entries


def _shown(path: Path, limit: int = 120) -> str:
    """A path as a message shows it: a very long one (a 5,000-character argument) is shortened."""
    text = str(path)
    return text if len(text) <= limit else text[:limit // 2] + "…" + text[-limit // 2:]



def entry_lines(node) -> list[int]:
    try:
        for k, v in node.value:
            if k.value == "entries":
                return [item.start_mark.line + 1 for item in v.value]
    except (AttributeError, TypeError):
        pass
    return []


def missing_term(raw) -> str | None:
    """The first language whose term an entry with an id lacks (what entry_problem says third;
    glossary validate reports it as missing-language, whatever the language of the message)."""
    entry_id = raw.get("id") if isinstance(raw, dict) else None
    if not entry_id or not isinstance(entry_id, str):
        return None
    return next((lang for lang in LANGS if not isinstance(raw.get(lang), dict) or not raw[lang].get("term")), None)


def entry_problem(raw) -> str | None:
    """The first problem of an entry's shape, else None: the checks of old with their messages (an
    id, both terms), then the schema (glossary_entry in shapes.py)."""
    if not isinstance(raw, dict):
        return _("a glossary entry must be a mapping")
    entry_id = raw.get("id")
    if not entry_id or not isinstance(entry_id, str):
        return _("entry without an 'id'")
    lang = missing_term(raw)
    if lang:
        return _("entry '{id}' has no {lang!r} term (both 'en' and 'fr' are required)").format(id=shown_id(entry_id), lang=lang)
    # the shapes only when a file is parsed: a warm lint loads the glossary from the cache
    from .. import shapes

    found = shapes.problem(raw, entry_shape())
    return _("entry '{entry_id}': {problem}").format(entry_id=shown_id(entry_id), problem=found) if found else None


def shown_id(entry_id) -> str:
    """An id (or a key, a value) as a message quotes it: on one line, and short."""
    text = " ".join(str(entry_id).split())
    return text if len(text) <= 60 else text[:59] + "…"


def read_entry(raw, where: str) -> Entry:
    problem = entry_problem(raw)
    if problem:
        raise InputError(_("{path}: {problem}").format(path=where, problem=problem))
    entry_id = raw["id"]
    sides = {}
    for lang in LANGS:
        side = raw[lang]
        sides[lang] = Terms(
            term=str(side["term"]).strip(),
            acronym=str(side["acronym"]).strip() if side.get("acronym") else None,
            short=tuple(str(s).strip() for s in side.get("short") or ()),
            forbidden=tuple(str(s).strip() for s in side.get("forbidden") or ()),
        )
    kind = raw.get("kind", "term")
    if kind not in KINDS:
        raise InputError(_("{path}: entry '{id}' has unknown kind {kind!r} (one of {kinds})").format(
            path=where, id=entry_id, kind=kind, kinds=", ".join(sorted(KINDS))))
    status = raw.get("status", "official")
    if status not in STATUSES:
        raise InputError(_("{path}: entry '{id}' has unknown status {status!r}").format(path=where, id=entry_id, status=status))
    symbols = tuple(str(s) for s in raw.get("symbols") or ())
    accepted = tuple(" ".join(str(a).split()) for a in raw.get("accepted") or ())
    return Entry(entry_id, kind, status, sides["en"], sides["fr"], symbols, raw.get("parent"),
                 str(raw.get("notes") or ""), where, accepted)


def validate(entries: list[Entry]) -> None:
    """Refuse a glossary the checks cannot trust: the first error of ``tmcheck glossary validate``
    of a kind lint refuses (glossary.checks.LINT_REFUSES), naming the entry and its file line."""
    # import circle: glossary.checks imports this module
    from .checks import LINT_REFUSES, check_entries

    for issue in check_entries(entries, warnings=False):
        if issue.code in LINT_REFUSES:
            raise InputError(_("{path}: {problem}").format(path=issue.where, problem=issue.message))


def compile_glossary(entries: list[Entry]) -> Glossary:
    validate(entries)
    return build_indexes({e.id: e for e in entries})
