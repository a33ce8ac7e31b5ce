"""Writing the glossary: add, edit, remove and merge entries without losing a comment or an update.

Every write
- holds an exclusive lock on GLOSSARY/.tmcheck-glossary.lock from reading the files to replacing
  them, so that two processes editing at once each see the other's change;
- changes only the text of the entry concerned: an entry is a span of lines, from its "- " to its
  last line of content; comments and blank lines between entries belong to no entry and are kept;
  an edited entry is re-rendered by ruamel.yaml from its own text (its inner comments, quoting and
  key order kept), a new one is appended after the last entry in the file's own indentation;
- checks itself: the new file must parse to the old entries plus exactly the change;
- validates the whole glossary as it would be (checks.validate_texts) and refuses, writing
  nothing, when that finds an error;
- replaces the file atomically (a temporary file beside it, fsync, rename: tmcheck/atomic.py).
"""

from __future__ import annotations

import io
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Callable

from .. import resources, shapes
from ..atomic import write_atomically
from ..documents.folding import fold_text
from ..errors import InputError
from ..i18n import _, ngettext
from ..named_tuples import NamedTuple
from .checks import Issue, Report, key, read_texts, validate_texts
from .load import KINDS, STATUSES, entry_shape, load_order
from .model import LANGS, Entry, Terms

LOCK_NAME = ".tmcheck-glossary.lock"
LOCK_TIMEOUT = 120.0  # seconds: another writer holds the lock for well under a second

LIST_FIELDS = ("short", "forbidden")
ENTRY_ORDER = ("id", "kind", "status", "en", "fr", "symbols", "parent", "notes", "accepted")
SIDE_ORDER = ("term", "acronym", "short", "forbidden")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9.-]*")


# -- the lock ---------------------------------------------------------------------------------------

