"""``tmcheck memory …`` and ``tmcheck suggest``: the commands over translation memories.

Kept apart from cli.py so that ``tmcheck lint`` never imports any of it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import InputError
from ..i18n import _, ngettext
from .options import memory_option


_encoder_option = click.option(
    "--encoder", default=None, metavar="SPEC",
    help="Sentence encoder: 'use' (the multilingual Universal Sentence Encoder, default) or st:NAME_OR_PATH.")
_format_option = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


def _bars():
    """A progress bar factory for the store (on a terminal only, and only for long work)."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.store import no_progress

    if not sys.stderr.isatty():
        return no_progress

    def factory(label: str, total: int):
        if total < 2000:
            return no_progress(label, total)
        return click.progressbar(length=total, label=label, file=sys.stderr)

    return factory


def _color() -> bool:
    return sys.stdout.isatty()


@click.group()
def memory() -> None:
    """Translation memories: import, search, list, export, remove.

    The bundled memories (standard UN agenda phrasing) are always searched beside your own."""


@memory.command("import")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@memory_option
@click.option("--name", default=None, help="Memory name (default: each file's name without its suffixes).")
@click.option("--source", "source_doc", type=click.Path(path_type=Path), default=None,
              help="A source document to align with --target and import sentence by sentence.")
@click.option("--target", "target_doc", type=click.Path(path_type=Path), default=None, help="Its translation.")
@click.option("--source-lang", type=click.Choice(["fr", "en"]), default=None)
@click.option("--target-lang", type=click.Choice(["fr", "en"]), default=None)
@click.option("--include-fuzzy", is_flag=True, help="Also import fuzzy entries of PO and XLIFF files.")
@_encoder_option
@click.option("--no-vectors", is_flag=True, help="Skip sentence vectors (computed on the first semantic search instead).")
def import_(files, memory_path, name, source_doc, target_doc, source_lang, target_lang, include_fuzzy, encoder, no_vectors):
    """Import TMX, XLIFF, PO or TSV files, or a document pair (--source A.fr.md --target A.en.md).

    Each import is one transaction: interrupted, it leaves the memory as it was. A pair already in
    the memory is not added again."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.library import aligned_units, default_path, read_units
    from ..memory.store import MemoryStore

    if bool(source_doc) != bool(target_doc):
        raise InputError(_("--source and --target go together (a document and its translation)"))
    if not files and not source_doc:
        raise InputError(_("nothing to import: give TMX, XLIFF, PO or TSV files, or --source and --target"))
    jobs = []  # read everything first: a bad file stops the run before the memory is touched
    for f in files:
        if not f.is_file():
            raise InputError(_("{path}: no such file").format(path=f))
        jobs.append((name or f.name.split(".")[0], str(f), read_units(f, source_lang, target_lang, include_fuzzy)))
    if source_doc:
        for p in (source_doc, target_doc):
            if not p.is_file():
                raise InputError(_("{path}: no such file").format(path=p))
        jobs.append((name or source_doc.name.split(".")[0], f"{source_doc} + {target_doc}",
                     aligned_units(source_doc, target_doc, source_lang, target_lang)))
    enc = None
    if not no_vectors:
        # the sentence encoder (numpy, a model) only when vectors are wanted (start-up cost)
        from ..memory.encoders import get_encoder

        enc = get_encoder(encoder)
    path = memory_path or default_path()
    with MemoryStore.open(path) as store:
        for mem_name, origin, loaded in jobs:
            stats = store.import_units(loaded.units, name=mem_name, source_lang=loaded.source_lang, origin=origin,
                                       encoder=enc, progress=_bars())
            left = stats.skipped + loaded.skipped
            click.echo(ngettext("{origin}: {added} segment added to '{name}', {duplicates} already there",
                                "{origin}: {added} segments added to '{name}', {duplicates} already there",
                                stats.added).format(
                origin=origin, added=stats.added, name=mem_name, duplicates=stats.duplicates)
                + (ngettext(", {n} left out (untranslated, fuzzy or unaligned)",
                            ", {n} left out (untranslated, fuzzy or unaligned)", left).format(n=left) if left else ""))
        click.echo(_("memory: {location}").format(location=store.location))


def _lang_of(text: str, lang: str | None) -> str:
    if lang:
        return lang
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..lang.detect import detect_language

    return detect_language(text)


def _match_json(m) -> dict:
    return {"score": m.score, "kind": m.kind, "source": m.source, "target": m.target, "memory": m.memory}


def _echo_match(m, query: str, lang: str, color: bool, indent: str = "    ") -> None:
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.fuzzy import band, differences, render_diff

    other = "en" if lang == "fr" else "fr"
    label = band(m.score) if m.kind == "fuzzy" else m.kind
    click.echo(f"{indent}{m.score:>3}%  {label} ({m.memory})")
    shown = render_diff(differences(query, m.source), color) if m.kind != "concordance" else m.source
    click.echo(f"{indent}  {lang}: {shown}")
    click.echo(f"{indent}  {other}: {m.target}")


@memory.command()
@click.argument("text")
@memory_option
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None, help="Language of TEXT (default: detected).")
@click.option("--min", "min_score", type=click.IntRange(1, 100), default=75, show_default=True, help="Lowest fuzzy score.")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--semantic", is_flag=True, help="Also find segments that say the same in other words (either language).")
@_encoder_option
@_format_option
def search(text, memory_path, lang, min_score, limit, semantic, encoder, fmt):
    """Fuzzy and concordance search (and semantic with --semantic) for TEXT."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.library import Memories, best_matches

    lang = _lang_of(text, lang)
    with Memories(memory_path) as mems:
        matches = mems.fuzzy(text, lang, min_score=min_score, limit=limit)
        if semantic:
            # the sentence encoder (numpy, a model) only when vectors are wanted (start-up cost)
            from ..memory.encoders import get_encoder
            from ..memory.suggest import SEMANTIC_MIN

            near = mems.semantic([text], lang, get_encoder(encoder), limit=limit, min_score=SEMANTIC_MIN,
                                 progress=_bars())[0]
            matches = best_matches(matches + near, limit)
        found = {(m.source, m.target) for m in matches}
        concordance = [m for m in mems.concordance(text, lang, limit=limit) if (m.source, m.target) not in found]
    if fmt == "json":
        click.echo(json.dumps({"query": text, "lang": lang, "matches": [_match_json(m) for m in matches],
                               "concordance": [_match_json(m) for m in concordance]}, ensure_ascii=False, indent=2))
        return
    color = _color()
    if not matches and not concordance:
        click.echo(_("no match at {score}% or above, and no segment containing the text").format(score=min_score))
    for m in matches:
        _echo_match(m, text, lang, color, indent="")
    if concordance:
        click.echo(_("segments containing '{text}':").format(text=text))
        for m in concordance:
            _echo_match(m, text, lang, color)


