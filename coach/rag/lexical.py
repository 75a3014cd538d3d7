"""Lexical search: BM25 (bm25s) over short texts, with English stemming and stop words."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

# Words that only say "this is about a colleague": nearly every question and card has them, so
# they tell one card from another nothing. Dropped on top of the English stop words.
DOMAIN_STOPWORDS = (
    "coworker coworkers colleague colleagues peer peers teammate teammates someone somebody "
    "really just get got like want know think feel way thing things also would could should"
).split()
# bm25s ships 33 English stop words; questions are full of pronouns and auxiliaries too.
PLAIN_STOPWORDS = (
    "i me my mine myself you your yours we us our he him his she her hers they them theirs "
    "what which who whom when where why how do does did doing have has had having am been "
    "being can cant dont im ive its so than too very from about up out over all any some "
    "more most other own same only one here now there those"
).split()

# Everyday words for something the cards name plainly, mapped (after stemming) to the cards'
# word, so "the newbie on the team" meets "new to the team".
SAME_AS = {
    "newbi": "new",
    "newcom": "new",
    "rooki": "new",
    "greenhorn": "new",
    "loneli": "lone",
    "isol": "lone",
    "snub": "exclud",
    "ostracis": "exclud",
    "ostraciz": "exclud",
    "sidelin": "exclud",
}


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], Any]:
    import Stemmer
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset([*STOPWORDS_EN, *PLAIN_STOPWORDS, *DOMAIN_STOPWORDS]), Stemmer.Stemmer(
        "english"
    ).stemWord


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed content words of a text."""
    stop, stem = _vocabulary()
    words = re.findall(r"(?u)\b\w\w+\b", text.lower().replace("’", "'").replace("'", ""))
    stems = (stem(w) for w in words if w not in stop)
    return [SAME_AS.get(s, s) for s in stems]


class LexicalIndex:
    """BM25 over a fixed list of texts; scores every text for a query (the lists are small:
    one owner's guidance, a few hundred sections)."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        self.size = len(texts)
        self._docs = [tokens(t) for t in texts]
        self._bm25 = bm25s.BM25()
        if self.size:
            # bm25s cannot index a text with no words; give it a placeholder token instead
            self._bm25.index([d or ["\x00"] for d in self._docs], show_progress=False)
        df: dict[str, int] = {}
        for doc in self._docs:
            for term in set(doc):
                df[term] = df.get(term, 0) + 1
        n = max(self.size, 1)
        self._idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self._unknown_idf = math.log(1 + (n + 0.5) / 0.5)

    def scores(self, query: str) -> list[float]:
        """One BM25 score per text, in the order the texts were given."""
        known = [t for t in tokens(query) if t in self._idf]
        if not known or not self.size:
            return [0.0] * self.size
        return [float(s) for s in self._bm25.get_scores(known)]

    def coverage(self, query: str, indices: Sequence[int]) -> float:
        """Share of the query's content (weighted by rarity) found in the given texts: 1.0 when
        every query word occurs there; words the guidance never uses count as missing."""
        terms = set(tokens(query))
        if not terms:
            return 0.0
        present: set[str] = set()
        for i in indices:
            present.update(self._docs[i])
        weight = {t: self._idf.get(t, self._unknown_idf) for t in terms}
        total = sum(weight.values())
        return sum(w for t, w in weight.items() if t in present) / total if total else 0.0