@contextmanager
def locked(folder: Path, timeout: float = LOCK_TIMEOUT):
    """An exclusive lock on the glossary folder (fcntl.flock; msvcrt on Windows), released however
    the block ends. Another writer waits for it, up to ``timeout`` seconds."""
    path = folder / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise InputError(_("{path}: cannot write in the glossary folder ({reason})").format(
            path=folder, reason=exc.strerror or exc)) from None
    try:
        _acquire(fd, path, timeout)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _acquire(fd: int, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    # fcntl is POSIX-only: Windows locks with msvcrt (the except below)
    try:
        import fcntl

        def attempt() -> bool:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                return False
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        def attempt() -> bool:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return True
            except OSError:
                return False
    delay = 0.01
    while not attempt():
        if time.monotonic() > deadline:
            raise InputError(_("{path}: the glossary is locked by another tmcheck process (waited {seconds} s)").format(
                path=path, seconds=round(timeout)))
        time.sleep(delay)
        delay = min(delay * 1.5, 0.2)


# -- where the glossary may be written ---------------------------------------------------------------

def installed_glossary() -> Path:
    """Where the glossary bundled with an installed tmcheck lives (inside site-packages)."""
    return Path(resources.__file__).resolve().parent / "data" / "glossary"


def is_installed_glossary(folder: Path) -> bool:
    installed = installed_glossary()
    return installed.is_dir() and folder.resolve() == installed.resolve()


def check_writable(folder: Path) -> None:
    """The bundled glossary of an installed tmcheck lives inside site-packages: writing it would be
    lost at the next upgrade. It is written only from a checkout (where it is the top-level
    glossary/ folder, reviewed like code), or as a copy of one's own (tmcheck glossary init)."""
    if is_installed_glossary(folder):
        raise InputError(_("{path}: this is the glossary bundled with the installed tmcheck; start one of your "
                           "own with 'tmcheck glossary init DIR' (then glossary = \"DIR\" in tmcheck.toml, or "
                           "--glossary DIR)").format(path=folder))
    if not folder.is_dir():
        raise InputError(_("{path}: glossary folder not found").format(path=folder))


def file_in(folder: Path, name: str) -> Path:
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        raise InputError(_("--file {name!r}: give a file name inside the glossary folder, e.g. terms.yaml").format(
            name=name))
    if not name.endswith((".yaml", ".yml")):
        raise InputError(_("--file {name}: a glossary file name ends with .yaml").format(name=name))
    return folder / name


# -- entries as YAML --------------------------------------------------------------------------------

def _yaml(indent: tuple[int, int, int] = (2, 4, 2)):
    # ruamel.yaml only when a glossary file is written (start-up cost of the other commands)
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long title or note
    mapping, sequence, offset = indent
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def _flow(items) -> object:
    # ruamel.yaml only when a glossary file is written (start-up cost of the other commands)
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    seq = CommentedSeq(DoubleQuotedScalarString(s) for s in items)
    seq.fa.set_flow_style()
    return seq


def _scalar(text: str):
    """A string as the bundled files write it: plain when YAML reads it back unchanged, else in
    double quotes (a title with ': ' or a leading quote)."""
    # ruamel.yaml only when a glossary file is written (start-up cost of the other commands)
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    import yaml

    if "\n" not in text and not text.startswith(("'", '"')):
        try:
            if _load(text) == text:
                return text
        except yaml.YAMLError:  # not valid as a plain scalar
            pass
    return DoubleQuotedScalarString(text)


def _load(text: str):
    """PyYAML with libyaml when there is one (many times faster than the pure-Python loader)."""
    # PyYAML only when a file is read (start-up cost)
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def entry_to_map(e: Entry):
    """An entry as a ruamel mapping in the schema's key order (README.md)."""
    # ruamel.yaml only when a glossary file is written (start-up cost of the other commands)
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    m["id"] = e.id
    m["kind"] = e.kind
    m["status"] = e.status
    for lang in LANGS:
        side = e.side(lang)
        s = CommentedMap()
        s["term"] = _scalar(side.term)
        if side.acronym:
            s["acronym"] = _scalar(side.acronym)
        if side.short:
            s["short"] = _flow(side.short)
        if side.forbidden:
            s["forbidden"] = _flow(side.forbidden)
        m[lang] = s
    if e.symbols:
        m["symbols"] = _flow(e.symbols)
    if e.parent:
        m["parent"] = e.parent
    if e.notes:
        m["notes"] = _scalar(e.notes)
    if e.accepted:
        m["accepted"] = _flow(e.accepted)
    return m


def plain(value):
    """ruamel's round-trip types as plain Python (to compare with what PyYAML reads)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


# -- one file's layout ------------------------------------------------------------------------------

class Item(NamedTuple):
    first: int  # the line of its "- " (0-based)
    last: int  # its last line of content (0-based, inclusive)
    entry_id: str | None


class Layout(NamedTuple):
    lines: list[str]  # with their line ends
    items: list[Item]
    indent: tuple[int, int, int]  # ruamel's (mapping, sequence, offset)
    block: bool  # entries is a block sequence, one entry per line span


def layout(text: str) -> Layout:
    # PyYAML only when a file is read (start-up cost)
    import yaml

    try:
        Loader = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover
        Loader = yaml.SafeLoader
    lines = text.splitlines(keepends=True)
    node = yaml.compose(text, Loader=Loader)
    seq = None
    region_end = len(lines)
    top_keys = list(node.value) if isinstance(node, yaml.MappingNode) else []
    for n, (k, v) in enumerate(top_keys):
        if getattr(k, "value", None) == "entries":
            seq = v
            if n + 1 < len(top_keys):
                region_end = top_keys[n + 1][0].start_mark.line
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style or not seq.value:
        return Layout(lines, [], (2, 4, 2), False)
    starts = []
    for item in seq.value:
        line, col = item.start_mark.line, item.start_mark.column
        dash = line
        if not lines[line][:col].rstrip().endswith("-"):  # "-" alone on the line above
            dash = line - 1
            while dash > 0 and lines[dash].strip() != "-":
                dash -= 1
        starts.append((dash, item))
    dash_col = len(lines[starts[0][0]]) - len(lines[starts[0][0]].lstrip())
    items = []
    for n, (dash, item) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else region_end
        last = stop - 1
        while last > dash and _between_entries(lines[last], dash_col):
            last -= 1
        entry_id = None
        if isinstance(item, yaml.MappingNode):
            for k, v in item.value:
                if getattr(k, "value", None) == "id" and isinstance(v, yaml.ScalarNode):
                    entry_id = v.value
        items.append(Item(dash, last, entry_id))
    block = len({i.first for i in items}) == len(items) and all(i.first <= i.last for i in items)
    first_item = seq.value[0]
    sequence = first_item.start_mark.column if starts[0][0] == first_item.start_mark.line else dash_col + 2
    mapping = 2
    for item in seq.value:
        if isinstance(item, yaml.MappingNode):
            for k, v in item.value:
                if isinstance(v, yaml.MappingNode) and not v.flow_style and v.value:
                    mapping = v.value[0][0].start_mark.column - k.start_mark.column
                    break
            else:
                continue
            break
    if mapping < 1:
        mapping = 2
    return Layout(lines, items, (mapping, max(sequence, dash_col + 2), dash_col), block)


def _between_entries(line: str, dash_col: int) -> bool:
    """A blank line, or a comment at the entries' own indentation or left of it (a section header
    or a note about the next entry), belongs to no entry."""
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and len(line) - len(line.lstrip()) <= dash_col


def render_entries(maps: list, indent: tuple[int, int, int]) -> str:
    """Entries as the item lines of the file's 'entries:' sequence."""
    y = _yaml(indent)
    out = io.StringIO()
    y.dump({"entries": maps}, out)
    text = out.getvalue()
    assert text.startswith("entries:\n")
    return text[len("entries:\n"):]


