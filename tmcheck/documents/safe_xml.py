"""XML parsed safely, for every XML format tmcheck reads: TMX, XLIFF, TBX and the parts of a .docx.

lxml parses with entity resolution, DTD loading and network access off; a document whose DOCTYPE
declares anything (entities, elements) or that uses XInclude is refused before parsing (so that an
entity bomb is never expanded) and again after (whatever the prolog scan saw). The one DOCTYPE let
through is the bare reference to the TMX DTD. lxml is imported by the functions that need it.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..i18n import N_, _
from .formats.units import one_line

_UTF8_BOM = b"\xef\xbb\xbf"
ENTITY_REFUSED = N_("XML with a DTD (a DOCTYPE) or XInclude is not allowed (entity declarations, external entities, "
                    "entity expansion and inclusions are refused)")
_XINCLUDE = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
# The one DOCTYPE let through: the bare reference to the TMX DTD that CAT tools write at the top of
# every export (the specification's own examples carry it). It declares nothing and is never loaded.
_TMX_DOCTYPE = re.compile(r"<!DOCTYPE\s+tmx\s+SYSTEM\s+([\"'])tmx1[1-4]\.dtd\1\s*>")


def _xml_encoding(data: bytes) -> tuple[str, int]:
    """The codec and BOM length of an XML file (BOM, else the declaration, else UTF-8)."""
    if data.startswith(_UTF8_BOM):
        return "utf-8", 3
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le", 2
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be", 2
    if data.startswith(b"<\x00"):
        return "utf-16-le", 0
    if data.startswith(b"\x00<"):
        return "utf-16-be", 0
    m = re.match(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", data[:512])
    return (m.group(1).decode("ascii").lower() if m else "utf-8"), 0


def _prolog_doctype(s: str) -> str | None:
    """The DOCTYPE declaration before the root element, if any (an unterminated one runs to the end
    of the text)."""
    i, n = 0, len(s)
    while i < n:
        while i < n and s[i] in " \t\r\n\ufeff":
            i += 1
        if s.startswith("<?", i):
            j = s.find("?>", i + 2)
            if j == -1:
                return None
            i = j + 2
        elif s.startswith("<!--", i):
            j = s.find("-->", i + 4)
            if j == -1:
                return None
            i = j + 3
        elif s.startswith("<!DOCTYPE", i):
            j, depth, quote = i + 9, 0, ""
            while j < n:
                c = s[j]
                if quote:
                    if c == quote:
                        quote = ""
                elif c in "\"'":
                    quote = c
                elif c == "[":
                    depth += 1
                elif c == "]":
                    depth -= 1
                elif c == ">" and depth <= 0:
                    break
                j += 1
            return s[i:j + 1]
        else:
            return None
    return None


def _refuse_entities(name: str, data: bytes) -> None:
    """Refuse any DOCTYPE but the bare TMX one, before parsing (so that an entity bomb is never
    expanded, and nothing declared is ever read)."""
    encoding, bom = _xml_encoding(data)
    if encoding.startswith("utf-16"):
        scan = data[bom:].decode(encoding, errors="replace")
    elif b"<!DOCTYPE" in data:
        scan = data.decode("latin-1")  # markup is ASCII in every ASCII-compatible encoding
    else:
        return
    doctype = _prolog_doctype(scan)
    if doctype is not None and not _TMX_DOCTYPE.fullmatch(doctype):
        raise InputError(refusal(name))


def refusal(name: str) -> str:
    """The one line that refuses an XML file with a DTD or XInclude, in the language of messages."""
    return _("{path}: {refused}").format(path=name, refused=_(ENTITY_REFUSED))


def parse_safe_xml(name: str, data: bytes, remove_pis: bool = False):
    """The root element of an XML file, parsed with DTDs and XInclude refused before and after
    parsing (no entity declaration, no external entity, no entity expansion, no inclusion, no
    network); any failure is one InputError. Every XML format tmcheck reads (TMX, XLIFF, TBX, and
    the parts of a .docx: see documents/formats/docx.py) goes through here or through check_parsed."""
    _refuse_entities(name, data)
    # lxml only when XML is parsed (start-up cost of a plain lint)
    from lxml import etree

    try:
        root = etree.fromstring(data, safe_parser(remove_pis))
    except etree.XMLSyntaxError as exc:
        raise InputError(xml_error(name, exc)) from None
    except (ValueError, etree.LxmlError) as exc:
        raise InputError(_("{path}: cannot parse XML ({reason})").format(
            path=name, reason=one_line(str(exc)))) from None
    if root is None:
        raise InputError(_("{path}: empty XML document").format(path=name))
    check_parsed(name, root)
    return root


def safe_parser(remove_pis: bool = False):
    # lxml only when XML is parsed (start-up cost of a plain lint)
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=remove_pis)


def xml_error(name: str, exc) -> str:
    """One line for lxml's syntax error, with the line where it is known."""
    message = getattr(exc, "msg", None) or str(exc)
    if "amplification" in message or "entity reference loop" in message.lower():
        return refusal(name)
    line = getattr(exc, "lineno", None) or (exc.position[0] if getattr(exc, "position", None) else 0)
    where = f"{name}:{line}" if line else name
    return _("{path}: malformed XML: {reason}").format(path=where, reason=one_line(message))


def check_parsed(name: str, root) -> None:
    """After parsing, whatever the prolog scan saw: no DTD but the bare TMX one, no XInclude."""
    info = root.getroottree().docinfo
    dtd = info.internalDTD  # present, empty, for a bare DOCTYPE
    declares = dtd is not None and (next(dtd.iterentities(), None) is not None
                                    or next(dtd.iterelements(), None) is not None)
    if declares or info.externalDTD is not None:
        raise InputError(refusal(name))
    if info.doctype and not (info.root_name == "tmx" and info.public_id is None
                             and re.fullmatch(r"tmx1[1-4]\.dtd", info.system_url or "")):
        raise InputError(refusal(name))
    for ns in _XINCLUDE:
        if next(root.iter(f"{{{ns}}}*"), None) is not None:
            raise InputError(refusal(name))


def xml_text(name: str, data: bytes) -> str:
    """The text of an XML file, decoded as its BOM or declaration says, BOM removed (the positions
    of the TMX and XLIFF readers refer to it)."""
    encoding, bom = _xml_encoding(data)
    try:
        text = data[bom:].decode(encoding)
    except LookupError:
        raise InputError(_("{path}: unknown encoding {encoding!r} in the XML declaration").format(
            path=name, encoding=encoding)) from None
    except UnicodeDecodeError as exc:
        raise InputError(_("{path}: is not valid {encoding} (byte offset {start})").format(
            path=name, encoding=encoding, start=exc.start)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text
