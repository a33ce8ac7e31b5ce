"""Run the selected rules over drafts: read, detect the language, check, suppress, then finish each
finding (finishing.py: fingerprint, apostrophes, fix applicability); a source and its translation
have their rules run by pair_rules.py."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from pathlib import Path

from ..facts.analysis import Analysis, PairAnalysis
from ..documents import collect_drafts, read_document
from ..documents.formats import BILINGUAL_SUFFIXES
from ..errors import InputError
from ..findings import SEVERITY_RANK, Finding
from ..glossary import Glossary, load_glossary
from ..i18n import _
from ..lang.detect import detect_language
from ..records import NEW, Record
from ..resources import glossary_dir, rules_dir
from .config import Config, find_config, load_config
from .finishing import fingerprint, fix_applicability, typographic_apostrophes
from .draft_rules import run_draft_rules
from .registry import registry
from .rule_files import CODE as HOUSE_STYLE, chosen, is_rule_id, load_rules, unknown_ids
from .suppression import apply_suppressions

STANDARD_PHRASING = "TM503"  # the rule that compares sentences with the memories (checks/phrasing.py)


class Options(Record):
    """What the command line asked for; None means "as the config file says"."""

    FIELDS = ("lang", "select", "ignore", "fail_on", "config", "glossary", "rules", "source", "source_lang",
              "target_lang", "include_fuzzy")

    def __init__(self, lang: str | None = None, select: list[str] | None = None, ignore: list[str] = NEW,
                 fail_on: str | None = None, config: Path | None = None, glossary: Path | None = None,
                 rules: Path | None = None, source: Path | None = None, source_lang: str | None = None,
                 target_lang: str | None = None, include_fuzzy: bool = False):
        self.lang = lang  # fr | en | auto
        self.select = select
        self.ignore = [] if ignore is NEW else ignore
        self.fail_on = fail_on
        self.config = config
        self.glossary = glossary
        self.rules = rules
        self.source = source  # the source document of the (one) draft: a document pair
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.include_fuzzy = include_fuzzy


class FileFailure(Record):
    """A file that could not be checked: its path and the one-line reason (which names the path,
    and the line when there is one: "draft.po:12: PO syntax error: ...")."""

    FIELDS = ("path", "message")

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message

    @property
    def reason(self) -> str:
        """The message without the path it starts with."""
        head = f"{self.path}:"
        return self.message[len(head):].lstrip() if self.message.startswith(head) else self.message

    @property
    def line(self) -> int | None:
        m = re.match(r"(\d+):", self.reason)
        return int(m.group(1)) if m else None


class Result(Record):
    FIELDS = ("findings", "files", "notices", "fail_on", "drafts", "failures")

    def __init__(self, findings: list[Finding], files: int, notices: list[str], fail_on: str,
                 drafts: list[Path] = NEW, failures: list[FileFailure] = NEW):
        self.findings = findings
        self.files = files  # the files checked (those that failed not counted)
        self.notices = notices
        self.fail_on = fail_on
        self.drafts = [] if drafts is NEW else drafts  # the files checked, in order
        self.failures = [] if failures is NEW else failures  # the files that could not be checked

    def failed(self) -> bool:
        threshold = SEVERITY_RANK[self.fail_on]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings if f.decision != "dismissed")


@contextmanager
def _without_collections(ending: bool = False):
    """No cyclic garbage collection while a draft is checked: a large one builds hundreds of
    thousands of objects (the parsed file, its pairs, the analyses) that live until it is done,
    and the collector would walk them again and again for nothing (mypy raises its thresholds for
    the same reason).

    ``ending``: no draft follows and the process ends with the run (the command line says so: a
    program that lints file after file with the collector off must still get each draft's cycles
    collected). The last draft's cycles are then left to the end of the process: collecting them
    would walk everything the run built once more (~20 ms of a one-file lint)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Once the draft's structures are freed, the cycles they leave (polib's parser holds the
        # file it parsed so) are collected, among the few young objects that remain.
        if enabled or not ending:
            gc.collect(0)
        if enabled:
            gc.enable()