def load_item(text: str, indent: tuple[int, int, int]):
    """One entry's own lines as a ruamel mapping (comments inside it kept)."""
    y = _yaml(indent)
    data = y.load("entries:\n" + text)
    return data["entries"][0]


# -- the changes --------------------------------------------------------------------------------------

def _blank_between(lay: Layout) -> bool:
    """Whether the file separates its entries with a blank line (the bundled files do)."""
    items = lay.items
    if len(items) < 2:
        return True
    return any(not lay.lines[k].strip() for k in range(items[0].last + 1, items[1].first))


def text_with_added(text: str, maps: list, name: str) -> str:
    """The file's text with new entries after its last one."""
    if not text.strip():
        items = _separated(render_entries(maps, (2, 4, 2)), Layout([], [], (2, 4, 2), True)).lstrip("\n")
        return f"# Glossary entries (schema: README.md in the bundled glossary folder).\ndomain: {Path(name).stem}\nentries:\n" + items
    lay = layout(text)
    if not lay.block:
        empty = re.search(r"(?m)^entries:[ \t]*\[[ \t]*\][ \t]*(#[^\n]*)?$", text)
        if empty:  # "entries: []": the first entries, in block style, comments elsewhere untouched
            comment = f"  {empty.group(1)}" if empty.group(1) else ""
            items = _separated(render_entries(maps, (2, 4, 2)), Layout([], [], (2, 4, 2), True)).lstrip("\n")
            rest = text[empty.end():]
            return text[:empty.start()] + f"entries:{comment}\n" + items + rest.removeprefix("\n")
        return _whole_document(text, lambda entries: entries.extend(maps))
    lines = list(lay.lines)
    last = lay.items[-1].last
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    lines[last + 1:last + 1] = [_separated(render_entries(maps, lay.indent), lay)]
    return "".join(lines)


def _separated(rendered: str, lay: Layout) -> str:
    """New items, each preceded by a blank line when the file separates its entries so."""
    if not _blank_between(lay):
        return rendered
    dash = " " * lay.indent[2] + "- "
    parts = re.split(r"(?m)^(?=" + re.escape(dash) + ")", rendered)
    return "".join("\n" + p for p in parts if p)


def text_with_replaced(text: str, entry_id: str, change: Callable) -> str:
    """The file's text with one entry re-rendered after ``change(mapping)`` (in place)."""
    lay = layout(text)
    if not lay.block:
        def apply(entries):
            for m in entries:
                if str(m.get("id")) == entry_id:
                    change(m)
        return _whole_document(text, apply)
    item = _item(lay, entry_id)
    own = "".join(lay.lines[item.first:item.last + 1])
    if not own.endswith("\n"):
        own += "\n"
    m = load_item(own, lay.indent)
    change(m)
    new = render_entries([m], lay.indent)
    return "".join(lay.lines[:item.first]) + new + "".join(lay.lines[item.last + 1:])


