"""What the aligner (documents/align.py) compares of a paragraph or a sentence: its length, kind,
anchors (numbers, symbols, labels) and cognate prefixes, and how rare each is in the two documents."""

from __future__ import annotations

import math
import re
from itertools import repeat

from ..named_tuples import NamedTuple
from .folding import fold_text
from .segment import parse_label


_SYMBOL = re.compile(r"[A-Za-z0-9][\w.()-]*(?:/[\w.()-]+)+")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+|[ \u00a0\u202f]\d{3}(?!\d))*")
_WORD = re.compile(r"[^\W\d_]{4,}")
_TABLE_LABEL = re.compile(r"\s*(\d{1,2})\s*\(?([a-z])\)(?=\s|$)")
# French words whose English translation does not begin with the same four letters, among the
# commonest of UN documents. Folded (no accents, lower case); both sides are cut to four letters.
_FR_EN = """
etat:state etats:states droit:right droits:rights droit:law homme:human hommes:human femme:women
femmes:women œuvre:implementation enfant:child enfants:children fille:girl filles:girls pays:country pays:countries
conseil:council securite:security assemblee:assembly rapport:report travail:work travaux:work
groupe:group paix:peace mise:implementation oeuvre:implementation annee:year annees:years
mois:month jour:day jours:days gouvernement:government gouvernements:governments comite:committee
mesure:measure mesures:measures sante:health lutte:combat lutte:fight contre:against
pauvrete:poverty victime:victim enquete:investigation appui:support aide:assistance aide:aid
fonds:fund ressources:resources besoins:needs besoin:need ordre:agenda point:item seance:meeting
reunion:meeting reunions:meetings traite:treaty traite:trafficking armes:weapons arme:weapon
nucleaire:nuclear nucleaires:nuclear desarmement:disarmament mondial:global mondiale:global
monde:world donnees:data bureau:office nouveau:new nouvelle:new premier:first premiere:first
deuxieme:second troisieme:third quatrieme:fourth cinquieme:fifth sixieme:sixth septieme:seventh
huitieme:eighth neuvieme:ninth dixieme:tenth unies:united nations:nations secretaire:secretary
general:general generale:general personnes:persons trafic:trafficking drogue:drug drogues:drugs
eau:water terre:land jeunes:young jeunes:youth agees:older handicapees:disabilities
handicap:disability autochtones:indigenous emploi:employment marche:market marches:markets
echange:exchange echanges:exchanges croissance:growth entreprises:enterprises entreprise:business
prise:taking compte:account cadre:framework plan:plan objectif:goal objectifs:goals cible:target
cibles:targets durable:sustainable durables:sustainable changements:change changement:change
climatiques:climate climatique:climate egalite:equality sexes:gender genre:gender reseau:network
reseaux:networks societe:society civile:civil membres:members membre:member partenaires:partners
partenariat:partnership renforcement:strengthening renforcer:strengthen capacites:capacity
capacite:capacity elaboration:development elaborer:develop fourniture:provision fournir:provide
prevention:prevention prevenir:prevent reduction:reduction reduire:reduce risque:risk risques:risks
catastrophes:disaster catastrophe:disaster niveau:level niveaux:levels echelle:scale
chef:head chefs:heads declaration:declaration observations:comments observation:observation
dispositions:provisions disposition:provision loi:law lois:laws projet:draft projets:projects
examen:review examiner:consider etude:study etudes:studies enseignement:education ecole:school
ecoles:schools soins:care logement:housing securitaire:security alimentaire:food alimentation:food
paragraphe:paragraph paragraphes:paragraphs annexe:annex presente:present present:present
suite:follow donner:give donnee:given tenue:held tenu:held decide:decided prie:requests
engage:urges invite:invites souligne:stresses note:notes prend:takes rappelant:recalling
rappelle:recalls reaffirmant:reaffirming considerant:considering notant:noting sachant:aware
consciente:conscious soulignant:stressing accueille:welcomes felicite:commends exprime:expresses
"""


def _fr_en_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for item in _FR_EN.split():
        fr, en = item.split(":")
        a, b = fr[:4], en[:4]
        if a != b and len(en) >= 4:
            table.setdefault(a, set()).add(b)
    return {k: frozenset(v) for k, v in table.items()}


_TABLE: dict[str, frozenset[str]] | None = None


class Unit(NamedTuple):
    """What the program compares of a paragraph, a sentence, or several merged."""

    length: int
    kind: str
    anchors: frozenset[str]  # "S..." symbols, "N..." numbers, "L..." labels
    labels: frozenset[str]  # the leading label(s), for conflicts
    lex: frozenset[str]  # cognate prefixes (the French side's also translated through the table)
    own: frozenset[str]  # the prefixes of the text itself
    nw: float  # their total weight (filled in once the weights are known)
    parts: tuple[tuple[frozenset[str], float, frozenset[str]], ...]  # (lex, nw, anchors) of each merged part


