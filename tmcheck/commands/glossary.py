"""``tmcheck glossary …``: the commands terminologists run on the glossary.

    list | show | search                  read it
    add | edit | remove                   change one entry (locked, validated, atomic, comments kept)
    validate                              every problem at once, with file:line
    import | export                       CSV/TSV, TBX (v3 and TBX-Basic 2.0), UN country-name tables
    extract                               candidate entries mined from memories, printed for review

Imported only when run, so that ``tmcheck lint`` never imports any of it; the logic lives in
tmcheck/glossary/ (edit.py, checks.py, csvio.py, tbx.py, countries.py, extract.py). The reading
and changing commands are here, import, export and extract in glossary_exchange.py, what they
share in glossary_access.py.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections import Counter
from pathlib import Path

import click

from ..errors import InputError
from ..i18n import N_, _, ngettext
from .glossary_access import (echo_warnings, entry_json, entry_label, glossary_entries, glossary_folder,
                              glossary_options, glossary_report)
from .glossary_exchange import export, extract, import_


@click.group()
def glossary() -> None:
    """The glossary: list, search, add, edit, remove, validate, import, export, extract.

    Writes hold a lock on the glossary folder, keep the YAML's comments and order, are atomic, and
    are refused (nothing written) when the glossary would not validate."""


glossary.add_command(import_)  # named "import"
glossary.add_command(export)
glossary.add_command(extract)


# -- reading ------------------------------------------------------------------------------------------

@glossary.command("list")
@glossary_options
@click.option("--kind", default=None, help="Only entries of this kind (office, body, term, country...).")
@click.option("--file", "file_name", default=None, metavar="NAME.yaml", help="Only the entries of this file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_(glossary_dir, config, kind, file_name, fmt):
    """List the entries: id, kind, English and French terms with their acronyms."""
    folder = glossary_folder(glossary_dir, config)
    entries = [e for e in glossary_entries(folder) if (kind is None or e.kind == kind)
               and (file_name is None or e.source.rsplit(":", 1)[0] == file_name)]
    if fmt == "json":
        click.echo(json.dumps([entry_json(e) for e in entries], ensure_ascii=False, indent=2))
        return
    for e in entries:
        status = "" if e.status == "official" else f" [{e.status}]"
        click.echo(f"{e.id:<24} {e.kind:<13} {entry_label(e, 'en')} | {entry_label(e, 'fr')}{status}")
    click.echo(ngettext("{n} entry", "{n} entries", len(entries)).format(n=len(entries)), err=True)


@glossary.command()
@click.argument("entry_id")
@glossary_options
def show(entry_id, glossary_dir, config):
    """Print one entry as it is written in its file, with its file:line."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary.edit import entry_text, file_of, find_entry

    folder = glossary_folder(glossary_dir, config)
    report = glossary_report(folder)
    e = find_entry(report, entry_id)
    click.echo(f"# {folder / e.source}")
    written = entry_text((folder / file_of(e)).read_text(encoding="utf-8"), entry_id)
    click.echo(written if written is not None else json.dumps(entry_json(e), ensure_ascii=False, indent=2))


@glossary.command()
@click.argument("text")
@glossary_options
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None, help="Only this language's forms.")
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def search(text, glossary_dir, config, lang, limit, fmt):
    """Find entries by any of their forms in either language (terms, acronyms, short forms,
    forbidden variants, ids), ignoring case, accents and the apostrophe's shape."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary.browse import search_entries

    folder = glossary_folder(glossary_dir, config)
    hits = search_entries(glossary_entries(folder), text, lang)[:limit]
    if fmt == "json":
        click.echo(json.dumps([{**entry_json(h.entry), "matched": {"form": h.form, "lang": h.lang, "role": h.role}}
                               for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo(_("no glossary entry matches '{text}'").format(text=text), err=True)
        return
    for h in hits:
        via = "" if h.role == "id" else f"   [{h.lang} {h.role}: {h.form}]"
        click.echo(f"{h.entry.id:<24} {entry_label(h.entry, 'en')} | {entry_label(h.entry, 'fr')}{via}")


# -- changing one entry -------------------------------------------------------------------------------

def _default_file(folder: Path, kind: str) -> str:
    """The file holding most entries of this kind; terms.yaml when none does."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary.checks import read_texts, validate_texts

    try:
        entries = validate_texts(read_texts(folder)).entries
    except InputError:
        entries = []
    counts = Counter(e.source.rsplit(":", 1)[0] for e in entries if e.kind == kind)
    return counts.most_common(1)[0][0] if counts else "terms.yaml"


