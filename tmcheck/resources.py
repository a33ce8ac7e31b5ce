"""Where the glossary, rules and memories shipped with tmcheck live.

Installed, they are the packages ``tmcheck.data.glossary`` and ``tmcheck.data.rules`` (mapped
from the repository's top-level folders by pyproject.toml); run from a checkout they are the
top-level folders themselves.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    installed = _HERE / "data" / name
    if installed.is_dir():
        return installed
    return _HERE.parent / name


def glossary_dir() -> Path:
    return _find("glossary")


def rules_dir() -> Path:
    return _find("rules")


def memories_dir() -> Path:
    return _find("memories")


def bundled_memories() -> list[Path]:
    """The TMX files of the bundled memories."""
    folder = memories_dir()
    return sorted(folder.glob("*.tmx")) if folder.is_dir() else []