def text_without(text: str, entry_id: str) -> str:
    """The file's text without one entry; every comment outside it stays."""
    lay = layout(text)
    if not lay.block or len(lay.items) == 1:
        def apply(entries):
            entries[:] = [m for m in entries if str(m.get("id")) != entry_id]
        return _whole_document(text, apply)
    item = _item(lay, entry_id)
    lines = list(lay.lines)
    first, last = item.first, item.last
    stop = last + 1
    while stop < len(lines) and not lines[stop].strip():
        stop += 1
    if stop == len(lines) or item is lay.items[-1]:
        # the last entry: the blank lines before it go, the comments after it stay
        stop = last + 1
        while first > 0 and not lines[first - 1].strip():
            first -= 1
    return "".join(lines[:first] + lines[stop:])


def entry_text(text: str, entry_id: str) -> str | None:
    """One entry's lines as written in its file (None for a file in flow style)."""
    lay = layout(text)
    if not lay.block:
        return None
    item = _item(lay, entry_id)
    return "".join(lay.lines[item.first:item.last + 1]).rstrip("\n")


def _item(lay: Layout, entry_id: str) -> Item:
    found = [i for i in lay.items if i.entry_id == entry_id]
    if len(found) != 1:
        raise InputError(_("entry '{entry_id}' appears {n} times in its file").format(entry_id=entry_id, n=len(found)))
    return found[0]


def _whole_document(text: str, apply: Callable) -> str:
    """For the rare file whose entries are not a block sequence (entries: [] or a flow list): the
    whole document through ruamel's round trip."""
    # ruamel.yaml only when a glossary file is written (start-up cost of the other commands)
    from ruamel.yaml.comments import CommentedSeq

    y = _yaml()
    data = y.load(text)
    entries = data.get("entries")
    if not isinstance(entries, list) or getattr(entries, "fa", None) is not None and entries.fa.flow_style():
        block = CommentedSeq(entries or [])
        data["entries"] = block
        entries = block
    apply(entries)
    if not entries:
        entries.fa.set_flow_style()
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


# -- edit operations on a mapping --------------------------------------------------------------------

FIELDS = ("id", "kind", "status", "parent", "notes", "symbols",
          *(f"{lang}.{f}" for lang in LANGS for f in SIDE_ORDER))


def _field(name: str) -> tuple[str | None, str]:
    if name not in FIELDS:
        raise InputError(_("unknown field '{name}' (fields: {fields})").format(name=name, fields=', '.join(FIELDS)))
    lang, _dot, f = name.rpartition(".")
    return (lang or None), f


def _is_list(f: str) -> bool:
    return f in LIST_FIELDS or f == "symbols"


def _insert_ordered(m, key: str, value, order) -> None:
    if key in m:
        m[key] = value
        return
    pos = 0
    for k in m:
        if k in order and order.index(k) < order.index(key):
            pos = list(m).index(k) + 1
    m.insert(pos, key, value)


def set_field(m, name: str, value: str) -> None:
    # ruamel.yaml only when a glossary file is written (start-up cost of the other commands)
    from ruamel.yaml.comments import CommentedMap

    lang, f = _field(name)
    if f == "id":
        raise InputError(_("an entry's id cannot be changed (other entries and documents may name it): remove it and "
                           "add it anew"))
    if lang:
        side = m.get(lang)
        if side is None:
            side = CommentedMap()
            _insert_ordered(m, lang, side, ENTRY_ORDER)
        target, order = side, SIDE_ORDER
    else:
        target, order = m, ENTRY_ORDER
    if _is_list(f):
        items = split_list(value)
        _insert_ordered(target, f, _flow(items), order)
    else:
        if not value.strip():
            raise InputError(_("--set {name}= needs a value (use --unset {name} to remove it)").format(name=name))
        _insert_ordered(target, f, _scalar(value.strip()), order)


def unset_field(m, name: str) -> None:
    lang, f = _field(name)
    if f in ("id", "term") or (not lang and f in ("kind",)):
        raise InputError(_("'{name}' cannot be removed (every entry has one)").format(name=name))
    target = m.get(lang) if lang else m
    if not target or f not in target:
        raise InputError(_("the entry has no '{name}' to remove").format(name=name))
    del target[f]