@glossary.command()
@glossary_options
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
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary.edit import add_entries, entry_to_map, new_entry, render_entries, slug
    from ..glossary.model import Terms

    folder = glossary_folder(glossary_dir, config)

    def clean(xs):
        return tuple(x.strip() for x in xs if x.strip())

    en = Terms(en_term.strip(), (en_acronym or "").strip() or None, clean(en_short), clean(en_forbidden))
    fr = Terms(fr_term.strip(), (fr_acronym or "").strip() or None, clean(fr_short), clean(fr_forbidden))
    if entry_id is None:
        entry_id = slug(en.acronym) if en.acronym else slug(en.term)
    e = new_entry(entry_id, kind, status, en, fr, clean(symbols), parent or None, notes.strip())
    name = file_name or _default_file(folder, kind)
    outcome = add_entries(folder, name, [e], dry_run=dry_run)
    echo_warnings(outcome.new_warnings)
    if dry_run:
        click.echo(render_entries([entry_to_map(e)], (2, 4, 2)).rstrip("\n"))
    _done("add", e.id, folder / name, dry_run)


@glossary.command()
@click.argument("entry_id")
@glossary_options
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
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary.edit import add_to_list, edit_entry, entry_text, remove_from_list, set_field, unset_field

    if not (sets or adds or removes or unsets):
        raise InputError(_("nothing to change: give --set, --add, --remove or --unset"))

    def pairs(values, option):
        out = []
        for v in values:
            field, eq, value = v.partition("=")
            if not eq:
                raise InputError(_("{option} {v!r}: write FIELD=VALUE, e.g. {option} fr.acronym=ONUDC").format(
                    option=option, v=v))
            out.append((field.strip(), value))
        return out

    changes = ([(set_field, f, v) for f, v in pairs(sets, "--set")]
               + [(add_to_list, f, v) for f, v in pairs(adds, "--add")]
               + [(remove_from_list, f, v) for f, v in pairs(removes, "--remove")]
               + [(unset_field, f.strip(), None) for f in unsets])

    def apply(m):
        for fn, field, value in changes:
            fn(m, field) if value is None else fn(m, field, value)

    folder = glossary_folder(glossary_dir, config)
    outcome = edit_entry(folder, entry_id, apply, dry_run=dry_run)
    echo_warnings(outcome.new_warnings)
    (name, text), = outcome.changed.items()
    if dry_run and (written := entry_text(text, entry_id)) is not None:
        click.echo(written)
    _done("change", entry_id, folder / name, dry_run)


@glossary.command()
@click.argument("entry_id")
@glossary_options
@click.option("--dry-run", is_flag=True)
def remove(entry_id, glossary_dir, config, dry_run):
    """Remove one entry (refused while another entry names it as its parent)."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary.edit import remove_entry

    folder = glossary_folder(glossary_dir, config)
    outcome = remove_entry(folder, entry_id, dry_run=dry_run)
    (name, _text), = outcome.changed.items()
    _done("remove", entry_id, folder / name, dry_run)


# What a write did, and what a dry run would have done: whole sentences, for the translators.
_DONE = {
    "add": (N_("added '{id}' to {path}"), N_("would add '{id}' to {path} (dry run: nothing written){note}")),
    "change": (N_("changed '{id}' in {path}"), N_("would change '{id}' in {path} (dry run: nothing written){note}")),
    "remove": (N_("removed '{id}' from {path}"),
               N_("would remove '{id}' from {path} (dry run: nothing written){note}")),
}


def _done(verb: str, entry_id: str, path: Path, dry_run: bool) -> None:
    """What a write did (on stdout), or would have done (a dry run: on stderr, the entry on stdout)."""
    done, would = _DONE[verb]
    if dry_run:
        click.echo(_(would).format(id=entry_id, path=path, note=_bundled_note(path.parent)), err=True)
    else:
        click.echo(_(done).format(id=entry_id, path=path))


def _bundled_note(folder: Path) -> str:
    """After a dry run on the glossary bundled with an installed tmcheck, which is never written."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary.edit import is_installed_glossary

    return (_("; the bundled glossary itself is never written: start your own with 'tmcheck glossary init DIR'")
            if is_installed_glossary(folder) else "")


