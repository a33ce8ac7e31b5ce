"""What `tmcheck facts` prints: each meeting, document and agenda item of a draft, every place that
states something about it, and where two places disagree. Text for editors, JSON for scripts."""

from __future__ import annotations

import json
from datetime import date

from .. import __version__
from ..facts.bodies import body_name
from ..facts.wording import describe
from ..lang.calendar import month_name


def _place(analysis, paragraph, start: int, end: int) -> dict:
    span = analysis.document.span(paragraph, start, end)
    return {"line": span.start.line, "column": span.start.column, "text": paragraph.text[start:end]}


def _days(days) -> list[str]:
    return [d.isoformat() for d in sorted(days)]


def _dates_text(days: frozenset[date] | None, lang: str) -> str:
    if not days:
        return ""
    ds = sorted(days)
    first, last = ds[0], ds[-1]
    contiguous = (last - first).days + 1 == len(ds)
    if len(ds) == 1:
        return f"{first.day} {month_name(lang, first.month)} {first.year}"
    if contiguous and (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {month_name(lang, last.month)} {last.year}"
    if contiguous:
        return f"{first.day} {month_name(lang, first.month)} {first.year} - {last.day} {month_name(lang, last.month)} {last.year}"
    return ", ".join(f"{d.day} {month_name(lang, d.month)} {d.year}" for d in ds)


def _grouped(conflicts, key) -> dict:
    """The conflicts by the entity or mention they are reported at."""
    out: dict = {}
    for c in conflicts:
        out.setdefault(key(c), []).append(c)
    return out


def facts_data(facts) -> dict:
    """The facts of one draft as plain data (the JSON output)."""
    a = facts.analysis
    return {"path": a.document.path, "lang": a.lang, "meetings": _meetings_data(facts),
            "documents": _documents_data(facts), "items": _items_data(facts)}


def _meetings_data(facts) -> list[dict]:
    a = facts.analysis
    lang = a.lang
    date_conflicts = _grouped(facts.date_conflicts, lambda c: c.entity.number)
    meetings = []
    for e in facts.meetings:
        body = e.body
        reports = sorted({m.report for m in e.mentions if m.report})
        mentions = []
        for m in e.mentions:
            place = _place(a, m.paragraph, m.start, m.end)
            place.update({"ordinal": m.ordinal, "dates": _days(m.dates.covered) if m.dates else None,
                          "report": m.report, "venue": m.venue})
            mentions.append(place)
        conflicts = [{"line": _place(a, c.at.paragraph, c.at.start, c.at.end)["line"],
                      "dates": _dates_text(c.at.dates.covered, lang),
                      "other_line": _place(a, c.other.paragraph, c.other.start, c.other.end)["line"],
                      "other_dates": _dates_text(c.other.dates.covered, lang)}
                     for c in date_conflicts.get(e.number, [])]
        ordinals = sorted({m.ordinal for m in e.mentions if m.ordinal is not None})
        meetings.append({
            "body": body_name(a, body), "body_id": None if body.startswith("generic:") else body,
            "kind": e.mentions[0].kind, "ordinals": ordinals, "dates": _days(e.dates() or ()),
            "dates_text": _dates_text(e.dates(), lang),
            "venues": sorted({m.venue for m in e.mentions if m.venue}), "reports": reports,
            "mentions": mentions, "conflicts": conflicts})
    return meetings


def _documents_data(facts) -> list[dict]:
    a = facts.analysis
    citation_conflicts = _grouped(facts.citation_conflicts, lambda c: c.at.key)
    documents = []
    for e in facts.documents:
        citations = []
        conflicts = []
        for c in e.mentions:
            place = _place(a, c.paragraph, c.start, c.end)
            place.update({"symbols": list(c.symbols), "title": c.title_text or None, "kind": c.kind,
                          "listed": c.listed})
            citations.append(place)
            for k in citation_conflicts.get(c.key, []):
                conflicts.append({"kind": k.kind, "line": place["line"],
                                  "other_line": _place(a, k.other.paragraph, k.other.start, k.other.end)["line"]})
        reports_on = sorted({m.number for m in facts.meetings for s in e.symbols
                             if any(x.report == s for x in m.mentions)})
        documents.append({"symbols": e.symbols, "kind": next((c.kind for c in e.mentions if c.kind), None),
                          "titles": sorted({c.title_text for c in e.mentions if c.title}),
                          "meetings": reports_on, "citations": citations, "conflicts": conflicts})
    return documents


def _items_data(facts) -> list[dict]:
    a = facts.analysis
    item_conflicts = _grouped(facts.item_conflicts, lambda c: c.at.key)
    items = []
    for e in facts.items:
        agenda = e.agenda
        places = []
        for m in e.mentions:
            first = m.title[0] if m.title else m.label
            place = _place(a, first.paragraph, first.start, first.end)
            place.update({"place": m.place, "text": m.title_text() if m.title else m.label.paragraph.text[m.label.start:m.label.end]})
            places.append(place)
        conflicts = []
        for c in item_conflicts.get(e.key, []):
            first = c.at.title[0]
            conflicts.append({"line": _place(a, first.paragraph, first.start, first.end)["line"], "place": c.at.place,
                              "differs": describe(c.changes)})
        number, letter = e.key
        items.append({"number": number, "letter": letter, "label": e.mentions[0].label_text,
                      "title": agenda.title_text() if agenda else None, "places": places, "conflicts": conflicts})
    return items


_PLACE_NAMES = {"agenda": "agenda", "heading": "annotations", "programme": "organization of work",
                "reference": "reference"}


def render_facts_text(data: list[dict]) -> str:
    out: list[str] = []
    for doc in data:
        path = doc["path"]
        out.append(f"{path} ({doc['lang']})")
        out.append("")
        out.append(f"Meetings ({len(doc['meetings'])})")
        for m in doc["meetings"]:
            name = m["kind"]
            if m["ordinals"]:
                name = f"{m['kind']} no. {', '.join(map(str, m['ordinals']))}"
            line = f"  {m['body']}: {name}"
            if m["dates_text"]:
                line += f", {m['dates_text']}"
            if m["venues"]:
                line += f", {' / '.join(m['venues'])}"
            if m["reports"]:
                line += f"; report {', '.join(m['reports'])}"
            out.append(line)
            for p in m["mentions"]:
                out.append(f"      {path}:{p['line']}:{p['column']}: {p['text']}")
            for c in m["conflicts"]:
                out.append(f"    ! dated {c['dates']} at line {c['line']} but {c['other_dates']} at line {c['other_line']}")
        out.append("")
        out.append(f"Documents ({len(doc['documents'])})")
        for d in doc["documents"]:
            kind = f" ({d['kind']})" if d["kind"] else ""
            out.append(f"  {' - '.join(d['symbols'])}{kind}")
            for t in d["titles"]:
                out.append(f"      title: {t}")
            for c in d["citations"]:
                where = "documentation list" if c["listed"] else "text"
                out.append(f"      {path}:{c['line']}:{c['column']}: {'-'.join(c['symbols'])} ({where})")
            for c in d["conflicts"]:
                what = "another title" if c["kind"] == "title" else "another symbol"
                out.append(f"    ! cited with {what} at line {c['line']} than at line {c['other_line']}")
        out.append("")
        out.append(f"Agenda items ({len(doc['items'])})")
        for i in doc["items"]:
            out.append(f"  {i['label']}. {i['title'] or ''}")
            for p in i["places"]:
                out.append(f"      {path}:{p['line']}:{p['column']}: {_PLACE_NAMES[p['place']]}: {p['text']}")
            for c in i["conflicts"]:
                out.append(f"    ! {_PLACE_NAMES[c['place']]} at line {c['line']} differs from the agenda: {c['differs']}")
        out.append("")
    return "\n".join(out).rstrip("\n")


def render_facts(data: list[dict], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"tool": "tmcheck", "version": __version__, "documents": data}, ensure_ascii=False, indent=2)
    return render_facts_text(data)
