"""The one table of rules: every code with its name, scope and the module that holds its class.

The table is data, read without importing a single check: a lint imports only the modules of the
rules it runs (a plain draft never pays for the rules that compare a source with its
translation), and `--select`/`--ignore` are checked against it. A test holds the table and the
rule classes to each other (same code, name, scope and module, no class left out), and the
registry refuses a duplicate code or name when it is built.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..checks.base import Rule


class RuleRow(NamedTuple):
    code: str
    name: str
    scope: str  # draft: one document | pair: a source and its translation
    module: str  # tmcheck.checks.<module>

    def load(self) -> "type[Rule]":
        module = importlib.import_module(f"tmcheck.checks.{self.module}")
        return next(r for r in module.RULES if r.code == self.code)


# code, name, scope, module: one row per rule, in code order. Codes are never reused.
TABLE = tuple(RuleRow(*row) for row in (
    ("TM001", "unused-suppression", "draft", "meta"),
    ("TM002", "unaligned-segment", "pair", "meta"),
    ("TM101", "acronym-variant", "draft", "acronyms"),
    ("TM102", "acronym-wrong-language", "draft", "acronyms"),
    ("TM103", "acronym-missing", "pair", "pair_terms"),
    ("TM104", "acronym-definition-mismatch", "draft", "acronyms"),
    ("TM105", "acronym-unknown", "draft", "acronyms"),
    ("TM201", "weekday-mismatch", "draft", "dates"),
    ("TM202", "date-name-misspelled", "draft", "dates"),
    ("TM203", "impossible-date", "draft", "dates"),
    ("TM204", "event-date-conflict", "draft", "dates"),
    ("TM205", "date-mismatch", "pair", "pair_dates"),
    ("TM206", "date-missing", "pair", "pair_dates"),
    ("TM301", "symbol-body-mismatch", "draft", "symbols"),
    ("TM302", "title-variant", "draft", "titles"),
    ("TM303", "agenda-title-mismatch", "draft", "titles"),
    ("TM304", "malformed-symbol", "draft", "symbols"),
    ("TM305", "symbol-mismatch", "pair", "pair_symbols"),
    ("TM306", "symbol-missing", "pair", "pair_symbols"),
    ("TM307", "document-title-conflict", "draft", "symbols"),
    ("TM308", "document-symbol-conflict", "draft", "symbols"),
    ("TM309", "meeting-name-conflict", "draft", "meetings"),
    ("TM401", "forbidden-term", "draft", "terminology"),
    ("TM402", "house-style", "draft", "terminology"),
    ("TM403", "term-missing", "pair", "pair_terms"),
    ("TM501", "inconsistent-translation", "pair", "consistency"),
    ("TM502", "shared-translation", "pair", "consistency"),
    ("TM503", "standard-phrasing", "draft", "phrasing"),
    ("TM601", "number-mismatch", "pair", "pair_numbers"),
    ("TM602", "number-missing", "pair", "pair_numbers"),
))

# Families by prefix, and the names `tmcheck rules` prints for them (accepted by --select too).
FAMILIES = {
    "TM0": ("tmcheck itself: suppressions", "tmcheck"),
    "TM1": ("acronyms", "acronyms"),
    "TM2": ("dates", "dates"),
    "TM3": ("meetings, titles and document symbols", "titles"),
    "TM4": ("terminology", "terminology"),
    "TM5": ("memory", "memory"),
    "TM6": ("numbers and typography", "numbers"),
}


class Registry:
    def __init__(self, rows: tuple[RuleRow, ...]):
        self.by_code: dict[str, RuleRow] = {}
        self.by_name: dict[str, RuleRow] = {}
        for row in rows:
            if row.code in self.by_code:
                raise ValueError(f"duplicate rule code {row.code}")
            if row.name in self.by_name:
                raise ValueError(f"duplicate rule name {row.name}: {row.code} and {self.by_name[row.name].code}")
            self.by_code[row.code] = row
            self.by_name[row.name] = row
        self._classes: dict[str, type[Rule]] = {}

    def rule(self, row: RuleRow) -> "type[Rule]":
        """The class of a row (its module imported on first use)."""
        cls = self._classes.get(row.code)
        if cls is None:
            cls = self._classes[row.code] = row.load()
        return cls

    def __iter__(self):
        """Every rule class, in code order (imports every check module: for docs and reports)."""
        return iter([self.rule(row) for row in sorted(self.by_code.values())])

    def __len__(self) -> int:
        return len(self.by_code)

    def lookup(self, key: str) -> "type[Rule] | None":
        row = self.by_code.get(key.upper()) or self.by_name.get(key.lower())
        return self.rule(row) if row else None

    def matches(self, selector: str) -> list[RuleRow]:
        """Rules a selector names: a code (TM201), a name (weekday-mismatch), a family prefix (TM2)
        or a family's name (dates)."""
        row = self.by_code.get(selector.upper()) or self.by_name.get(selector.lower())
        if row:
            return [row]
        sel = selector.upper()
        family = next((prefix for prefix, (_, name) in FAMILIES.items() if name == selector.lower()), None)
        if family:
            sel = family
        if sel.startswith("TM") and sel[2:].isdigit():
            return [r for r in sorted(self.by_code.values()) if r.code.startswith(sel)]
        return []

    def select(self, select: list[str] | None, ignore: list[str]) -> list[RuleRow]:
        chosen = sorted(self.by_code.values()) if not select else [r for s in select for r in self.matches(s)]
        dropped = {r.code for s in ignore for r in self.matches(s)}
        seen: set[str] = set()
        out = []
        for r in sorted(chosen):
            if r.code not in dropped and r.code not in seen:
                seen.add(r.code)
                out.append(r)
        return out


_REGISTRY: Registry | None = None


def registry() -> Registry:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = Registry(TABLE)
    return _REGISTRY