def _labels(text: str, kind: str) -> set[str]:
    found: set[str] = set()
    cells = text.split("\t") if kind == "table-row" else [text]
    for cell in cells:
        label = parse_label(cell)
        if label is not None:
            if label.number is not None or label.letter:
                found.add(f"L{label.number if label.number is not None else ''}{label.letter or ''}")
            else:
                head = cell.lstrip().split(".", 1)[0]
                found.add("L" + head)
            continue
        m = _TABLE_LABEL.match(cell)
        if m:
            found.add(f"L{m.group(1)}{m.group(2)}")
    return found


def unit(text: str, kind: str, french: bool, table: dict[str, frozenset[str]]) -> Unit:
    anchors: set[str] = set()
    if "/" in text:
        def symbol(m: re.Match) -> str:
            tok = m.group(0).rstrip(".,;:)(-")
            if any(c.isdigit() for c in tok):
                anchors.add("S" + tok.upper())
                return " "
            return m.group(0)
        rest = _SYMBOL.sub(symbol, text)
    else:
        rest = text
    for m in _NUMBER.finditer(rest):
        digits = "".join(c for c in m.group(0) if c.isdigit()).lstrip("0") or "0"
        anchors.add("N" + digits)
    labels = _labels(text, kind)
    anchors.update(labels)
    own = frozenset(w[:4] for w in _WORD.findall(fold_text(text)))
    lex = own
    if french and own:
        extra = [table[w] for w in own if w in table]
        if extra:
            lex = own.union(*extra)
    return Unit(len(text), kind, frozenset(anchors), frozenset(labels), lex, own, 0.0, ())


def weigh(units: list[Unit], lexw: dict[str, float]) -> list[Unit]:
    out = []
    for u in units:
        nw = sum(lexw.get(p, 1.0) for p in u.own)
        out.append(u._replace(nw=nw, parts=((u.lex, nw, u.anchors),)))
    return out


def merge(units: list[Unit], lexw: dict[str, float]) -> Unit:
    first = units[0]
    if len(units) == 2:
        second = units[1]
        own = first.own | second.own
        common = first.own & second.own
        nw = first.nw + second.nw - (sum(map(lexw.get, common, repeat(1.0))) if common else 0.0)
        return Unit(first.length + second.length + 1,
                     first.kind if first.kind == second.kind else "mixed",
                     first.anchors | second.anchors, first.labels, first.lex | second.lex, own, nw,
                     first.parts + second.parts)
    kinds = {u.kind for u in units}
    own = frozenset().union(*(u.own for u in units))
    return Unit(
        sum(u.length for u in units) + len(units) - 1,
        first.kind if len(kinds) == 1 else "mixed",
        frozenset().union(*(u.anchors for u in units)),
        first.labels,
        frozenset().union(*(u.lex for u in units)),
        own,
        sum(lexw.get(p, 1.0) for p in own),
        tuple(p for u in units for p in u.parts),
    )


def rarity_weights(source: list[Unit], target: list[Unit]) -> tuple[dict[str, float], dict[str, float]]:
    """Weights of anchors and of cognate prefixes: 1 for what one paragraph a side has, less for
    what many have."""
    df_s: dict[str, int] = {}
    df_t: dict[str, int] = {}
    lf_s: dict[str, int] = {}
    lf_t: dict[str, int] = {}
    for units, df, lf in ((source, df_s, lf_s), (target, df_t, lf_t)):
        for u in units:
            for a in u.anchors:
                df[a] = df.get(a, 0) + 1
            for q in u.lex:
                lf[q] = lf.get(q, 0) + 1
    weights: dict[str, float] = {}
    for a in set(df_s) | set(df_t):
        n = max(df_s.get(a, 0), df_t.get(a, 0))
        base = 1.5 if a[0] == "S" else 1.0
        if a[0] == "N" and len(a) <= 2:
            base = 0.5  # a one-digit number says little
        weights[a] = base / n
    total = max(len(source), len(target), 1)
    norm = math.log(1.0 + total)
    lexw: dict[str, float] = {}
    for q in set(lf_s) | set(lf_t):
        n = max(lf_s.get(q, 0), lf_t.get(q, 0))
        lexw[q] = math.log(1.0 + total / n) / norm
    return weights, lexw


def cognate_table() -> dict[str, frozenset[str]]:
    global _TABLE
    if _TABLE is None:
        _TABLE = _fr_en_table()
    return _TABLE
