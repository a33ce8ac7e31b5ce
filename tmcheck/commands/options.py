"""Options more than one command module takes, declared once."""

from __future__ import annotations

import click


def memory_location(ctx, param, value):
    """A path (an SQLite file) or a postgresql:// URL (kept whole: a Path would fold its '//')."""
    if value is None:
        return None
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..memory.backends import location

    return location(value)


memory_option = click.option(
    "--memory", "memory_path", default=None, envvar="TMCHECK_MEMORY", metavar="PATH|URL", callback=memory_location,
    help="The memory: an SQLite file or a postgresql:// URL (default: $TMCHECK_MEMORY, "
         "else ~/.local/share/tmcheck/memory.sqlite).")
