"""``tmcheck glossary …``: the commands terminologists run on the glossary.

    list | show | search                  read it
    add | edit | remove                   change one entry (locked, validated, atomic, comments kept)
    validate                              every problem at once, with file:line
    import | export                       CSV/TSV, TBX (v3 and TBX-Basic 2.0), UN country-name tables
    extract                               candidate entries mined from memories, printed for review

Kept apart from cli.py so that ``tmcheck lint`` never imports any of it; the logic lives in
tmcheck/glossary/ (edit.py, checks.py, csvio.py, tbx.py, countries.py, extract.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import InputError

_FORMATS_OUT = ("csv", "tsv", "tbx")
_FORMATS_IN = ("csv", "tsv", "tbx", "countries")


def _glossary_options(f):
    f = click.option("--config", type=click.Path(path_type=Path), default=None,
                     help="Config file whose 'glossary' key names the folder (default: tmcheck.toml found upward).")(f)
    f = click.option("--glossary", "glossary_dir", type=click.Path(path_type=Path), default=None,
                     help="Glossary folder (default: the config's 'glossary', else the bundled one).")(f)
    return f


def _folder(glossary_dir: Path | None, config: Path | None) -> Path:
    if glossary_dir is not None:
        return glossary_dir
    from .engine.config import find_config, load_config

    path = config or find_config(Path.cwd())
    if path is not None:
        cfg = load_config(path)
        if cfg.glossary is not None:
            return cfg.glossary
    elif config is not None:
        raise InputError(f"{config}: config file not found")
    from .resources import glossary_dir as bundled

    return bundled()


def _report(folder: Path):
    from .glossary.checks import validate_folder

    return validate_folder(folder)


def _entries(folder: Path, may_be_empty: bool = False):
    """The glossary's entries as they are, refusing a glossary with an error (as lint does); a
    folder without glossary files yet is an empty glossary when ``may_be_empty`` (import, add)."""
    if may_be_empty:
        from .glossary.checks import read_texts, validate_texts

        if not folder.is_dir():
            raise InputError(f"{folder}: glossary folder not found")
        report = validate_texts(read_texts(folder))
    else:
        report = _report(folder)
    if report.errors:
        first = report.errors[0]
        more = f" (and {len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        raise InputError(f"{folder / first.where}: {first.message}{more}: see 'tmcheck glossary validate'")
    return report.entries


def _entry_json(e) -> dict:
    d = {"id": e.id, "kind": e.kind, "status": e.status}
    for lang in ("en", "fr"):
        side = e.side(lang)
        d[lang] = {"term": side.term, "acronym": side.acronym, "short": list(side.short), "forbidden": list(side.forbidden)}
    d.update(symbols=list(e.symbols), parent=e.parent, notes=e.notes, source=e.source)
    return d


def _label(e, lang: str) -> str:
    side = e.side(lang)
    return side.term + (f" ({side.acronym})" if side.acronym else "")


def _echo_warnings(issues) -> None:
    for i in issues:
        click.echo(f"tmcheck: warning: {i.where}: {i.message}", err=True)


@click.group()
def glossary() -> None:
    """The glossary: list, search, add, edit, remove, validate, import, export, extract.

    Writes hold a lock on the glossary folder, keep the YAML's comments and order, are atomic, and
    are refused (nothing written) when the glossary would not validate."""


# -- reading ------------------------------------------------------------------------------------------

@glossary.command("list")
@_glossary_options
@click.option("--kind", default=None, help="Only entries of this kind (office, body, term, country...).")
@click.option("--file", "file_name", default=None, metavar="NAME.yaml", help="Only the entries of this file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_(glossary_dir, config, kind, file_name, fmt):
    """List the entries: id, kind, English and French terms with their acronyms."""
    folder = _folder(glossary_dir, config)
    entries = [e for e in _entries(folder) if (kind is None or e.kind == kind)
               and (file_name is None or e.source.rsplit(":", 1)[0] == file_name)]
    if fmt == "json":
        click.echo(json.dumps([_entry_json(e) for e in entries], ensure_ascii=False, indent=2))
        return
    for e in entries:
        status = "" if e.status == "official" else f" [{e.status}]"
        click.echo(f"{e.id:<24} {e.kind:<13} {_label(e, 'en')} | {_label(e, 'fr')}{status}")
    click.echo(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}", err=True)


@glossary.command()
@click.argument("entry_id")
@_glossary_options
def show(entry_id, glossary_dir, config):
    """Print one entry as it is written in its file, with its file:line."""
    from .glossary.edit import file_of, find_entry

    folder = _folder(glossary_dir, config)
    report = _report(folder)
    e = find_entry(report, entry_id)
    click.echo(f"# {folder / e.source}")
    written = _entry_text((folder / file_of(e)).read_text(encoding="utf-8"), entry_id)
    click.echo(written if written is not None else json.dumps(_entry_json(e), ensure_ascii=False, indent=2))


@glossary.command()
@click.argument("text")
@_glossary_options
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None, help="Only this language's forms.")
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def search(text, glossary_dir, config, lang, limit, fmt):
    """Find entries by any of their forms in either language (terms, acronyms, short forms,
    forbidden variants, ids), ignoring case, accents and the apostrophe's shape."""
    from .glossary.browse import search_entries

    folder = _folder(glossary_dir, config)
    hits = search_entries(_entries(folder), text, lang)[:limit]
    if fmt == "json":
        click.echo(json.dumps([{**_entry_json(h.entry), "matched": {"form": h.form, "lang": h.lang, "role": h.role}}
                               for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo(f"no glossary entry matches '{text}'", err=True)
        return
    for h in hits:
        via = "" if h.role == "id" else f"   [{h.lang} {h.role}: {h.form}]"
        click.echo(f"{h.entry.id:<24} {_label(h.entry, 'en')} | {_label(h.entry, 'fr')}{via}")


# -- changing one entry -------------------------------------------------------------------------------

def _default_file(folder: Path, kind: str) -> str:
    """The file holding most entries of this kind; terms.yaml when none does."""
    from collections import Counter

    from .glossary.checks import read_texts, validate_texts

    try:
        entries = validate_texts(read_texts(folder)).entries
    except InputError:
        entries = []
    counts = Counter(e.source.rsplit(":", 1)[0] for e in entries if e.kind == kind)
    return counts.most_common(1)[0][0] if counts else "terms.yaml"


@glossary.command()
@_glossary_options
@click.option("--id", "entry_id", default=None, help="Unique id, kebab-case (default: made from the English acronym or term).")
@click.option("--kind", default="term", show_default=True,
              help="organ, body, working-group, meeting, office, organization, instrument, series, term, mission, country.")
@click.option("--status", default="official", show_default=True, help="official, proposed or deprecated.")
@click.option("--en", "en_term", required=True, help="The official English term or title.")
@click.option("--fr", "fr_term", required=True, help="The official French term or title.")
@click.option("--en-acronym", default=None)
@click.option("--fr-acronym", default=None)
@click.option("--en-short", multiple=True, help="An accepted English short form (repeat for more).")
@click.option("--fr-short", multiple=True)
@click.option("--en-forbidden", multiple=True, help="A known wrong English variant (repeat for more).")
@click.option("--fr-forbidden", multiple=True)
@click.option("--symbol", "symbols", multiple=True, help="A document-symbol prefix, ending with '/'.")
@click.option("--parent", default=None, help="The id of the body this one belongs to.")
@click.option("--notes", default="", help="Source and usage notes.")
@click.option("--file", "file_name", default=None, metavar="NAME.yaml",
              help="The file to add it to (default: the file with most entries of its kind, else terms.yaml; created if new).")
@click.option("--dry-run", is_flag=True, help="Validate and show the entry, write nothing.")
def add(glossary_dir, config, entry_id, kind, status, en_term, fr_term, en_acronym, fr_acronym, en_short, fr_short,
        en_forbidden, fr_forbidden, symbols, parent, notes, file_name, dry_run):
    """Add an entry (refused when the glossary would not validate).

    tmcheck glossary add --id unodc --kind office --en "United Nations Office on Drugs and Crime"
    --en-acronym UNODC --fr "Office des Nations Unies contre la drogue et le crime" --fr-acronym ONUDC"""
    from .glossary.edit import add_entries, entry_to_map, new_entry, render_entries, slug
    from .glossary.model import Terms

    folder = _folder(glossary_dir, config)

    def clean(xs):
        return tuple(x.strip() for x in xs if x.strip())

    en = Terms(en_term.strip(), (en_acronym or "").strip() or None, clean(en_short), clean(en_forbidden))
    fr = Terms(fr_term.strip(), (fr_acronym or "").strip() or None, clean(fr_short), clean(fr_forbidden))
    if entry_id is None:
        entry_id = slug(en.acronym) if en.acronym else slug(en.term)
    e = new_entry(entry_id, kind, status, en, fr, clean(symbols), parent or None, notes.strip())
    name = file_name or _default_file(folder, kind)
    outcome = add_entries(folder, name, [e], dry_run=dry_run)
    _echo_warnings(outcome.new_warnings)
    if dry_run:
        click.echo(render_entries([entry_to_map(e)], (2, 4, 2)).rstrip("\n"))
    _done("add", e.id, "to", folder / name, dry_run)


@glossary.command()
@click.argument("entry_id")
@_glossary_options
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
              help="Set a field: kind, status, parent, notes, en.term, en.acronym, fr.term, fr.acronym, or a whole "
                   "list (en.short, en.forbidden, fr.short, fr.forbidden, symbols) as 'a; b'.")
@click.option("--add", "adds", multiple=True, metavar="LIST=VALUE", help="Add one item to a list (fr.forbidden=\"...\").")
@click.option("--remove", "removes", multiple=True, metavar="LIST=VALUE", help="Remove one item from a list.")
@click.option("--unset", "unsets", multiple=True, metavar="FIELD", help="Remove an optional field (en.acronym, parent...).")
@click.option("--dry-run", is_flag=True, help="Validate and show the entry as it would be, write nothing.")
def edit(entry_id, glossary_dir, config, sets, adds, removes, unsets, dry_run):
    """Change fields of one entry; the rest of the file (comments included) stays as it is.

    tmcheck glossary edit unodc --set fr.acronym=ONUDC --add fr.forbidden="Office contre la drogue"
    --remove en.short="the Office" --unset notes"""
    from .glossary.edit import add_to_list, edit_entry, remove_from_list, set_field, unset_field

    if not (sets or adds or removes or unsets):
        raise InputError("nothing to change: give --set, --add, --remove or --unset")

    def pairs(values, option):
        out = []
        for v in values:
            field, eq, value = v.partition("=")
            if not eq:
                raise InputError(f"{option} {v!r}: write FIELD=VALUE, e.g. {option} fr.acronym=ONUDC")
            out.append((field.strip(), value))
        return out

    changes = ([(set_field, f, v) for f, v in pairs(sets, "--set")]
               + [(add_to_list, f, v) for f, v in pairs(adds, "--add")]
               + [(remove_from_list, f, v) for f, v in pairs(removes, "--remove")]
               + [(unset_field, f.strip(), None) for f in unsets])

    def apply(m):
        for fn, field, value in changes:
            fn(m, field) if value is None else fn(m, field, value)

    folder = _folder(glossary_dir, config)
    outcome = edit_entry(folder, entry_id, apply, dry_run=dry_run)
    _echo_warnings(outcome.new_warnings)
    (name, text), = outcome.changed.items()
    if dry_run and (written := _entry_text(text, entry_id)) is not None:
        click.echo(written)
    _done("change", entry_id, "in", folder / name, dry_run)


@glossary.command()
@click.argument("entry_id")
@_glossary_options
@click.option("--dry-run", is_flag=True)
def remove(entry_id, glossary_dir, config, dry_run):
    """Remove one entry (refused while another entry names it as its parent)."""
    from .glossary.edit import remove_entry

    folder = _folder(glossary_dir, config)
    outcome = remove_entry(folder, entry_id, dry_run=dry_run)
    (name, _), = outcome.changed.items()
    _done("remove", entry_id, "from", folder / name, dry_run)


def _entry_text(text: str, entry_id: str) -> str | None:
    """One entry's lines as written in its file (None for a file in flow style)."""
    from .glossary.edit import _item, layout

    lay = layout(text)
    if not lay.block:
        return None
    item = _item(lay, entry_id)
    return "".join(lay.lines[item.first:item.last + 1]).rstrip("\n")


def _done(verb: str, entry_id: str, preposition: str, path: Path, dry_run: bool) -> None:
    """What a write did (on stdout), or would have done (a dry run: on stderr, the entry on stdout)."""
    if dry_run:
        click.echo(f"would {verb} '{entry_id}' {preposition} {path} (dry run: nothing written){_bundled_note(path.parent)}",
                   err=True)
    else:
        click.echo(f"{verb.rstrip('e')}ed '{entry_id}' {preposition} {path}")


def _bundled_note(folder: Path) -> str:
    """After a dry run on the glossary bundled with an installed tmcheck, which is never written."""
    from .glossary.edit import is_installed_glossary

    return ("; the bundled glossary itself is never written: start your own with 'tmcheck glossary init DIR'"
            if is_installed_glossary(folder) else "")


# -- starting a glossary of one's own -----------------------------------------------------------------

@glossary.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory):
    """Start a glossary of your own: copy the bundled one into DIRECTORY (new, or an empty folder).

    Nothing is ever overwritten. Then point tmcheck at it with glossary = "DIRECTORY" in
    tmcheck.toml (or --glossary DIRECTORY): lint and the glossary commands use it from then on."""
    import shutil

    from .resources import glossary_dir as bundled

    source = bundled()
    try:
        if directory.exists() and not directory.is_dir():
            raise InputError(f"{directory}: exists and is not a folder; give a new or empty folder")
        if directory.is_dir() and any(directory.iterdir()):
            raise InputError(f"{directory}: folder not empty; 'glossary init' never overwrites: give a new or empty folder")
        files = sorted(f for f in source.iterdir() if f.is_file() and f.suffix in (".yaml", ".md"))
        directory.mkdir(parents=True, exist_ok=True)
        for f in files:
            # "x": created here or refused, never written over (another process may be at it too)
            with open(f, "rb") as src, open(directory / f.name, "xb") as dst:
                shutil.copyfileobj(src, dst)
    except FileExistsError as exc:
        raise InputError(f"{exc.filename}: already exists; 'glossary init' never overwrites") from None
    except OSError as exc:
        raise InputError(f"{directory}: cannot create the glossary ({exc.strerror or exc})") from None
    yaml_count = sum(1 for f in files if f.suffix == ".yaml")
    click.echo(f"copied the bundled glossary ({yaml_count} files) to {directory}")
    click.echo("to use it, put this line in tmcheck.toml (lint and the glossary commands then read and write it):")
    click.echo(f"glossary = {_toml_string(_config_relative(directory))}")


def _config_relative(directory: Path) -> str:
    """DIRECTORY as tmcheck.toml names it: relative to the tmcheck.toml found upward from here (or
    to here, where one would be made), else absolute; with forward slashes."""
    import os

    from .engine.config import find_config

    config = find_config(Path.cwd())
    base = config.parent if config is not None else Path.cwd()
    target = directory.resolve()
    try:
        return Path(os.path.relpath(target, base.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return target.as_posix()


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # TOML basic strings escape as JSON does


# -- validating ---------------------------------------------------------------------------------------

@glossary.command()
@_glossary_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings (and no error).")
def validate(glossary_dir, config, fmt, strict):
    """Every problem of the glossary, with its file:line.

    Exit 0: no error (warnings may be listed); 1: warnings with --strict; 2: errors (what
    'tmcheck lint' refuses, or what would make its checks wrong)."""
    folder = _folder(glossary_dir, config)
    report = _report(folder)
    if fmt == "json":
        click.echo(json.dumps({"glossary": str(folder), "entries": len(report.entries), "errors": len(report.errors),
                               "warnings": len(report.warnings), "issues": [i.json() for i in report.issues]},
                              ensure_ascii=False, indent=2))
    else:
        for i in report.issues:
            click.echo(f"{folder / i.where}: {i.severity}: {i.message}")
        click.echo(f"{folder}: {len(report.entries)} entries, {len(report.errors)} error{'s' if len(report.errors) != 1 else ''}, "
                   f"{len(report.warnings)} warning{'s' if len(report.warnings) != 1 else ''}", err=True)
    if report.errors:
        sys.exit(2)
    if strict and report.warnings:
        sys.exit(1)


# -- import and export -----------------------------------------------------------------------------

@glossary.command()
@_glossary_options
@click.option("--format", "fmt", type=click.Choice(_FORMATS_OUT), default=None,
              help="csv, tsv or tbx (TBX v3, TBX-Basic dialect); default: from the output's suffix, else csv.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to this file (default: standard output).")
@click.option("--kind", default=None, help="Only entries of this kind.")
@click.option("--file", "file_name", default=None, metavar="NAME.yaml", help="Only the entries of this file.")
def export(glossary_dir, config, fmt, output, kind, file_name):
    """Export the glossary as CSV, TSV or TBX."""
    folder = _folder(glossary_dir, config)
    entries = [e for e in _entries(folder) if (kind is None or e.kind == kind)
               and (file_name is None or e.source.rsplit(":", 1)[0] == file_name)]
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = {"tbx": "tbx", "xml": "tbx", "tsv": "tsv", "tab": "tsv"}.get(suffix, "csv")
    if fmt == "tbx":
        from .glossary.tbx import write_tbx

        data: bytes | str = write_tbx(entries, title=f"tmcheck glossary ({folder.name})")
    else:
        from .glossary.csvio import write_csv

        data = write_csv(entries, "\t" if fmt == "tsv" else ",")
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            click.echo(data, nl=False)
        return
    from .atomic import write_atomically

    write_atomically(output, data)
    click.echo(f"{len(entries)} entries exported to {output} ({fmt})", err=True)


def _input_format(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix == ".csv":
        return "csv"
    if suffix in (".tsv", ".tab", ".txt"):
        head = data.split(b"\n", 1)[0].decode("utf-8", errors="replace").lower()
        columns = {c.strip().lstrip("\ufeff") for c in head.split("\t")}
        if "en_term" in columns:
            return "tsv"
        if {"m49", "fr", "en"} <= columns:
            return "countries"
        return "tsv"
    if data.lstrip().startswith(b"<"):
        return "tbx"
    raise InputError(f"{path}: give --format ({', '.join(_FORMATS_IN)}): the file's suffix does not say")


@glossary.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@_glossary_options
@click.option("--format", "fmt", type=click.Choice(_FORMATS_IN), default=None,
              help="csv, tsv (the export's columns), tbx (v3 or TBX-Basic 2.0), countries (UNTERM or M49 tables); "
                   "default: from the suffix and header.")
@click.option("--file", "file_name", default=None, metavar="NAME.yaml",
              help="The glossary file to add the entries to (default: countries.yaml for countries, else the "
                   "source's name; created if new).")
@click.option("--kind", default=None, help="Kind of entries that do not give one (default: term).")
@click.option("--status", default=None, help="Status of entries that do not give one (default: official).")
@click.option("--dry-run", is_flag=True, help="Show what would be added and skipped, write nothing.")
def import_(source, glossary_dir, config, fmt, file_name, kind, status, dry_run):
    """Merge entries from CSV/TSV, TBX or a country-name table into one glossary file.

    An entry whose id or term (either language) the glossary already has is skipped and reported;
    the glossary as it would be is validated before anything is written."""
    from .glossary.edit import check_writable, merge_entries, slug

    folder = _folder(glossary_dir, config)
    if not dry_run:  # a dry run writes nothing: any folder it can read will do
        check_writable(folder)
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
    fmt = fmt or _input_format(source, data)
    existing = _entries(folder, may_be_empty=True)
    taken = {e.id for e in existing}
    skipped_early: list[tuple[str, str]] = []
    if fmt == "tbx":
        from .glossary.tbx import read_tbx

        imported = read_tbx(source, data, kind, status, taken)
        incoming, skipped_early = imported.entries, imported.skipped
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: not UTF-8 (byte offset {exc.start}); save it as UTF-8") from None
        if fmt == "countries":
            from .glossary.countries import read_countries

            incoming = read_countries(source, text, existing)
            if kind:
                incoming = [e._replace(kind=kind) for e in incoming]
        else:
            from .glossary.csvio import read_csv

            incoming = read_csv(source, text, "\t" if fmt == "tsv" else ",", kind, status, taken)
    name = file_name or ("countries.yaml" if fmt == "countries" else f"{slug(source.name.split('.')[0])}.yaml")
    merge = merge_entries(folder, name, incoming, dry_run=dry_run)
    if merge.outcome:
        _echo_warnings(merge.outcome.new_warnings)
    verb = "would add" if dry_run else "added"
    for e in merge.added if dry_run else ():
        click.echo(f"  + {e.id}: {_label(e, 'en')} | {_label(e, 'fr')}")
    for label, why in skipped_early:
        click.echo(f"  skipped {label}: {why}")
    for e, why in merge.skipped:
        click.echo(f"  skipped {e.id}: {why}")
    skipped = len(skipped_early) + len(merge.skipped)
    click.echo(f"{source}: {verb} {len(merge.added)} entr{'y' if len(merge.added) == 1 else 'ies'} to {folder / name}, "
               f"skipped {skipped}" + (" (dry run: nothing written)" if dry_run else ""))


# -- mining -----------------------------------------------------------------------------------------

@glossary.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@_glossary_options
@click.option("--memory", "memory_path", default=None, envvar="TMCHECK_MEMORY", metavar="PATH|URL",
              callback=lambda ctx, param, value: None if value is None else _memory_location(value),
              help="The memory: an SQLite file or a postgresql:// URL (default: $TMCHECK_MEMORY, else "
                   "~/.local/share/tmcheck/memory.sqlite).")
@click.option("--memories/--no-memories", default=None,
              help="Also mine the memories (the default when no FILES are given).")
@click.option("--bundled/--no-bundled", default=True, show_default=True, help="Include the bundled memories.")
@click.option("--min-count", type=click.IntRange(1, None), default=1, show_default=True,
              help="Fewest segment pairs defining an acronym.")
@click.option("--min-title-count", type=click.IntRange(2, None), default=2, show_default=True,
              help="Fewest segment pairs a title must recur in.")
@click.option("--titles/--no-titles", default=True, show_default=True, help="Also look for recurring titles.")
@click.option("--limit", type=click.IntRange(1, None), default=None, help="Print the most frequent candidates only.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "yaml"]), default="text", show_default=True)
def extract(files, glossary_dir, config, memory_path, memories, bundled, min_count, min_title_count, titles, limit, fmt):
    """Candidate entries mined from memories or bilingual files (TMX, XLIFF, PO, TSV), printed for
    review; nothing is ever added to the glossary.

    Acronym definitions ("Office des Nations Unies contre la drogue et le crime (ONUDC)" beside
    "United Nations Office on Drugs and Crime (UNODC)") and recurring capitalized titles; what the
    glossary already has is left out. --format yaml prints entries ready to paste (status: proposed)."""
    from .glossary import load_glossary
    from .glossary.extract import Pair, as_entries, extract as mine

    folder = _folder(glossary_dir, config)
    known = load_glossary(folder)
    pairs: list[Pair] = []
    for f in files:
        pairs += _file_pairs(f)
    if memories or (memories is None and not files):
        from .memory.library import Memories

        with Memories(memory_path, bundled=bundled) as mems:
            for store in mems.stores:
                for sid, mem, fr, en, _ in store.segments():
                    pairs.append(Pair(f"memory '{mem}' #{sid}", fr, en))
    candidates, stats = mine(pairs, known, min_count, min_title_count, titles)
    shown = candidates[:limit] if limit else candidates
    if fmt == "json":
        click.echo(json.dumps({"pairs": stats.get("pairs", 0), "candidates": [c.json() for c in shown],
                               "stats": stats}, ensure_ascii=False, indent=2))
        return
    summary = (f"{len(candidates)} candidate{'s' if len(candidates) != 1 else ''} from {stats.get('pairs', 0)} segment pairs "
               f"({stats.get('definitions', 0)} acronym definitions paired, {stats.get('known', 0)} already in the glossary); "
               f"review them: nothing was added")
    if fmt == "yaml":
        from .glossary.edit import entry_to_map, render_entries

        entries = as_entries(shown, {e for e in known.entries})
        click.echo(f"# {summary}.\n# Paste what is right under 'entries:' in a glossary file, then run "
                   f"'tmcheck glossary validate'.")
        if entries:
            click.echo(render_entries([entry_to_map(e) for e in entries], (2, 4, 2)).rstrip("\n"))
        return
    for c in shown:
        width = max(len(c.en_acronym or ""), len(c.fr_acronym or ""))
        pad = " " * (width + 2) if width else ""
        en = f"{c.en_acronym:<{width}}  " if c.en_acronym else pad
        fr = f"{c.fr_acronym:<{width}}  " if c.fr_acronym else pad
        click.echo(f"{c.count:>4}x  {c.source:<7}  en  {en}{c.en_term}")
        click.echo(f"{'':>4}   {'':<7}  fr  {fr}{c.fr_term}")
        click.echo(f"{'':>4}   {'':<7}  e.g. {c.example.ref}")
    click.echo(summary, err=True)


def _memory_location(value: str):
    from .memory.backends import location

    return location(value)


def _file_pairs(path: Path):
    from .documents.formats import read_bilingual
    from .glossary.extract import Pair

    b = read_bilingual(path)
    out = []
    for u in b.units:
        if not u.target.strip():
            continue
        fr, en = (u.source, u.target) if b.source_lang == "fr" else (u.target, u.source)
        out.append(Pair(f"{path.name} {u.id if u.id.startswith(('row', 'tu', 'entry')) else 'unit ' + u.id}", fr, en))
    return out
