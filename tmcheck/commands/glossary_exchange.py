"""``tmcheck glossary import | export | extract``: the glossary to and from CSV/TSV, TBX and UN
country-name tables, and candidate entries mined from memories (registered on the ``glossary``
group by glossary.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import InputError
from ..i18n import _, ngettext
from .glossary_access import echo_warnings, entry_label, glossary_entries, glossary_folder, glossary_options
from .options import memory_option

_FORMATS_OUT = ("csv", "tsv", "tbx")
_FORMATS_IN = ("csv", "tsv", "tbx", "countries")


# -- import and export -----------------------------------------------------------------------------

@click.command()
@glossary_options
@click.option("--format", "fmt", type=click.Choice(_FORMATS_OUT), default=None,
              help="csv, tsv or tbx (TBX v3, TBX-Basic dialect); default: from the output's suffix, else csv.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to this file (default: standard output).")
@click.option("--kind", default=None, help="Only entries of this kind.")
@click.option("--file", "file_name", default=None, metavar="NAME.yaml", help="Only the entries of this file.")
def export(glossary_dir, config, fmt, output, kind, file_name):
    """Export the glossary as CSV, TSV or TBX."""
    folder = glossary_folder(glossary_dir, config)
    entries = [e for e in glossary_entries(folder) if (kind is None or e.kind == kind)
               and (file_name is None or e.source.rsplit(":", 1)[0] == file_name)]
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = {"tbx": "tbx", "xml": "tbx", "tsv": "tsv", "tab": "tsv"}.get(suffix, "csv")
    if fmt == "tbx":
        # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
        from ..glossary.tbx import write_tbx

        data: bytes | str = write_tbx(entries, title=f"tmcheck glossary ({folder.name})")
    else:
        # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
        from ..glossary.csvio import write_csv

        data = write_csv(entries, "\t" if fmt == "tsv" else ",")
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            click.echo(data, nl=False)
        return
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..atomic import write_atomically

    write_atomically(output, data)
    click.echo(_("{n} entries exported to {path} ({format})").format(n=len(entries), path=output, format=fmt), err=True)


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
    raise InputError(_("{path}: give --format ({formats}): the file's suffix does not say").format(
        path=path, formats=', '.join(_FORMATS_IN)))


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@glossary_options
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
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary.edit import check_writable, merge_entries, slug

    folder = glossary_folder(glossary_dir, config)
    if not dry_run:  # a dry run writes nothing: any folder it can read will do
        check_writable(folder)
    if not source.is_file():
        raise InputError(_("{path}: no such file").format(path=source))
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InputError(_("{path}: cannot read ({reason})").format(path=source, reason=exc.strerror or exc)) from None
    fmt = fmt or _input_format(source, data)
    incoming, skipped_early = _read_entries(source, data, fmt, kind, status, glossary_entries(folder, may_be_empty=True))
    name = file_name or ("countries.yaml" if fmt == "countries" else f"{slug(source.name.split('.')[0])}.yaml")
    merge = merge_entries(folder, name, incoming, dry_run=dry_run)
    if merge.outcome:
        echo_warnings(merge.outcome.new_warnings)
    for e in merge.added if dry_run else ():
        click.echo(f"  + {e.id}: {entry_label(e, 'en')} | {entry_label(e, 'fr')}")
    for label, why in skipped_early:
        click.echo(_("  skipped {entry}: {reason}").format(entry=label, reason=why))
    for e, why in merge.skipped:
        click.echo(_("  skipped {entry}: {reason}").format(entry=e.id, reason=why))
    skipped, added = len(skipped_early) + len(merge.skipped), len(merge.added)
    if dry_run:
        line = ngettext("{path}: would add {n} entry to {file}, skipped {skipped} (dry run: nothing written)",
                        "{path}: would add {n} entries to {file}, skipped {skipped} (dry run: nothing written)", added)
    else:
        line = ngettext("{path}: added {n} entry to {file}, skipped {skipped}",
                        "{path}: added {n} entries to {file}, skipped {skipped}", added)
    click.echo(line.format(path=source, n=added, file=folder / name, skipped=skipped))


def _read_entries(source: Path, data: bytes, fmt: str, kind: str | None, status: str | None, existing: list):
    """The entries of an import file in its format, and (label, reason) for those left out while
    reading (TBX)."""
    taken = {e.id for e in existing}
    if fmt == "tbx":
        # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
        from ..glossary.tbx import read_tbx

        imported = read_tbx(source, data, kind, status, taken)
        return imported.entries, imported.skipped
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(_("{path}: not UTF-8 (byte offset {start}); save it as UTF-8").format(
            path=source, start=exc.start)) from None
    if fmt == "countries":
        # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
        from ..glossary.countries import read_countries

        incoming = read_countries(source, text, existing)
        return ([e._replace(kind=kind) for e in incoming] if kind else incoming), []
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary.csvio import read_csv

    return read_csv(source, text, "\t" if fmt == "tsv" else ",", kind, status, taken), []


# -- mining -----------------------------------------------------------------------------------------

@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@glossary_options
@memory_option
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
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary import load_glossary
    from ..glossary.extract import Pair, as_entries, extract as mine

    folder = glossary_folder(glossary_dir, config)
    known = load_glossary(folder)
    pairs: list[Pair] = []
    for f in files:
        pairs += _file_pairs(f)
    if memories or (memories is None and not files):
        # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
        from ..memory.library import Memories

        with Memories(memory_path, bundled=bundled) as mems:
            for store in mems.stores:
                for sid, mem, fr, en, _note in store.segments():
                    pairs.append(Pair(f"memory '{mem}' #{sid}", fr, en))
    candidates, stats = mine(pairs, known, min_count, min_title_count, titles)
    shown = candidates[:limit] if limit else candidates
    if fmt == "json":
        click.echo(json.dumps({"pairs": stats.get("pairs", 0), "candidates": [c.json() for c in shown],
                               "stats": stats}, ensure_ascii=False, indent=2))
        return
    summary = ngettext("{n} candidate from {pairs} segment pairs ({definitions} acronym definitions paired, {known} "
                       "already in the glossary); review them: nothing was added",
                       "{n} candidates from {pairs} segment pairs ({definitions} acronym definitions paired, {known} "
                       "already in the glossary); review them: nothing was added", len(candidates)).format(
        n=len(candidates), pairs=stats.get('pairs', 0), definitions=stats.get('definitions', 0), known=stats.get('known', 0))
    if fmt == "yaml":
        # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
        from ..glossary.edit import entry_to_map, render_entries

        entries = as_entries(shown, {e for e in known.entries})
        click.echo(f"# {summary}.\n# " + _("Paste what is right under 'entries:' in a glossary file, then run "
                                           "'tmcheck glossary validate'."))
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


def _file_pairs(path: Path):
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..documents.formats import read_bilingual
    from ..glossary.extract import Pair

    b = read_bilingual(path)
    out = []
    for u in b.units:
        if not u.target.strip():
            continue
        fr, en = (u.source, u.target) if b.source_lang == "fr" else (u.target, u.source)
        out.append(Pair(f"{path.name} {u.id if u.id.startswith(('row', 'tu', 'entry')) else 'unit ' + u.id}", fr, en))
    return out