@memory.command("list")
@memory_option
def list_(memory_path):
    """The memories searched: yours and the bundled ones."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.library import Memories

    with Memories(memory_path) as mems:
        for store, kind in ((mems.user, "yours"), (mems.bundled, "bundled")):
            if store is None:
                continue
            for info in store.memories():
                click.echo(f"{info.name:<28} {info.segments:>9} segments  {info.source_lang}->"
                           f"{'en' if info.source_lang == 'fr' else 'fr'}  {kind:<7}  {info.imported}  {info.origin}")
        if mems.user is None:
            click.echo(_("(no memory of yours yet at {location}: 'tmcheck memory import FILE' creates it)").format(
                location=mems.where))


@memory.command()
@memory_option
@_format_option
def stats(memory_path, fmt):
    """Size of the memory: segments, index, vectors, file size."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.library import Memories

    with Memories(memory_path) as mems:
        out = {kind: store.stats() for kind, store in (("yours", mems.user), ("bundled", mems.bundled)) if store}
    if fmt == "json":
        click.echo(json.dumps(out, indent=2))
        return
    for kind, s in out.items():
        click.echo(f"{kind}: {s['path']} ({s['backend']})")
        click.echo(f"  {s['memories']} memories, {s['segments']} segments, {s['size_bytes'] / 1e6:.1f} MB on disk")
        click.echo(f"  index: {s['index_tokens']['fr']} French and {s['index_tokens']['en']} English tokens")
        for enc, n in s["vectors"].items():
            click.echo(f"  vectors ({enc}): {n}")


