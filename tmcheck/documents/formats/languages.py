"""The languages of a bilingual file: only French and English are read, and the direction (source and
target) comes from what the file says and what the options ask, which must agree."""

from __future__ import annotations

import re

from ...errors import InputError
from ...i18n import _
from .units import short

_LANG_NAMES = {
    "fr": "fr", "fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr",
    "en": "en", "eng": "en", "english": "en", "anglais": "en",
}


def norm_lang(code: str | None) -> str | None:
    """'fr-FR', 'fr_CA', 'FR', 'fra' -> 'fr'; 'EN-US' -> 'en'; anything else -> None."""
    if not code:
        return None
    primary = re.split(r"[-_@.\s]", code.strip(), maxsplit=1)[0].lower()
    return _LANG_NAMES.get(primary)


def language(name: str, code: str, where: str = "") -> str:
    lang = norm_lang(code)
    if lang is None:
        where = f" ({where})" if where else ""
        raise InputError(_("{path}: tmcheck checks languages fr and en only, found {found}{where}").format(
            path=name, found=short(code, 30) or _("(empty)"), where=where))
    return lang


def option_language(name: str, code: str | None, option: str) -> str | None:
    if code is None or (isinstance(code, str) and not code.strip()):
        return None
    return language(name, str(code), option)


def other_language(lang: str | None) -> str | None:
    return {"fr": "en", "en": "fr"}.get(lang or "")


def read_direction(name: str, label: str, file_src: str | None, file_tgt: str | None,
                   opt_src: str | None, opt_tgt: str | None, default_src: str | None = None) -> tuple[str, str]:
    """Source and target from what the file says and what the options ask; they must agree."""
    if file_src and file_tgt and file_src == file_tgt:
        raise InputError(_("{path}: the {label} source and target languages are both {lang}").format(
            path=name, label=label, lang=file_src))
    fsrc = file_src or other_language(file_tgt)
    ftgt = file_tgt or other_language(file_src)
    osrc = opt_src or other_language(opt_tgt)
    otgt = opt_tgt or other_language(opt_src)
    if fsrc and osrc and fsrc != osrc:
        raise InputError(_("{path}: {label} languages are {file_source}→{file_target}, not {source}→{target}").format(
            path=name, label=label, file_source=fsrc, file_target=ftgt, source=osrc, target=otgt))
    src = fsrc or osrc or default_src
    if src is None:
        raise InputError(_("{path}: the {label} file does not say its languages; give --source-lang or --target-lang "
                           "(fr or en)").format(path=name, label=label))
    return src, other_language(src)  # type: ignore[return-value]