def add_to_list(m, name: str, value: str) -> None:
    # ruamel.yaml only when a glossary file is written (start-up cost of the other commands)
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    lang, f = _field(name)
    if not _is_list(f):
        raise InputError(_("'{name}' is not a list: use --set {name}=VALUE").format(name=name))
    value = value.strip()
    if not value:
        raise InputError(_("--add {name}= needs a value").format(name=name))
    if lang:
        target = m.get(lang)
        if target is None:
            target = CommentedMap()
            _insert_ordered(m, lang, target, ENTRY_ORDER)
        order = SIDE_ORDER
    else:
        target, order = m, ENTRY_ORDER
    seq = target.get(f)
    if seq is None:
        _insert_ordered(target, f, _flow([value]), order)
        return
    if not isinstance(seq, list):
        raise InputError(_("'{name}' is not a list in the file; fix it by hand first").format(name=name))
    if value in [str(s) for s in seq]:
        raise InputError(_("'{value}' is already in {name}").format(value=value, name=name))
    quoted = any(isinstance(s, DoubleQuotedScalarString) for s in seq) or not seq
    seq.append(DoubleQuotedScalarString(value) if quoted else _scalar(value))
    if isinstance(seq, CommentedSeq) and not seq:
        seq.fa.set_flow_style()


def remove_from_list(m, name: str, value: str) -> None:
    lang, f = _field(name)
    if not _is_list(f):
        raise InputError(_("'{name}' is not a list: use --unset {name}").format(name=name))
    target = m.get(lang) if lang else m
    seq = target.get(f) if target else None
    values = [str(s) for s in seq] if isinstance(seq, list) else []
    if value not in values:
        raise InputError(_("'{value}' is not in {name} (it holds: {values})").format(
            value=value, name=name, values=', '.join(values) or _('nothing')))
    del seq[values.index(value)]
    if not seq:
        del target[f]


def split_list(value: str) -> list[str]:
    """"a; b; c" -> [a, b, c]; "\\;" is a semicolon inside an item."""
    items, cur, i = [], [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value) and value[i + 1] in ";\\":
            cur.append(value[i + 1])
            i += 2
            continue
        if c == ";":
            items.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    items.append("".join(cur).strip())
    return [s for s in items if s]


def join_list(items) -> str:
    return "; ".join(s.replace("\\", "\\\\").replace(";", "\\;") for s in items)


# -- the transaction ----------------------------------------------------------------------------------

class Outcome(NamedTuple):
    changed: dict[str, str]  # file name -> new text (written unless dry run)
    report: Report  # the glossary as it is after the change
    new_warnings: list[Issue]  # warnings the change brought


def transaction(folder: Path, change: Callable[[dict[str, str], Report], dict[str, str]],
                dry_run: bool = False) -> Outcome:
    """Under the lock: read every file, let ``change`` compute the new text of the files it changes,
    validate the glossary as it would be, and write (unless ``dry_run``). Nothing is written when
    the glossary has an error before or after the change."""
    if dry_run:
        # A dry run writes nothing, so it needs no writable folder and takes no lock: it reads the
        # files as lint does (each replaced whole by a writer, never seen half-written).
        if not folder.is_dir():
            raise InputError(_("{path}: glossary folder not found").format(path=folder))
        return _transaction(folder, change, dry_run)
    check_writable(folder)
    with locked(folder):
        return _transaction(folder, change, dry_run)


def _transaction(folder: Path, change: Callable[[dict[str, str], Report], dict[str, str]], dry_run: bool) -> Outcome:
    texts = read_texts(folder)
    before = validate_texts(texts)
    broken = [i for i in before.errors]
    if broken:
        more = ngettext(" (and {n} more: tmcheck glossary validate)", " (and {n} more: tmcheck glossary validate)",
                        len(broken) - 1).format(n=len(broken) - 1) if len(broken) > 1 else ""
        raise InputError(_("{path}: {message}{more}; fix the glossary first, nothing was written").format(
            path=folder / broken[0].where, message=broken[0].message, more=more))
    changed = change(dict(texts), before)
    after_texts = dict(texts)
    after_texts.update(changed)
    ordered = {f: after_texts[f] for f in sorted(after_texts, key=load_order)}
    after = validate_texts(ordered)
    if after.errors:
        first = after.errors[0]
        others = len(after.errors) - 1
        more = ngettext(" (and {n} more)", " (and {n} more)", others).format(n=others) if others else ""
        raise InputError(_("refused, nothing written: {where}: {message}{more}").format(
            where=first.where, message=first.message, more=more))
    old = {_gist(i) for i in before.warnings}
    new_warnings = [i for i in after.warnings if _gist(i) not in old]
    if not dry_run:
        for name, text in changed.items():
            write_atomically(folder / name, text)
    return Outcome(changed, after, new_warnings)