@memory.command()
@memory_option
@click.option("--name", default=None, help="Only this memory (default: all of yours).")
@click.option("--bundled", is_flag=True, help="Export the bundled memories instead of yours.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="TMX file to write (default: stdout).")
def export(memory_path, name, bundled, output):
    """Export as TMX 1.4 (French source, English target)."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.library import Memories
    from ..memory.tmx import write_tmx

    with Memories(memory_path, bundled=bundled) as mems:
        store = mems.bundled if bundled else mems.user
        if store is None:
            raise InputError(_("{location}: no such memory").format(location=mems.where))
        if name and name not in {i.name for i in store.memories()}:
            raise InputError(_("no memory named '{name}' (see 'tmcheck memory list')").format(name=name))
        data = write_tmx(store.segments(name))
    if output is None:
        sys.stdout.buffer.write(data)
        return
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..atomic import write_atomically

    write_atomically(output, data)
    click.echo(_("{path}: written").format(path=output), err=True)


@memory.command()
@click.argument("name")
@memory_option
def remove(name, memory_path):
    """Remove a memory (its segments, index entries and vectors) from your memory file."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.library import Memories

    with Memories(memory_path) as mems:
        if mems.bundled and name in {i.name for i in mems.bundled.memories()} and (
                mems.user is None or name not in {i.name for i in mems.user.memories()}):
            raise InputError(_("'{name}' is a bundled memory: it cannot be removed").format(name=name))
        if mems.user is None:
            raise InputError(_("{location}: no such memory").format(location=mems.where))
        n = mems.user.remove(name)
    click.echo(_("'{name}' removed ({n} segments)").format(name=name, n=n))


@click.command()
@click.argument("draft", required=False, type=click.Path(path_type=Path))
@click.option("--text", default=None, help="A sentence to find standard phrasing for, instead of a draft.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None, help="Language of the draft (default: detected).")
@memory_option
@click.option("--min", "min_score", type=click.IntRange(1, 100), default=75, show_default=True, help="Lowest fuzzy score.")
@click.option("--limit", type=click.IntRange(1, 20), default=3, show_default=True, help="Matches per sentence.")
@click.option("--semantic/--no-semantic", default=True, show_default=True, help="Also match by meaning.")
@_encoder_option
@_format_option
@click.option("--all", "show_all", is_flag=True, help="List sentences without a match too.")
def suggest(draft, text, lang, memory_path, min_score, limit, semantic, encoder, fmt, show_all):
    """Standard phrasing from the memories for each sentence of DRAFT (or for --text)."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.library import Memories
    from ..memory.suggest import Sentence, draft_sentences
    from ..memory.suggest import suggest as run_suggest

    if (draft is None) == (text is None):
        raise InputError(_("give a draft file or --text \"…\" (one of them)"))
    if draft is not None:
        # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
        from ..documents import read_document

        document = read_document(draft)
        sentences = draft_sentences(document)
        lang = lang or _lang_of(document.text, None)
    else:
        sentences = [Sentence("<text>", 1, text.strip())] if text.strip() else []
        lang = _lang_of(text, lang)
    enc = None
    if semantic:
        # the sentence encoder (numpy, a model) only when vectors are wanted (start-up cost)
        from ..memory.encoders import get_encoder

        enc = get_encoder(encoder)
    with Memories(memory_path) as mems:
        results = run_suggest(sentences, lang, mems, min_score=min_score, limit=limit, encoder=enc, progress=_bars())
    if fmt == "json":
        click.echo(json.dumps({"suggestions": [
            {"path": r.sentence.path, "line": r.sentence.line, "text": r.sentence.text,
             "matches": [_match_json(m) for m in r.matches]} for r in results if r.matches or show_all]},
            ensure_ascii=False, indent=2))
        return
    color = _color()
    shown = 0
    for r in results:
        if not r.matches and not show_all:
            continue
        shown += 1
        where = f"{r.sentence.path}:{r.sentence.line}: " if draft is not None else ""
        click.echo(f"{where}{r.sentence.text}")
        if not r.matches:
            click.echo(_("    (no standard phrasing found)"))
        for m in r.matches:
            _echo_match(m, r.sentence.text, lang, color)
    click.echo(ngettext("{shown} of {total} sentences have standard phrasing in the memories",
                        "{shown} of {total} sentences have standard phrasing in the memories", shown).format(
        shown=shown, total=len(results)),
               err=True)


@memory.command("copy")
@click.argument("src", metavar="SRC")
@click.argument("dst", metavar="DST")
def copy_(src, dst):
    """Copy every memory of SRC into DST (each an SQLite file or a postgresql:// URL), vectors
    included, in one transaction; pairs DST already holds are not added twice."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.backends import is_url, location, shown
    from ..memory.store import MemoryStore
    from ..memory.transfer import copy_store

    src_loc, dst_loc = (location(v) for v in (src, dst))
    if src_loc == dst_loc or (not is_url(src) and not is_url(dst) and Path(dst).exists()
                              and Path(src).exists() and Path(src).resolve() == Path(dst).resolve()):
        raise InputError(_("{location}: copying a memory onto itself").format(location=shown(src)))
    with MemoryStore.open(src_loc, create=False, readonly=not is_url(src)) as source, \
            MemoryStore.open(dst_loc) as target:
        done = copy_store(source, target, progress=_bars())
        click.echo(ngettext("{source} -> {target}: {memories} memories, {added} segment added, {duplicates} already there",
                            "{source} -> {target}: {memories} memories, {added} segments added, {duplicates} already there",
                            done.added).format(source=source.location, target=target.location, memories=done.memories,
                                               added=done.added, duplicates=done.duplicates))


@memory.command()
@memory_option
def migrate(memory_path):
    """Convert your memory to the format this tmcheck reads (a memory made by an older tmcheck)."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.library import default_path
    from ..memory.transfer import migrate as run_migrate

    location = memory_path or default_path()
    version, segments = run_migrate(location, progress=_bars())
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.backends import shown
    from ..memory.store import FORMAT

    click.echo(_("{location}: migrated from format {version} to {FORMAT} ({segments} segments)").format(
        location=shown(location), version=version, FORMAT=FORMAT, segments=segments))
