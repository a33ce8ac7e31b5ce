"""Writing a memory out as TMX 1.4 (French source, English target), readable by any CAT tool."""

from __future__ import annotations

from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

from .. import __version__


def write_tmx(segments: Iterable[tuple[int, str, str, str, str]]) -> bytes:
    """``segments``: (id, memory, French, English, note), as :meth:`MemoryStore.segments` yields them."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<tmx version="1.4">',
           f'  <header creationtool="tmcheck" creationtoolversion={quoteattr(__version__)} segtype="sentence" '
           'o-tmf="tmcheck" adminlang="en" srclang="fr" datatype="plaintext"/>',
           "  <body>"]
    for sid, memory, fr, en, note in segments:
        out.append(f"    <tu tuid={quoteattr(f'{memory}-{sid}')}>")
        out.append(f'      <prop type="x-memory">{escape(memory)}</prop>')
        if note:
            out.append(f"      <note>{escape(note)}</note>")
        out.append(f'      <tuv xml:lang="fr"><seg>{escape(_xml_safe(fr))}</seg></tuv>')
        out.append(f'      <tuv xml:lang="en"><seg>{escape(_xml_safe(en))}</seg></tuv>')
        out.append("    </tu>")
    out += ["  </body>", "</tmx>", ""]
    return "\n".join(out).encode("utf-8")


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold control characters other than tab and newlines: drop them."""
    return "".join(c for c in text if c >= " " or c in "\t\n\r") if any(c < " " for c in text) else text