# -- starting a glossary of one's own -----------------------------------------------------------------

@glossary.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory):
    """Start a glossary of your own: copy the bundled one into DIRECTORY (new, or an empty folder).

    Nothing is ever overwritten. Then point tmcheck at it with glossary = "DIRECTORY" in
    tmcheck.toml (or --glossary DIRECTORY): lint and the glossary commands use it from then on."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..resources import glossary_dir as bundled

    source = bundled()
    try:
        if directory.exists() and not directory.is_dir():
            raise InputError(_("{path}: exists and is not a folder; give a new or empty folder").format(path=directory))
        if directory.is_dir() and any(directory.iterdir()):
            raise InputError(_("{path}: folder not empty; 'glossary init' never overwrites: give a new or "
                               "empty folder").format(path=directory))
        files = sorted(f for f in source.iterdir() if f.is_file() and f.suffix in (".yaml", ".md"))
        directory.mkdir(parents=True, exist_ok=True)
        for f in files:
            # "x": created here or refused, never written over (another process may be at it too)
            with open(f, "rb") as src, open(directory / f.name, "xb") as dst:
                shutil.copyfileobj(src, dst)
    except FileExistsError as exc:
        raise InputError(_("{path}: already exists; 'glossary init' never overwrites").format(
            path=exc.filename)) from None
    except OSError as exc:
        raise InputError(_("{path}: cannot create the glossary ({reason})").format(
            path=directory, reason=exc.strerror or exc)) from None
    yaml_count = sum(1 for f in files if f.suffix == ".yaml")
    click.echo(_("copied the bundled glossary ({n} files) to {path}").format(n=yaml_count, path=directory))
    click.echo(_("to use it, put this line in tmcheck.toml (lint and the glossary commands then read and write it):"))
    click.echo(f"glossary = {_toml_string(_config_relative(directory))}")


def _config_relative(directory: Path) -> str:
    """DIRECTORY as tmcheck.toml names it: relative to the tmcheck.toml found upward from here (or
    to here, where one would be made), else absolute; with forward slashes."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..engine.config import find_config

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
@glossary_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings (and no error).")
def validate(glossary_dir, config, fmt, strict):
    """Every problem of the glossary, with its file:line.

    Exit 0: no error (warnings may be listed); 1: warnings with --strict; 2: errors (what
    'tmcheck lint' refuses, or what would make its checks wrong)."""
    folder = glossary_folder(glossary_dir, config)
    report = glossary_report(folder)
    if fmt == "json":
        click.echo(json.dumps({"glossary": str(folder), "entries": len(report.entries), "errors": len(report.errors),
                               "warnings": len(report.warnings), "issues": [i.json() for i in report.issues]},
                              ensure_ascii=False, indent=2))
    else:
        for i in report.issues:
            click.echo(f"{folder / i.where}: {i.severity}: {i.message}")
        errors, warnings = len(report.errors), len(report.warnings)
        click.echo(ngettext("{path}: {entries} entry, {errors}, {warnings}",
                            "{path}: {entries} entries, {errors}, {warnings}", len(report.entries)).format(
            path=folder, entries=len(report.entries), errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
            warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)), err=True)
    if report.errors:
        sys.exit(2)
    if strict and report.warnings:
        sys.exit(1)