def _checked(cfg: Config) -> Config:
    """A config whose rule selectors (select, ignore, severity) all name rules of the table (the ids
    of declarative rules are checked against the rules folder when it is read: Linter.house_rules)."""
    for key in (cfg.select or []) + cfg.ignore + list(cfg.severity):
        if not is_rule_id(key) and not registry().matches(key):
            raise InputError(_("{path}: unknown rule or family '{code}' (see 'tmcheck rules')").format(path=cfg.path, code=key))
    return cfg


class Linter:
    def __init__(self, options: Options):
        self.options = options
        self._configs: dict[Path, Config] = {}
        self._glossaries: dict[Path, Glossary] = {}
        self.explicit = _checked(load_config(options.config)) if options.config else None
        for key in (options.select or []) + options.ignore:
            if not is_rule_id(key) and not registry().matches(key):
                raise InputError(_("unknown rule or family '{code}' (see 'tmcheck rules')").format(code=key))

    def config_for(self, draft: Path) -> Config:
        if self.explicit:
            return self.explicit
        folder = draft.parent.resolve()
        if folder not in self._configs:
            path = find_config(folder)
            self._configs[folder] = _checked(load_config(path)) if path else Config()
        return self._configs[folder]

    def levels(self, cfg: Config) -> dict[str, str]:
        """The severity of each rule the config sets, by code: its [severity] keys are codes,
        prefixes, names or families, the narrower winning (TM2 = "info" with TM204 = "error")."""
        if cfg.levels is None:
            reg = registry()
            keys = sorted(cfg.severity, key=lambda k: -len(reg.matches(k)))
            cfg.levels = {row.code: cfg.severity[k] for k in keys for row in reg.matches(k)}
            # A declarative rule's own level, by its id (narrower than TM402's: see _finish).
            cfg.levels.update({k.lower(): level for k, level in cfg.severity.items() if is_rule_id(k)})
        return cfg.levels

    def glossary(self, folder: Path) -> Glossary:
        folder = folder.resolve()
        if folder not in self._glossaries:
            self._glossaries[folder] = load_glossary(folder)
        return self._glossaries[folder]

    def lint_paths(self, paths: list[str], progress=None, final: bool = False) -> Result:
        """Lint files and folders. ``progress(drafts)``, when given, wraps the list of drafts (the CLI
        shows a progress bar with it; the engine itself never prints). ``final``: the process ends
        with this run (the command line), so the last draft's cycles need no collection.

        A file that cannot be read (missing, binary, broken, a TSV without fr and en columns) is
        recorded as a failure and the others are checked; a broken config file or --source ends the
        run (InputError), as they concern every file."""
        o = self.options
        failures: list[FileFailure] = []
        if o.source is not None:
            drafts = [Path(p) for p in paths]
            if len(drafts) != 1 or not drafts[0].is_file():
                raise InputError(_("--source pairs one source document with one translation: give exactly one draft file"))
        else:
            drafts = collect_drafts(paths, failures=lambda raw, message: failures.append(FileFailure(raw, message)))
        findings: list[Finding] = []
        notices: list[str] = []
        checked: list[Path] = []
        fail_on = o.fail_on
        for n, draft in enumerate(progress(drafts) if progress else drafts, 1):
            ending = final and n == len(drafts)
            cfg = self.config_for(draft)
            self.house_rules(cfg)  # a broken rules file or an unknown rule id ends the run, as a config does
            fail_on = fail_on or cfg.fail_on
            if o.source is not None:  # one pair: its failure is the run's
                with _without_collections(ending):
                    findings.extend(self._lint_draft(draft, cfg, notices))
                checked.append(draft)
                continue
            try:
                with _without_collections(ending):
                    found = self._lint_draft(draft, cfg, notices)
            except InputError as exc:
                failures.append(FileFailure(str(draft), str(exc)))
                continue
            except RecursionError:
                failures.append(FileFailure(str(draft), _("{path}: too deeply nested to read").format(path=draft)))
                continue
            except OSError as exc:
                what = exc.strerror or " ".join(str(exc).split())
                failures.append(FileFailure(str(draft), _("{path}: cannot read ({reason})").format(
                    path=draft, reason=what)))
                continue
            findings.extend(found)
            checked.append(draft)
        order = {str(d): i for i, d in enumerate(drafts)}
        failures.sort(key=lambda f: order.get(f.path, -1))
        return Result(findings, len(checked), notices, fail_on or "warning", checked, failures)

    def _lint_draft(self, draft: Path, cfg: Config, notices: list[str]) -> list[Finding]:
        o = self.options
        if o.source is not None:
            bitext, more = self._document_pair(Path(o.source), draft, cfg)
            notices.extend(more)
            return self.lint_bitext(bitext, cfg)
        if draft.suffix.lower() in BILINGUAL_SUFFIXES:
            # the bilingual readers only for a PO, TMX, XLIFF or TSV file (start-up cost of a plain lint)
            from ..documents.formats import read_bilingual
            from ..documents.offsets import target_offsets
            from ..documents.pairs import from_bilingual

            bilingual = read_bilingual(draft, o.source_lang, o.target_lang)
            return self.lint_bitext(from_bilingual(bilingual, o.include_fuzzy, target_offsets), cfg)
        document = read_document(draft)
        notices.extend(document.notices)
        return self.lint_document(document, cfg)

    def _document_pair(self, source_path: Path, target_path: Path, cfg: Config):
        # the aligner only for a draft given with --source (start-up cost of a plain lint)
        from ..documents.align import align
        from ..documents.pairs import from_alignment

        source, target = read_document(source_path), read_document(target_path)
        o = self.options
        source.lang = o.source_lang or detect_language(source.text)
        target.lang = o.target_lang or detect_language(target.text)
        if source.lang == target.lang:
            other = "en" if source.lang == "fr" else "fr"
            raise InputError(_("{source} and {target} both read as {lang}; say which is which with "
                               "--source-lang {lang} --target-lang {other} (or the reverse)").format(
                source=source_path, target=target_path, lang=source.lang, other=other))
        bitext = from_alignment(source, target, align(source, target, source.lang, target.lang), source.lang, target.lang)
        return bitext, source.notices + target.notices

    def _rows(self, cfg: Config):
        """The rows of the selected rules. A declarative rule's id selects TM402 (whose check then
        runs that rule only: house_rules); ignoring one leaves TM402 and its other rules."""
        o = self.options
        select = o.select if o.select is not None else cfg.select
        if select is not None:
            select = [s for s in select if not is_rule_id(s)] + ([HOUSE_STYLE] if any(map(is_rule_id, select)) else [])
        return registry().select(select, [s for s in o.ignore + cfg.ignore if not is_rule_id(s)])

    def _rules(self, cfg: Config, scope: str | None = None):
        """The classes of the selected rules (of one scope: only their modules are imported)."""
        reg = registry()
        return [reg.rule(row) for row in self._rows(cfg) if scope in (None, row.scope)]

    def house_rules(self, cfg: Config):
        """The declarative rules TM402 runs with this config: read from the rules folder (the engine
        reads files, checks never do), each id named by the options or the config checked against
        them, and chosen by --select/--ignore (see rule_files.chosen)."""
        o = self.options
        select = o.select if o.select is not None else cfg.select
        ignore = o.ignore + cfg.ignore
        runs = any(row.code == HOUSE_STYLE for row in self._rows(cfg))
        named = [k for k in (o.select or []) + o.ignore if is_rule_id(k)]
        named_in_config = [k for k in (cfg.select or []) + cfg.ignore + list(cfg.severity) if is_rule_id(k)]
        if not runs and not named and not named_in_config:
            return ()
        folder = Path(o.rules or cfg.rules or rules_dir())
        rules = load_rules(folder)  # kept in this process until a file of the folder changes (tmcheck.cache)
        for keys, where in ((named, None), (named_in_config, cfg.path)):
            unknown = unknown_ids(rules, keys)
            if unknown:
                problem = _("unknown rule '{id}' (see 'tmcheck rules'; the declarative rules are those of "
                            "{folder}/*.yaml, each named <file name>.<id>)").format(id=unknown[0], folder=folder)
                raise InputError(problem if where is None else _("{path}: {problem}").format(path=where, problem=problem))
        if not runs:
            return ()
        whole = not select or any(row.code == HOUSE_STYLE for s in select if not is_rule_id(s)
                                      for row in registry().matches(s))
        return chosen(rules, select, ignore, whole)

    def _inputs(self, cfg: Config, rules, lang: str) -> dict:
        """What the selected checks read besides the draft and the glossary, read here (a check never
        reads a file): the declarative rules TM402 runs, and the memories' standard phrases in the
        draft's language that TM503 compares its sentences with."""
        inputs: dict = {"house_rules": self.house_rules(cfg)}
        if any(r.code == STANDARD_PHRASING for r in rules):
            from ..memory.phrases import standard_phrases  # only when TM503 runs: the memories are large

            inputs["standard_phrases"] = {lang: standard_phrases(lang)}
        return inputs

    def analyse(self, draft: Path) -> list[Analysis]:
        """What the checks see of a draft (for ``tmcheck facts``): its analysis, or for a
        bilingual file or a document pair, the analysis of each side (source first)."""
        cfg = self.config_for(draft)
        o = self.options
        glossary = self.glossary(o.glossary or cfg.glossary or glossary_dir())
        if o.source is not None:
            bitext, _notices = self._document_pair(Path(o.source), draft, cfg)
        elif draft.suffix.lower() in BILINGUAL_SUFFIXES:
            # the bilingual readers only for a PO, TMX, XLIFF or TSV file (start-up cost of a plain lint)
            from ..documents.formats import read_bilingual
            from ..documents.offsets import target_offsets
            from ..documents.pairs import from_bilingual

            bitext = from_bilingual(read_bilingual(draft, o.source_lang, o.target_lang), o.include_fuzzy, target_offsets)
        else:
            document = read_document(draft)
            lang = o.lang or cfg.lang or "auto"
            document.lang = detect_language(document.text) if lang == "auto" else lang
            return [Analysis(document, document.lang, glossary)]
        pa = PairAnalysis(bitext, glossary)
        return [pa.source, pa.target]

    def lint_document(self, document, cfg: Config | None = None) -> list[Finding]:
        cfg = cfg or Config()
        o = self.options
        lang = o.lang or cfg.lang or "auto"
        document.lang = detect_language(document.text) if lang == "auto" else lang
        glossary = self.glossary(o.glossary or cfg.glossary or glossary_dir())
        rules = self._rules(cfg, "draft")
        analysis = Analysis(document, document.lang, glossary, self._inputs(cfg, rules, document.lang))
        found = run_draft_rules(analysis, rules)
        report_unused = any(r.code == "TM001" for r in rules)
        return self._finish(document, apply_suppressions(document, found, report_unused), cfg)

    def lint_bitext(self, bitext, cfg: Config | None = None) -> list[Finding]:
        """A source and its translation: the draft rules on the translation, the pair rules on both."""
        cfg = cfg or Config()
        o = self.options
        glossary = self.glossary(o.glossary or cfg.glossary or glossary_dir())
        rules = self._rules(cfg)
        # The draft rules read the translation: the memories' phrases in its language.
        options = self._inputs(cfg, rules, bitext.target_lang)
        pa = PairAnalysis(bitext, glossary, options)
        # the pair rules' runner only for a source and its translation (start-up cost of a plain lint)
        from .pair_rules import one_finding_per_title_slip, prefer_pair_findings, run_rules

        found = one_finding_per_title_slip(prefer_pair_findings(run_rules(pa, rules, glossary, options), rules))
        report_unused = any(r.code == "TM001" for r in rules)
        found = apply_suppressions(bitext.target, found, report_unused)
        return self._finish(bitext.target, found, cfg)

    def _finish(self, document, found: list[Finding], cfg: Config) -> list[Finding]:
        levels = self.levels(cfg)
        for f in found:
            level = (levels.get(f.rule_id) if f.rule_id else None) or levels.get(f.code)
            if level:
                f.severity = level
        found.sort(key=Finding.sort_key)
        fingerprint(found)
        typographic_apostrophes(document, found)
        fix_applicability(document, found)
        return found