def _gist(issue: Issue) -> tuple[str, str, str]:
    """An issue without its line numbers, which an edit above it shifts."""
    return issue.code, issue.entry_id, re.sub(r"[\w.-]+\.ya?ml:\d+", "", issue.message)


def verify(name: str, old_text: str, new_text: str, expect: Callable[[list], list]) -> None:
    """The new text must parse to ``expect(old items)``: the change and nothing else."""
    old = _load(old_text) if old_text.strip() else None
    new = _load(new_text)
    old_items = (old or {}).get("entries") or []
    wanted = expect([dict(i) if isinstance(i, dict) else i for i in old_items])
    got = (new or {}).get("entries") or []
    if got != wanted:
        raise InputError(_("{name}: internal error: the rewritten file does not read back as expected; nothing was "
                           "written (set TMCHECK_DEBUG=1 and report it)").format(name=name))
    old_rest = {k: v for k, v in (old or {}).items() if k != "entries"}
    new_rest = {k: v for k, v in (new or {}).items() if k != "entries"}
    if old_text.strip() and old_rest != new_rest:
        raise InputError(_("{name}: internal error: the rewrite touched more than the entries; nothing was "
                           "written").format(name=name))


# -- the operations the commands run ----------------------------------------------------------------

def find_entry(report: Report, entry_id: str) -> Entry:
    for e in report.entries:
        if e.id == entry_id:
            return e
    raise InputError(_("no glossary entry '{entry_id}' (see 'tmcheck glossary search')").format(entry_id=entry_id))


def file_of(entry: Entry) -> str:
    return entry.source.rsplit(":", 1)[0]


def add_entries(folder: Path, name: str, new: list[Entry], dry_run: bool = False) -> Outcome:
    path = file_in(folder, name)
    maps = [entry_to_map(e) for e in new]

    def change(texts, before):
        existing = {e.id: e for e in before.entries}
        for e in new:
            if e.id in existing:
                raise InputError(_("entry '{id}' already exists ({source})").format(
                    id=e.id, source=existing[e.id].source))
        old = texts.get(path.name, "")
        if path.name not in texts and path.exists():
            raise InputError(_("{path}: not a glossary file tmcheck reads (*.yaml)").format(path=path))
        text = text_with_added(old, maps, path.name)
        verify(path.name, old, text, lambda items: items + [plain(m) for m in maps])
        return {path.name: text}

    return transaction(folder, change, dry_run)


def edit_entry(folder: Path, entry_id: str, apply: Callable, dry_run: bool = False) -> Outcome:
    def change(texts, before):
        e = find_entry(before, entry_id)
        name = file_of(e)
        old = texts[name]
        captured = {}

        def modify(m):
            apply(m)
            captured["m"] = plain(m)

        text = text_with_replaced(old, entry_id, modify)

        def expect(items):
            return [captured["m"] if isinstance(i, dict) and i.get("id") == entry_id else i for i in items]

        verify(name, old, text, expect)
        if text == old:
            raise InputError(_("entry '{entry_id}' is unchanged").format(entry_id=entry_id))
        return {name: text}

    return transaction(folder, change, dry_run)


def remove_entry(folder: Path, entry_id: str, dry_run: bool = False) -> Outcome:
    def change(texts, before):
        e = find_entry(before, entry_id)
        children = [c.id for c in before.entries if c.parent == entry_id]
        if children:
            raise InputError(_("entry '{entry_id}' is the parent of {children}: change their parent first").format(
                entry_id=entry_id, children=', '.join(children)))
        name = file_of(e)
        old = texts[name]
        text = text_without(old, entry_id)
        verify(name, old, text, lambda items: [i for i in items if not (isinstance(i, dict) and i.get("id") == entry_id)])
        return {name: text}

    return transaction(folder, change, dry_run)


