"""Load and validate the glossary folder.

Parsing YAML and building the Aho–Corasick automata costs more than linting a document, so the
compiled glossary is kept in tmcheck's cache (see tmcheck/cache.py) and rebuilt when a file changes.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import cached
from ..errors import InputError
from .index import build_indexes
from .model import LANGS, Entry, Glossary, Terms

KINDS = {"organ", "body", "working-group", "meeting", "office", "organization", "instrument", "series", "term", "mission",
         "country"}
STATUSES = {"official", "proposed", "deprecated"}


def glossary_files(folder: Path) -> list[Path]:
    """The files of a glossary folder, in the order they are read (later ids may not repeat earlier ones)."""
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))


def load_order(name: str) -> tuple[int, str]:
    """The order of glossary_files, for file names."""
    return (0 if name.endswith(".yaml") else 1, name)


def read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: glossary file is not UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def compose(text: str):
    """(node tree, data) of a glossary file's YAML with PyYAML's C loader when there is one: the node
    tree gives each entry's line. Raises yaml.YAMLError."""
    import yaml  # only when the cache is cold

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    node = yaml.compose(text, Loader=loader)
    return node, (loader(text).construct_document(node) if node is not None else None)


def yaml_problem(exc) -> tuple[int | None, str]:
    """The 1-based line (if known) and the one-line problem of a YAML error."""
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + 1 if mark else None), getattr(exc, "problem", None) or str(exc).splitlines()[0]


def load_glossary(folder: str | Path, use_cache: bool = True) -> Glossary:
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: glossary folder not found")
    files = glossary_files(folder)
    if not files:
        raise InputError(f"{folder}: no glossary files (*.yaml) in this folder")
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
            raise InputError(f"{f}{where}: invalid glossary YAML: {problem}") from None
        if data is None:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise InputError(f"{f}: a glossary file needs a top-level 'entries:' list")
        lines = _entry_lines(node)
        for i, raw in enumerate(data["entries"]):
            where = f"{f.name}:{lines[i] if i < len(lines) else '?'}"
            entries.append(_entry(raw, where))
    return entries


def _entry_lines(node) -> list[int]:
    try:
        for k, v in node.value:
            if k.value == "entries":
                return [item.start_mark.line + 1 for item in v.value]
    except (AttributeError, TypeError):
        pass
    return []


def _entry(raw, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: a glossary entry must be a mapping")
    entry_id = raw.get("id")
    if not entry_id or not isinstance(entry_id, str):
        raise InputError(f"{where}: entry without an 'id'")
    sides = {}
    for lang in LANGS:
        side = raw.get(lang)
        if not isinstance(side, dict) or not side.get("term"):
            raise InputError(f"{where}: entry '{entry_id}' has no {lang!r} term (both 'en' and 'fr' are required)")
        sides[lang] = Terms(
            term=str(side["term"]).strip(),
            acronym=str(side["acronym"]).strip() if side.get("acronym") else None,
            short=tuple(str(s).strip() for s in side.get("short") or ()),
            forbidden=tuple(str(s).strip() for s in side.get("forbidden") or ()),
        )
    kind = raw.get("kind", "term")
    if kind not in KINDS:
        raise InputError(f"{where}: entry '{entry_id}' has unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
    status = raw.get("status", "official")
    if status not in STATUSES:
        raise InputError(f"{where}: entry '{entry_id}' has unknown status {status!r}")
    symbols = tuple(str(s) for s in raw.get("symbols") or ())
    return Entry(entry_id, kind, status, sides["en"], sides["fr"], symbols, raw.get("parent"),
                 str(raw.get("notes") or ""), where)


def validate(entries: list[Entry]) -> None:
    """Refuse a glossary the checks cannot trust: the first error of ``tmcheck glossary validate``
    of a kind lint refuses (glossary.checks.LINT_REFUSES), naming the entry and its file line."""
    from .checks import LINT_REFUSES, check_entries

    for issue in check_entries(entries, warnings=False):
        if issue.code in LINT_REFUSES:
            raise InputError(f"{issue.where}: {issue.message}")


def compile_glossary(entries: list[Entry]) -> Glossary:
    validate(entries)
    return build_indexes({e.id: e for e in entries})
