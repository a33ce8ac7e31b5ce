"""The house's standard phrasing, as the lint rule TM503 needs it: the bundled memories' sentences in
one language, normalised, loaded from the compiled-data cache.

Read with the standard library's XML parser: these are tmcheck's own files, and a plain
``tmcheck lint`` must not pay for lxml (user files go through documents.safe_xml, which refuses
entity declarations).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from ..cache import cached
from ..lang.text import lowered_words
from ..named_tuples import NamedTuple
from .fuzzy import min_length_ratio
from .normalize import normalize

_WORD = re.compile(r"\w+")
# Phrases a block of lanes (Phrases.lanes): integers of a few hundred bytes at most, and the
# bundled memories (~250 sentences a language) in one block.
BLOCK = 256
# Asked for every sentence of a draft, always with the same score: looked up, not computed again.
_min_length_ratio = cache(min_length_ratio)


class Phrases(NamedTuple):
    """Sorted by length, so that the phrases a sentence can reach a score against are one slice."""

    texts: list[str]  # as written in the memory
    norms: list[str]  # normalised, for scoring
    memory: list[str]  # the memory each comes from
    lengths: list[int]  # len(norms[i]), ascending
    # Folded word -> the phrases holding it (words in many phrases left out), as integers of
    # `width` bits a phrase, 1 in the lane of each: one integer per block of BLOCK phrases the word
    # is in, (block, integer) in ascending order. Adding the integers of a text's words counts
    # every phrase's shared words at once, in C. In blocks so that what is kept grows with the
    # words' phrases, as postings would (one integer spanning every phrase would make it grow
    # with the vocabulary times the phrases: 28 MB for a memory of 4,000 sentences).
    lanes: dict[str, tuple[tuple[int, int], ...]]
    width: int  # bits a lane: its top bit above any phrase's count of distinctive words
    # For each block, 2**(width-1) - need in each of its phrases' lanes, need being how many of its
    # distinctive words a text must share with a phrase to be compared: added to the counts, a
    # lane reaches its top bit exactly where the count reaches need (never carrying into the next).
    bias: list[int]
    top: int  # the top bit of every lane of a block
    block: int  # phrases a block (BLOCK when built: the cached value keeps the layout it was built with)

    def candidates(self, text: str, min_score: int) -> list[int]:
        """The phrases worth scoring against ``text``, in ascending order: of a fitting length, and
        sharing enough of their distinctive words (a text that reaches 80 against a phrase keeps
        most of its words; most sentences reach no phrase). Run on every sentence of every draft,
        so it reads the raw text: lower-cased words, nothing else; and counts in C: the words a
        text shares with every phrase looked up in one set operation, their phrases' lanes added
        up as integers."""
        lo, hi = self.within(len(text), min_score)
        if lo >= hi:
            return []
        lanes = self.lanes
        shared = lanes.keys() & lowered_words(text)
        if not shared:
            return []
        counts: dict[int, int] = {}
        for w in shared:
            for block, bits in lanes[w]:
                counts[block] = counts.get(block, 0) + bits
        width, bias, top = self.width, self.bias, self.top
        out = []
        for block in sorted(counts):
            # The top bit of each lane whose count reached its need.
            reached = (counts[block] + bias[block]) & top
            first = block * self.block
            while reached:
                bit = reached & -reached
                i = first + (bit.bit_length() - 1) // width
                if lo <= i < hi:  # of a fitting length
                    out.append(i)
                reached ^= bit
        return out

    def within(self, length: int, min_score: int) -> tuple[int, int]:
        """The slice of phrases whose length lets them score ``min_score`` against a text of this
        length (fuzzy.min_length_ratio)."""
        r = _min_length_ratio(min_score)
        return bisect_left(self.lengths, length * r), bisect_right(self.lengths, length / r)


def standard_phrases(lang: str) -> Phrases:
    from ..resources import bundled_memories

    files = bundled_memories()
    return cached(f"phrases-{lang}", files, lambda: _build(files, lang))


def _build(files, lang: str) -> Phrases:
    import xml.etree.ElementTree as ET

    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    rows = []
    seen = set()
    for f in files:
        for tu in ET.parse(f).getroot().iter("tu"):
            for tuv in tu.iter("tuv"):
                if (tuv.get(xml_lang) or tuv.get("lang") or "").lower()[:2] != lang:
                    continue
                seg = tuv.find("seg")
                text = "".join(seg.itertext()).strip() if seg is not None else ""
                norm = normalize(text)
                if norm and norm not in seen:
                    seen.add(norm)
                    rows.append((len(norm), norm, text, f.name.split(".")[0]))
    rows.sort()
    norms = [r[1] for r in rows]
    postings: dict[str, list[int]] = {}
    for i, norm in enumerate(norms):
        for w in set(_WORD.findall(norm.lower())):
            postings.setdefault(w, []).append(i)
    common = {w for w, ids in postings.items() if len(ids) > max(3, len(norms) // 20)}
    for w in common:
        del postings[w]
    distinctive = [len(set(_WORD.findall(n.lower())) - common) for n in norms]
    # Half the distinctive words, at least one: lenient enough for a reworded sentence.
    need = [max(1, d // 2) for d in distinctive]
    # A lane holds at most a phrase's distinctive words plus 2**(width-1) - need: below 2**width.
    width = max(distinctive, default=0).bit_length() + 1
    lanes = {}
    for w, ids in postings.items():
        blocks: dict[int, int] = {}
        for i in ids:
            block, lane = divmod(i, BLOCK)
            blocks[block] = blocks.get(block, 0) | 1 << width * lane
        lanes[w] = tuple(sorted(blocks.items()))
    bias = [sum((1 << width - 1) - n << width * lane for lane, n in enumerate(need[b:b + BLOCK]))
            for b in range(0, len(norms), BLOCK)]
    top = sum(1 << width * lane + width - 1 for lane in range(BLOCK))
    return Phrases([r[2] for r in rows], norms, [r[3] for r in rows], [r[0] for r in rows], lanes, width, bias, top, BLOCK)
