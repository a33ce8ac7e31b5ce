"""Run the selected rules over drafts: read, detect the language, check, suppress, fingerprint."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.analysis import Analysis
from ..documents import collect_drafts, read_document
from ..errors import InputError
from ..findings import SEVERITY_RANK, Finding
from ..glossary import Glossary, load_glossary
from ..lang.detect import detect_language
from ..resources import glossary_dir
from .config import Config, find_config, load_config
from .registry import registry
from .suppression import apply_suppressions


@dataclass
class Options:
    """What the command line asked for; None means "as the config file says"."""

    lang: str | None = None  # fr | en | auto
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    config: Path | None = None
    glossary: Path | None = None
    rules: Path | None = None


@dataclass
class Result:
    findings: list[Finding]
    files: int
    notices: list[str]
    fail_on: str

    def failed(self) -> bool:
        threshold = SEVERITY_RANK[self.fail_on]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)


class Linter:
    def __init__(self, options: Options):
        self.options = options
        self._configs: dict[Path, Config] = {}
        self._glossaries: dict[Path, Glossary] = {}
        self.explicit = load_config(options.config) if options.config else None
        for key in (options.select or []) + options.ignore:
            if not registry().matches(key):
                raise InputError(f"unknown rule or family '{key}' (see 'tmcheck rules')")

    def config_for(self, draft: Path) -> Config:
        if self.explicit:
            return self.explicit
        folder = draft.parent.resolve()
        if folder not in self._configs:
            path = find_config(folder)
            self._configs[folder] = load_config(path) if path else Config()
        return self._configs[folder]

    def glossary(self, folder: Path) -> Glossary:
        folder = folder.resolve()
        if folder not in self._glossaries:
            self._glossaries[folder] = load_glossary(folder)
        return self._glossaries[folder]

    def lint_paths(self, paths: list[str]) -> Result:
        drafts = collect_drafts(paths)
        findings: list[Finding] = []
        notices: list[str] = []
        fail_on = self.options.fail_on
        for draft in drafts:
            cfg = self.config_for(draft)
            fail_on = fail_on or cfg.fail_on
            document = read_document(draft)
            notices.extend(document.notices)
            findings.extend(self.lint_document(document, cfg))
        return Result(findings, len(drafts), notices, fail_on or "warning")

    def lint_document(self, document, cfg: Config | None = None) -> list[Finding]:
        cfg = cfg or Config()
        o = self.options
        lang = o.lang or cfg.lang or "auto"
        document.lang = detect_language(document.text) if lang == "auto" else lang
        glossary = self.glossary(o.glossary or cfg.glossary or glossary_dir())
        select = o.select if o.select is not None else cfg.select
        for key in (cfg.select or []) + cfg.ignore + list(cfg.severity):
            if not registry().matches(key):
                raise InputError(f"{cfg.path}: unknown rule or family '{key}'")
        rules = registry().select(select, o.ignore + cfg.ignore)
        analysis = Analysis(document, document.lang, glossary, {"rules_dir": o.rules or cfg.rules})
        found: list[Finding] = []
        for rule_class in rules:
            found.extend(rule_class().check(analysis))
        report_unused = any(r.code == "TM001" for r in rules)
        found = apply_suppressions(document, found, report_unused)
        for f in found:
            level = cfg.severity.get(f.code) or cfg.severity.get(f.code[:3])
            if level:
                f.severity = level
        found.sort(key=Finding.sort_key)
        _fingerprint(found)
        _typographic_apostrophes(document, found)
        return found


_SPACE = re.compile(r"\s+")


def _typographic_apostrophes(document, findings: list[Finding]) -> None:
    """Checks compare text with plain apostrophes; a suggestion goes back into the draft, so it
    takes the draft's own apostrophe (UN documents print ’)."""
    curly = document.source.count("\u2019")
    if curly and curly >= document.source.count("'"):
        for f in findings:
            if f.suggestion and "'" in f.suggestion:
                f.suggestion = f.suggestion.replace("'", "\u2019")


def _fingerprint(findings: list[Finding]) -> None:
    """A finding's identity: its rule, the flagged text and a little context, never its line, so
    that it survives lines inserted above and paragraphs reflowed."""
    seen: dict[str, int] = {}
    for f in findings:
        basis = "|".join((f.code, _SPACE.sub(" ", f.text).strip(), _SPACE.sub(" ", f.context).strip()))
        digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        f.fingerprint = digest if n == 0 else f"{digest}-{n}"
