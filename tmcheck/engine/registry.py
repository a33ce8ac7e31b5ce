"""The one table of rules: every rule class, listed by its module, checked for duplicates.

Rules are listed explicitly (each check module's ``RULES``), never discovered by scanning names, so
that adding a rule is one visible line and a duplicate code or name fails at start-up.
"""

from __future__ import annotations

from ..checks import (acronyms, consistency, dates, meetings, meta, pair_dates, pair_numbers, pair_symbols,
                      pair_terms, phrasing, symbols, terminology, titles)
from ..checks.base import Rule

MODULES = (meta, acronyms, dates, meetings, symbols, titles, terminology, pair_dates, pair_symbols, pair_terms,
           consistency, pair_numbers, phrasing)


class Registry:
    def __init__(self, rules: list[type[Rule]]):
        self.by_code: dict[str, type[Rule]] = {}
        self.by_name: dict[str, type[Rule]] = {}
        for rule in rules:
            if rule.code in self.by_code:
                raise ValueError(f"duplicate rule code {rule.code}: {rule.__name__} and {self.by_code[rule.code].__name__}")
            if rule.name in self.by_name:
                raise ValueError(f"duplicate rule name {rule.name}: {rule.code} and {self.by_name[rule.name].code}")
            self.by_code[rule.code] = rule
            self.by_name[rule.name] = rule

    def __iter__(self):
        return iter(sorted(self.by_code.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.by_code)

    def lookup(self, key: str) -> type[Rule] | None:
        return self.by_code.get(key.upper()) or self.by_name.get(key.lower())

    def matches(self, selector: str) -> list[type[Rule]]:
        """Rules a selector names: a code (TM201), a name (weekday-mismatch) or a family prefix (TM2)."""
        rule = self.lookup(selector)
        if rule:
            return [rule]
        sel = selector.upper()
        if sel.startswith("TM") and sel[2:].isdigit():
            return [r for r in self if r.code.startswith(sel)]
        return []

    def select(self, select: list[str] | None, ignore: list[str]) -> list[type[Rule]]:
        chosen = list(self) if not select else [r for s in select for r in self.matches(s)]
        dropped = {r.code for s in ignore for r in self.matches(s)}
        seen: set[str] = set()
        out = []
        for r in sorted(chosen, key=lambda r: r.code):
            if r.code not in dropped and r.code not in seen:
                seen.add(r.code)
                out.append(r)
        return out


_REGISTRY: Registry | None = None


def registry() -> Registry:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = Registry([rule for module in MODULES for rule in module.RULES])
    return _REGISTRY
