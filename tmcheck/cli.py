"""The command line: the ``tmcheck`` group, the table of its commands and ``run()``, the entry point.

Each command lives in its own module under tmcheck/commands/, imported only when it runs (see
_LazyGroup)."""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import sys

# Start-up builds thousands of objects that live as long as the process (modules, classes, Click's
# commands, the compiled glossary): the cyclic collector would walk them again and again for
# nothing (10M of the 114M instructions of importing Click and this module). Off while its imports
# run, then as it was (a program that imports tmcheck keeps its own setting); entry() keeps it off
# for the whole of a read-only command.
_COLLECTING = gc.isenabled()
gc.disable()
try:
    from . import regex_cache

    # Before Click: the modules it imports (platform, gettext, tokenize...) compile a dozen patterns
    # at import, parsed at every start otherwise (~10M instructions of a cold lint); then tmcheck's.
    regex_cache.install()

    import click

    from . import __version__
    from .commands import EXIT_ERROR, EXIT_OK
    from .errors import InputError, mask_secrets
    from .i18n import _, choose
except BaseException:  # an import that fails leaves the importing program's collector as it was
    if _COLLECTING:
        gc.enable()
    raise


class _LazyGroup(click.Group):
    """Each command's module is imported only when the command runs (or is listed by --help), so
    that ``tmcheck lint`` pays nothing for the memory, review or glossary commands (Click's
    documented lazy-loading pattern)."""

    lazy = {
        "lint": "tmcheck.commands.lint:lint",
        "rules": "tmcheck.commands.rules:rules",
        "memory": "tmcheck.commands.memory:memory",
        "suggest": "tmcheck.commands.memory:suggest",
        "review": "tmcheck.commands.review:review",
        "glossary": "tmcheck.commands.glossary:glossary",
        "facts": "tmcheck.commands.facts:facts",
    }

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        _invoked[:] = [name]  # the last command resolved: in-process runs (the tests) call run() many times
        if name not in _QUICK_EXIT and _COLLECTOR_HELD:
            _COLLECTOR_HELD.clear()  # a command that may run long (a server, an import): collected as usual
            gc.enable()
        return name, command, rest

    def get_command(self, ctx, name):
        if name in self.lazy and name not in self.commands:
            module, attr = self.lazy[name].split(":")
            self.add_command(_with_messages_option(getattr(importlib.import_module(module), attr)), name)
        return super().get_command(ctx, name)


_PENDING_NOTE: list[str] = []
_invoked: list[str] = []  # the command run (for entry(): which may end without the teardown)
# Commands that only read files and write their report: nothing of theirs needs the interpreter's
# teardown (no database connection to close, no server thread).
_QUICK_EXIT = {"lint", "rules", "facts"}
_COLLECTOR_HELD: list[bool] = []  # entry() turned the cyclic collector off until the command is known


def _choose_messages(ctx, param, value):
    """--messages, before any other option is read: the language of every message of the run
    (then $TMCHECK_MESSAGES, then the locale; tmcheck.i18n). A catalog that is missing: English, and
    one note, printed once the command's own --messages is read (the last word)."""
    if ctx.parent is None or value is not None:
        _PENDING_NOTE[:] = [note] if (note := choose(value)) else []
    if ctx.parent is not None and _PENDING_NOTE:
        click.echo(f"tmcheck: note: {_PENDING_NOTE.pop()}", err=True)


def _messages_option():
    return click.Option(["--messages"], type=click.Choice(["fr", "en"]), default=None, expose_value=False,
                        is_eager=True, callback=_choose_messages,
                        help="Language of messages: fr or en (default: $TMCHECK_MESSAGES, else the locale).")


def _with_messages_option(command: click.Command) -> click.Command:
    """``--messages`` accepted by a command and, for a group, by each of its commands, so that it
    can be given where the user thinks of it: ``tmcheck --messages fr lint``, ``tmcheck lint
    --messages fr``."""
    if not any(p.name == "messages" for p in command.params):
        command.params.insert(0, _messages_option())
    for sub in getattr(command, "commands", {}).values():
        _with_messages_option(sub)
    return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tmcheck")
def main() -> None:
    """tmcheck: consistency checks for French and English UN documents."""


def _os_error(exc: OSError) -> str:
    """One line for an error of the system on a file: its name (shortened), what the system said."""
    name = str(exc.filename) if exc.filename is not None else ""
    name = " ".join(name.split())
    if len(name) > 120:
        name = name[:60] + "…" + name[-59:]
    what = exc.strerror or " ".join(str(exc).split())
    return f"{name}: {what}" if name else what


_with_messages_option(main)

if _COLLECTING:
    # What the imports built goes to the oldest generation, where objects that live as long as the
    # process end up, without the walk over all of it that the first collection would make (the
    # importing program's own young objects go with it: collected with the old ones). Not in a
    # program that froze objects of its own (a server before it forks): unfreeze would thaw them.
    if not gc.get_freeze_count():
        gc.freeze()
        gc.unfreeze()
    gc.enable()


def run() -> None:
    """Entry point: a one-line message and exit 2 for bad input, never a traceback."""
    try:
        main.main(standalone_mode=False)
    except InputError as exc:
        click.echo(f"tmcheck: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Abort:
        click.echo(_("tmcheck: aborted"), err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except OSError as exc:  # a path given that the system refuses (too long, no permission...)
        click.echo(f"tmcheck: {_os_error(exc)}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a bug: say so in one line; TMCHECK_DEBUG=1 shows the traceback
        if os.environ.get("TMCHECK_DEBUG"):
            raise
        # mask_secrets: a database URL in an exception must not print its password
        click.echo(_("tmcheck: internal error: {error} (set TMCHECK_DEBUG=1 for details)").format(
            error=f"{exc.__class__.__name__}: {mask_secrets(str(exc))}"), err=True)
        sys.exit(EXIT_ERROR)


def entry() -> None:
    """The console script and ``python -m tmcheck``: run(); then, after a read-only command
    (lint, rules, facts), end the process without the interpreter's teardown.

    Freeing every object of the run one by one and collecting the glossary's cycles costs about a
    tenth of a cold ``tmcheck lint`` (68M of 773M instructions on the 2012 sample), for memory the
    system takes back at once. Exit handlers still run (the regex cache is saved by one) and the
    output is flushed; with any other command, or a thread still running, the normal exit.

    The cyclic collector stays off for a read-only command, as it is while each draft is checked
    (engine/runner.py): what start-up and the check build lives until the process ends, and the
    engine still collects each draft's cycles before the next draft of a long run. Any other command
    turns it back on as soon as it is known (_LazyGroup.resolve_command)."""
    code: int | str | None = 0
    _invoked.clear()
    if gc.isenabled():
        gc.disable()
        _COLLECTOR_HELD[:] = [True]
    try:
        run()
    except SystemExit as exc:
        code = exc.code
    threads = sys.modules.get("threading")  # not imported: no thread was started through it
    if (_invoked[:1] and _invoked[0] in _QUICK_EXIT and (threads is None or threads.active_count() == 1)
            and isinstance(code, (int, type(None)))):
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe (tmcheck lint | head): nothing more to say
                pass
        os._exit(code or 0)
    sys.exit(code)


if __name__ == "__main__":
    entry()