def existing_forms(entries: list[Entry]) -> tuple[set[str], dict[tuple[str, str], Entry]]:
    ids = {e.id for e in entries}
    terms = {}
    for e in entries:
        for lang in LANGS:
            terms.setdefault((lang, key(e.side(lang).term)), e)
    return ids, terms


class Merge(NamedTuple):
    added: list[Entry]
    skipped: list[tuple[Entry, str]]  # (entry, why)
    outcome: Outcome | None


def merge_entries(folder: Path, name: str, incoming: list[Entry], dry_run: bool = False) -> Merge:
    """Add the incoming entries that are new: an entry whose id or term (either language) the
    glossary already has is skipped and reported, never merged into the existing one."""
    path = file_in(folder, name)
    result: dict = {}

    def change(texts, before):
        ids, terms = existing_forms(before.entries)
        added, skipped = [], []
        for e in incoming:
            why = None
            if e.id in ids:
                why = _("id '{id}' exists").format(id=e.id)
            else:
                for lang in LANGS:
                    other = terms.get((lang, key(e.side(lang).term)))
                    if other is not None:
                        why = _("{lang} term '{term}' is already '{other}'").format(lang=lang, term=e.side(lang).term,
                                                                                 other=other.id)
                        break
            if why:
                skipped.append((e, why))
                continue
            added.append(e)
            ids.add(e.id)
            for lang in LANGS:
                terms[(lang, key(e.side(lang).term))] = e
        result["added"], result["skipped"] = added, skipped
        if not added:
            return {}
        maps = [entry_to_map(e) for e in added]
        old = texts.get(path.name, "")
        text = text_with_added(old, maps, path.name)
        verify(path.name, old, text, lambda items: items + [plain(m) for m in maps])
        return {path.name: text}

    outcome = transaction(folder, change, dry_run)
    return Merge(result["added"], result["skipped"], outcome)


def new_entry(entry_id: str, kind: str, status: str, en: Terms, fr: Terms, symbols=(), parent=None, notes="") -> Entry:
    if not ID_PATTERN.fullmatch(entry_id or ""):
        raise InputError(_("id {entry_id!r}: lower case letters, digits, '-' and '.' only (kebab-case, e.g. unodc, "
                           "cop-untoc)").format(entry_id=entry_id))
    if kind not in KINDS:
        raise InputError(_("kind {kind!r}: one of {kinds}").format(kind=kind, kinds=', '.join(sorted(KINDS))))
    if status not in STATUSES:
        raise InputError(_("status {status!r}: one of {statuses}").format(
            status=status, statuses=', '.join(sorted(STATUSES))))
    for lang, side in (("en", en), ("fr", fr)):
        if not side.term or not side.term.strip():
            raise InputError(_("entry '{entry_id}' needs a {lang} term (both languages are required)").format(
                entry_id=entry_id, lang=lang))
    entry = Entry(entry_id, kind, status, en, fr, tuple(symbols), parent, notes or "", "")
    problem = entry_shape_problem(entry)
    if problem:
        raise InputError(_("entry '{entry_id}': {problem}").format(entry_id=entry_id, problem=problem))
    return entry


def entry_shape_problem(e: Entry) -> str | None:
    """What the glossary's schema (shapes.py) finds wrong with an entry made from a command line,
    a CSV row or a TBX concept (a tab in a term, a term of 5,000 characters), before it is
    written: the file it would be written to must read back."""
    def side(t: Terms) -> dict:
        return {"term": t.term, "acronym": t.acronym, "short": list(t.short), "forbidden": list(t.forbidden)}

    raw = {"id": e.id, "kind": e.kind, "status": e.status, "en": side(e.en), "fr": side(e.fr),
           "symbols": list(e.symbols), "parent": e.parent, "notes": e.notes}
    found = shapes.problem(raw, entry_shape())
    return str(found) if found else None


def slug(text: str, limit: int = 48) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold_text(text)).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0]
    return s or "entry"
