"""Standard phrasing for each sentence of a draft: the closest memory segments, fuzzy or semantic."""

from __future__ import annotations

import re

from ..named_tuples import NamedTuple
from .store import Match

# A semantic match below this cosine (× 100) is more often another sentence on the same subject than
# the same sentence in other words. Measured with the default encoder: paraphrases of the bundled
# standard sentences score 59 and up; of 300 random UN sentences (UNPC), 3% reach 55 against the
# bundled memory, 1.7–2.7% reach 60.
SEMANTIC_MIN = 55

_WORDS = re.compile(r"[^\W\d_]{2,}")


class Sentence(NamedTuple):
    path: str
    line: int
    text: str


class Suggestion(NamedTuple):
    sentence: Sentence
    matches: list[Match]


def draft_sentences(document) -> list[Sentence]:
    """The draft's sentences (and headings, agenda lines) that have words to match: at least two."""
    from ..documents.segment import sentences

    out = []
    for p in document.paragraphs:
        for start, end in sentences(p.text):
            text = p.text[start:end].strip()
            if len(_WORDS.findall(text)) < 2:
                continue
            a, _ = p.source_range(start, end)
            # Shown as the draft writes it (’, no-break spaces): a 100 % match shows no difference.
            out.append(Sentence(document.path, document.position(a).line, document.verbatim(p, start, end).strip()))
    return out


def suggest(sentences: list[Sentence], lang: str, memories, *, min_score: int = 75, limit: int = 3,
            encoder=None, progress=None) -> list[Suggestion]:
    """Each sentence with its best matches: fuzzy (score ≥ ``min_score``) and, with an encoder,
    semantic (cosine ≥ SEMANTIC_MIN); one entry per stored pair, the higher score kept, best first."""
    from .library import best_matches

    semantic: list[list[Match]] = [[] for _ in sentences]
    if encoder is not None and sentences:
        semantic = memories.semantic([s.text for s in sentences], lang, encoder, limit=limit,
                                     min_score=SEMANTIC_MIN, progress=progress)
    out = []
    for sentence, near in zip(sentences, semantic):
        fuzzy = memories.fuzzy(sentence.text, lang, min_score=min_score, limit=limit)
        out.append(Suggestion(sentence, best_matches(fuzzy + near, limit)))
    return out
