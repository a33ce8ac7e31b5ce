"""The one table of rules: every code with its name, scope, the module that holds its class, and
how far its suggestions may be applied as fixes.

The table is data, read without importing a single check: a lint imports only the modules of the
rules it runs (a plain draft never pays for the rules that compare a source with its
translation), and `--select`/`--ignore` are checked against it. A test holds the table and the
rule classes to each other (same code, name, scope and module, no class left out), and the
registry refuses a duplicate code or name, or an unknown fix safety, when it is built.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ..named_tuples import NamedTuple

if TYPE_CHECKING:
    from ..checks.base import Rule


# What each fix safety means, as `tmcheck rules CODE` says it.
FIX_SAFETY = {
    "safe": "safe (the suggestion is certainly right and local: 'tmcheck review' applies it as soon as the "
            "editor chooses to fix)",
    "unsafe": "unsafe (the suggestion is probably right, but a human decides: 'tmcheck review' applies it only "
              "when asked, after a confirmation in the terminal or with 'Apply (unsafe)' in the browser)",
    "display": "display (the suggestion is a hint to read, never applied; SARIF carries no fix for it)",
    "none": "none (the rule suggests no replacement)",
}


# What a rule's status means, as `tmcheck rules CODE` and the rule reference say it. A removed rule's
# code is in REMOVED, never in the table again.
STATUSES = {
    "stable": "stable",
    "preview": "preview (new: what it reports may still change between versions; it runs by default)",
    "deprecated": "deprecated (still runs, to be removed: its code will never be given to another rule)",
}


class RuleRow(NamedTuple):
    code: str
    name: str
    scope: str  # draft: one document | pair: a source and its translation
    module: str  # tmcheck.checks.<module>
    # How far the rule's suggestions may be trusted as fixes (a check may make one finding's less
    # certain, never more): safe (certainly right and local: applied without asking), unsafe
    # (probably right, a human decides: applied when asked), display (a hint, never applied: the
    # replacement is not certain, or it would not replace exactly the flagged text), none (the rule
    # suggests nothing).
    fix: str
    fix_note: str = ""  # where some of its findings' fixes are less certain than the rule's
    status: str = "stable"  # see STATUSES; a removed rule leaves the table for REMOVED
    aliases: tuple[str, ...] = ()  # former names, still accepted wherever a rule is named

    def load(self) -> "type[Rule]":
        module = importlib.import_module(f"tmcheck.checks.{self.module}")
        return next(r for r in module.RULES if r.code == self.code)


# Codes of rules that were removed, with why: never given to another rule (tests/test_rule_reference.py
# holds every code ever issued to TABLE or here), so that a suppression or a decision written for an
# old rule never silences a new one.
REMOVED: dict[str, str] = {}

# code, name, scope, module, fix safety (and a note on it), and, where they are not the defaults, a
# dict of status and aliases: one row per rule, in code order. Codes are never reused.
TABLE = tuple(RuleRow(*row[:-1], **row[-1]) if isinstance(row[-1], dict) else RuleRow(*row) for row in (
    ("TM001", "unused-suppression", "draft", "meta", "none"),
    ("TM002", "unaligned-segment", "pair", "meta", "none"),
    ("TM101", "acronym-variant", "draft", "acronyms", "safe"),
    ("TM102", "acronym-wrong-language", "draft", "acronyms", "unsafe"),
    ("TM103", "acronym-missing", "pair", "pair_terms", "safe",
     "unsafe where the translation has a real acronym in its place, the source's or another body's (the words "
     "around it may have to change: 'l'UNDP' is 'le PNUD'; or the source may be the one that is wrong)"),
    ("TM104", "acronym-definition-mismatch", "draft", "acronyms", "unsafe"),
    ("TM105", "acronym-unknown", "draft", "acronyms", "none", "", {"status": "preview"}),
    ("TM201", "weekday-mismatch", "draft", "dates", "unsafe"),
    ("TM202", "date-name-misspelled", "draft", "dates", "safe"),
    ("TM203", "impossible-date", "draft", "dates", "none"),
    ("TM204", "event-date-conflict", "draft", "dates", "none"),
    ("TM205", "date-mismatch", "pair", "pair_dates", "unsafe"),
    ("TM206", "date-missing", "pair", "pair_dates", "display"),
    ("TM207", "date-style", "draft", "dates", "safe",
     "unsafe where the month stands before the day (the date's other words may have to change)", {"status": "preview"}),
    ("TM208", "time-style", "draft", "dates", "safe", "", {"status": "preview"}),
    ("TM301", "symbol-body-mismatch", "draft", "symbols", "none"),
    ("TM302", "title-variant", "draft", "titles", "unsafe"),
    ("TM303", "agenda-title-mismatch", "draft", "titles", "unsafe"),
    ("TM304", "malformed-symbol", "draft", "symbols", "safe"),
    ("TM305", "symbol-mismatch", "pair", "pair_symbols", "unsafe"),
    ("TM306", "symbol-missing", "pair", "pair_symbols", "display"),
    ("TM307", "document-title-conflict", "draft", "symbols", "unsafe"),
    ("TM308", "document-symbol-conflict", "draft", "symbols", "unsafe"),
    ("TM309", "meeting-name-conflict", "draft", "meetings", "unsafe", "", {"status": "preview"}),
    ("TM401", "forbidden-term", "draft", "terminology", "safe"),
    ("TM402", "house-style", "draft", "house_style", "safe"),
    ("TM403", "term-missing", "pair", "pair_terms", "display"),
    ("TM501", "inconsistent-translation", "pair", "consistency", "display"),
    ("TM502", "shared-translation", "pair", "consistency", "none"),
    ("TM503", "standard-phrasing", "draft", "phrasing", "display"),
    ("TM601", "number-mismatch", "pair", "pair_numbers", "unsafe"),
    ("TM602", "number-missing", "pair", "pair_numbers", "none"),
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
            if getattr(row, "fix", "none") not in FIX_SAFETY:
                raise ValueError(f"{row.code}: unknown fix safety {row.fix!r}")
            # rows of the table, or rule classes themselves (the tests build registries of either)
            status = getattr(row, "status", "stable")
            if status not in STATUSES:
                raise ValueError(f"{row.code}: unknown status {status!r}")
            for name in (row.name, *getattr(row, "aliases", ())):
                if name in self.by_name:
                    raise ValueError(f"duplicate rule name {name}: {row.code} and {self.by_name[name].code}")
                self.by_name[name] = row  # a former name (an alias) names the rule as its name does
            self.by_code[row.code] = row
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

    def by_family(self, selector: str | None = None):
        """(family prefix, its name, its description, its rule classes), family by family, for
        every rule or those ``selector`` names (see matches): what `tmcheck rules` lists."""
        chosen = {row.code for row in self.matches(selector)} if selector else None
        rules = [r for r in self if chosen is None or r.code in chosen]
        for family in sorted({r.code[:3] for r in rules}):
            description, name = FAMILIES.get(family, ("", ""))
            yield family, name, description, [r for r in rules if r.code[:3] == family]

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
